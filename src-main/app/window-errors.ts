import { IpcRequestError } from '../../src-shared/ipc/result.ts';
import { CredentialInputError } from '../core/credentials.ts';
import { redactError, type Redactor } from '../core/redact.ts';

/**
 * What a handler threw, as the window may see it (validatedCall turns it into the reply's
 * `error`): its words with every secret the process has met redacted, since a provider's
 * answer or a typed value can end up in a message; the code of an IpcRequestError and the
 * kind of a ProviderError kept; a secret the user typed wrong a bad request.
 */
export function windowError(error: unknown, redactor: Pick<Redactor, 'redact'>): Error {
  if (error instanceof IpcRequestError)
    return new IpcRequestError(error.code, redactor.redact(error.message));
  if (error instanceof CredentialInputError)
    return new IpcRequestError('bad-request', redactor.redact(error.message));
  return redactError(error, redactor);
}
