import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src-main/cli/check-report.ts';
import type { AccountInput } from '../../src-shared/domain/account.ts';
import type { ProviderErrorKind } from '../../src-shared/domain/errors.ts';
import type { Fault } from '../fakes/fake-server.ts';
import { PROVIDER_FAKES } from '../fakes/index.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';
import { serviceNamed, monthToDate } from '../fakes/memset/memset.fixture.ts';
import { idcfFixtureRows } from '../fakes/idcf/idcf.fixture.ts';
import { WATCHED } from '../fakes/cdnetworks/cdnetworks-fixture.ts';
import type { ProviderFake } from '../fakes/provider-fake.ts';
import { ADAPTERS } from '../../src-main/providers/index.ts';
import { runCliForTest } from '../support/cli.ts';
import { datesFrom, storageOn, trafficBytes } from './cdnetworks/cdnetworks-expected.ts';
import { fixtureMonth } from './seeweb/seeweb.setup.ts';
import { MONTH_START, expectedDays, trafficEips } from './surfercloud/support.ts';

/**
 * The five providers together, as a user runs them: one config file with an account on each
 * fake, `cloudmeter check --json`, and the history kept between runs. Each provider's own tests
 * go deeper; this checks the figures the tray will show and that one provider's trouble stays
 * its own.
 */
const NOW = '2026-11-21T12:00:00Z';
const now = Date.parse(NOW);
/** Each check runs a few minutes after the last, as polls do (providers limit request rates). */
let clock = now;
type Account = CheckReport['accounts'][number];

const fakes = new Map<string, ProviderFake>();
let workDir = '';
let configFile = '';
let dataDir = '';
const secrets = new MemorySecretStore();

beforeAll(async () => {
  // One folder for the whole file: the history must survive from one check to the next.
  workDir = await mkdtemp(join(tmpdir(), 'cloudmeter-all-providers-'));
  configFile = join(workDir, 'config.json');
  dataDir = join(workDir, 'data');
  await writeFile(configFile, JSON.stringify({ version: 1, accounts: await startAll() }));
});

async function startAll() {
  const accounts: AccountInput[] = [];
  for (const [provider, start] of Object.entries(PROVIDER_FAKES)) {
    const fake = await start({ now: () => clock });
    fakes.set(provider, fake);
    const account = fake.account(provider);
    // Seeweb has no default quota: a budget, as its doc shows.
    const quotas =
      provider === 'seeweb'
        ? [
            {
              id: 'budget',
              match: { meterIds: ['cost-total'] },
              limit: { amount: 50, unit: 'EUR' },
            },
          ]
        : [];
    accounts.push({ ...account, quotas: [...(account.quotas ?? []), ...quotas] });
    for (const field of fake.secretFields)
      await secrets.set(provider, field, fake.credentials[field]!);
  }
  return accounts;
}

afterAll(async () => {
  await Promise.all([...fakes.values()].map((f) => f.close()));
  await rm(workDir, { recursive: true, force: true });
});

async function check(): Promise<{ report: CheckReport; code: number; ms: number }> {
  const started = Date.now();
  clock += 6 * 60_000;
  const run = await runCliForTest(['check', '--json'], {
    configFile,
    dataDir,
    secrets,
    now: new Date(clock).toISOString(),
  });
  return {
    report: JSON.parse(run.stdout) as CheckReport,
    code: run.code,
    ms: Date.now() - started,
  };
}

const meter = (account: Account, id: string) => {
  const found = account.meters.find((m) => m.id === id);
  if (!found)
    throw new Error(
      `${account.id} has no meter ${id}: ${account.meters.map((m) => m.id).join(', ')}`,
    );
  return found;
};

/** The name each provider's calls start with in messages: "IDCF" of "IDCF Cloud". */
const CALL_PREFIX = Object.fromEntries(
  ADAPTERS.map((a) => [a.descriptor.id, a.descriptor.displayName.split(' ')[0]!]),
);

/** What each fake's data implies for the headline figures (computed from the fixtures). */
const HEADLINES: Record<string, (account: Account) => void> = {
  idcf: (account) => {
    const rows = idcfFixtureRows(0);
    for (const region of ['jp-east', 'jp-east-2', 'jp-west']) {
      const gb = rows
        .filter((r) => r.Category === 'Internet Data Transfer' && r.Region === region)
        .reduce((sum, r) => sum + Number(r.Usage), 0);
      const total = meter(account, `transfer-total:${region}`);
      expect(total.used).toBe(gb * 1e9);
      expect(total.quota).toBe(3240e9);
    }
    // Yen including tax: gross is every charge, net what is left after the coupon rows.
    const nets = rows.map((r) => Number(r.Net));
    const gross = nets.filter((n) => n > 0).reduce((a, b) => a + b, 0);
    const coupons = nets.filter((n) => n < 0).reduce((a, b) => a + b, 0);
    expect(coupons).toBeLessThan(0);
    expect(meter(account, 'cost:gross').used).toBe(gross);
    expect(meter(account, 'cost:net').used).toBe(gross + coupons);
  },
  memset: (account) => {
    const mtd = monthToDate(serviceNamed('myserver1')!, 'server', clock);
    const total = meter(account, 'transfer-total:myserver1:server');
    expect(Math.round(total.used)).toBe(mtd.in + mtd.out);
    expect(total.quota).toBe(1_250_000_000_000); // inclusive transfer + bandwidth bank
    expect(total.quotaSource).toBe('provider');
  },
  cdnetworks: (account) => {
    const november = datesFrom('2026-11-01', '2026-11-21');
    for (const domain of WATCHED) {
      expect(meter(account, `storage:${domain}`).used).toBe(storageOn(domain, '2026-11-21'));
      const traffic = november.reduce((sum, day) => sum + trafficBytes(domain, day, clock), 0);
      expect(traffic).toBeGreaterThan(0);
      expect(meter(account, `transfer-total:${domain}`).used).toBe(traffic);
    }
  },
  surfercloud: (account) => {
    const nowS = Math.floor(clock / 1000);
    let totalGb = 0;
    for (const eip of trafficEips(nowS)) {
      const gb = expectedDays(eip, MONTH_START / 1000, nowS, nowS).reduce((a, d) => a + d.gb, 0);
      expect(meter(account, `transfer-out:${eip.id}`).used).toBe(gb * 1e9);
      totalGb += gb;
    }
    expect(totalGb).toBeGreaterThan(0);
    expect(meter(account, 'transfer-out:total').used).toBe(totalGb * 1e9);
  },
  seeweb: (account) => {
    const expected = fixtureMonth(0);
    expect(meter(account, 'cost-total').used).toBe(expected.total);
    expect(meter(account, 'cost-total').quota).toBe(50);
  },
};

