import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { ProviderError } from '../../../src-main/core/provider-error.ts';
import { createHttpClient } from '../../../src-main/platform/http/undici-http-client.ts';

/**
 * The client as the app builds it (no dispatcher passed in): proxies from the environment,
 * NO_PROXY, and kept-alive connections. Everything runs on 127.0.0.1.
 */

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

/** A provider stand-in that counts the TCP connections it accepts. */
async function origin() {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  server.on('connection', (socket) => sockets.add(socket));
  const port = await listen(server);
  return { port, seen, sockets };
}

/**
 * A forward proxy: plain-HTTP requests in absolute form are passed to `target`, whatever host
 * they name; CONNECT tunnels (for https) are recorded and refused.
 */
async function proxy(targetPort: number) {
  const forwarded: string[] = [];
  const tunnels: string[] = [];
  const server = createServer((req, res) => {
    forwarded.push(`${req.method} ${req.url}`);
    const url = new URL(req.url!);
    const upstream = forward(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: url.pathname + url.search },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  server.on('connect', (req, socket: Socket) => {
    tunnels.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, forwarded, tunnels };
}

function appClient() {
  const client = createHttpClient({ requestTimeoutMs: 3_000, connectTimeoutMs: 2_000 });
  onTestFinished(() => client.close());
  return client;
}

function setProxyEnv(env: { http?: string; https?: string; noProxy?: string }) {
  for (const [name, value] of [
    ['HTTP_PROXY', env.http],
    ['HTTPS_PROXY', env.https],
    ['NO_PROXY', env.noProxy],
  ] as const) {
    vi.stubEnv(name, value ?? '');
    vi.stubEnv(name.toLowerCase(), value ?? '');
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('undici HTTP client: proxies and connections', () => {
  it('sends plain-HTTP requests through HTTP_PROXY', async () => {
    const target = await origin();
    const via = await proxy(target.port);
    setProxyEnv({ http: via.url, noProxy: '' });
    const response = await appClient().request({
      method: 'GET',
      url: 'http://billing.provider.test/api/usage?month=2026-11',
    });
    expect(response.status).toBe(200);
    expect(via.forwarded).toEqual(['GET http://billing.provider.test/api/usage?month=2026-11']);
    expect(target.seen).toEqual(['GET /api/usage?month=2026-11']);
  });

  it('opens an HTTPS_PROXY tunnel for https, and reports a refused tunnel as a network error', async () => {
    const target = await origin();
    const via = await proxy(target.port);
    setProxyEnv({ https: via.url, noProxy: '' });
    const error = await appClient()
      .request({ method: 'GET', url: 'https://api.provider.test/v1/usage' })
      .catch((e: unknown) => e);
    expect(via.tunnels).toEqual(['CONNECT api.provider.test:443']);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('network');
    expect(target.seen).toEqual([]);
  });

  it('goes direct to hosts NO_PROXY names', async () => {
    const target = await origin();
    const via = await proxy(target.port);
    setProxyEnv({ http: via.url, https: via.url, noProxy: 'localhost,127.0.0.1' });
    const response = await appClient().request({
      method: 'GET',
      url: `http://127.0.0.1:${target.port}/direct`,
    });
    expect(response.status).toBe(200);
    expect(target.seen).toEqual(['GET /direct']);
    expect(via.forwarded).toEqual([]);
    expect(via.tunnels).toEqual([]);
  });

  it('keeps one connection per origin alive across requests', async () => {
    setProxyEnv({});
    const a = await origin();
    const b = await origin();
    const client = appClient();
    for (let i = 0; i < 5; i++) {
      await client.request({ method: 'GET', url: `http://127.0.0.1:${a.port}/a${i}` });
      await client.request({ method: 'GET', url: `http://127.0.0.1:${b.port}/b${i}` });
    }
    expect(a.seen).toHaveLength(5);
    expect(b.seen).toHaveLength(5);
    expect(a.sockets.size).toBe(1);
    expect(b.sockets.size).toBe(1);
  });
});
