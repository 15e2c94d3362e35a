import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  registerAppScheme,
  resolveAppFile,
  serveRenderer,
} from '../../src-main/shell/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shell/csp.ts';
import { allowedExternalUrls, openExternalSafely } from '../../src-main/shell/safe-shell.ts';
import {
  hardenApp,
  hardenSession,
  isTrustedUrl,
  trustedOrigins,
} from '../../src-main/shell/security.ts';
import { demoAdapter } from '../../src-main/providers/demo/demo.adapter.ts';
import { ProviderDescriptorSchema } from '../../src-shared/domain/provider-descriptor.ts';
import {
  FakeWebContents,
  app,
  protocol,
  resetElectronFake,
  session,
  shell,
} from '../fakes/electron.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('navigation and windows', () => {
  beforeEach(() => resetElectronFake());

  it('trusts only our own scheme, plus the dev server when one is given', () => {
    const prod = trustedOrigins(undefined);
    expect(isTrustedUrl(APP_ENTRY_URL, prod)).toBe(true);
    expect(isTrustedUrl('cloudmeter://other/index.html', prod)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', prod)).toBe(false);
    expect(isTrustedUrl('file:///etc/passwd', prod)).toBe(false);
    expect(isTrustedUrl('not a url', prod)).toBe(false);
    expect(
      isTrustedUrl('http://localhost:5173/index.html', trustedOrigins('http://localhost:5173/')),
    ).toBe(true);
  });

  it('blocks navigation away, redirects, webviews and every new window', () => {
    hardenApp(app as never, trustedOrigins(undefined));
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    const attempt = (event: string, url: string) => {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', `${APP_ENTRY_URL}#/settings`)).toBe(false);
    expect(attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(attempt('will-attach-webview', 'https://x/')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    });
  });

  it('denies every permission request and check', () => {
    hardenSession(session.defaultSession as never);
    let granted: boolean | undefined;
    session.defaultSession.permissionRequestHandler?.({}, 'notifications', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(session.defaultSession.permissionCheckHandler?.({}, 'media')).toBe(false);
  });
});

describe('the app protocol', () => {
  beforeEach(() => resetElectronFake());

  it('maps app URLs into the renderer folder and refuses to escape it', () => {
    expect(resolveAppFile('/app/renderer', 'cloudmeter://app/index.html')).toBe(
      '/app/renderer/index.html',
    );
    expect(resolveAppFile('/app/renderer', 'cloudmeter://app/')).toBe('/app/renderer/index.html');
    expect(resolveAppFile('/app/renderer', 'cloudmeter://app/assets/a.js')).toBe(
      '/app/renderer/assets/a.js',
    );
    expect(resolveAppFile('/app/renderer', 'cloudmeter://app/../../etc/passwd')).toBe(
      '/app/renderer/etc/passwd',
    );
    // Encoded dots and backslashes are decoded first and still cannot leave the folder.
    expect(resolveAppFile('/app/renderer', 'cloudmeter://app/%2e%2e/%2e%2e/etc/passwd')).toBe(
      '/app/renderer/etc/passwd',
    );
    expect(resolveAppFile('/app/renderer', 'cloudmeter://app/..%2f..%2f..%2fetc/passwd')).toBe(
      '/app/renderer/etc/passwd',
    );
    expect(resolveAppFile('/app/renderer', 'cloudmeter://other/index.html')).toBeNull();
  });

  it('registers a privileged standard scheme and serves files with the CSP header', async () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      {
        scheme: 'cloudmeter',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
    const root = await tempDir();
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<html></html>');
    serveRenderer(root);
    const handler = protocol.handlers.get('cloudmeter')!;
    const page = await handler(new Request('cloudmeter://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await handler(new Request('cloudmeter://app/missing.js'))).status).toBe(404);
  });

  it('uses the same CSP in the page as in the header', async () => {
    const html = await readFile(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });
});

describe('opening links', () => {
  beforeEach(() => resetElectronFake());

  it('opens only https URLs named by a provider descriptor', async () => {
    const descriptor = ProviderDescriptorSchema.parse({
      ...demoAdapter.descriptor,
      dashboardUrl: 'https://console.example/',
      docsUrl: 'https://docs.example/api',
    });
    const allowed = allowedExternalUrls([descriptor, demoAdapter.descriptor]);
    expect([...allowed].sort()).toEqual(['https://console.example/', 'https://docs.example/api']);
    expect(await openExternalSafely('https://console.example/', allowed)).toBe(true);
    expect(await openExternalSafely('https://evil.example/', allowed)).toBe(false);
    expect(await openExternalSafely('file:///etc/passwd', allowed)).toBe(false);
    expect(shell.opened).toEqual(['https://console.example/']);
  });
});
