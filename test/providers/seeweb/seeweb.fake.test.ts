import { describe, expect, it, onTestFinished } from 'vitest';
import { startSeewebFake } from '../../fakes/seeweb/seeweb.fake.ts';
import { SEEWEB_FAKE_TOKEN, SERVER_MONTHS } from '../../fakes/seeweb/seeweb.fixture.ts';
import { testHttpClient } from '../../support/http.ts';

/** The fake itself must hold the rules the adapter is tested against. */
async function fakeAt(now: string, futureZone?: string) {
  const fake = await startSeewebFake({ now: () => Date.parse(now), futureZone });
  onTestFinished(() => fake.close());
  const http = testHttpClient();
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await http.request({
      method: 'GET',
      url: `${fake.server.baseUrl}${path}`,
      headers: { 'X-APITOKEN': SEEWEB_FAKE_TOKEN, ...headers },
    });
    const json = response.headers['content-type']?.includes('json')
      ? (JSON.parse(response.body) as unknown)
      : null;
    return { ...response, json };
  };
  return { fake, get, http };
}

describe('Seeweb fake', () => {
  it('refuses a request without X-APITOKEN, even with a bearer token', async () => {
    const { fake, http } = await fakeAt('2026-11-21T12:00:00Z');
    const response = await http.request({
      method: 'GET',
      url: `${fake.server.baseUrl}/ecs/v2/servers`,
      headers: { authorization: `Bearer ${SEEWEB_FAKE_TOKEN}` },
    });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'error', error_code: 401 });
  });

  it('answers servers and templates as arrays and snapshots as an object', async () => {
    const { get } = await fakeAt('2026-11-21T12:00:00Z');
    expect(Array.isArray((await get('/ecs/v2/billing/servers/2026/11?type=json')).json)).toBe(true);
    expect(Array.isArray((await get('/ecs/v2/billing/templates/2026/11?type=json')).json)).toBe(
      true,
    );
    expect((await get('/ecs/v2/billing/snapshots/2026/11?type=json')).json).toMatchObject({
      year: 2026,
      month: 11,
      total_cost: 0.4,
      rows_count: 3,
    });
  });

  it('bills every server row as online + offline + the reserved prices', async () => {
    const { get } = await fakeAt('2026-11-21T12:00:00Z');
    const rows = (await get('/ecs/v2/billing/servers/2026/10?type=json')).json as {
      cost: number;
      summary: {
        online_price: number;
        offline_price: number;
        reserved_discounts: { reserved_price: number }[];
      };
    }[];
    expect(rows).toHaveLength(SERVER_MONTHS[-1]!.length);
    for (const { cost, summary } of rows) {
      const parts =
        summary.online_price +
        summary.offline_price +
        summary.reserved_discounts.reduce((s, r) => s + r.reserved_price, 0);
      expect(cost).toBeCloseTo(parts, 9);
    }
  });

  it('refuses future months, and judges "future" in UTC unless told otherwise', async () => {
    const utc = await fakeAt('2026-11-30T23:30:00Z');
    expect((await utc.get('/ecs/v2/billing/templates/2026/12?type=json')).status).toBe(400);
    expect((await utc.get('/ecs/v2/billing/templates/2026/11?type=json')).status).toBe(200);
    const rome = await fakeAt('2026-11-30T23:30:00Z', 'Europe/Rome');
    expect((await rome.get('/ecs/v2/billing/templates/2026/12?type=json')).status).toBe(200);
    expect((await rome.get('/ecs/v2/billing/templates/2027/1?type=json')).json).toMatchObject({
      status: 'error',
      message: 'Future dates are not allowed',
    });
  });

  it('sends CSV unless type=json, and refuses bad dates and types', async () => {
    const { get } = await fakeAt('2026-11-21T12:00:00Z');
    const csv = await get('/ecs/v2/billing/servers/2026/11');
    expect(csv.headers['content-type']).toBe('text/csv');
    expect(csv.body.split('\n')[0]).toContain('name');
    expect((await get('/ecs/v2/billing/servers/2026/13?type=json')).status).toBe(400);
    expect((await get('/ecs/v2/billing/servers/2026/11?type=xml')).status).toBe(400);
    expect((await get('/ecs/v2/billing/volumes/2026/11?type=json')).status).toBe(404);
  });

  it('lists servers under the singular key with plan_size as strings and as numbers', async () => {
    const { get } = await fakeAt('2026-11-21T12:00:00Z');
    const list = (await get('/ecs/v2/servers')).json as {
      status: string;
      count: number;
      server: { plan_size: { core: unknown } }[];
    };
    expect(list.status).toBe('ok');
    expect(list.count).toBe(list.server.length);
    expect(list.server.map((s) => typeof s.plan_size.core)).toEqual(['string', 'number']);
  });
});
