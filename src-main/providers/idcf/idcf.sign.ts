import { createHmac } from 'node:crypto';

/**
 * IDCF's request signature for the "Your" (billing), DNS and ILB APIs, as
 * idcf-faraday_middleware computes it: Base64(HMAC-SHA256(secretKey, seed)), where the seed is
 * METHOD, path, API key, expiry and query joined by "\n". The body is not signed.
 */
export interface IdcfSignedRequest {
  readonly method: string;
  /** The URL path only, exactly as sent (no query). */
  readonly path: string;
  /** The query exactly as sent on the wire, without '?'; '' when there is none. */
  readonly query: string;
  readonly apiKey: string;
  /** Unix seconds, the same string as the X-IDCF-Expires header. */
  readonly expires: string;
}

/** How long a signature stays valid: tolerates a few minutes of clock skew (IDCF's gem uses 600). */
export const IDCF_SIGNATURE_TTL_SECONDS = 300;

export function idcfSignatureSeed(request: IdcfSignedRequest): string {
  return [
    request.method.toUpperCase(),
    request.path,
    request.apiKey,
    request.expires,
    request.query,
  ].join('\n');
}

export function idcfSignature(secretKey: string, request: IdcfSignedRequest): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8'))
    .update(idcfSignatureSeed(request), 'utf8')
    .digest('base64');
}

/** The three authentication headers for a request sent at `nowMs`. */
export function idcfAuthHeaders(
  request: Omit<IdcfSignedRequest, 'expires'>,
  secretKey: string,
  nowMs: number,
): Record<string, string> {
  const expires = String(Math.floor(nowMs / 1000) + IDCF_SIGNATURE_TTL_SECONDS);
  return {
    'X-IDCF-APIKEY': request.apiKey,
    'X-IDCF-Expires': expires,
    'X-IDCF-Signature': idcfSignature(secretKey, { ...request, expires }),
  };
}

/**
 * Builds a query string once, so that the bytes signed are the bytes sent: values encoded with
 * encodeURIComponent (spaces as %20, never '+', as IDCF's seed rule requires).
 */
export function idcfQuery(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}
