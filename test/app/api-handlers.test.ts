import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Account } from '../../src-shared/domain/account.ts';
import { REQUEST_CHANNELS } from '../../src-shared/ipc/channels.ts';
import { requests } from '../../src-shared/ipc/contract.ts';
import { IpcRequestError } from '../../src-shared/ipc/result.ts';
import { validatedCall } from '../../src-main/app/validated-call.ts';
import { silentLogger } from '../../src-main/core/logger.ts';
import { startAppHarness, type AppHarnessOptions } from '../support/app-harness.ts';

async function harness(options: AppHarnessOptions) {
  const h = await startAppHarness(options);
  onTestFinished(() => h.close());
  return h;
}

describe('the IPC contract', () => {
  it('has one handler per channel and one channel per handler', async () => {
    const h = await harness({});
    expect(Object.keys(requests).sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(Object.keys(h.handlers).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });
});

describe('account handlers', () => {
  it('tests a connection and says why it fails, in words', async () => {
    const h = await harness({ fakes: ['idcf'] });
    const fake = h.fakes.get('idcf')!;
    const draft = {
      account: { ...fake.account('idcf'), options: {}, enabled: true, quotas: [] } as never,
      secrets: { apiKey: 'A'.repeat(86), secretKey: 'B'.repeat(86) },
      isNew: true,
    };
    const bad = await h.handlers['accounts:test'](draft);
    expect(bad).toMatchObject({ ok: false, kind: 'auth' });
    expect(!bad.ok && bad.message).toMatch(/credentials rejected/);
    const good = await h.handlers['accounts:test']({
      ...draft,
      secrets: { apiKey: fake.credentials.apiKey!, secretKey: fake.credentials.secretKey! },
    });
    expect(good.ok).toBe(true);
  });

  it('tests a pasted key as it will be stored, and sends a malformed one nowhere', async () => {
    const h = await harness({ fakes: ['idcf'] });
    const fake = h.fakes.get('idcf')!;
    const draft = (apiKey: string) => ({
      account: { ...fake.account('idcf'), options: {}, enabled: true, quotas: [] } as never,
      secrets: { apiKey, secretKey: fake.credentials.secretKey! },
      isNew: true,
    });
    const padded = await h.handlers['accounts:test'](draft(` ${fake.credentials.apiKey!}\n`));
    expect(padded).toMatchObject({ ok: true });
    const sent = fake.server.requests.length;
    const reply = await validatedCall(
      requests['accounts:test'],
      'accounts:test',
      [draft('too-short-to-be-a-key')],
      h.handlers['accounts:test'],
      silentLogger,
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'bad-request',
        message: 'account "idcf": apiKey: does not look like a API key',
      },
    });
    expect(fake.server.requests.length).toBe(sent);
  });

  it('adds an account only when its credentials work, and never returns a secret', async () => {
    const h = await harness({ fakes: ['idcf'] });
    const fake = h.fakes.get('idcf')!;
    const account: Account = {
      id: 'idcf-main',
      provider: 'idcf',
      label: 'IDCF',
      options: {},
      baseUrl: fake.server.baseUrl,
      enabled: true,
      quotas: [],
    };
    const refused = await h.handlers['accounts:save']({
      account,
      secrets: { apiKey: 'A'.repeat(86), secretKey: 'B'.repeat(86) },
      isNew: true,
    });
    expect(refused.test).toMatchObject({ ok: false, kind: 'auth' });
    expect(refused.config.accounts).toEqual([]);
    expect(h.secrets.entries.size).toBe(0);
    const saved = await h.handlers['accounts:save']({
      account,
      secrets: { apiKey: fake.credentials.apiKey!, secretKey: fake.credentials.secretKey! },
      isNew: true,
    });
    expect(saved.test).toMatchObject({ ok: true });
    expect(saved.config.accounts.map((a) => a.id)).toEqual(['idcf-main']);
    const written = JSON.parse(await readFile(h.configFile, 'utf8')) as {
      accounts: { id: string }[];
    };
    expect(written.accounts[0]!.id).toBe('idcf-main');
    const status = await h.handlers['secrets:status']('idcf-main');
    expect(status.fields.map((f) => [f.key, f.present])).toEqual([
      ['apiKey', true],
      ['secretKey', true],
    ]);
    expect(JSON.stringify(status)).not.toContain(fake.credentials.apiKey!);
    await expect(
      h.handlers['accounts:save']({ account, secrets: {}, isNew: true }),
    ).rejects.toThrow(IpcRequestError);
  });

  it('reads an account again at once, or says when its provider allows the next read', async () => {
    const h = await harness({ fakes: ['idcf'], configure: true });
    expect(await h.handlers['usage:refresh']('idcf')).toEqual({ deferred: [] });
    const polls = h.services.store.polls('idcf', 10).length;
    const again = await h.handlers['usage:refresh']('idcf');
    // IDCF allows a read every 15 minutes: the second click schedules one, it does not poll.
    expect(again.deferred).toEqual([{ accountId: 'idcf', at: expect.any(Number) as number }]);
    const at = again.deferred[0]!.at;
    expect(at).toBeGreaterThan(h.clock.now());
    expect(at).toBeLessThanOrEqual(h.clock.now() + 15 * 60_000);
    expect(h.services.store.polls('idcf', 10)).toHaveLength(polls);
    h.scheduler.advanceTo(at);
    await Promise.all(h.services.usage['flights'].inFlight());
    expect(h.services.store.polls('idcf', 10)).toHaveLength(polls + 1);
  });

  it('removes an account with its secrets and its history', async () => {
    const h = await harness({ fakes: ['idcf'], configure: true });
    await h.handlers['usage:refresh']('idcf');
    expect(h.services.store.sampleSpan('idcf')).not.toBeNull();
    const config = await h.handlers['accounts:remove']('idcf');
    expect(config.accounts).toEqual([]);
    expect(h.secrets.entries.size).toBe(0);
    expect(h.services.store.sampleSpan('idcf')).toBeNull();
  });

  it('lists discoverable choices with the typed-in secrets', async () => {
    const h = await harness({ fakes: ['surfercloud'] });
    const fake = h.fakes.get('surfercloud')!;
    const account = {
      ...fake.account('sc'),
      enabled: true,
      quotas: [],
      options: { ...fake.account('sc').options },
    } as never;
    const found = await h.handlers['accounts:discover']({
      account,
      secrets: { privateKey: fake.credentials.privateKey! },
      isNew: true,
    });
    expect(found.regions!.map((c) => c.value)).toContain('us-ca');
  });
});

