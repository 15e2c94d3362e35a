import { Agent } from 'undici';
import { onTestFinished } from 'vitest';
import {
  createHttpClient,
  type HttpClientOptions,
} from '../../src-main/platform/http/undici-http-client.ts';

/**
 * The real undici-based client, with a direct dispatcher (no proxy from the environment) so
 * that test traffic only ever goes to the fake servers on 127.0.0.1. Closed after the test.
 */
export function testHttpClient(options: HttpClientOptions = {}) {
  const client = createHttpClient({
    dispatcher: new Agent({ connect: { timeout: 2_000 } }),
    requestTimeoutMs: 3_000,
    ...options,
  });
  onTestFinished(() => client.close());
  return client;
}
