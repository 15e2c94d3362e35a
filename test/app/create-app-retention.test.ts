import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createApp } from '../../src-main/app/create-app.ts';
import { olderThan, seedHourly } from '../platform/storage/store-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const T0 = Date.parse('2026-11-21T12:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('the app’s retention job', () => {
  it('compacts the history a few minutes after start, then daily, by the user’s preference', async () => {
    const dir = await tempDir();
    const configFile = join(dir, 'config.json');
    const config = (hourlyHistoryDays: number) =>
      JSON.stringify({ version: 1, accounts: [], preferences: { hourlyHistoryDays } });
    await writeFile(configFile, config(7));
    // Real timers and clock, faked: the app's scheduler is setTimeout and its clock Date.now.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
    onTestFinished(() => void vi.useRealTimers());
    const app = await createApp({
      paths: { configFile, dataDir: join(dir, 'data') },
      version: '0.0.0-test',
      platform: 'linux',
      locales: ['en'],
      timeZone: 'UTC',
      chooseExportFile: () => Promise.resolve(null),
      openExternal: () => Promise.resolve(false),
    });
    onTestFinished(() => app.close());
    seedHourly(app.store, T0);

    await vi.advanceTimersByTimeAsync(3 * MINUTE - 1);
    expect(olderThan(app.store, T0).rows).toBe(30 * 24);
    await vi.advanceTimersByTimeAsync(1);
    // Days before 14 November (7 days before, in UTC) are one row each now.
    expect(olderThan(app.store, Date.parse('2026-11-14T00:00:00Z')).rows).toBe(23);

    await app.config.update((current) => ({
      ...current,
      preferences: { ...current.preferences, hourlyHistoryDays: 2 },
    }));
    await vi.advanceTimersByTimeAsync(DAY);
    expect(olderThan(app.store, Date.parse('2026-11-20T00:00:00Z')).rows).toBe(23 + 6);
  });
});
