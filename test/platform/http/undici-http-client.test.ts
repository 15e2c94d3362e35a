import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src-main/core/provider-error.ts';
import { formatDuration } from '../../../src-main/platform/http/undici-http-client.ts';
import { FakeServer } from '../../fakes/fake-server.ts';
import { testHttpClient } from '../../support/http.ts';

async function fake() {
  const server = await FakeServer.start((req) => ({
    json: { path: req.path, query: req.rawQuery, ua: req.headers['user-agent'] },
  }));
  return server;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('formatDuration', () => {
  it('says a deadline as people do, never "0 s"', () => {
    expect(formatDuration(200)).toBe('200 ms');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(3_000)).toBe('3 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(300_000)).toBe('5 min');
  });
});

describe('undici HTTP client', () => {
  it('sends the query exactly as given and a User-Agent', async () => {
    const server = await fake();
    try {
      const http = testHttpClient({ userAgent: 'Cloudmeter/test' });
      const response = await http.request({
        method: 'GET',
        url: `${server.baseUrl}/a/b?x=1%202&y=%2A`,
      });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({
        path: '/a/b',
        query: 'x=1%202&y=%2A',
        ua: 'Cloudmeter/test',
      });
      expect(response.headers['content-type']).toBe('application/json');
    } finally {
      await server.close();
    }
  });

  it('returns error statuses instead of throwing, so adapters can read the error body', async () => {
    const server = await fake();
    try {
      server.inject({ kind: 'status', status: 503, json: { message: 'down' } });
      const response = await testHttpClient().request({ method: 'GET', url: server.baseUrl });
      expect(response.status).toBe(503);
      expect(JSON.parse(response.body)).toEqual({ message: 'down' });
    } finally {
      await server.close();
    }
  });

  it('gives up on a slow answer at the deadline with a timeout error', async () => {
    const server = await fake();
    try {
      server.inject({ kind: 'slow', delayMs: 2_000 });
      const started = Date.now();
      const error = await failure(
        testHttpClient().request({ method: 'GET', url: server.baseUrl, timeoutMs: 200 }),
      );
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe(
        `${new URL(server.baseUrl).host} sent no complete answer within 200 ms`,
      );
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await server.close();
    }
  });

  it('refuses an oversized answer', async () => {
    const server = await fake();
    try {
      server.inject({ kind: 'oversized', bytes: 50_000 });
      const error = await failure(
        testHttpClient({ maxResponseBytes: 10_000 }).request({
          method: 'GET',
          url: server.baseUrl,
        }),
      );
      expect(error.kind).toBe('bad-response');
      expect(error.message).toMatch(/larger than the 10000-byte limit/);
    } finally {
      await server.close();
    }
  });

  it('reports a body cut off mid-way and a dropped connection as network errors', async () => {
    const server = await fake();
    try {
      server.inject({ kind: 'truncated' }, { times: 1 });
      const cut = await failure(testHttpClient().request({ method: 'GET', url: server.baseUrl }));
      expect(cut.kind).toBe('network');
      // The fake declares the whole body's length and sends half of it.
      const body = JSON.stringify({ path: '/', query: '', ua: 'Cloudmeter' });
      const half = Math.floor(body.length / 2);
      expect(cut.message).toContain(
        `the answer was cut off after ${half} bytes of the ${body.length} announced`,
      );
      server.inject({ kind: 'reset' }, { times: 1 });
      const reset = await failure(testHttpClient().request({ method: 'GET', url: server.baseUrl }));
      expect(reset.kind).toBe('network');
      expect(reset.message).toMatch(/connection (reset|closed before an answer)/);
    } finally {
      await server.close();
    }
  });

  it('reports a refused connection without the URL query', async () => {
    const server = await fake();
    const url = `${server.baseUrl}/x?api_key=SECRET123`;
    await server.close();
    const error = await failure(testHttpClient().request({ method: 'GET', url }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/connection refused/);
    expect(error.message).not.toContain('SECRET123');
  });

  it('passes a caller abort through as an abort, not as a provider error', async () => {
    const server = await fake();
    try {
      server.inject({ kind: 'slow', delayMs: 1_000 });
      const controller = new AbortController();
      const pending = testHttpClient().request({
        method: 'GET',
        url: server.baseUrl,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(new Error('shutting down')), 50);
      await expect(pending).rejects.toThrow('shutting down');
    } finally {
      await server.close();
    }
  });
});
