import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { validateConfig } from '../../../src-main/core/config-validation.ts';
import { cdnetworksAdapter } from '../../../src-main/providers/cdnetworks/cdnetworks.adapter.ts';
import { demoAdapter } from '../../../src-main/providers/demo/demo.adapter.ts';
import { createRegistry } from '../../../src-main/providers/index.ts';
import { startCdnetworksFake } from '../../fakes/cdnetworks/cdnetworks-fake.ts';
import { WATCHED } from '../../fakes/cdnetworks/cdnetworks-fixture.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { runCliForTest } from '../../support/cli.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { datesFrom, storageOn, trafficBytes } from './cdnetworks-expected.ts';
import { NOW } from './cdnetworks-setup.ts';

interface Report {
  exitCode: number;
  accounts: {
    id: string;
    state: string;
    error: unknown;
    meters: { id: string; kind: string; used: number; period: { start: string } }[];
  }[];
}

describe('cloudmeter check with a CDNetworks account', () => {
  it.each(['aksk', 'api-key'] as const)(
    'reports ok and the exact figures of the fake (%s scheme)',
    async (authScheme) => {
      const fake = await startCdnetworksFake({ now: () => Date.parse(NOW), authScheme });
      onTestFinished(() => fake.close());
      const configFile = join(await tempDir(), 'config.json');
      await writeFile(configFile, JSON.stringify({ version: 1, accounts: [fake.account('cdn')] }));
      const secrets = new MemorySecretStore({
        cdn: Object.fromEntries(fake.secretFields.map((f) => [f, fake.credentials[f]!])),
      });

      const run = await runCliForTest(['check', '--json'], {
        configFile,
        secrets,
        now: NOW,
        providers: createRegistry([demoAdapter, cdnetworksAdapter]),
      });

      const report = JSON.parse(run.stdout) as Report;
      const account = report.accounts[0]!;
      expect(account).toMatchObject({ id: 'cdn', state: 'ok', error: null });
      expect(report.exitCode).toBe(0);
      const used = Object.fromEntries(account.meters.map((m) => [m.id, m.used]));
      const november = datesFrom('2026-11-01', '2026-11-21');
      const expected: Record<string, number> = {};
      for (const domain of WATCHED) {
        expected[`transfer-total:${domain}`] = november.reduce(
          (sum, day) => sum + trafficBytes(domain, day, Date.parse(NOW)),
          0,
        );
        expected[`storage:${domain}`] = storageOn(domain, '2026-11-21');
      }
      expect(used).toEqual(expected);
      expect(account.meters[0]!.period.start).toBe('2026-11-01T00:00:00+09:00');
      expect(run.stdout).not.toContain(fake.credentials.secretKey!);
      expect(run.stdout).not.toContain(fake.credentials.apiKey!);
    },
  );
});

describe('the CDNetworks doc', () => {
  it('gives an example account that the config validation accepts', async () => {
    const doc = await readFile(
      new URL('../../../docs/providers/cdnetworks.md', import.meta.url),
      'utf8',
    );
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!) as unknown;
    const result = validateConfig({ version: 1, accounts: [example] }, (id) =>
      id === 'cdnetworks' ? cdnetworksAdapter.descriptor : undefined,
    );
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
