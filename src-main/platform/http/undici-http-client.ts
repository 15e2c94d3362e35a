import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import type { HttpClient, HttpRequest, HttpResponse } from '../../core/http.ts';
import { ProviderError } from '../../core/provider-error.ts';

export interface HttpClientOptions {
  /** Where requests go; tests pass an Agent for the fake servers. Default: env-proxy aware. */
  readonly dispatcher?: Dispatcher;
  readonly userAgent?: string;
  readonly connectTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
  /** Whole-request deadline when a request names none. */
  readonly requestTimeoutMs?: number;
  /** Larger answers are cut off and reported as `bad-response`. */
  readonly maxResponseBytes?: number;
}

export interface ClosableHttpClient extends HttpClient {
  /** Closes kept-alive connections (on quit). */
  close(): Promise<void>;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  requestTimeoutMs: 45_000,
  maxResponseBytes: 8 * 1024 * 1024,
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed before an answer',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'answer was cut off',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'request was cut off',
};

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** "250 ms", "1.5 s", "45 s", "2 min": a deadline as people say it. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${Number((ms / 1_000).toFixed(1))} s`;
  if (ms < 120_000) return `${Math.round(ms / 1_000)} s`;
  return `${Number((ms / 60_000).toFixed(1))} min`;
}

/** How far the answer had come when the transport failed. */
interface Progress {
  /** The status line and headers had arrived. */
  headers: boolean;
  /** Body bytes received, and the length the headers declared (if they did). */
  bytes: number;
  declared: number | null;
}

/** Maps a transport failure to a ProviderError; messages name the host only, never the URL. */
function transportError(
  error: unknown,
  host: string,
  deadlineMs: number,
  timedOut: boolean,
  progress: Progress,
): ProviderError {
  const code = errorCode(error);
  if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
    const partly = progress.headers ? ` (the answer had begun: ${progress.bytes} bytes)` : '';
    return new ProviderError(
      'timeout',
      `${host} sent no complete answer within ${formatDuration(deadlineMs)}${partly}`,
      { cause: error },
    );
  }
  if (progress.headers) {
    const of = progress.declared === null ? '' : ` of the ${progress.declared} announced`;
    return new ProviderError(
      'network',
      `${host}: the answer was cut off after ${progress.bytes} bytes${of} (${code ?? 'connection closed'})`,
      { cause: error },
    );
  }
  if (code !== undefined && code in NETWORK_CODES) {
    return new ProviderError('network', `${host}: ${NETWORK_CODES[code]}`, { cause: error });
  }
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) {
    return new ProviderError('network', `${host}: TLS certificate problem (${code})`, {
      cause: error,
    });
  }
  return new ProviderError(
    'network',
    `${host}: ${code ?? (error instanceof Error ? error.name : 'request failed')}`,
    { cause: error },
  );
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * The app's HTTP client on undici: keep-alive per origin, HTTPS_PROXY/NO_PROXY honoured,
 * connect/headers/body timeouts plus a whole-request deadline, and a cap on answer size.
 */
export function createHttpClient(options: HttpClientOptions = {}): ClosableHttpClient {
  const settings = { ...DEFAULTS, ...options };
  const dispatcher =
    options.dispatcher ??
    new EnvHttpProxyAgent({
      connect: { timeout: settings.connectTimeoutMs },
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
      keepAliveTimeout: 30_000,
    });

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    const deadlineMs = req.timeoutMs ?? settings.requestTimeoutMs;
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort(new Error('deadline'));
    }, deadlineMs);
    const signal = req.signal ? AbortSignal.any([req.signal, deadline.signal]) : deadline.signal;
    const progress: Progress = { headers: false, bytes: 0, declared: null };
    try {
      const response = await request(url, {
        method: req.method,
        headers: { 'user-agent': settings.userAgent ?? 'Cloudmeter', ...req.headers },
        body: req.body,
        dispatcher,
        signal,
        headersTimeout: settings.headersTimeoutMs,
        bodyTimeout: settings.bodyTimeoutMs,
      });
      progress.headers = true;
      const declared = Number(response.headers['content-length'] ?? Number.NaN);
      if (Number.isFinite(declared)) progress.declared = declared;
      if (Number.isFinite(declared) && declared > settings.maxResponseBytes) {
        response.body.destroy();
        throw new ProviderError(
          'bad-response',
          `${url.host}: answer of ${declared} bytes is larger than the ${settings.maxResponseBytes}-byte limit`,
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        progress.bytes = size;
        if (size > settings.maxResponseBytes) {
          response.body.destroy();
          throw new ProviderError(
            'bad-response',
            `${url.host}: answer is larger than the ${settings.maxResponseBytes}-byte limit`,
          );
        }
        chunks.push(buffer);
      }
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: Buffer.concat(chunks).toString('utf8'),
      };
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      if (req.signal?.aborted) throw req.signal.reason as Error;
      throw transportError(error, url.host, deadlineMs, timedOut, progress);
    } finally {
      clearTimeout(timer);
    }
  }

  let closing: Promise<void> | undefined;
  return {
    request: send,
    close: () => (closing ??= dispatcher.close()),
  };
}
