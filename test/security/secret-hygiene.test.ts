import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretInput } from '../../src-main/cli/cli-env.ts';
import { currentFetchRange } from '../../src-main/core/accounts.ts';
import type { Logger } from '../../src-main/core/logger.ts';
import { readAccount } from '../../src-main/core/read-account.ts';
import { redactingAdapter, redactingSecretStore, Redactor } from '../../src-main/core/redact.ts';
import { createRedactingLogger } from '../../src-main/platform/log/redacting-logger.ts';
import {
  ADAPTERS,
  createRegistry,
  providerRegistry,
  type ProviderRegistry,
} from '../../src-main/providers/index.ts';
import { AccountSchema } from '../../src-shared/domain/account.ts';
import { PROVIDER_FAKES } from '../fakes/index.ts';
import type { FakeRequest } from '../fakes/fake-server.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';
import type { StartProviderFake } from '../fakes/provider-fake.ts';
import { runCliForTest } from '../support/cli.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { testHttpClient } from '../support/http.ts';
import { tempDir } from '../support/temp-dir.ts';
import { echoAdapter, startEchoFake } from './echo-provider.ts';
import { faultsEchoing } from './echoing-faults.ts';
import { filesUnder, findLeaks, formOf, type Evidence } from './leak-detector.ts';
import { wireCredentials } from './wire-credentials.ts';

/**
 * Every provider, run against its fake with known secrets through everything that writes or
 * shows text (the CLI's output, log lines, error messages, the config file, every file in the
 * data folder, where the history database lives), and then searched for those secrets and
 * their encodings. New providers are covered as soon as they are in the manifest
 * (src-main/providers/index.ts) and their fake in test/fakes/index.ts.
 */

const NOW = '2026-11-21T06:00:00Z';
const REPLAY_WINDOW_MS = 5 * 60_000 + 1_000;

function piped(text: string): SecretInput {
  return {
    interactive: false,
    readAll: () => Promise.resolve(text),
    promptHidden: () => Promise.reject(new Error('not a terminal')),
  };
}

interface Outcome {
  readonly evidence: Evidence[];
  /** Label → value: the fake's secrets and the wrong ones typed along the way. */
  readonly secrets: Record<string, string>;
  /** What the fake server received, for proving the search can see a secret. */
  readonly received: readonly FakeRequest[];
}

/** Everything a user, a log file or a disk could see of one provider, with its secrets. */
async function exercise(registry: ProviderRegistry, start: StartProviderFake): Promise<Outcome> {
  const clock = new FakeClock(NOW);
  const fake = await start({ now: () => clock.now() });
  try {
    const adapter = registry.adapterFor(fake.provider);
    expect(adapter, `no adapter for the fake of "${fake.provider}"`).toBeDefined();
    const secretKeys = adapter!.descriptor.credentialFields
      .filter((f) => f.secret)
      .map((f) => f.key);
    expect([...fake.secretFields].sort()).toEqual([...secretKeys].sort());
    const good = Object.fromEntries(secretKeys.map((k) => [k, fake.credentials[k]!]));
    const wrong = Object.fromEntries(
      secretKeys.map((k, i) => [k, `${good[k]!.slice(0, 4)}WRONG${i}x${good[k]!.slice(-4)}`]),
    );

    const root = await tempDir('cloudmeter-hygiene-');
    const configFile = join(root, 'config.json');
    const env = { CLOUDMETER_CONFIG: configFile, CLOUDMETER_DATA_DIR: join(root, 'data') };
    const account = AccountSchema.parse(fake.account('hygiene'));
    await writeFile(
      configFile,
      JSON.stringify({ version: 1, accounts: [fake.account('hygiene')] }),
    );
    const store = new MemorySecretStore();
    const evidence: Evidence[] = [];
    const logLines: string[] = [];
    const rawLog: Logger = {
      debug: (m, f) => logLines.push(JSON.stringify({ m, f })),
      info: (m, f) => logLines.push(JSON.stringify({ m, f })),
      warn: (m, f) => logLines.push(JSON.stringify({ m, f })),
      error: (m, f) => logLines.push(JSON.stringify({ m, f })),
    };
    // One clock for the fake and every run, moved on between runs: some providers refuse a
    // request timestamp they have seen in the last five minutes (CDNetworks).
    const cli = async (label: string, argv: string[], input?: string) => {
      clock.advance(REPLAY_WINDOW_MS);
      const run = await runCliForTest(argv, {
        configFile,
        clock,
        providers: registry,
        secrets: store,
        env,
        log: rawLog,
        ...(input === undefined ? {} : { input: piped(input) }),
      });
      evidence.push({ where: `${label}: stdout`, text: run.stdout });
      evidence.push({ where: `${label}: stderr`, text: run.stderr });
      return run;
    };
    const lines = (values: Record<string, string>) =>
      `${secretKeys.map((k) => values[k]).join('\n')}\n`;

    // Storing: refused with wrong keys (the provider's error is shown), then accepted.
    expect((await cli('secret set (wrong)', ['secret', 'set', 'hygiene'], lines(wrong))).code).toBe(
      3,
    );
    const set = await cli('secret set', ['secret', 'set', 'hygiene'], lines(good));
    expect(set.code, set.stderr).toBe(0);
    const options = Object.entries(account.options).flatMap(([k, v]) => [
      '--option',
      `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`,
    ]);
    const add = [
      ...['accounts', 'add', account.provider, '--id', 'hygiene-2', ...options],
      ...(account.baseUrl ? ['--base-url', account.baseUrl] : []),
    ];
    expect((await cli('accounts add (wrong)', add, lines(wrong))).code).toBe(3);
    const added = await cli('accounts add', add, lines(good));
    expect(added.code, added.stderr).toBe(0);

    // Reading: all well, then every fault the provider can throw at us, echoing the secrets.
    const ok = await cli('check --json', ['check', '--json']);
    const report = JSON.parse(ok.stdout) as { accounts: { id: string; state: string }[] };
    expect(report.accounts.map((a) => a.state)).toEqual(['ok', 'ok']);
    await cli('check', ['check']);
    for (const [i, fault] of Object.values(good).flatMap(faultsEchoing).entries()) {
      fake.server.inject(fault);
      clock.advance(REPLAY_WINDOW_MS);
      await cli(`check --json with fault ${i} (${fault.kind})`, ['check', '--json']);
      clock.advance(REPLAY_WINDOW_MS);
      const redactor = new Redactor();
      const reading = await readAccount(
        {
          http: testHttpClient(),
          clock,
          secrets: redactingSecretStore(store, redactor),
          log: createRedactingLogger({
            redactor,
            write: (l) => logLines.push(l),
            minLevel: 'debug',
          }),
        },
        redactingAdapter(adapter!, redactor),
        account,
        currentFetchRange(account, adapter!.descriptor, clock.now()),
        new AbortController().signal,
      );
      evidence.push({ where: `readAccount with fault ${i}`, text: JSON.stringify(reading) });
      fake.server.clearFaults();
    }

    // An expired key in the keychain: the provider's refusal is shown and logged.
    for (const [k, v] of Object.entries(wrong)) await store.set('hygiene', k, v);
    await cli('check with a revoked key', ['check']);
    await cli('secret status', ['secret', 'status']);
    await cli('secret status --json', ['secret', 'status', '--json']);
    await cli('accounts list --json', ['accounts', 'list', '--json']);
    await cli('accounts remove', ['accounts', 'remove', 'hygiene-2']);

    evidence.push({ where: 'log lines', text: logLines.join('\n') }, ...(await filesUnder(root)));
    const secrets: Record<string, string> = {};
    for (const k of secretKeys) {
      secrets[`${k} (good)`] = good[k]!;
      secrets[`${k} (wrong)`] = wrong[k]!;
    }
    return { evidence, secrets, received: [...fake.server.requests] };
  } finally {
    await fake.close();
  }
}