describe('cloudmeter check against all five providers', () => {
  it('reports every provider ok with the figures its data implies', async () => {
    const { report, code } = await check();
    expect(Object.keys(HEADLINES).sort()).toEqual([...fakes.keys()].sort());
    expect(report.accounts.map((a) => [a.id, a.state, a.error])).toEqual(
      [...fakes.keys()].map((id) => [id, 'ok', null]),
    );
    for (const account of report.accounts) HEADLINES[account.provider]!(account);
    expect([0, 1, 2]).toContain(code);
  });

  /** Where the fakes listen, as the HTTP client names them: `127.0.0.1:<port>`. */
  const HOST = String.raw`127\.0\.0\.1:\d+`;
  const HINT = String.raw`; check the network or the provider's status page; Cloudmeter will try again$`;
  /**
   * Each fault, the kind it must give, and what the message must say after the call's name
   * (every call is named after its provider: "CDNetworks traffic of www.example.com: …").
   */
  const FAULTS: [string, Fault, ProviderErrorKind, RegExp][] = [
    [
      'a 5xx',
      { kind: 'status', status: 503, json: { message: 'maintenance' } },
      'server',
      /: provider error \(HTTP 503\)/,
    ],
    [
      'a 429 with Retry-After',
      {
        kind: 'status',
        status: 429,
        json: { message: 'slow down' },
        headers: { 'retry-after': '120' },
      },
      'rate-limited',
      /: rate limited \(HTTP 429\)/,
    ],
    [
      'an answer slower than the timeout',
      { kind: 'slow', delayMs: 6_000 },
      'timeout',
      new RegExp(String.raw`: timed out \(${HOST} sent no complete answer within 3 s\)${HINT}`),
    ],
    [
      'a truncated body',
      { kind: 'truncated' },
      'network',
      new RegExp(
        String.raw`: network error \(${HOST}: the answer was cut off after \d+ bytes of the \d+ announced.*\)${HINT}`,
      ),
    ],
    [
      'a malformed body',
      { kind: 'malformed' },
      'bad-response',
      /: unexpected answer \(HTTP 200\): answer is not JSON \(begins "/,
    ],
    [
      'an oversized body',
      { kind: 'oversized', bytes: 9 * 1024 * 1024 },
      'bad-response',
      new RegExp(
        String.raw`: unexpected answer \(${HOST}: answer .*larger than the 8388608-byte limit\)`,
      ),
    ],
    [
      'a changed schema',
      { kind: 'reshape', transform: () => ({ surprise: 'new shape' }) },
      'bad-response',
      /: unexpected answer \(HTTP 200\): \S+.*(expected|missing|required|Invalid)/i,
    ],
  ];

  describe.each(Object.keys(PROVIDER_FAKES))('%s', (provider) => {
    it.each(FAULTS)(
      'on %s: the right error, the last good data kept, the others unaffected',
      async (_name, fault, kind, says) => {
        const before = (await check()).report;
        const good = before.accounts.find((a) => a.id === provider)!;
        expect(good.state, JSON.stringify(good.error)).toBe('ok');
        const fake = fakes.get(provider)!;
        fake.server.inject(fault);
        try {
          const { report, code, ms } = await check();
          const failed = report.accounts.find((a) => a.id === provider)!;
          expect(failed.state, JSON.stringify(failed.error)).toBe('error');
          expect(failed.error!.kind).toBe(kind);
          const message = failed.error!.message;
          expect(message.startsWith(`${CALL_PREFIX[provider]} `), message).toBe(true);
          expect(message).toMatch(says);
          expect(message).not.toMatch(/undefined|\[object Object\]/);
          // The last good figures stay on show, with the time they were read.
          expect(failed.fetchedAt).toBe(good.fetchedAt);
          expect(failed.meters.map((m) => [m.id, m.used])).toEqual(
            good.meters.map((m) => [m.id, m.used]),
          );
          for (const other of report.accounts.filter((a) => a.id !== provider)) {
            expect(other.state, `${other.id}: ${JSON.stringify(other.error)}`).toBe('ok');
          }
          expect(code).toBe(3);
          // The HTTP client gives up at 3 s per request in tests; retries of a 5xx wait on the fake clock.
          expect(ms).toBeLessThan(15_000);
        } finally {
          fake.server.clearFaults();
        }
      },
    );
  });
});
