import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { demoAdapter } from '../../../src-main/providers/demo/demo.adapter.ts';
import { createRegistry } from '../../../src-main/providers/index.ts';
import { surfercloudAdapter } from '../../../src-main/providers/surfercloud/surfercloud.adapter.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { startSurfercloudFake } from '../../fakes/surfercloud/surfercloud.fake.ts';
import { runCliForTest } from '../../support/cli.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { MONTH_START, NOW, NOW_S, expectedDays, trafficEips } from './support.ts';

interface ReportMeter {
  id: string;
  kind: string;
  used: number;
  quota: number | null;
  quotaSource: string | null;
  period: { start: string; timeZone: string };
}

describe('cloudmeter check with a SurferCloud account', () => {
  it('reports GB per traffic-billed EIP and the total against the default watch limit', async () => {
    const fake = await startSurfercloudFake({ now: () => Date.parse(NOW) });
    onTestFinished(() => fake.close());
    const configFile = join(await tempDir(), 'config.json');
    await writeFile(configFile, JSON.stringify({ version: 1, accounts: [fake.account('sc')] }));
    const secrets = new MemorySecretStore({ sc: { privateKey: fake.credentials.privateKey! } });

    const run = await runCliForTest(['check', '--json'], {
      configFile,
      secrets,
      now: NOW,
      providers: createRegistry([demoAdapter, surfercloudAdapter]),
    });
    const report = JSON.parse(run.stdout) as {
      status: string;
      accounts: { id: string; state: string; meters: ReportMeter[] }[];
    };
    const account = report.accounts[0]!;
    expect(account.state).toBe('ok');
    expect(report.status).toBe('ok');
    expect(run.code).toBe(0);

    let total = 0;
    for (const eip of trafficEips(NOW_S)) {
      const gb = expectedDays(eip, MONTH_START / 1000, NOW_S, NOW_S).reduce((a, d) => a + d.gb, 0);
      total += gb;
      const meter = account.meters.find((m) => m.id === `transfer-out:${eip.id}`)!;
      expect(meter.used).toBe(gb * 1e9);
      expect(meter.quota).toBeNull();
    }
    const line = account.meters.find((m) => m.id === 'transfer-out:total')!;
    expect(line).toMatchObject({
      used: total * 1e9,
      quota: 1e12,
      quotaSource: 'default',
      period: { start: '2026-11-01T00:00:00+08:00', timeZone: 'Asia/Shanghai' },
    });
    expect(account.meters).toHaveLength(trafficEips(NOW_S).length + 1);
    expect(run.stdout).not.toContain(fake.credentials.privateKey);
  });
});
