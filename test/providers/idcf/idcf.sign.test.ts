import { describe, expect, it } from 'vitest';
import {
  IDCF_SIGNATURE_TTL_SECONDS,
  idcfAuthHeaders,
  idcfQuery,
  idcfSignature,
  idcfSignatureSeed,
} from '../../../src-main/providers/idcf/idcf.sign.ts';

/** providers.md §1.3, worked example. */
const example = {
  method: 'GET',
  path: '/api/v1/billings/2017-07',
  apiKey: 'A'.repeat(86),
  expires: '1500000000',
  query: 'format=json',
};

describe('IDCF request signing', () => {
  it('builds the seed from method, path, key, expiry and query, joined by newlines', () => {
    expect(idcfSignatureSeed(example)).toBe(
      `GET\n/api/v1/billings/2017-07\n${'A'.repeat(86)}\n1500000000\nformat=json`,
    );
  });

  it('signs the worked example of providers.md to its exact signature', () => {
    expect(idcfSignature('B'.repeat(86), example)).toBe(
      '9AaesS6OHWaXB2xHI5yG5/3oF158YLHNBBwk4NBnjbg=',
    );
  });

  it('upper-cases the method and ends the seed with an empty line when there is no query', () => {
    expect(idcfSignatureSeed({ ...example, method: 'get', query: '' })).toBe(
      `GET\n/api/v1/billings/2017-07\n${'A'.repeat(86)}\n1500000000\n`,
    );
  });

  it('changes when any signed part changes', () => {
    const base = idcfSignature('B'.repeat(86), example);
    for (const change of [
      { path: '/api/v1/billings/2017-08' },
      { query: 'format=csv' },
      { expires: '1500000001' },
      { apiKey: 'C'.repeat(86) },
    ])
      expect(idcfSignature('B'.repeat(86), { ...example, ...change })).not.toBe(base);
    expect(idcfSignature('D'.repeat(86), example)).not.toBe(base);
  });

  it('sends an expiry a few minutes ahead of the injected clock, and the matching signature', () => {
    const now = Date.parse('2017-07-14T02:40:00Z');
    const headers = idcfAuthHeaders(
      { method: 'GET', path: example.path, query: example.query, apiKey: example.apiKey },
      'B'.repeat(86),
      now + 999,
    );
    const expires = Math.floor(now / 1000) + IDCF_SIGNATURE_TTL_SECONDS;
    expect(IDCF_SIGNATURE_TTL_SECONDS).toBeGreaterThanOrEqual(60);
    expect(IDCF_SIGNATURE_TTL_SECONDS).toBeLessThanOrEqual(600);
    expect(headers).toEqual({
      'X-IDCF-APIKEY': example.apiKey,
      'X-IDCF-Expires': String(expires),
      'X-IDCF-Signature': idcfSignature('B'.repeat(86), { ...example, expires: String(expires) }),
    });
  });

  it('encodes query values with %20, never "+", as the seed rule requires', () => {
    expect(idcfQuery({ format: 'json', q: 'a b+c' })).toBe('format=json&q=a%20b%2Bc');
  });
});
