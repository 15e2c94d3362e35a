import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/** Rewrites the policy in index.html's CSP meta; the source keeps the app's exact policy. */
function editCspMeta(html: string, edit: (directives: string[]) => string[]): string {
  return html.replace(CSP_META, (_all, open: string, policy: string, close: string) => {
    const directives = policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean);
    return `${open}${edit(directives).join('; ')}${close}`;
  });
}

/**
 * The renderer's CSP meta, per use. Built app: as in the source, minus `frame-ancestors`, which
 * browsers ignore in a meta element (and log as an error); the cloudmeter:// protocol sends the
 * whole policy, frame-ancestors included, as a header. Vite's dev server only: inline styles
 * and React's refresh preamble, and the HMR websocket, none of which the built app needs.
 */
function rendererCsp(): Plugin[] {
  const withoutFrameAncestors = (directives: string[]) =>
    directives.filter((d) => !d.startsWith('frame-ancestors'));
  const relaxed: Record<string, string> = {
    'script-src': "script-src 'self' 'unsafe-inline'",
    'style-src': "style-src 'self' 'unsafe-inline'",
    'connect-src': "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  };
  return [
    {
      name: 'cloudmeter:csp-meta',
      apply: 'build',
      transformIndexHtml: (html) => editCspMeta(html, withoutFrameAncestors),
    },
    {
      name: 'cloudmeter:csp-meta-dev-server',
      apply: 'serve',
      transformIndexHtml: (html) =>
        editCspMeta(html, (directives) =>
          withoutFrameAncestors(directives).map((d) => relaxed[d.split(/\s/)[0]!] ?? d),
        ),
    },
  ];
}

// Three bundles, one per Electron runtime. The main process keeps its runtime `dependencies`
// (native keytar and better-sqlite3 among them) external; the sandboxed preload must be a
// single CommonJS file with everything inlined, because a sandboxed preload cannot require
// packages; the renderer is an ordinary Vite web build.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-main/shell/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/shell/preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), rendererCsp()],
    build: {
      outDir: 'out/renderer',
      // One bundle, loaded from disk: `npm run bench` prints its gzipped size against the target.
      chunkSizeWarningLimit: 1024,
      rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
});
