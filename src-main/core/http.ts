/**
 * The HTTP client adapters use. The real one (src-main/platform/http/) is built on undici and
 * owns timeouts, the response size cap, proxies and keep-alive; adapters never call fetch.
 *
 * Transport failures reject with a ProviderError (`network`, `timeout`, `bad-response` for an
 * oversized or undecodable body). Every HTTP status resolves: mapping statuses to error kinds
 * needs the provider's error body, so it is the adapter's job (see providers/http-json.ts).
 */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL, query included exactly as it must go on the wire (some signatures cover it). */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Whole-request deadline; the client's default applies when absent. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}
