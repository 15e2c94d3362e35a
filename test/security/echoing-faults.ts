import type { Fault } from '../fakes/fake-server.ts';

/** A provider's error bodies in every common shape, each one repeating the secret. */
function echoingBody(secret: string): Record<string, unknown> {
  const said = `bad key ${secret} (Basic ${Buffer.from(`${secret}:x`).toString('base64')})`;
  return {
    message: said,
    error: said,
    error_description: said,
    errortext: said,
    Message: said,
    RetCode: 171,
    detail: said,
    errors: [{ message: said }],
  };
}

/** Every fault a fake can throw, the error bodies repeating `secret`. */
export function faultsEchoing(secret: string): Fault[] {
  const json = echoingBody(secret);
  return [
    { kind: 'status', status: 401, json },
    { kind: 'status', status: 403, json },
    { kind: 'status', status: 429, json, headers: { 'retry-after': '30' } },
    { kind: 'status', status: 500, json },
    { kind: 'status', status: 200, json },
    { kind: 'malformed' },
    { kind: 'truncated' },
    { kind: 'reset' },
  ];
}
