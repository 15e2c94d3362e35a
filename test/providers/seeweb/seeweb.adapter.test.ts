import { describe, expect, it } from 'vitest';
import { currentFetchRange } from '../../../src-main/core/accounts.ts';
import { seewebAdapter } from '../../../src-main/providers/seeweb/seeweb.adapter.ts';
import { ProviderDescriptorSchema } from '../../../src-shared/domain/provider-descriptor.ts';
import { ProviderUsageSchema } from '../../../src-shared/domain/usage.ts';
import {
  LIVE_SERVERS,
  SEEWEB_FAKE_TOKEN,
  SEEWEB_FAKE_USERNAME,
  SERVER_MONTHS,
} from '../../fakes/seeweb/seeweb.fixture.ts';
import {
  billingRequests,
  fixtureMonth,
  providerFailure,
  sampleValue,
  seewebSetup,
} from './seeweb.setup.ts';

const NOW = '2026-11-21T12:00:00Z';
/** November 2026 starts at midnight in Rome (CET, UTC+1). */
const NOVEMBER = '2026-11-01T00:00:00+01:00';

describe('Seeweb adapter', () => {
  it('has a descriptor the app accepts, with the token as its only secret', () => {
    const descriptor = ProviderDescriptorSchema.parse(seewebAdapter.descriptor);
    expect(descriptor.credentialFields.map((f) => [f.key, f.secret])).toEqual([['apiToken', true]]);
    expect(descriptor.billingTimeZone).toBe('Europe/Rome');
    expect(descriptor.defaultQuotas).toEqual([]);
  });

  it('reads this month: three billing calls with the token, exact figures from the fixture', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    const usage = await fetchUsage(NOVEMBER);
    expect(billingRequests(fake).sort()).toEqual([
      'servers/2026/11',
      'snapshots/2026/11',
      'templates/2026/11',
    ]);
    for (const request of fake.server.requests) {
      expect(request.headers['x-apitoken']).toBe(SEEWEB_FAKE_TOKEN);
      expect(request.query.get('type')).toBe('json');
    }
    const expected = fixtureMonth(0);
    expect(expected.total).toBe(22.11);
    expect(sampleValue(usage, 'cost-total', NOW)).toBe(expected.total);
    expect(sampleValue(usage, 'cost:templates', NOW)).toBe(expected.templates);
    expect(sampleValue(usage, 'cost:snapshots', NOW)).toBe(expected.snapshots);
    expect(sampleValue(usage, 'cost:servers-before-discounts', NOW)).toBe(expected.beforeDiscounts);
    for (const [name, cost] of expected.perServer) {
      expect(sampleValue(usage, `cost:server:${name}`, NOW)).toBe(cost);
    }
    expect(usage.samples).toHaveLength(4 + expected.perServer.size);
  });

  it('makes month-to-date EUR meters in the Rome billing zone, named by server id', async () => {
    const { fetchUsage } = await seewebSetup(NOW);
    const usage = await fetchUsage(NOVEMBER);
    for (const meter of usage.meters) {
      expect(meter).toMatchObject({
        kind: 'cost',
        unit: 'EUR',
        series: 'cumulative',
        timeZone: 'Europe/Rome',
      });
    }
    const db = usage.meters.find((m) => m.id === 'cost:server:ec200311')!;
    const dbRow = SERVER_MONTHS[0]!.find((s) => s.name === 'ec200311')!;
    expect(db.label).toBe('db-primary (ec200311)');
    expect(db.scope).toEqual({ level: 'resource', id: 'ec200311', label: 'db-primary' });
    expect(db.details).toMatchObject({
      plan: 'ECS4',
      originalCost: dbRow.originalCost,
      discount: Math.round((dbRow.originalCost - 13.63) * 100) / 100,
    });
    const deleted = usage.meters.find((m) => m.id === 'cost:server:ec200412')!;
    expect(deleted.label).toBe('ci-runner (ec200412, deleted)');
    expect(deleted.details?.deletedAt).toMatch(/^2026-11-05T/);
  });

  it('gives only the chosen servers a line, while the total still covers every server', async () => {
    const { fetchUsage } = await seewebSetup(NOW, {
      account: { options: { servers: ['ec200311'] } },
    });
    const usage = await fetchUsage(NOVEMBER);
    expect(usage.meters.filter((m) => m.scope.level === 'resource').map((m) => m.id)).toEqual([
      'cost:server:ec200311',
    ]);
    expect(sampleValue(usage, 'cost-total', NOW)).toBe(fixtureMonth(0).total);
  });

  it('uses the currency the user sets when their invoices are not in euro', async () => {
    const { fetchUsage } = await seewebSetup(NOW, { account: { options: { currency: 'CHF' } } });
    const usage = await fetchUsage(NOVEMBER);
    expect(new Set(usage.meters.map((m) => m.unit))).toEqual(new Set(['CHF']));
  });

  it('lists servers for discovery, whether plan_size holds strings or numbers', async () => {
    const { ctx, fake } = await seewebSetup(NOW);
    const discovery = await seewebAdapter.discover(ctx);
    expect(discovery.servers).toEqual([
      { value: 'ec200311', label: 'db-primary (ec200311, ECS4, Milano)' },
      { value: 'ec200200', label: 'web-frontend (ec200200, ECS1, Frosinone)' },
    ]);
    expect(LIVE_SERVERS.map((s) => typeof s.plan_size.core)).toEqual(['string', 'number']);
    expect(fake.server.requests.map((r) => r.path)).toEqual(['/ecs/v2/servers']);
  });

  it('checks credentials with the account call and names the user', async () => {
    const { ctx } = await seewebSetup(NOW);
    expect(await seewebAdapter.checkCredentials(ctx)).toEqual({ identity: SEEWEB_FAKE_USERNAME });
  });

  it('still accepts the token when /account is refused, if the server list answers', async () => {
    const { ctx, fake } = await seewebSetup(NOW);
    fake.server.inject(
      {
        kind: 'status',
        status: 404,
        json: { status: 'error', error_code: 404, message: 'Not found' },
      },
      { match: (r) => r.path === '/ecs/v2/account' },
    );
    expect(await seewebAdapter.checkCredentials(ctx)).toEqual({ identity: null });
    expect(fake.server.requests.map((r) => r.path)).toEqual(['/ecs/v2/account', '/ecs/v2/servers']);
  });

  it('rejects a wrong token as an auth error that keeps Seeweb’s words and hides the token', async () => {
    const { ctx } = await seewebSetup(NOW, { token: 'not-the-token-0123456789' });
    const error = await providerFailure(seewebAdapter.checkCredentials(ctx));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toContain('Invalid or missing API token');
    expect(error.message).not.toContain('not-the-token-0123456789');
  });

  it('fetches the current range the core asks for, from the Rome month start', async () => {
    const { ctx, account, clock } = await seewebSetup(NOW);
    const range = currentFetchRange(account, seewebAdapter.descriptor, clock.now());
    expect(range.start).toBe(Date.parse(NOVEMBER));
    const usage = ProviderUsageSchema.parse(await seewebAdapter.fetchUsage(ctx, range));
    expect(sampleValue(usage, 'cost-total', NOW)).toBe(fixtureMonth(0).total);
  });
});

