import { createHash, createHmac } from 'node:crypto';
import type { Instant } from '../../../src-shared/domain/primitives.ts';

/**
 * CDNetworks' two ways of authenticating a request (docs: api-key-authentication and
 * ak-sk-authentication; SDK cdnetworks/common/auth/aksk_auth.go). Pure functions: the caller
 * supplies the time, so the test vectors of docs/providers/cdnetworks.md can pin them.
 */

/** `Thu, 17 May 2012 19:37:58 GMT`: RFC 1123, always in UTC whatever the machine's zone. */
export function rfc1123(at: Instant): string {
  return new Date(at).toUTCString();
}

/** API-key scheme: password = Base64(HMAC-SHA1(key = apiKey, message = the exact date string)). */
export function apiKeyPassword(apiKey: string, date: string): string {
  return createHmac('sha1', apiKey).update(date, 'utf8').digest('base64');
}

/**
 * Headers of the API-key scheme. The date travels in `x-cnc-date` rather than `Date`, which
 * browsers and Electron's net module may refuse to set; the server accepts either.
 */
export function apiKeyHeaders(input: {
  userName: string;
  apiKey: string;
  at: Instant;
}): Record<string, string> {
  const date = rfc1123(input.at);
  const password = apiKeyPassword(input.apiKey, date);
  const basic = Buffer.from(`${input.userName}:${password}`, 'utf8').toString('base64');
  return { 'x-cnc-date': date, authorization: `Basic ${basic}` };
}

export const AKSK_ALGORITHM = 'CNC-HMAC-SHA256';
/** The only header set the API signs, in this order. */
export const AKSK_SIGNED_HEADERS = 'content-type;host';

export interface AkskRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path without the query, e.g. `/api/domain-usage`. */
  readonly path: string;
  /** The raw query as sent, without '?'; only GET signs it. */
  readonly rawQuery: string;
  /** The exact values of the Host and Content-Type headers that go on the wire. */
  readonly host: string;
  readonly contentType: string;
  /** The exact body sent; '' for none. */
  readonly body: string;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Go's url.QueryUnescape, which the SDK applies to a GET query before signing it. */
function queryUnescape(raw: string): string {
  return decodeURIComponent(raw.replace(/\+/g, ' '));
}

/**
 * The canonical request. Note the blank line: the canonical header block ends in "\n" and one
 * more "\n" follows before the signed-header list. Header values are lower-cased. A POST signs
 * an empty query string even when its URL has one (the report APIs take dates in the query).
 */
export function akskCanonicalRequest(request: AkskRequest): string {
  const query = request.method === 'GET' ? queryUnescape(request.rawQuery) : '';
  const body = request.method === 'GET' ? '' : request.body;
  const headers =
    `content-type:${request.contentType.toLowerCase()}\n` + `host:${request.host.toLowerCase()}\n`;
  return [request.method, request.path, query, headers, AKSK_SIGNED_HEADERS, sha256Hex(body)].join(
    '\n',
  );
}

export interface AkskSignature {
  readonly payloadHash: string;
  readonly canonicalRequestHash: string;
  readonly signature: string;
}

export function akskSign(
  request: AkskRequest,
  secretKey: string,
  timestamp: number,
): AkskSignature {
  const canonical = akskCanonicalRequest(request);
  const canonicalRequestHash = sha256Hex(canonical);
  const stringToSign = `${AKSK_ALGORITHM}\n${timestamp}\n${canonicalRequestHash}`;
  return {
    payloadHash: sha256Hex(request.method === 'GET' ? '' : request.body),
    canonicalRequestHash,
    signature: createHmac('sha256', secretKey).update(stringToSign, 'utf8').digest('hex'),
  };
}

/** Headers of the AK/SK scheme; `timestamp` is Unix seconds and must not repeat within 5 min. */
export function akskHeaders(
  request: AkskRequest,
  credentials: { accessKeyId: string; secretKey: string },
  timestamp: number,
): Record<string, string> {
  const { signature } = akskSign(request, credentials.secretKey, timestamp);
  return {
    'x-cnc-accesskey': credentials.accessKeyId,
    'x-cnc-timestamp': String(timestamp),
    'x-cnc-auth-method': 'AKSK',
    authorization: `${AKSK_ALGORITHM} Credential=${credentials.accessKeyId}, SignedHeaders=${AKSK_SIGNED_HEADERS}, Signature=${signature}`,
  };
}
