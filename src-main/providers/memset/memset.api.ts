import type { z } from 'zod';
import type { ProviderErrorKind } from '../../../src-shared/domain/errors.ts';
import type { HttpResponse } from '../../core/http.ts';
import { ProviderError } from '../../core/provider-error.ts';
import { providerError, requestJson } from '../http-json.ts';
import { credential, type FetchContext } from '../provider.ts';
import type { MemsetMethod } from './memset.descriptor.ts';
import { ErrorBodySchema, type ErrorBody } from './memset.schema.ts';
import { basicAuthorization, isUsableApiKey } from './memset.sign.ts';

/** Service names, as the API documents them: 1-64 of A-Z, a-z, 0-9, "-", "." and "_". */
export const SERVICE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

function errorBody(body: unknown): ErrorBody | null {
  const parsed = ErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** The provider's own words: `error`, else `error_type`. */
export function memsetErrorMessage(body: unknown): string | null {
  const parsed = errorBody(body);
  return parsed?.error ?? parsed?.error_type ?? null;
}

/**
 * Kinds for the error types Memset names. Only ApiErrorDoesNotExist (404) is VERIFIED; the
 * others are INFERRED from the naming pattern, so they are matched loosely.
 */
function kindForErrorType(errorType: string): ProviderErrorKind | null {
  if (/DoesNotExist|NotFound/i.test(errorType)) return 'not-found';
  if (/Auth|Login|InvalidKey|BadKey/i.test(errorType)) return 'auth';
  if (/Permission|Forbidden|Scope|Denied/i.test(errorType)) return 'permission';
  if (/Throttl|RateLimit|TooMany/i.test(errorType)) return 'rate-limited';
  if (/Param|Invalid|Validation|Argument/i.test(errorType)) return 'invalid-request';
  return null;
}

/** A key without the method's scope: the message names the scope the user must add. */
function missingScope(method: MemsetMethod, what: string, status: number, said: string | null) {
  const words = said ? ` Memset said: ${said}` : '';
  return new ProviderError(
    'permission',
    `${what}: permission denied (HTTP ${status}): the API key lacks the scope "${method}"; add it to the key in the Memset control panel.${words}`,
    { status, providerMessage: said },
  );
}

/**
 * Memset answers errors with a 4xx/5xx status and `{error_type, error_code, error}`. A 403 is
 * a missing scope unless its error type says authentication failed; an HTTP 200 that carries
 * an error body (not seen, but never to be read as data) becomes the error it names.
 */
function classifier(method: MemsetMethod, what: string) {
  return (response: HttpResponse, body: unknown): ProviderError | null => {
    const parsed = errorBody(body);
    const type = parsed?.error_type ?? '';
    const said = parsed?.error ?? (type || null);
    const ok = response.status >= 200 && response.status < 300;
    if (response.status === 403) {
      if (kindForErrorType(type) === 'auth') {
        return providerError('auth', what, { status: 403, providerMessage: said });
      }
      return missingScope(method, what, 403, said);
    }
    if (ok && body !== null && typeof body === 'object' && typeof parsed?.error_type === 'string') {
      const kind = kindForErrorType(type) ?? 'server';
      if (kind === 'permission') return missingScope(method, what, response.status, said);
      return providerError(kind, what, { status: response.status, providerMessage: said });
    }
    return null;
  };
}

/** `Memset bandwidth.info for "myserver1"`: names the call and the service in messages. */
export function describeCall(method: MemsetMethod, service?: string, extra?: string): string {
  const target = service === undefined ? '' : ` for "${service}"`;
  return `Memset ${method}${target}${extra ? ` (${extra})` : ''}`;
}

/**
 * Calls one read-only method of the JSON interface: POST `{base}/v1/json/<method>` with the
 * parameters as a form (strings; booleans would be "0"/"1"), Basic auth with the key as user
 * name. Retried on server errors: every method used here only reads.
 */
export function callMemset<S extends z.ZodType>(
  ctx: FetchContext,
  method: MemsetMethod,
  params: Readonly<Record<string, string>>,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  const apiKey = credential(ctx, 'apiKey');
  if (!isUsableApiKey(apiKey)) {
    throw new ProviderError(
      'auth',
      `account "${ctx.account.id}": the stored Memset API key contains spaces, colons or control characters; store the key again`,
    );
  }
  return requestJson(ctx, {
    request: {
      method: 'POST',
      url: `${ctx.baseUrl}/v1/json/${method}`,
      headers: {
        authorization: basicAuthorization(apiKey),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(params).toString(),
    },
    schema,
    what,
    errorMessage: memsetErrorMessage,
    classify: classifier(method, what),
    retries: 2,
  });
}
