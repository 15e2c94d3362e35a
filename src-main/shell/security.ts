import type { App, Session, WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol.ts';

/**
 * Where our own pages come from: the app scheme, plus the dev server during `npm run dev`
 * (electron-vite sets ELECTRON_RENDERER_URL only then).
 */
export function trustedOrigins(devServerUrl: string | undefined): ReadonlySet<string> {
  const origins = new Set([APP_ORIGIN]);
  if (devServerUrl) origins.add(originOf(devServerUrl));
  return origins;
}

/**
 * `scheme://host[:port]`. (WHATWG `URL.origin` is "null" for custom schemes such as ours, so it
 * cannot be compared.)
 */
function originOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

export function isTrustedUrl(url: string, origins: ReadonlySet<string>): boolean {
  try {
    return origins.has(originOf(url));
  } catch {
    return false;
  }
}

/**
 * Electron security checklist, applied to every web contents the app ever creates: no
 * navigation away from our own page, no new windows, no webviews, every permission request
 * denied (the usage window needs none).
 */
export function hardenWebContents(contents: WebContents, origins: ReadonlySet<string>): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, origins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, origins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function hardenApp(app: App, origins: ReadonlySet<string>): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origins));
}
