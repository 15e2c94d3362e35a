import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoAdapter } from '../../../src-main/providers/demo/demo.adapter.ts';
import { idcfAdapter } from '../../../src-main/providers/idcf/idcf.adapter.ts';
import { createRegistry } from '../../../src-main/providers/index.ts';
import { startIdcfFake } from '../../fakes/idcf/idcf.fake.ts';
import { idcfFixtureRows } from '../../fakes/idcf/idcf.fixture.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { runCliForTest } from '../../support/cli.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { NOW } from './idcf-setup.ts';

interface ReportMeter {
  id: string;
  used: number;
  quota: number | null;
  quotaSource: string | null;
  percentUsed: number | null;
  level: string;
  period: { start: string; end: string; timeZone: string };
}

/** GB of transfer (in + out, every zone) in the fixture's current bill for a region. */
const fixtureGb = (region: string) =>
  idcfFixtureRows(0)
    .filter((r) => r.Category === 'Internet Data Transfer' && r.Region === region)
    .reduce((sum, r) => sum + Number(r.Usage), 0);

describe('cloudmeter check against the IDCF fake', () => {
  it('reports each region’s transfer against 3,240 GB and the bill in JPY, status ok', async () => {
    const fake = await startIdcfFake({ now: () => Date.parse(NOW) });
    try {
      const configFile = join(await tempDir(), 'config.json');
      await writeFile(
        configFile,
        JSON.stringify({ version: 1, accounts: [fake.account('idcf-main')] }),
      );
      const secrets = new MemorySecretStore({
        'idcf-main': { apiKey: fake.credentials.apiKey!, secretKey: fake.credentials.secretKey! },
      });
      const run = await runCliForTest(['check', '--json'], {
        configFile,
        secrets,
        now: NOW,
        providers: createRegistry([demoAdapter, idcfAdapter]),
      });
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout) as {
        status: string;
        accounts: {
          state: string;
          dataAsOf: string;
          meters: ReportMeter[];
          notices: { message: string }[];
        }[];
      };
      const account = report.accounts[0]!;
      expect(account.state).toBe('ok');
      expect(report.status).toBe('ok');
      expect(run.code).toBe(0);
      expect(Date.parse(account.dataAsOf)).toBe(Date.parse('2026-11-21T00:00:00+09:00'));
      const meter = (id: string) => account.meters.find((m) => m.id === id)!;
      for (const region of ['jp-east', 'jp-east-2', 'jp-west']) {
        const total = meter(`transfer-total:${region}`);
        expect(total.used).toBe(fixtureGb(region) * 1e9);
        expect(total.quota).toBe(3240e9);
        expect(total.quotaSource).toBe('default');
        expect(total.percentUsed).toBeCloseTo((fixtureGb(region) / 3240) * 100, 10);
        expect(total.period).toEqual({
          start: '2026-11-01T00:00:00+09:00',
          end: '2026-12-01T00:00:00+09:00',
          timeZone: 'Asia/Tokyo',
        });
        expect(meter(`transfer-in:${region}`).quota).toBeNull();
      }
      expect(meter('transfer-total:jp-east').used).toBe(512_750_000_000);
      expect(meter('transfer-total:jp-east-2').level).toBe('ok'); // 1,800.5 GB: 55.6 %
      // The core spreads a month-to-date reading over the days it covers and sums the slices,
      // so yen can carry float noise in the last bits (268.00000000000006).
      expect(meter('cost:net').used).toBeCloseTo(268, 6);
      expect(meter('cost:gross').used).toBeCloseTo(3274, 6);
      expect(account.notices.map((n) => n.message)).toContain(
        'Coupons took ¥3,006 off the 2026-11 bill so far.',
      );
      expect(run.stdout).not.toContain(fake.credentials.secretKey!);
    } finally {
      await fake.close();
    }
  });
});
