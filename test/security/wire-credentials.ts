import type { FakeRequest } from '../fakes/fake-server.ts';

/**
 * The credentials a fake provider received on the wire, as they travelled: whole
 * Authorization headers (Basic, CNC-HMAC-SHA256...), token and signature headers (X-APITOKEN,
 * X-IDCF-Signature...), the signatures inside them, and signature or key parameters in the
 * query or a form body (UCloud's Signature). None of them may show anywhere the app writes.
 * Label → value, for findLeaks.
 */

const CREDENTIAL_NAME = /authorization|token|signature|api-?key|secret|passw/i;
/** Names of identifiers that travel beside a credential but are not secret. */
const PUBLIC_NAME = /public|access-?key-?id/i;
/** Shorter values (a "1" flag) would match ordinary text by chance. */
const MIN_LENGTH = 8;

function parameters(request: FakeRequest): [string, string][] {
  const body = request.body.trim();
  let fromBody: [string, string][] = [];
  if (body.startsWith('{')) {
    const json = JSON.parse(body) as Record<string, unknown>;
    fromBody = Object.entries(json).flatMap(([k, v]) =>
      typeof v === 'string' ? [[k, v] as [string, string]] : [],
    );
  } else if (body.includes('=')) fromBody = [...new URLSearchParams(body)];
  return [...request.query, ...fromBody];
}

export function wireCredentials(requests: readonly FakeRequest[]): Record<string, string> {
  const found: Record<string, string> = {};
  const keep = (label: string, value: string) => {
    if (value.length >= MIN_LENGTH) found[`${label}: ${value.slice(0, 4)}…`] = value;
  };
  for (const request of requests) {
    for (const [name, value] of Object.entries(request.headers)) {
      if (!CREDENTIAL_NAME.test(name) || PUBLIC_NAME.test(name)) continue;
      keep(`header ${name}`, value);
      for (const [, signature] of value.matchAll(/Signature=([^,\s]+)/g))
        keep(`${name} signature`, signature!);
      const basic = /^Basic (\S+)$/.exec(value);
      if (basic) keep(`${name} basic`, basic[1]!);
    }
    for (const [name, value] of parameters(request))
      if (CREDENTIAL_NAME.test(name) && !PUBLIC_NAME.test(name)) keep(`parameter ${name}`, value);
  }
  return found;
}