describe('secret hygiene', () => {
  it('covers every provider in the manifest: each one has a fake server, and each fake a provider', () => {
    const providers = ADAPTERS.filter((a) => !a.descriptor.demo).map((a) => a.descriptor.id);
    const withoutFake = providers.filter((id) => PROVIDER_FAKES[id] === undefined);
    expect(withoutFake, 'providers without a fake in test/fakes/index.ts (PROVIDER_FAKES)').toEqual(
      [],
    );
    const withoutProvider = Object.keys(PROVIDER_FAKES).filter(
      (id) => !providers.includes(id as (typeof providers)[number]),
    );
    expect(withoutProvider, 'fakes whose provider is not in the manifest').toEqual([]);
  });

  it('the Echo provider, which repeats every credential it gets, leaks none of them', async () => {
    const { evidence, secrets, received } = await exercise(
      createRegistry([echoAdapter]),
      startEchoFake,
    );
    // The search sees secrets the way they travel: inside the Basic headers the fake received,
    // URL-encoded, raw...
    const headers = received.map((r) => r.headers.authorization).join('\n');
    expect(findLeaks(secrets, [{ where: 'Authorization', text: headers }])).toContainEqual({
      where: 'Authorization',
      secret: 'apiKey (good)',
      form: 'base64',
    });
    const apiSecret = secrets['apiSecret (good)']!;
    expect(formOf(`?s=${encodeURIComponent(apiSecret)}`, apiSecret)).toBe('url');
    expect(formOf(`"${apiSecret}"`, apiSecret)).toBe('raw');
    // ...and echoed them back, so the redaction had work to do.
    expect(evidence.filter((e) => e.text.includes('[redacted]')).length).toBeGreaterThan(10);
    expect(findLeaks({ ...secrets, ...wireCredentials(received) }, evidence)).toEqual([]);
  });

  for (const [id, start] of Object.entries(PROVIDER_FAKES)) {
    it(`${id} leaks no secret, nor a credential it sent, into output, logs, errors or files`, async () => {
      const { evidence, secrets, received } = await exercise(providerRegistry, start);
      const wire = wireCredentials(received);
      expect(Object.keys(wire).length, 'credentials seen on the wire').toBeGreaterThan(0);
      expect(findLeaks({ ...secrets, ...wire }, evidence)).toEqual([]);
    });
  }
});