describe('Seeweb backfill', () => {
  it('reads a year month by month, each month’s total stamped at its end in Rome', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    const usage = await fetchUsage('2025-12-01T00:00:00+01:00');
    const paths = billingRequests(fake);
    expect(paths).toHaveLength(36);
    expect(new Set(paths).size).toBe(36);
    expect(paths.filter((p) => p.startsWith('servers/')).sort()).toEqual(
      [
        '2025/12',
        '2026/1',
        '2026/2',
        '2026/3',
        '2026/4',
        '2026/5',
        '2026/6',
        '2026/7',
        '2026/8',
        '2026/9',
        '2026/10',
        '2026/11',
      ]
        .map((m) => `servers/${m}`)
        .sort(),
    );
    const ends: [number, string][] = [
      [-1, '2026-11-01T00:00:00+01:00'],
      [-2, '2026-10-01T00:00:00+02:00'],
      [-3, '2026-09-01T00:00:00+02:00'],
      [-4, '2026-08-01T00:00:00+02:00'],
    ];
    for (const [offset, end] of ends) {
      const expected = fixtureMonth(offset);
      expect(sampleValue(usage, 'cost-total', end), `month ${offset}`).toBe(expected.total);
      expect(sampleValue(usage, 'cost:snapshots', end)).toBe(expected.snapshots);
      for (const [name, cost] of expected.perServer)
        expect(sampleValue(usage, `cost:server:${name}`, end)).toBe(cost);
    }
    // Before the account existed Seeweb answers with empty lists: a real zero, not a gap.
    expect(sampleValue(usage, 'cost-total', '2026-01-01T00:00:00+01:00')).toBe(0);
    expect(usage.samples.filter((s) => s.meterId === 'cost-total')).toHaveLength(12);
    const staging = usage.meters.find((m) => m.id === 'cost:server:ec200505')!;
    expect(staging.label).toBe('staging (ec200505, deleted)');
  });

  it('keeps at most maxConcurrency requests in flight, and does overlap them', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    fake.holdMs = 25;
    await fetchUsage('2026-03-01T00:00:00+01:00');
    expect(billingRequests(fake)).toHaveLength(27);
    expect(fake.maxInFlight).toBeLessThanOrEqual(seewebAdapter.descriptor.maxConcurrency);
    expect(fake.maxInFlight).toBeGreaterThan(1);
  });

  it('stops at the history limit and says so', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    const usage = await fetchUsage('2019-01-01T00:00:00Z');
    const months = new Set(billingRequests(fake).map((p) => p.replace(/^\w+\//, '')));
    expect(months.size).toBe(seewebAdapter.descriptor.historyMonths + 1);
    expect(months.has('2024/11')).toBe(true);
    expect(months.has('2024/10')).toBe(false);
    expect(usage.notices.map((n) => n.message).join()).toContain('November 2024');
  });

  it('asks for nothing when the range is empty', async () => {
    const { fake, fetchUsage } = await seewebSetup(NOW);
    const usage = await fetchUsage(NOW, NOW);
    expect(fake.server.requests).toHaveLength(0);
    expect(usage.samples).toEqual([]);
  });
});

