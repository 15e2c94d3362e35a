import { createHash } from 'node:crypto';
import type { FakeRequest } from '../fake-server.ts';

/**
 * How the fake reads a request and checks its signature, written from the SurferCloud
 * signature page, independently of the adapter: GET query, POST form or POST JSON; values
 * URL-decoded first; then SHA1 over the byte-sorted key+value pairs (minus `Signature`) with
 * the private key appended.
 */
export type Params = Map<string, string>;

function jsonText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return null;
}

/** JSON bodies: arrays and objects become `Key.0`, `Key.Sub`, as in form mode. */
function flattenJson(out: Params, key: string, value: unknown): void {
  const text = jsonText(value);
  if (text !== null) out.set(key, text);
  else if (Array.isArray(value)) value.forEach((v, i) => flattenJson(out, `${key}.${i}`, v));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flattenJson(out, `${key}.${k}`, v);
}

/** The request's parameters, decoded; null when the body cannot be read. */
export function readParams(request: FakeRequest): Params | null {
  const params: Params = new Map();
  if (request.method === 'POST') {
    const type = request.headers['content-type'] ?? '';
    if (type.includes('application/json')) {
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        return null;
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
      for (const [key, value] of Object.entries(body)) flattenJson(params, key, value);
    } else {
      for (const [key, value] of new URLSearchParams(request.body)) params.set(key, value);
    }
  }
  // The query: all of a GET, and `?Action=` next to a POST body (the SDKs send both).
  for (const [key, value] of request.query) if (!params.has(key)) params.set(key, value);
  return params;
}

export function expectedSignature(params: Params, privateKey: string): string {
  const keys = [...params.keys()]
    .filter((key) => key !== 'Signature')
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const text = keys.map((key) => key + params.get(key)!).join('') + privateKey;
  return createHash('sha1').update(text).digest('hex');
}
