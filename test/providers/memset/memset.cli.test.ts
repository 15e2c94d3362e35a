import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { CheckReport } from '../../../src-main/cli/check-report.ts';
import { demoAdapter } from '../../../src-main/providers/demo/demo.adapter.ts';
import { createRegistry } from '../../../src-main/providers/index.ts';
import { memsetAdapter } from '../../../src-main/providers/memset/memset.adapter.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { startMemsetFake } from '../../fakes/memset/memset.fake.ts';
import { monthToDate, serviceNamed } from '../../fakes/memset/memset.fixture.ts';
import { runCliForTest } from '../../support/cli.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { NOW } from './memset.setup.ts';

const now = Date.parse(NOW);

describe('cloudmeter check with a Memset account', () => {
  it('reports the exact figures of the fake account, and its connection in arrears as a warning', async () => {
    const fake = await startMemsetFake({ now: () => now });
    onTestFinished(() => fake.close());
    const configFile = join(await tempDir(), 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({ version: 1, accounts: [fake.account('memset-fake')] }),
    );
    const secrets = new MemorySecretStore({ 'memset-fake': { apiKey: fake.credentials.apiKey! } });

    const run = await runCliForTest(['check', '--json'], {
      configFile,
      secrets,
      now: NOW,
      providers: createRegistry([demoAdapter, memsetAdapter]),
    });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as CheckReport;
    // Every figure is within its quota, but "arrears1" is in arrears: that needs the user.
    expect(report.status).toBe('warning');
    expect(run.code).toBe(1);
    const account = report.accounts.find((a) => a.id === 'memset-fake')!;
    expect(account.state).toBe('ok');
    expect(account.error).toBeNull();

    const line = (id: string) => account.meters.find((m) => m.id === id)!;
    const myserver = monthToDate(serviceNamed('myserver1')!, 'server', now);
    const total = line('transfer-total:myserver1:server');
    expect(Math.round(total.used)).toBe(myserver.in + myserver.out);
    expect(total.quota).toBe(1_250_000_000_000);
    expect(total.quotaSource).toBe('provider');
    expect(total.period).toEqual({
      start: '2026-11-01T00:00:00+00:00',
      end: '2026-12-01T00:00:00+00:00',
      timeZone: 'Europe/London',
    });
    expect(total.level).toBe('ok');

    const unmetered = line('transfer-total:unmetered1:server');
    expect(unmetered.quota).toBeNull();
    expect(unmetered.level).toBe('none');
    const cdn = monthToDate(serviceNamed('mstestaa1')!, 'cdn', now);
    expect(Math.round(line('transfer-out:mstestaa1:cdn').used)).toBe(cdn.out);
    expect(line('storage:mstestaa1').used).toBe(734_003_200_512);

    expect(account.notices).toEqual([
      expect.objectContaining({ level: 'warning', meterId: 'transfer-total:arrears1:server' }),
    ]);
    expect(run.stdout).not.toContain(fake.credentials.apiKey);
  });

  it('exits 0 when the services watched are not in arrears', async () => {
    const fake = await startMemsetFake({ now: () => now });
    onTestFinished(() => fake.close());
    const configFile = join(await tempDir(), 'config.json');
    const account = fake.account('memset-fake');
    const options = { ...account.options, services: ['myserver1', 'unmetered1'] };
    await writeFile(
      configFile,
      JSON.stringify({ version: 1, accounts: [{ ...account, options }] }),
    );
    const secrets = new MemorySecretStore({ 'memset-fake': { apiKey: fake.credentials.apiKey! } });
    const run = await runCliForTest(['check', '--json'], {
      configFile,
      secrets,
      now: NOW,
      providers: createRegistry([demoAdapter, memsetAdapter]),
    });
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.accounts[0]!.notices).toEqual([]);
    expect([report.status, run.code]).toEqual(['ok', 0]);
  });
});
