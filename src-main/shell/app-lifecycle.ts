import { app, dialog } from 'electron';
import { Redactor } from '../core/redact.ts';
import type { RunningShell } from './start-shell.ts';

export interface LifecycleOptions {
  readonly platform: NodeJS.Platform;
  /** Builds the app once Electron is ready (startShell); rejects if it cannot run. */
  readonly start: () => Promise<RunningShell>;
}

/** The longest start-up error shown; the rest is in the log, if there is one yet. */
const MAX_ERROR_CHARS = 600;

/** The start-up error dialog's text: the error's message, anything credential-like removed. */
export function startFailureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // No secret has been registered this early; this removes "Bearer …"-style tokens all the same.
  const redacted = new Redactor().redact(message);
  const shown =
    redacted.length > MAX_ERROR_CHARS ? `${redacted.slice(0, MAX_ERROR_CHARS)}…` : redacted;
  return `${shown}\n\nCloudmeter will quit. Start it again once the problem is fixed.`;
}

/**
 * One Cloudmeter per user: the first start holds the single-instance lock, later starts hand
 * their command line to it and leave. The handlers are registered before anything else, so a
 * start during the first one's start-up is queued, not lost. If the app cannot start, the user
 * is told and the process exits: a hidden process would keep the lock, and every later start
 * would leave silently. Resolves once the app runs (or has given up).
 */
export async function runAppLifecycle(options: LifecycleOptions): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // Another Cloudmeter is running: it opens its window (second-instance), this one leaves.
    app.quit();
    return;
  }
  let shell: RunningShell | null = null;
  const waiting: (readonly string[])[] = [];
  const relaunched = (argv: readonly string[]) => {
    if (shell) shell.relaunched(argv);
    else waiting.push(argv);
  };
  app.on('second-instance', (_event, argv) => relaunched(argv));
  // macOS starts no second process: opening the app again from Finder, Spotlight or Launchpad
  // activates the running one.
  if (options.platform === 'darwin') app.on('activate', () => relaunched([]));
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => {});
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !shell) return;
    event.preventDefault();
    quitting = true;
    void shell.close().finally(() => app.quit());
  });

  try {
    await app.whenReady();
    shell = await options.start();
  } catch (error) {
    dialog.showErrorBox('Cloudmeter could not start', startFailureMessage(error));
    app.exit(1);
    return;
  }
  for (const argv of waiting.splice(0)) shell.relaunched(argv);
}
