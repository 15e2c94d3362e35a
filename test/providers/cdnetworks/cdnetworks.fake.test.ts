import { describe, expect, it, onTestFinished } from 'vitest';
import { validateConfig } from '../../../src-main/core/config-validation.ts';
import { cdnetworksAdapter } from '../../../src-main/providers/cdnetworks/cdnetworks.adapter.ts';
import { akskHeaders } from '../../../src-main/providers/cdnetworks/cdnetworks.sign.ts';
import { secretFieldKeys } from '../../../src-shared/domain/provider-descriptor.ts';
import { startCdnetworksFake } from '../../fakes/cdnetworks/cdnetworks-fake.ts';
import { FAKE_USER } from '../../fakes/cdnetworks/cdnetworks-fixture.ts';
import type { StartProviderFake } from '../../fakes/provider-fake.ts';
import { testHttpClient } from '../../support/http.ts';
import { NOW } from './cdnetworks-setup.ts';

/** The fake itself keeps CDNetworks' rules, so the adapter tests above mean something. */

const now = Date.parse(NOW);
let nextStamp = Math.floor(now / 1000);

async function client() {
  const fake = await startCdnetworksFake({ now: () => now });
  onTestFinished(() => fake.close());
  const http = testHttpClient();
  const send = async (
    path: string,
    body: unknown,
    options: { query?: Record<string, string>; timestamp?: number; zone?: string } = {},
  ) => {
    const url = new URL(`${fake.server.baseUrl}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const text = JSON.stringify(body);
    const signed = {
      method: 'POST',
      path,
      rawQuery: '',
      host: url.host,
      contentType: 'application/json',
      body: text,
    } as const;
    const response = await http.request({
      method: 'POST',
      url: url.toString(),
      body: text,
      headers: {
        'content-type': 'application/json',
        ...(options.zone ? { 'x-time-zone': options.zone } : {}),
        ...akskHeaders(signed, FAKE_USER, options.timestamp ?? nextStamp++),
      },
    });
    return { status: response.status, json: JSON.parse(response.body) as Record<string, unknown> };
  };
  return { fake, send };
}

const usageBody = (dateFrom: string, dateTo: string) => ({
  dateFrom,
  dateTo,
  domain: 'www.example.com',
  contract: '40012345-001',
  type: 'd',
});

describe('CDNetworks fake', () => {
  it('is a ProviderFake whose account and secret fields the descriptor accepts', async () => {
    const start: StartProviderFake = startCdnetworksFake;
    const fake = await start({ now: () => now });
    onTestFinished(() => fake.close());
    const checked = validateConfig({ version: 1, accounts: [fake.account('cdn')] }, (id) =>
      id === 'cdnetworks' ? cdnetworksAdapter.descriptor : undefined,
    );
    expect(checked.ok ? [] : checked.problems).toEqual([]);
    expect([...fake.secretFields].sort()).toEqual(
      secretFieldKeys(cdnetworksAdapter.descriptor).sort(),
    );
  });

  it('rejects an AK/SK timestamp over 5 minutes old, and a reused one, like CDNetworks does', async () => {
    const { send } = await client();
    const body = usageBody('2026-11-01', '2026-11-05');
    const stale = await send('/api/domain-usage', body, {
      timestamp: Math.floor(now / 1000) - 301,
    });
    expect(stale.status).toBe(401);
    expect(stale.json.code).toBe('RequestExpired');
    const stamp = Math.floor(now / 1000) + 200;
    expect((await send('/api/domain-usage', body, { timestamp: stamp })).status).toBe(200);
    const again = await send('/api/domain-usage', body, { timestamp: stamp });
    expect(again.status).toBe(401);
    expect(again.json.code).toBe('RepeatedTimestamp');
  });

  it.each([
    ['a window over 31 days', '2026-10-01', '2026-11-02', '24102006'],
    ['dateTo not after dateFrom', '2026-11-05', '2026-11-05', '24102006'],
    ['dateFrom after now', '2026-11-22', '2026-11-25', '24102006'],
    ['data older than 2 years', '2024-11-01', '2024-11-20', '24102006'],
    ['a date in the wrong format', '2026/11/01', '2026-11-05', '24102021'],
  ])('refuses %s with 400 and code %s', async (_name, dateFrom, dateTo, code) => {
    const { send } = await client();
    const answer = await send('/api/domain-usage', usageBody(dateFrom, dateTo));
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe(code);
    expect(typeof answer.json.message).toBe('string');
  });

  it('answers domain-usage with dateTo inclusive, clamped to now, bytes as strings', async () => {
    const { send } = await client();
    const answer = await send('/api/domain-usage', usageBody('2026-11-19', '2026-11-30'));
    expect(answer.json.code).toBe('0');
    const rows = answer.json.data as { timestamp: string; usage: string }[];
    expect(rows.map((r) => r.timestamp)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21']);
    expect(rows.every((r) => /^\d+$/.test(r.usage))).toBe(true);
  });

  it('returns the daily slice containing dateTo, in X-Time-Zone (GMT+8 by default)', async () => {
    const { send } = await client();
    const query = {
      dateFrom: '2026-11-01T00:00:00+09:00',
      dateTo: '2026-11-03T00:00:00+09:00',
      granularity: 'daily',
    };
    const body = { 'domain-list': { 'domain-name': ['www.example.com'] } };
    const tokyo = await send('/api/report/domaintraffic', body, { query, zone: 'GMT+09:00' });
    const series = (a: { json: Record<string, unknown> }) =>
      (a.json.dataSeries as { timestamp: string; traffic: string }[]).map((s) => s.timestamp);
    expect(series(tokyo)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    const beijing = await send('/api/report/domaintraffic', body, { query });
    expect(series(beijing)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
    const traffic = (tokyo.json.dataSeries as { traffic: string }[])[0]!.traffic;
    expect(traffic).toMatch(/^\d+\.\d\d$/);
  });

  it('serves traffic-request in 5-minute slices and refuses more than one day', async () => {
    const { send } = await client();
    const ok = await send(
      '/api/report/traffic-request',
      {
        dateFrom: '2026-11-21T00:00:00+09:00',
        dateTo: '2026-11-21T01:00:00+09:00',
        domain: ['www.example.com', 'img.example.com'],
        groupBy: ['domain'],
      },
      { zone: 'GMT+09:00' },
    );
    const result = ok.json.result as { domain: string; dataSeries: { timestamp: string }[] }[];
    expect(result.map((r) => r.domain)).toEqual(['www.example.com', 'img.example.com']);
    expect(result[0]!.dataSeries).toHaveLength(12);
    expect(result[0]!.dataSeries[0]!.timestamp).toBe('2026-11-21 00:05');
    const tooLong = await send('/api/report/traffic-request', {
      dateFrom: '2026-11-19T00:00:00+09:00',
      dateTo: '2026-11-21T00:00:00+09:00',
    });
    expect(tooLong.status).toBe(400);
  });
});
