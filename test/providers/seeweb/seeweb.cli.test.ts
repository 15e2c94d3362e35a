import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { demoAdapter } from '../../../src-main/providers/demo/demo.adapter.ts';
import { createRegistry } from '../../../src-main/providers/index.ts';
import { seewebAdapter } from '../../../src-main/providers/seeweb/seeweb.adapter.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { startSeewebFake } from '../../fakes/seeweb/seeweb.fake.ts';
import { runCliForTest } from '../../support/cli.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { fixtureMonth } from './seeweb.setup.ts';

const NOW = '2026-11-21T12:00:00Z';

interface ReportMeter {
  id: string;
  unit: string;
  used: number;
  quota: number | null;
  quotaSource: string | null;
  percentUsed: number | null;
  level: string;
  period: { start: string; timeZone: string };
}

describe('cloudmeter check against the Seeweb fake', () => {
  it('reports the month-to-date euros per server and the total against the user’s budget', async () => {
    const fake = await startSeewebFake({ now: () => Date.parse(NOW) });
    onTestFinished(() => fake.close());
    const account = {
      ...fake.account('seeweb-main'),
      quotas: [
        {
          id: 'budget',
          label: 'Monthly budget',
          match: { meterIds: ['cost-total'] },
          limit: { amount: 50, unit: 'EUR' },
        },
      ],
    };
    const configFile = join(await tempDir(), 'config.json');
    await writeFile(configFile, JSON.stringify({ version: 1, accounts: [account] }));
    const secrets = new MemorySecretStore({
      'seeweb-main': Object.fromEntries(fake.secretFields.map((f) => [f, fake.credentials[f]!])),
    });

    const run = await runCliForTest(['check', '--json'], {
      configFile,
      now: NOW,
      secrets,
      providers: createRegistry([demoAdapter, seewebAdapter]),
    });

    const report = JSON.parse(run.stdout) as {
      status: string;
      accounts: { id: string; state: string; meters: ReportMeter[] }[];
    };
    expect(run.stderr, run.stdout).toBe('');
    expect(run.code, run.stdout.slice(0, 1500)).toBe(0);
    expect(report.status).toBe('ok');
    const [seeweb] = report.accounts;
    expect(seeweb).toMatchObject({ id: 'seeweb-main', state: 'ok' });
    const expected = fixtureMonth(0);
    const byId = new Map(seeweb!.meters.map((m) => [m.id, m]));
    const total = byId.get('cost-total')!;
    expect(total).toMatchObject({
      unit: 'EUR',
      quota: 50,
      quotaSource: 'user',
      level: 'ok',
      period: { start: '2026-11-01T00:00:00+01:00', timeZone: 'Europe/Rome' },
    });
    expect(total.used).toBeCloseTo(expected.total, 9);
    expect(total.percentUsed).toBeCloseTo((expected.total / 50) * 100, 9);
    for (const [name, cost] of expected.perServer) {
      const meter = byId.get(`cost:server:${name}`)!;
      expect(meter.used).toBeCloseTo(cost, 9);
      expect(meter.quota).toBeNull();
    }
    expect(byId.get('cost:snapshots')!.used).toBeCloseTo(expected.snapshots, 9);
    expect(byId.get('cost:templates')!.used).toBeCloseTo(expected.templates, 9);
  });
});
