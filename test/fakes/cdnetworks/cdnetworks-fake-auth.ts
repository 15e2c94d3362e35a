import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FakeRequest } from '../fake-server.ts';

/**
 * The fake's own check of CDNetworks' two auth schemes, written from the documentation
 * (api-key-authentication, ak-sk-authentication pages; providers.md §3.5), not from the
 * adapter. Failure bodies follow the documented `{code, message}` shape; the codes themselves
 * are not documented and are INFERRED.
 */

export interface FakeUser {
  readonly userName: string;
  readonly apiKey: string;
  readonly accessKeyId: string;
  readonly secretKey: string;
}

export type AuthResult =
  | { readonly ok: true; readonly user: FakeUser; readonly scheme: 'api-key' | 'aksk' }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Both schemes tolerate this much clock skew (documented for AK/SK; INFERRED for API key). */
const MAX_SKEW_MS = 5 * 60_000;

const fail = (code: string, message: string): AuthResult => ({ ok: false, code, message });

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function hex256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Remembers AK/SK timestamps per key for 5 minutes: the API refuses a repeated one. */
export class TimestampLedger {
  private readonly seen = new Map<string, number>();

  /** True if (key, timestamp) was not seen in the last 5 minutes; records it. */
  claim(accessKeyId: string, timestamp: string, now: number): boolean {
    for (const [entry, at] of this.seen) if (now - at > MAX_SKEW_MS) this.seen.delete(entry);
    const entry = `${accessKeyId}\u0000${timestamp}`;
    if (this.seen.has(entry)) return false;
    this.seen.set(entry, now);
    return true;
  }
}

function verifyApiKey(request: FakeRequest, users: readonly FakeUser[], now: number): AuthResult {
  const date = request.headers['x-cnc-date'] ?? request.headers.date;
  if (date === undefined) return fail('MissingDate', 'Date or x-cnc-date header is required');
  const when = Date.parse(date);
  if (!/ GMT$/.test(date) || Number.isNaN(when)) {
    return fail('InvalidDate', 'the date must be RFC 1123 in GMT');
  }
  if (Math.abs(now - when) > MAX_SKEW_MS)
    return fail('RequestExpired', 'the request date is expired');
  const encoded = (request.headers.authorization ?? '').slice('Basic '.length);
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = users.find((u) => u.userName === decoded.slice(0, colon));
  if (colon < 0 || !user) return fail('InvalidUser', 'user name or password is wrong');
  const expected = createHmac('sha1', user.apiKey).update(date).digest('base64');
  if (!sameText(decoded.slice(colon + 1), expected)) {
    return fail('InvalidUser', 'user name or password is wrong');
  }
  return { ok: true, user, scheme: 'api-key' };
}

function canonicalRequest(request: FakeRequest): string {
  const isGet = request.method === 'GET';
  const query = isGet ? decodeURIComponent(request.rawQuery.replace(/\+/g, ' ')) : '';
  const lower = (name: string) => (request.headers[name] ?? '').toLowerCase();
  return (
    `${request.method}\n${request.path}\n${query}\n` +
    `content-type:${lower('content-type')}\nhost:${lower('host')}\n\n` +
    `content-type;host\n${hex256(isGet ? '' : request.body)}`
  );
}

function verifyAksk(
  request: FakeRequest,
  users: readonly FakeUser[],
  ledger: TimestampLedger,
  now: number,
): AuthResult {
  const h = request.headers;
  if (h['x-cnc-auth-method'] !== 'AKSK')
    return fail('InvalidAuthMethod', 'x-cnc-auth-method must be AKSK');
  const user = users.find((u) => u.accessKeyId === h['x-cnc-accesskey']);
  if (!user) return fail('InvalidAccessKey', 'the access key does not exist');
  const timestamp = h['x-cnc-timestamp'] ?? '';
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp) * 1000) > MAX_SKEW_MS) {
    return fail('RequestExpired', 'x-cnc-timestamp differs from the server time by over 5 minutes');
  }
  const match =
    /^CNC-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      h.authorization ?? '',
    );
  if (!match || match[1] !== user.accessKeyId || match[2] !== 'content-type;host') {
    return fail('InvalidAuthorization', 'the Authorization header is malformed');
  }
  const stringToSign = `CNC-HMAC-SHA256\n${timestamp}\n${hex256(canonicalRequest(request))}`;
  const expected = createHmac('sha256', user.secretKey).update(stringToSign).digest('hex');
  if (!sameText(match[3]!, expected))
    return fail('SignatureDoesNotMatch', 'the signature is wrong');
  if (!ledger.claim(user.accessKeyId, timestamp, now)) {
    return fail(
      'RepeatedTimestamp',
      'the same x-cnc-timestamp cannot be used again within 5 minutes',
    );
  }
  return { ok: true, user, scheme: 'aksk' };
}

/** Decides which scheme a request uses by its Authorization header and checks it. */
export function authenticate(
  request: FakeRequest,
  users: readonly FakeUser[],
  ledger: TimestampLedger,
  now: number,
): AuthResult {
  const authorization = request.headers.authorization ?? '';
  if (authorization.startsWith('Basic ')) return verifyApiKey(request, users, now);
  if (authorization.startsWith('CNC-HMAC-SHA256 ')) return verifyAksk(request, users, ledger, now);
  return fail('MissingAuthorization', 'the Authorization header is missing');
}
