import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';

// Placeholder composition root: opens the (still empty) usage window with the hardened
// settings. The tray, polling, notifications and IPC are wired in by the Electron shell issue.
function createUsageWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 960,
    height: 720,
    show: true,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return window;
}

void app.whenReady().then(() => {
  createUsageWindow();
});

app.on('window-all-closed', () => app.quit());
