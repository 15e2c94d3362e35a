import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { openHistoryStore } from '../../../src-main/platform/storage/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { HOUR, okPoll, transferMeter, usageOf } from './store-fixtures.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');

async function openStore() {
  const dir = await tempDir();
  const { store } = openHistoryStore(dir, { log: silentLogger, now: () => T0 });
  return { store, file: join(dir, 'history.db') };
}

function rowCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('SQLite history store', () => {
  it('stores a poll with its meters, samples and provider state, and reads them back', async () => {
    const { store } = await openStore();
    const meter = transferMeter();
    const usage = usageOf(
      [meter],
      [{ meterId: 'transfer', at: T0, value: 5, dataAsOf: T0 + HOUR }],
      {
        quotas: [{ meterIds: ['transfer'], limit: 100 }],
        notices: [{ level: 'warning', message: 'in arrears' }],
        dataAsOf: T0 + HOUR,
      },
    );
    const id = store.recordPoll(okPoll('a', T0 + 2 * HOUR, usage));
    expect(store.meters('a')).toEqual([meter]);
    expect(store.samples({ accountId: 'a', from: T0, to: T0 + HOUR })).toEqual([
      { meterId: 'transfer', at: T0, value: 5, dataAsOf: T0 + HOUR },
    ]);
    expect(store.accountState('a')).toEqual({
      quotas: [{ meterIds: ['transfer'], limit: 100 }],
      forecasts: [],
      notices: [{ level: 'warning', message: 'in arrears' }],
      dataAsOf: T0 + HOUR,
      fetchedAt: T0 + 2 * HOUR,
    });
    expect(store.lastSuccess('a')).toMatchObject({ id, outcome: 'ok', sampleCount: 1 });
    store.close();
  });

  it('replaces a re-polled sample instead of duplicating it', async () => {
    const { store, file } = await openStore();
    const meter = transferMeter();
    const samples = Array.from({ length: 24 }, (_, h) => ({
      meterId: 'transfer',
      at: T0 + h * HOUR,
      value: h,
    }));
    store.recordPoll(okPoll('a', T0 + 25 * HOUR, usageOf([meter], samples)));
    const before = rowCount(file);
    store.recordPoll(
      okPoll(
        'a',
        T0 + 26 * HOUR,
        usageOf(
          [meter],
          samples.map((s) => ({ ...s, value: s.value * 2 })),
        ),
      ),
    );
    expect(rowCount(file)).toBe(before);
    expect(
      store.samples({ accountId: 'a', from: T0, to: T0 + 24 * HOUR }).map((s) => s.value),
    ).toEqual(samples.map((s) => s.value * 2));
    store.close();
  });

  it('records failed polls without touching the stored data', async () => {
    const { store } = await openStore();
    store.recordPoll(
      okPoll(
        'a',
        T0,
        usageOf([transferMeter()], [{ meterId: 'transfer', at: T0 - HOUR, value: 1 }]),
      ),
    );
    store.recordPoll({
      accountId: 'a',
      provider: 'demo',
      startedAt: T0 + HOUR,
      finishedAt: T0 + HOUR + 10,
      outcome: 'error',
      error: { kind: 'timeout', message: 'slow' },
    });
    expect(store.polls('a', 5).map((p) => p.outcome)).toEqual(['error', 'ok']);
    expect(store.polls('a', 1)[0]).toMatchObject({ errorKind: 'timeout', errorMessage: 'slow' });
    expect(store.lastSuccess('a')!.finishedAt).toBe(T0);
    expect(store.samples({ accountId: 'a', from: 0, to: T0 })).toHaveLength(1);
    store.close();
  });

  it('keeps the file in WAL mode, so that a reader never holds up a poll', async () => {
    const { store, file } = await openStore();
    const reader = new Database(file);
    expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    reader.exec('BEGIN');
    expect(reader.prepare('SELECT count(*) FROM samples').pluck().get()).toBe(0);
    // With a rollback journal this would wait for the reader's lock and fail as busy.
    const started = Date.now();
    store.recordPoll(
      okPoll('a', T0, usageOf([transferMeter()], [{ meterId: 'transfer', at: T0, value: 1 }])),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reader.prepare('SELECT count(*) FROM samples').pluck().get()).toBe(0); // its snapshot
    reader.exec('COMMIT');
    expect(reader.prepare('SELECT count(*) FROM samples').pluck().get()).toBe(1);
    reader.close();
    store.close();
  });

  it('keeps alert state across reopening', async () => {
    const dir = await tempDir();
    const first = openHistoryStore(dir, { log: silentLogger, now: () => T0 }).store;
    first.saveAlertState({ fired: { 'a/transfer': [80] } });
    first.close();
    const second = openHistoryStore(dir, { log: silentLogger, now: () => T0 }).store;
    expect(second.loadAlertState()).toEqual({ fired: { 'a/transfer': [80] } });
    second.close();
  });

  it('exports rows per sample, filtered by account and time', async () => {
    const { store } = await openStore();
    const meter = transferMeter();
    store.recordPoll(
      okPoll(
        'a',
        T0 + 5 * HOUR,
        usageOf(
          [meter],
          [0, 1, 2].map((h) => ({ meterId: 'transfer', at: T0 + h * HOUR, value: h + 1 })),
        ),
      ),
    );
    store.recordPoll(
      okPoll('b', T0 + 5 * HOUR, usageOf([meter], [{ meterId: 'transfer', at: T0, value: 9 }])),
    );
    const rows = [...store.exportSamples({ accountIds: ['a'], from: T0 + HOUR })];
    expect(rows.map((r) => [r.accountId, r.meter.id, r.at, r.value])).toEqual([
      ['a', 'transfer', T0 + HOUR, 2],
      ['a', 'transfer', T0 + 2 * HOUR, 3],
    ]);
    store.close();
  });

  it('compacts old hourly deltas into daily totals, keeps recent hours, and is idempotent', async () => {
    const { store, file } = await openStore();
    const meter = transferMeter();
    const start = Date.parse('2026-01-01T00:00:00Z'); // London is on GMT in January
    const samples = Array.from({ length: 24 * 20 }, (_, h) => ({
      meterId: 'transfer',
      at: start + h * HOUR,
      value: 1,
    }));
    store.recordPoll(okPoll('a', start + 20 * 24 * HOUR, usageOf([meter], samples)));
    const now = start + 20 * 24 * HOUR;
    const report = store.compact(now, { hourlyDays: 7 });
    // 13 whole days older than 7 days become 13 rows; the last 7 days keep 168 hourly rows.
    expect(report).toEqual({ rowsBefore: 480, rowsAfter: 13 + 7 * 24 });
    const old = store.samples({ accountId: 'a', from: start, to: start + 13 * 24 * HOUR });
    expect(old.every((s) => s.value === 24 && s.resolution === 'day')).toBe(true);
    const total = store
      .samples({ accountId: 'a', from: 0, to: now })
      .reduce((sum, s) => sum + s.value, 0);
    expect(total).toBe(480);
    expect(store.compact(now, { hourlyDays: 7 })).toEqual({ rowsBefore: 181, rowsAfter: 181 });
    expect(rowCount(file)).toBe(181);
    store.close();
  });

  it('keeps the last reading of each old day for month-to-date meters and levels', async () => {
    const { store } = await openStore();
    const start = Date.parse('2026-01-01T00:00:00Z');
    const cumulative = transferMeter('mtd', { series: 'cumulative', resolution: 'hour' });
    const samples = Array.from({ length: 48 }, (_, h) => ({
      meterId: 'mtd',
      at: start + (h + 1) * HOUR,
      value: (h + 1) * 10,
    }));
    store.recordPoll(okPoll('a', start + 40 * 24 * HOUR, usageOf([cumulative], samples)));
    store.compact(start + 40 * 24 * HOUR, { hourlyDays: 7 });
    const kept = store.samples({ accountId: 'a', from: 0, to: start + 10 * 24 * HOUR });
    expect(kept.map((s) => s.value)).toEqual([230, 470, 480]);
    store.close();
  });

  it('forgets a removed account entirely', async () => {
    const { store, file } = await openStore();
    store.recordPoll(
      okPoll(
        'a',
        T0,
        usageOf([transferMeter()], [{ meterId: 'transfer', at: T0 - HOUR, value: 1 }]),
      ),
    );
    store.recordPoll(
      okPoll(
        'b',
        T0,
        usageOf([transferMeter()], [{ meterId: 'transfer', at: T0 - HOUR, value: 1 }]),
      ),
    );
    store.deleteAccount('a');
    expect(store.meters('a')).toEqual([]);
    expect(store.polls('a', 10)).toEqual([]);
    expect(store.accountState('a')).toBeNull();
    expect(rowCount(file)).toBe(1);
    store.close();
  });

  it('skips a stored meter whose definition no longer parses instead of failing every read', async () => {
    const { store, file } = await openStore();
    store.recordPoll(okPoll('a', T0, usageOf([transferMeter('x'), transferMeter('y')], [])));
    store.close();
    const db = new Database(file);
    db.prepare(`UPDATE meters SET definition = '{"id":"x"}' WHERE meter_id = 'x'`).run();
    db.close();
    const reopened = openHistoryStore(join(file, '..'), { log: silentLogger, now: () => T0 }).store;
    expect(reopened.meters('a').map((m) => m.id)).toEqual(['y']);
    reopened.close();
  });
});

