import { describe, expect, it } from 'vitest';
import { startOfDay, startOfMonth } from '../../../src-main/core/time/zoned.ts';
import { memsetAdapter } from '../../../src-main/providers/memset/memset.adapter.ts';
import { ProviderUsageSchema, type ProviderUsage } from '../../../src-shared/domain/usage.ts';
import {
  ipsToday,
  KEYS,
  monthToDate,
  rateAndPrediction,
  remainingGb,
  serviceNamed,
  todayBytes,
  UK,
} from '../../fakes/memset/memset.fixture.ts';
import { formOf, memsetSetup, methodOf, NOW } from './memset.setup.ts';

const now = Date.parse(NOW);
const currentPeriod = { start: startOfMonth(now, UK), end: now };

function sampleOf(usage: ProviderUsage, meterId: string) {
  const samples = usage.samples.filter((s) => s.meterId === meterId);
  expect(samples, meterId).toHaveLength(1);
  return samples[0]!;
}

function meterOf(usage: ProviderUsage, meterId: string) {
  const meter = usage.meters.find((m) => m.id === meterId);
  expect(meter, meterId).toBeDefined();
  return meter!;
}

async function currentUsage(setup: Parameters<typeof memsetSetup>[0] = {}) {
  const env = await memsetSetup(setup);
  const usage = ProviderUsageSchema.parse(await memsetAdapter.fetchUsage(env.ctx, currentPeriod));
  return { ...env, usage };
}

