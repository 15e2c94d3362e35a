import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

/**
 * The renderer is served from `cloudmeter://app/` instead of file:// (Electron security
 * checklist: custom protocol, so the page has an origin of its own and cannot read files).
 */
export const APP_SCHEME = 'cloudmeter';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  // Standard and secure: an origin of its own and a secure context. Fetch support and CORS: the
  // built page loads its code as module scripts (`<script type="module" crossorigin>`).
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** The file under `root` that a `cloudmeter://app/...` URL names, or null if it escapes root. */
export function resolveAppFile(root: string, url: string): string | null {
  const parsed = new URL(url);
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== 'app') return null;
  const relative = normalize(decodeURIComponent(parsed.pathname)).replace(/^([/\\])+/, '');
  const file = join(root, relative || 'index.html');
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/** Serves the built renderer, with the CSP as a header as well as in the page. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(root, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
