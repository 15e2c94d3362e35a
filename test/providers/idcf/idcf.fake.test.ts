import { describe, expect, it } from 'vitest';
import { idcfAuthHeaders } from '../../../src-main/providers/idcf/idcf.sign.ts';
import { IDCF_REFERENCE } from '../../fakes/idcf/idcf.fixture.ts';
import { startIdcfFake, type IdcfFake } from '../../fakes/idcf/idcf.fake.ts';
import { testHttpClient } from '../../support/http.ts';
import { NOW } from './idcf-setup.ts';

/** Sends a GET to the fake, signed over `signedQuery` (the sent query unless told otherwise). */
async function get(
  fake: IdcfFake,
  path: string,
  query: string,
  options: { signedQuery?: string; at?: number; secretKey?: string } = {},
) {
  const auth = idcfAuthHeaders(
    { method: 'GET', path, query: options.signedQuery ?? query, apiKey: fake.credentials.apiKey! },
    options.secretKey ?? fake.credentials.secretKey!,
    options.at ?? Date.parse(NOW),
  );
  const response = await testHttpClient().request({
    method: 'GET',
    url: `${fake.server.baseUrl}${path}${query ? `?${query}` : ''}`,
    headers: auth,
  });
  return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
}

async function withFake(test: (fake: IdcfFake) => Promise<void>, limitMax?: number) {
  const fake = await startIdcfFake({ now: () => Date.parse(NOW), limitMax });
  try {
    await test(fake);
  } finally {
    await fake.close();
  }
}

describe('the IDCF fake server', () => {
  it('serves a signed request, with IDCF’s rate-limit headers', () =>
    withFake(async (fake) => {
      const answer = await get(fake, '/api/v1/billings/2026-11', 'format=json');
      expect(answer.status).toBe(200);
      expect(answer.headers['x-idcf-limit-max']).toBe('100');
      expect(answer.headers['x-idcf-limit-remaining']).toBe('99');
      expect(answer.headers['x-idcf-limit-reset']).toBe('10');
      expect(answer.json.meta).toMatchObject({
        billing_period_start_at: '2026-11-01',
        billing_period_end_at: '2026-11-20',
        total: 0,
      });
    }));

  it('refuses a signature made over a different query than the one sent', () =>
    withFake(async (fake) => {
      const answer = await get(fake, '/api/v1/billings/2026-11', 'format=json&x=1', {
        signedQuery: 'format=json',
      });
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ message: 'Invalid signature', reference: IDCF_REFERENCE });
    }));

  it('refuses an expired signature and one that claims to be valid for too long', () =>
    withFake(async (fake) => {
      const stale = await get(fake, '/api/v1/billings/history', 'format=json', {
        at: Date.parse(NOW) - 3_600_000,
      });
      expect([stale.status, stale.json.message]).toEqual([401, 'Signature expired']);
      const lasting = await get(fake, '/api/v1/billings/history', 'format=json', {
        at: Date.parse(NOW) + 86_400_000,
      });
      expect(lasting.status).toBe(401);
    }));

  it('answers a malformed month with IDCF’s 401 and a future month with 404', () =>
    withFake(async (fake) => {
      const malformed = await get(fake, '/api/v1/billings/2026-13', 'format=json');
      expect([malformed.status, malformed.json.message]).toEqual([
        401,
        'invalid date format(YYYY-MM)',
      ]);
      const future = await get(fake, '/api/v1/billings/2026-12', 'format=json');
      expect([future.status, future.json.message]).toEqual([404, 'Record not found']);
    }));

  it('answers 429 once its window is used up, until the window resets', () =>
    withFake(async (fake) => {
      for (let i = 0; i < 2; i++)
        expect((await get(fake, '/api/v1/billings/history', 'format=json')).status).toBe(200);
      const limited = await get(fake, '/api/v1/billings/history', 'format=json');
      expect(limited.status).toBe(429);
      expect(limited.headers['x-idcf-limit-remaining']).toBe('0');
    }, 2));

  it('lists the billed months newest first and sends the CDN row’s numbers as strings', () =>
    withFake(async (fake) => {
      const history = await get(fake, '/api/v1/billings/history', 'format=json');
      const months = (history.json.data as { month: string }[]).map((m) => m.month);
      expect(months[0]).toBe('2026-11');
      expect(months.at(-1)).toBe('2025-11');
      const bill = await get(fake, '/api/v1/billings/2026-11', 'format=json');
      const cdn = (bill.json.data as Record<string, unknown>[]).find((r) => r.Category === 'CDN');
      expect(cdn).toMatchObject({ Allocated: '0.000000', Net: '151' });
    }));
});