describe('poll records', () => {
  it('are pruned with the hourly detail, keeping each account’s last success', async () => {
    const { store } = await openStore();
    const day = 86_400_000;
    const usage = usageOf([transferMeter()], []);
    store.recordPoll(okPoll('a', T0 - 100 * day, usage)); // a's only success: it stays
    store.recordPoll({
      accountId: 'a',
      provider: 'demo',
      startedAt: T0 - 99 * day,
      finishedAt: T0 - 99 * day,
      outcome: 'error',
      error: { kind: 'timeout', message: 'slow' },
    });
    store.recordPoll(okPoll('b', T0 - 100 * day, usage));
    store.recordPoll(okPoll('b', T0 - day, usage));
    store.compact(T0, { hourlyDays: 90 });
    expect(store.polls('a', 10).map((p) => p.finishedAt)).toEqual([T0 - 100 * day]); // old error gone, last success kept
    expect(store.polls('b', 10).map((p) => p.finishedAt)).toEqual([T0 - day]);
    store.close();
  });
});

describe('a history backfill', () => {
  it('adds past samples without replacing the current meters or the provider’s present state', async () => {
    const { store } = await openStore();
    const current = transferMeter('transfer', { details: { plan: 'current' } });
    store.recordPoll(
      okPoll(
        'a',
        T0,
        usageOf([current], [{ meterId: 'transfer', at: T0 - HOUR, value: 5 }], {
          quotas: [{ meterIds: ['transfer'], limit: 100 }],
          dataAsOf: T0,
        }),
      ),
    );
    const past = transferMeter('transfer', { details: { plan: 'old' } });
    const older = transferMeter('old-meter');
    store.recordPoll({
      ...okPoll(
        'a',
        T0 + HOUR,
        usageOf(
          [past, older],
          [
            { meterId: 'transfer', at: T0 - 40 * 24 * HOUR, value: 9 },
            { meterId: 'old-meter', at: T0 - 40 * 24 * HOUR, value: 1 },
          ],
          { quotas: [] },
        ),
      ),
      kind: 'backfill',
    });
    expect(store.meters('a').find((m) => m.id === 'transfer')!.details).toEqual({
      plan: 'current',
    });
    expect(store.meters('a').map((m) => m.id)).toEqual(['old-meter', 'transfer']);
    expect(store.accountState('a')).toMatchObject({
      quotas: [{ meterIds: ['transfer'], limit: 100 }],
      dataAsOf: T0,
      fetchedAt: T0,
    });
    expect(store.samples({ accountId: 'a', meterIds: ['transfer'], from: 0, to: T0 })).toHaveLength(
      2,
    );
    expect(store.hasBackfilled('a')).toBe(true);
    store.close();
  });
});
