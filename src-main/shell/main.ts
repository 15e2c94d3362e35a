import { homedir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app/create-app.ts';
import { registerAppScheme } from './app-protocol.ts';
import { runAppLifecycle } from './app-lifecycle.ts';
import { startShell } from './start-shell.ts';

// The composition root: the real machine's values handed to the shell. The logic lives in
// app-lifecycle.ts and start-shell.ts, tested with the fake electron module.

registerAppScheme();

void runAppLifecycle({
  platform: process.platform,
  start: () =>
    startShell({
      platform: process.platform,
      argv: process.argv,
      env: process.env,
      homedir: homedir(),
      execPath: process.execPath,
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      rendererDir: join(import.meta.dirname, '../renderer'),
      createApp,
    }),
});
