import { describe, expect, it } from 'vitest';
import {
  akskCanonicalRequest,
  akskHeaders,
  akskSign,
  apiKeyHeaders,
  apiKeyPassword,
  rfc1123,
} from '../../../src-main/providers/cdnetworks/cdnetworks.sign.ts';

const VECTOR_BODY =
  '{"dateFrom":"2024-01-01","dateTo":"2024-01-31","domain":"www.example.com","contract":"C-0001","type":"d"}';

const vectorRequest = {
  method: 'POST',
  path: '/api/domain-usage',
  rawQuery: '',
  host: 'api.cdnetworks.com',
  contentType: 'application/json',
  body: VECTOR_BODY,
} as const;

describe('CDNetworks API-key signing', () => {
  it('derives the password of the documented vector', () => {
    expect(apiKeyPassword('example_apiKey', 'Thu, 17 May 2012 19:37:58 GMT')).toBe(
      'F4uiPWGMcZpiDhA2JE1ngb2vp6c=',
    );
  });

  it('formats the date in UTC as RFC 1123, whatever the local zone', () => {
    expect(rfc1123(Date.parse('2012-05-17T19:37:58Z'))).toBe('Thu, 17 May 2012 19:37:58 GMT');
    expect(rfc1123(Date.parse('2026-03-05T01:02:03+09:00'))).toBe('Wed, 04 Mar 2026 16:02:03 GMT');
  });

  it('sends the date in x-cnc-date and Basic user:password', () => {
    const headers = apiKeyHeaders({
      userName: 'example_username',
      apiKey: 'example_apiKey',
      at: Date.parse('2012-05-17T19:37:58Z'),
    });
    expect(headers['x-cnc-date']).toBe('Thu, 17 May 2012 19:37:58 GMT');
    const basic = Buffer.from(headers.authorization!.replace(/^Basic /, ''), 'base64').toString();
    expect(basic).toBe('example_username:F4uiPWGMcZpiDhA2JE1ngb2vp6c=');
  });
});

describe('CDNetworks AK/SK (CNC-HMAC-SHA256) signing', () => {
  it('reproduces the payload hash, canonical request hash and signature of the vector', () => {
    expect(akskSign(vectorRequest, 'EXAMPLE_SECRET_KEY', 1700000000)).toEqual({
      payloadHash: 'af7f66481670c99213718efea23f0ed58cee70ac428189e74ce2160832dc81ed',
      canonicalRequestHash: 'b8f04b266aa71d539f5412a5e016342cfd35aad018f3d07be260d4fdfd59e3b1',
      signature: 'ec42ffef1d3325190ac3c6317f5f1744781784f709ee4a7f423d66124b786094',
    });
  });

  it('keeps the blank line after the canonical headers and lower-cases their values', () => {
    const canonical = akskCanonicalRequest({
      ...vectorRequest,
      host: 'API.CDNetworks.com',
      contentType: 'Application/JSON',
    });
    expect(canonical.split('\n')).toEqual([
      'POST',
      '/api/domain-usage',
      '',
      'content-type:application/json',
      'host:api.cdnetworks.com',
      '',
      'content-type;host',
      'af7f66481670c99213718efea23f0ed58cee70ac428189e74ce2160832dc81ed',
    ]);
  });

  it('signs a POST with an empty query string even when its URL has one', () => {
    const withQuery = { ...vectorRequest, rawQuery: 'dateFrom=2024-01-01T00%3A00%3A00%2B09%3A00' };
    expect(akskSign(withQuery, 'k', 1).signature).toBe(akskSign(vectorRequest, 'k', 1).signature);
  });

  it('signs the URL-decoded query of a GET and an empty payload', () => {
    const canonical = akskCanonicalRequest({
      ...vectorRequest,
      method: 'GET',
      path: '/api/domain',
      rawQuery: 'cname-label=a%2Bb+c',
      body: 'ignored',
    });
    expect(canonical.split('\n')[2]).toBe('cname-label=a+b c');
    expect(
      canonical.endsWith('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    ).toBe(true);
  });

  it('changes the signature when one byte of the body changes', () => {
    const other = { ...vectorRequest, body: VECTOR_BODY.replace('C-0001', 'C-0002') };
    expect(akskSign(other, 'EXAMPLE_SECRET_KEY', 1700000000).signature).not.toBe(
      'ec42ffef1d3325190ac3c6317f5f1744781784f709ee4a7f423d66124b786094',
    );
  });

  it('builds the documented headers', () => {
    const headers = akskHeaders(
      vectorRequest,
      { accessKeyId: 'AK_EXAMPLE', secretKey: 'EXAMPLE_SECRET_KEY' },
      1700000000,
    );
    expect(headers).toEqual({
      'x-cnc-accesskey': 'AK_EXAMPLE',
      'x-cnc-timestamp': '1700000000',
      'x-cnc-auth-method': 'AKSK',
      authorization:
        'CNC-HMAC-SHA256 Credential=AK_EXAMPLE, SignedHeaders=content-type;host, Signature=ec42ffef1d3325190ac3c6317f5f1744781784f709ee4a7f423d66124b786094',
    });
  });
});
