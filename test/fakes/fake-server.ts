import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The harness every fake provider server is built on: real HTTP on 127.0.0.1, a log of what
 * arrived, and injectable faults. Each provider's fake (test/fakes/<id>/) adds its routes,
 * its signature check and its documented response shapes on top.
 */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  /** The query exactly as sent on the wire, without the '?'. */
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface FakeReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON (with a JSON content type) unless `text` is given. */
  readonly json?: unknown;
  readonly text?: string;
}

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export type Fault =
  /** Answer with this status (and body, headers) instead of the real answer: 5xx, 429... */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly json?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Hold the real answer back this long (past the client's timeout). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Declare the real body's full length, send half of it, then cut the connection. */
  | { readonly kind: 'truncated' }
  /** Real status, body cut to text that is not JSON. */
  | { readonly kind: 'malformed' }
  /** A 200 whose body is this many bytes. */
  | { readonly kind: 'oversized'; readonly bytes: number }
  /** The provider changed its schema: the real JSON body passed through `transform`. */
  | { readonly kind: 'reshape'; readonly transform: (json: unknown) => unknown }
  /** Close the connection without answering. */
  | { readonly kind: 'reset' };

interface FaultRule {
  readonly fault: Fault;
  remaining: number;
  readonly match: (request: FakeRequest) => boolean;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toRequest(req: IncomingMessage, body: string): FakeRequest {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const rawQuery = q === -1 ? '' : target.slice(q + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: q === -1 ? target : target.slice(0, q),
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers,
    body,
  };
}

function bodyOf(reply: FakeReply): { text: string; type: string } {
  if (reply.text !== undefined) return { text: reply.text, type: 'text/plain; charset=utf-8' };
  return {
    text: reply.json === undefined ? '' : JSON.stringify(reply.json),
    type: 'application/json',
  };
}

export class FakeServer {
  readonly requests: FakeRequest[] = [];
  private readonly faults: FaultRule[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server: Server;
  private readonly handler: FakeHandler;
  /** Added before every answer (the benchmark's simulated network latency). */
  latencyMs: number;

  private constructor(handler: FakeHandler, latencyMs: number) {
    this.handler = handler;
    this.latencyMs = latencyMs;
    this.server = createServer((req, res) => {
      void this.serve(req, res);
    });
  }

  static async start(
    handler: FakeHandler,
    options: { latencyMs?: number } = {},
  ): Promise<FakeServer> {
    const fake = new FakeServer(handler, options.latencyMs ?? 0);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Applies `fault` to the next `times` matching requests (every one by default). */
  inject(
    fault: Fault,
    options: { times?: number; match?: (request: FakeRequest) => boolean } = {},
  ): void {
    this.faults.push({
      fault,
      remaining: options.times ?? Number.POSITIVE_INFINITY,
      match: options.match ?? (() => true),
    });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeFault(request: FakeRequest): Fault | undefined {
    const rule = this.faults.find((f) => f.remaining > 0 && f.match(request));
    if (rule) rule.remaining -= 1;
    return rule?.fault;
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = toRequest(req, await readBody(req));
    this.requests.push(request);
    if (this.latencyMs > 0) await this.delay(this.latencyMs);
    const fault = this.takeFault(request);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    let reply: FakeReply;
    try {
      reply =
        fault?.kind === 'status'
          ? { status: fault.status, json: fault.json, headers: fault.headers }
          : await this.handler(request);
    } catch (error) {
      reply = { status: 500, text: `fake server handler failed: ${String(error)}` };
    }
    if (fault?.kind === 'slow') await this.delay(fault.delayMs);
    if (fault?.kind === 'reshape' && reply.json !== undefined)
      reply = { ...reply, json: fault.transform(reply.json) };
    if (fault?.kind === 'oversized') reply = { status: 200, text: 'x'.repeat(fault.bytes) };
    const { text, type } = bodyOf(reply);
    const headers = { 'content-type': type, ...reply.headers };
    if (res.destroyed) return;
    if (fault?.kind === 'malformed') {
      res
        .writeHead(reply.status ?? 200, headers)
        .end(`${text.slice(0, Math.floor(text.length / 2))}<html>`);
    } else if (fault?.kind === 'truncated') {
      const bytes = Buffer.from(text);
      res.writeHead(reply.status ?? 200, { ...headers, 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    } else {
      res.writeHead(reply.status ?? 200, headers).end(text);
    }
  }
}
