import { describe, expect, it, onTestFinished } from 'vitest';
import { startMemsetFake } from '../../fakes/memset/memset.fake.ts';
import { KEYS } from '../../fakes/memset/memset.fixture.ts';
import { testHttpClient } from '../../support/http.ts';
import { NOW } from './memset.setup.ts';

/** The fake follows the documented API, not just the adapter's way of calling it. */
async function fake() {
  const started = await startMemsetFake({ now: () => Date.parse(NOW) });
  onTestFinished(() => started.close());
  const http = testHttpClient();
  const base = started.server.baseUrl;
  const basic = (key: string) => `Basic ${Buffer.from(`${key}:anything`).toString('base64')}`;
  const get = async (path: string, key: string | null = KEYS.full) => {
    const response = await http.request({
      method: 'GET',
      url: `${base}${path}`,
      headers: key === null ? {} : { authorization: basic(key) },
    });
    return { status: response.status, json: JSON.parse(response.body) as unknown };
  };
  return { base, http, get };
}

describe('the Memset fake', () => {
  it('answers GET with the name as a path segment and the key as an api_key parameter alike', async () => {
    const { get } = await fake();
    const byPath = await get(`/v1/json/bandwidth.info/myserver1/?api_key=${KEYS.full}`, null);
    const byBasic = await get('/v1/json/bandwidth.info?name=myserver1');
    expect(byPath.status).toBe(200);
    expect(byPath.json).toEqual(byBasic.json);
    expect(Object.keys(byPath.json as object)).toEqual(['server']);
  });

  it('leaves out the keys the docs call optional: metered, unmetered and Memstore entries differ', async () => {
    const { get } = await fake();
    const keys = async (name: string) => {
      const answer = (await get(`/v1/json/bandwidth.info/${name}/`)).json as Record<string, object>;
      return Object.fromEntries(Object.entries(answer).map(([t, e]) => [t, Object.keys(e).sort()]));
    };
    expect(await keys('myserver1')).toEqual({
      server: [
        'bandwidth_bank',
        'bytes_in',
        'bytes_out',
        'connection_type',
        'daily_rate',
        'inclusive_transfer',
        'ips',
        'max_burst',
        'predicted',
        'remaining',
      ],
    });
    expect((await keys('unmetered1')).server).toContain('contention');
    expect((await keys('unmetered1')).server).not.toContain('remaining');
    expect((await keys('arrears1')).server).not.toContain('inclusive_transfer');
    expect(await keys('mstestaa1')).toEqual({
      memstore: ['bytes_in', 'bytes_out', 'daily_rate', 'predicted'],
      cdn: ['bytes_in', 'bytes_out', 'daily_rate', 'predicted'],
    });
  });

  it('refuses a request without a key, and a key without the method in its scope', async () => {
    const { get } = await fake();
    expect((await get('/v1/json/server.list', null)).status).toBe(401);
    const denied = await get('/v1/json/bandwidth.info/myserver1/', KEYS.listsOnly);
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({ error_type: 'ApiErrorPermissionDenied' });
  });

  it('answers an unknown service with the documented 404 body', async () => {
    const { get } = await fake();
    expect(await get('/v1/json/bandwidth.info/BADSERVERNAME/')).toEqual({
      status: 404,
      json: {
        error_type: 'ApiErrorDoesNotExist',
        error_code: 3,
        error: "Couldn't find service with name 'BADSERVERNAME'",
      },
    });
  });

  it('refuses years out of bounds or in the future, and defaults to this year', async () => {
    const { get } = await fake();
    const usage = (year: string) => get(`/v1/json/bandwidth.monthly_usage/myserver1/?year=${year}`);
    expect((await usage('1999')).status).toBe(400);
    expect((await usage('2027')).status).toBe(400);
    const thisYear = (await get('/v1/json/bandwidth.monthly_usage/myserver1/')).json as {
      server: { date: string }[];
    };
    expect(thisYear.server.map((r) => r.date).at(-1)).toBe('2026-11');
    expect(thisYear.server).toHaveLength(11);
  });

  it('refuses an unknown period, method or HTTP verb', async () => {
    const { get, http, base } = await fake();
    expect((await get('/v1/json/bandwidth.usage/myserver1/?period=fortnight')).status).toBe(400);
    expect((await get('/v1/json/bandwidth.nothing/myserver1/')).status).toBe(404);
    const put = await http.request({ method: 'PUT', url: `${base}/v1/json/server.list` });
    expect(put.status).toBe(405);
  });
});
