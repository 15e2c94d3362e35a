import { z } from 'zod';

/**
 * Why reading an account failed. Every provider error maps to one of these, so that the
 * poller knows whether to back off, and the user knows whether to act.
 */
export const ProviderErrorKindSchema = z.enum([
  'auth', // credentials rejected: the user must fix them
  'permission', // credentials valid but lack a scope or right
  'rate-limited', // provider said slow down (retry-after honoured)
  'network', // could not connect, DNS, TLS, connection reset
  'timeout', // no complete answer in time
  'bad-response', // answer did not have the documented shape
  'server', // provider's 5xx or internal error code
  'not-found', // the region, service, domain... does not exist
  'invalid-request', // the provider refused our parameters (a bug or a bad option)
]);
export type ProviderErrorKind = z.infer<typeof ProviderErrorKindSchema>;

/** Errors worth retrying by themselves, with backoff. */
export const TRANSIENT_ERROR_KINDS: ReadonlySet<ProviderErrorKind> = new Set([
  'rate-limited',
  'network',
  'timeout',
  'server',
]);