describe('Seeweb and the "no future month" rule', () => {
  // 23:30 UTC on 30 November is 00:30 on 1 December in Rome.
  const EDGE = '2026-11-30T23:30:00Z';

  it('the fake refuses December then, as a strict Seeweb would', async () => {
    const { fake, ctx } = await seewebSetup(EDGE);
    const response = await ctx.http.request({
      method: 'GET',
      url: `${fake.server.baseUrl}/ecs/v2/billing/servers/2026/12?type=json`,
      headers: { 'X-APITOKEN': SEEWEB_FAKE_TOKEN },
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'error', error_code: 400 });
  });

  it('never asks for the Rome month that UTC has not reached, and explains the wait', async () => {
    const { fake, ctx, account, clock } = await seewebSetup(EDGE);
    const range = currentFetchRange(account, seewebAdapter.descriptor, clock.now());
    expect(range.start).toBe(Date.parse('2026-12-01T00:00:00+01:00'));
    const usage = ProviderUsageSchema.parse(await seewebAdapter.fetchUsage(ctx, range));
    expect(billingRequests(fake)).toEqual([]);
    expect(usage.samples).toEqual([]);
    expect(usage.meters.map((m) => m.id)).toContain('cost-total');
    expect(usage.notices.map((n) => n.level)).toEqual(['info']);
    expect(usage.notices[0]!.message).toContain('December 2026 is read from 00:00 UTC');
  });

  it('still reads November in full during that hour', async () => {
    const { fake, fetchUsage } = await seewebSetup(EDGE);
    const usage = await fetchUsage(NOVEMBER);
    expect(billingRequests(fake).sort()).toEqual([
      'servers/2026/11',
      'snapshots/2026/11',
      'templates/2026/11',
    ]);
    expect(sampleValue(usage, 'cost-total', '2026-12-01T00:00:00+01:00')).toBe(
      fixtureMonth(0).total,
    );
  });

  it('reads December once UTC has reached it too', async () => {
    const { fake, fetchUsage } = await seewebSetup('2026-12-01T00:30:00Z');
    await fetchUsage('2026-12-01T00:00:00+01:00');
    expect(billingRequests(fake).sort()).toEqual([
      'servers/2026/12',
      'snapshots/2026/12',
      'templates/2026/12',
    ]);
  });
});
