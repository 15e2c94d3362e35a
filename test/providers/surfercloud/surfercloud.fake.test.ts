import { describe, expect, it, onTestFinished } from 'vitest';
import {
  formBody,
  signParams,
  type ParamInput,
} from '../../../src-main/providers/surfercloud/surfercloud.sign.ts';
import {
  FAKE_KEYS,
  FAKE_PROJECT_ID,
  FIXTURE_EIPS,
  platformSeconds,
} from '../../fakes/surfercloud/surfercloud.fixture.ts';
import { startSurfercloudFake } from '../../fakes/surfercloud/surfercloud.fake.ts';
import { testHttpClient } from '../../support/http.ts';
import { NOW, NOW_S } from './support.ts';

type Body = Record<string, unknown>;

async function fakeAt(now = NOW) {
  const fake = await startSurfercloudFake({ now: () => Date.parse(now) });
  onTestFinished(() => fake.close());
  const http = testHttpClient();
  const send = async (request: Parameters<typeof http.request>[0]): Promise<Body> => {
    const response = await http.request(request);
    expect(response.status).toBe(200);
    return JSON.parse(response.body) as Body;
  };
  const post = (
    params: ParamInput,
    keys: { publicKey: string; privateKey: string } = FAKE_KEYS.main,
  ) =>
    send({
      method: 'POST',
      url: `${fake.server.baseUrl}/?Action=${params.Action as string}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody(signParams(params, keys)),
    });
  return { fake, post, send };
}

describe('SurferCloud fake server', () => {
  it('accepts a signed GET query, URL-decoding the values before it checks the signature', async () => {
    const { fake, send } = await fakeAt();
    const query = formBody(signParams({ Action: 'GetRegion' }, FAKE_KEYS.main));
    expect(query).toContain('%40');
    const body = await send({ method: 'GET', url: `${fake.server.baseUrl}/?${query}` });
    expect(body).toMatchObject({ RetCode: 0, Action: 'GetRegionResponse' });
  });

  it('accepts a signed POST JSON body, with Action only on the URL', async () => {
    const { fake, send } = await fakeAt();
    const signed = signParams({ Action: 'DescribeEIP', Region: 'hk', Limit: 2 }, FAKE_KEYS.main);
    const { Action: _action, ...rest } = signed;
    const body = await send({
      method: 'POST',
      url: `${fake.server.baseUrl}/?Action=DescribeEIP`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...rest, Limit: 2 }),
    });
    expect(body).toMatchObject({ RetCode: 0, TotalCount: 4 });
    expect(body.EIPSet).toHaveLength(2);
  });

  it('answers a wrong signature with RetCode 171 in an HTTP 200, as UCloud does', async () => {
    const { post } = await fakeAt();
    const body = await post(
      { Action: 'GetRegion' },
      { ...FAKE_KEYS.main, privateKey: 'f'.repeat(40) },
    );
    expect(body).toEqual({
      RetCode: 171,
      Action: 'GetRegionResponse',
      Message: 'Signature VerifyAC Error',
    });
    const unknown = await post({ Action: 'GetRegion' }, { publicKey: 'nobody', privateKey: 'x' });
    expect(unknown).toMatchObject({ RetCode: 172 });
  });

  it('pages DescribeEIP by 20 and lists only EIPs that exist at its now', async () => {
    const { post } = await fakeAt();
    const first = await post({ Action: 'DescribeEIP', Region: 'us-ca', Offset: 0, Limit: 100 });
    const second = await post({ Action: 'DescribeEIP', Region: 'us-ca', Offset: 20, Limit: 20 });
    const existing = FIXTURE_EIPS.filter((e) => e.region === 'us-ca' && e.createTime <= NOW_S);
    expect(first.TotalCount).toBe(existing.length);
    expect(existing.length).toBeGreaterThan(20);
    expect(first.EIPSet).toHaveLength(20);
    expect(second.EIPSet).toHaveLength(existing.length - 20);
    const later = await fakeAt('2026-12-10T00:00:00Z');
    const all = await later.post({ Action: 'DescribeEIP', Region: 'us-ca' });
    expect(all.TotalCount).toBe(existing.length + 1);
  });

  it('refuses a billing range over 365 days, before creation, or in the future', async () => {
    const { post } = await fakeAt();
    const eip = FIXTURE_EIPS.find((e) => e.id === 'eip-usca00')!;
    const ask = (StartTime: number, EndTime: number) =>
      post({
        Action: 'GetThroughputDailyBillingInfo',
        Region: 'us-ca',
        ProjectId: FAKE_PROJECT_ID,
        EIPId: eip.id,
        StartTime,
        EndTime,
      });
    const start = platformSeconds('2025-01-01T00:00:00');
    expect(await ask(start, start + 365 * 86_400)).toMatchObject({ RetCode: 0 });
    expect(await ask(start, start + 365 * 86_400 + 1)).toMatchObject({ RetCode: 230 });
    expect(await ask(eip.createTime - 1, eip.createTime + 86_400)).toMatchObject({ RetCode: 230 });
    expect(await ask(NOW_S - 86_400, NOW_S + 3600)).toMatchObject({ RetCode: 230 });
  });

  it('reports integer GB per UTC+8 day, and 0 for a bandwidth-billed EIP', async () => {
    const { post } = await fakeAt();
    const start = platformSeconds('2026-11-01T00:00:00');
    const traffic = await post({
      Action: 'GetThroughputDailyBillingInfo',
      Region: 'us-ca',
      EIPId: 'eip-usca00',
      StartTime: start,
      EndTime: NOW_S,
    });
    const stats = traffic.Stats as {
      StartTime: number;
      QuantityOut: number;
      BillingState: string;
    }[];
    expect(stats).toHaveLength(21);
    expect(stats[0]!.StartTime).toBe(Date.parse('2026-10-31T16:00:00Z') / 1000);
    expect(stats.every((s) => Number.isInteger(s.QuantityOut))).toBe(true);
    expect(stats.map((s) => s.BillingState).at(-1)).toBe('No');
    expect(traffic.TotalOut).toBe(stats.reduce((sum, s) => sum + s.QuantityOut, 0));
    const bandwidth = await post({
      Action: 'GetThroughputDailyBillingInfo',
      Region: 'us-ca',
      EIPId: 'eip-usca02',
      StartTime: start,
      EndTime: NOW_S,
    });
    expect(bandwidth.TotalOut).toBe(0);
    expect((bandwidth.Stats as unknown[]).length).toBe(21);
  });
});
