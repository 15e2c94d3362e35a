import type { z } from 'zod';
import type { ProviderErrorKind } from '../../../src-shared/domain/errors.ts';
import type { HttpResponse } from '../../core/http.ts';
import type { ProviderError } from '../../core/provider-error.ts';
import { providerError, requestJson } from '../http-json.ts';
import { credential, type FetchContext } from '../provider.ts';
import { EnvelopeSchema } from './surfercloud.schema.ts';
import { formBody, signParams, type ParamInput } from './surfercloud.sign.ts';

/**
 * How a RetCode reads (https://surfercloud.com/docs/api/summary/public; ucloud-sdk-go
 * `ucloud/error/server_error.go`). 110/130/150 and ≥ 2000 are the SDK's retryable codes; 171,
 * 172 and the 2xx parameter codes come from UCloud practice (INFERRED), as do 5xxx "resource
 * not found" and the permission and rate-limit messages.
 */
export function kindForRetCode(code: number, message: string): ProviderErrorKind {
  if (code === 170 || code === 171 || code === 172) return 'auth';
  if (/permission|not authori[sz]ed|access denied|forbidden/i.test(message)) return 'permission';
  if (/too many|too frequent|rate limit|throttl/i.test(message)) return 'rate-limited';
  if (code >= 5000 && code < 6000) return 'not-found';
  if (code >= 2000 || (code >= 100 && code < 160)) return 'server';
  return 'invalid-request';
}

const HINTS: Partial<Record<number, string>> = {
  171: 'the private key does not match the public key',
  172: 'no SurferCloud user has this public key',
};

function envelopeOf(body: unknown): { code: number; message: string } | null {
  const parsed = EnvelopeSchema.safeParse(body);
  if (!parsed.success) return null;
  return { code: parsed.data.RetCode, message: parsed.data.Message ?? '' };
}

/** The provider's `Message` from any error body. */
export function retCodeMessage(body: unknown): string | null {
  const envelope = envelopeOf(body);
  if (!envelope) return null;
  return envelope.message ? `RetCode ${envelope.code}: ${envelope.message}` : null;
}

/** An HTTP 200 whose RetCode is not 0 is an error, never data. */
export function classifyRetCode(what: string) {
  return (response: HttpResponse, body: unknown): ProviderError | null => {
    if (response.status < 200 || response.status >= 300) return null;
    const envelope = envelopeOf(body);
    if (!envelope || envelope.code === 0) return null;
    const hint = HINTS[envelope.code];
    const said = envelope.message || 'no message';
    return providerError(kindForRetCode(envelope.code, envelope.message), what, {
      providerMessage: `RetCode ${envelope.code}: ${said}${hint ? ` (${hint})` : ''}`,
    });
  };
}

/**
 * One signed API call, the Python SDK's way: POST to `/?Action=<name>` with every parameter,
 * `Signature` included, in an `application/x-www-form-urlencoded` body. All the calls made
 * here are reads, so server errors are retried.
 */
export function callAction<S extends z.ZodType>(
  ctx: FetchContext,
  action: string,
  params: ParamInput,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  const signed = signParams(
    { Action: action, ...params },
    { publicKey: credential(ctx, 'publicKey'), privateKey: credential(ctx, 'privateKey') },
  );
  return requestJson(ctx, {
    request: {
      method: 'POST',
      url: `${ctx.baseUrl}/?Action=${encodeURIComponent(action)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody(signed),
    },
    schema,
    what,
    errorMessage: retCodeMessage,
    classify: classifyRetCode(what),
    retries: 2,
  });
}