describe('usage handlers', () => {
  it('lists the periods with history and reads an earlier one', async () => {
    const h = await harness({ fakes: ['idcf'], configure: true });
    await h.handlers['usage:refresh']();
    await Promise.all(h.services.usage['flights'].inFlight()); // the backfill
    const periods = await h.handlers['usage:periods']('idcf');
    expect(periods.length).toBeGreaterThan(1);
    expect(periods[0]!.start).toBeGreaterThan(periods[1]!.start);
    const october = await h.handlers['usage:period']({ accountId: 'idcf', at: periods[1]!.start });
    const november = (await h.handlers['usage:get']()).accounts[0]!;
    const line = (s: typeof november) =>
      s.meters.find((m) => m.meter.id === 'transfer-total:jp-east')!;
    expect(line(october).period.start).toBe(periods[1]!.start);
    expect(line(october).used).not.toBe(line(november).used);
    const series = await h.handlers['usage:series']({
      accountId: 'idcf',
      from: periods.at(-1)!.start,
      to: h.clock.now(),
    });
    expect(series.runs.length).toBeGreaterThan(0);
    expect(
      series.runs.every(
        (r) => r.at.length > 0 && r.at.every((t, i) => i === 0 || t > r.at[i - 1]!),
      ),
    ).toBe(true);
    await expect(
      h.handlers['usage:series']({ accountId: 'idcf', from: 0, to: h.clock.now() }),
    ).rejects.toThrow(/at most three years/);
  });

  it('saves an export where the user chose, and nothing when cancelled', async () => {
    const h = await harness({ fakes: ['idcf'], configure: true });
    await h.handlers['usage:refresh']();
    const result = await h.handlers['export:save']({ format: 'csv' });
    expect(result).toMatchObject({ saved: true, fileName: 'cloudmeter-usage-2026-11-21.csv' });
    const csv = await readFile(join(h.dir, result.fileName!), 'utf8');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(result.rows + 1);
    h.exports.nextPath = null;
    expect(await h.handlers['export:save']({ format: 'json' })).toEqual({
      saved: false,
      fileName: null,
      rows: 0,
    });
  });

  it('updates settings partially, refuses invalid ones, and opens only descriptor URLs', async () => {
    const h = await harness({ fakes: ['idcf'], configure: true });
    const config = await h.handlers['settings:update']({
      preferences: { units: 'iec' },
      alerts: { forecast: false },
    });
    expect(config.preferences.units).toBe('iec');
    expect(config.preferences.theme).toBe('system');
    expect(config.alerts.forecast).toBe(false);
    const quiet = await h.handlers['settings:update']({
      alerts: { quietHours: { from: '22:00', to: '07:00' } },
    });
    expect(quiet.alerts.quietHours).toEqual({ from: '22:00', to: '07:00' });
    expect((await h.handlers['settings:update']({ alerts: {} })).alerts.quietHours).toEqual({
      from: '22:00',
      to: '07:00',
    });
    expect(
      (await h.handlers['settings:update']({ alerts: { quietHours: null } })).alerts,
    ).not.toHaveProperty('quietHours');
    await expect(
      h.handlers['settings:update']({
        alerts: { thresholds: { warningPercent: 99, criticalPercent: 90 } },
      }),
    ).rejects.toThrow(/warningPercent must be below criticalPercent/);
    expect(await h.handlers['shell:openDashboard']('idcf')).toBe(true);
    expect(h.opened).toEqual(['https://console.idcfcloud.com/']);
  });
});