describe('Memset adapter, this month', () => {
  it('reads month-to-date bytes in, out and in + out per service type as cumulative readings at now', async () => {
    const { usage } = await currentUsage();
    const expected: [string, string][] = [
      ['myserver1', 'server'],
      ['unmetered1', 'server'],
      ['arrears1', 'server'],
      ['mstestaa1', 'memstore'],
      ['mstestaa1', 'cdn'],
    ];
    for (const [name, type] of expected) {
      const mtd = monthToDate(serviceNamed(name)!, type, now);
      expect(sampleOf(usage, `transfer-in:${name}:${type}`)).toEqual({
        meterId: `transfer-in:${name}:${type}`,
        at: now,
        value: mtd.in,
      });
      expect(sampleOf(usage, `transfer-out:${name}:${type}`).value).toBe(mtd.out);
      expect(sampleOf(usage, `transfer-total:${name}:${type}`).value).toBe(mtd.in + mtd.out);
      const total = meterOf(usage, `transfer-total:${name}:${type}`);
      expect(total).toMatchObject({
        kind: 'transfer-total',
        unit: 'bytes',
        series: 'cumulative',
        timeZone: 'Europe/London',
        scope: { level: 'service', id: name },
      });
      expect(total.details?.serviceType).toBe(type);
    }
  });

  it('makes inclusive transfer + bandwidth bank the quota of a metered connection, in decimal GB', async () => {
    const { usage } = await currentUsage();
    expect(usage.quotas).toEqual([
      {
        meterIds: ['transfer-total:myserver1:server'],
        limit: (1000 + 250) * 1e9,
        label: 'myserver1 inclusive transfer + bandwidth bank',
      },
    ]);
    const myserver = serviceNamed('myserver1')!;
    expect(meterOf(usage, 'transfer-total:myserver1:server').details).toEqual({
      serviceType: 'server',
      connectionType: 'metered',
      inclusiveTransferGB: 1000,
      bandwidthBankGB: 250,
      maxBurstMbps: 100,
      dailyRateBytes: rateAndPrediction(myserver, 'server', now).dailyRate,
      predictedBytes: rateAndPrediction(myserver, 'server', now).predicted,
      remainingBytes: remainingGb(myserver, 'server', now) * 1e9,
      remainingUnit: 'GB',
    });
    expect(usage.notices.filter((n) => n.level === 'info')).toEqual([]);
  });

  it('reads the quota in binary GB when the account says so', async () => {
    const { usage } = await currentUsage({ options: { gigabyteUnit: 'GiB' } });
    expect(usage.quotas[0]!.limit).toBe(1250 * 2 ** 30);
  });

  it('turns predicted into a provider forecast for each service type', async () => {
    const { usage } = await currentUsage();
    expect(usage.forecasts).toHaveLength(5);
    expect(usage.forecasts).toContainEqual({
      meterId: 'transfer-total:mstestaa1:cdn',
      periodEndValue: rateAndPrediction(serviceNamed('mstestaa1')!, 'cdn', now).predicted,
    });
  });

  it('shows an unmetered connection without a quota, with contention and max burst as details', async () => {
    const { usage } = await currentUsage({ services: ['unmetered1'] });
    expect(usage.quotas).toEqual([]);
    expect(meterOf(usage, 'transfer-total:unmetered1:server').details).toMatchObject({
      connectionType: 'unmetered',
      contention: 20,
      maxBurstMbps: 1000,
    });
  });

  it('warns about a connection in arrears', async () => {
    const { usage } = await currentUsage({ services: ['arrears1'] });
    expect(usage.quotas).toEqual([]);
    expect(usage.notices).toEqual([
      {
        level: 'warning',
        meterId: 'transfer-total:arrears1:server',
        message: expect.stringContaining('"arrears1" as in arrears') as string,
      },
    ]);
  });

  it('breaks today down by IP address, as delta meters starting at midnight UK time', async () => {
    const { usage } = await currentUsage({ services: ['myserver1'] });
    const ips = ipsToday(serviceNamed('myserver1')!, 'server', now);
    expect(ips).toHaveLength(2);
    for (const ip of ips) {
      const id = `transfer-ip:myserver1:server:${ip.address}`;
      expect(sampleOf(usage, id)).toEqual({
        meterId: id,
        at: startOfDay(now, UK),
        value: ip.in + ip.out,
      });
      expect(meterOf(usage, id)).toMatchObject({
        series: 'delta',
        resolution: 'day',
        scope: { level: 'resource', id: ip.address },
        details: { todayBytesIn: ip.in, todayBytesOut: ip.out },
      });
    }
    const today = todayBytes(serviceNamed('myserver1')!.bandwidth.server!, now);
    const sum = ips.reduce((s, ip) => s + ip.in + ip.out, 0);
    expect(sum).toBe(today.in + today.out);
  });

  it('reads Memstore storage as a gauge, and asks memstore.usage only for services that are not servers', async () => {
    const { usage, server } = await currentUsage();
    expect(sampleOf(usage, 'storage:mstestaa1')).toEqual({
      meterId: 'storage:mstestaa1',
      at: now,
      value: 734_003_200_512,
    });
    expect(meterOf(usage, 'storage:mstestaa1')).toMatchObject({
      kind: 'storage',
      series: 'gauge',
      details: { containers: 4, objects: 182_337 },
    });
    const calls = server.requests.map((r) => `${methodOf(r)} ${formOf(r).get('name')}`).sort();
    expect(calls).toEqual([
      'bandwidth.info arrears1',
      'bandwidth.info mstestaa1',
      'bandwidth.info myserver1',
      'bandwidth.info unmetered1',
      'memstore.usage mstestaa1',
    ]);
  });

  it('sends the key only as the Basic user name: POST form, no key in the URL or body', async () => {
    const { server } = await currentUsage({ services: ['myserver1'] });
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/v1/json/bandwidth.info');
    expect(request!.rawQuery).toBe('');
    expect(request!.body).toBe('name=myserver1');
    expect(request!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${KEYS.full}:x`).toString('base64')}`,
    );
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('returns nothing and asks nothing for a range that has not started', async () => {
    const { ctx, server } = await memsetSetup();
    const usage = await memsetAdapter.fetchUsage(ctx, { start: now + 1, end: now + 86_400_000 });
    expect(usage.samples).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('Memset discovery and credentials', () => {
  it('lists servers and Memstores from server.list and service.list, without cancelled services', async () => {
    const { ctx } = await memsetSetup();
    const found = await memsetAdapter.discover(ctx);
    expect(found.services).toEqual([
      { value: 'arrears1', label: 'Old site (arrears1, miniserver)' },
      { value: 'mstestaa1', label: 'Backups (mstestaa1, memstore)' },
      { value: 'myserver1', label: 'Web server (myserver1, miniserver)' },
      { value: 'unmetered1', label: 'Database (unmetered1, fullserver)' },
    ]);
  });

  it('falls back to server.list alone when service.list is not available', async () => {
    const { ctx, server } = await memsetSetup();
    server.inject(
      {
        kind: 'status',
        status: 404,
        json: { error_type: 'ApiErrorNoSuchMethod', error_code: 5, error: 'No such method' },
      },
      { match: (r) => methodOf(r) === 'service.list' },
    );
    const found = await memsetAdapter.discover(ctx);
    expect(found.services!.map((c) => c.value)).toEqual(['arrears1', 'myserver1', 'unmetered1']);
  });

  it('checks credentials with server.list', async () => {
    const { ctx, server } = await memsetSetup();
    expect(await memsetAdapter.checkCredentials(ctx)).toEqual({ identity: null });
    expect(server.requests.map(methodOf)).toEqual(['server.list']);
  });

  it('accepts a key without server.list when it can read the configured service', async () => {
    const { ctx, server } = await memsetSetup({ apiKey: KEYS.bandwidthOnly });
    expect(await memsetAdapter.checkCredentials(ctx)).toEqual({ identity: null });
    expect(server.requests.map(methodOf)).toEqual(['server.list', 'bandwidth.info']);
  });
});
