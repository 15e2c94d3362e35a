import { describe, expect, it } from 'vitest';
import { scheduleRetention } from '../../../src-main/core/polling/retention.ts';
import { openHistoryStore } from '../../../src-main/platform/storage/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakeScheduler } from '../../support/fake-scheduler.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { olderThan, seedHourly } from '../../platform/storage/store-fixtures.ts';
import { failingStore, recordingLog } from './service-harness.ts';

const T0 = Date.parse('2026-11-21T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

async function setup() {
  const clock = new FakeClock(T0);
  const scheduler = new FakeScheduler(clock);
  const { log, lines } = recordingLog();
  const { store } = openHistoryStore(await tempDir(), { log, now: () => clock.now() });
  seedHourly(store, T0);
  return { clock, scheduler, log, lines, store };
}

describe('the retention job', () => {
  it('compacts a few minutes after start, then daily, with the policy of the day', async () => {
    const { clock, scheduler, log, lines, store } = await setup();
    let hourlyDays = 7;
    const job = scheduleRetention({ scheduler, clock, store, log }, () => ({ hourlyDays }));

    scheduler.advanceTo(T0 + 3 * MINUTE - 1);
    expect(olderThan(store, T0).rows).toBe(30 * 24); // untouched so far
    scheduler.advanceTo(T0 + 3 * MINUTE);
    // Whole UTC days before 7 days ago (half of 22 October, then 23 October to 13 November)
    // became one row each, with the same total; the last 7½ days keep their hours.
    const cutoff = Date.parse('2026-11-14T00:00:00Z');
    expect(olderThan(store, cutoff)).toEqual({ rows: 23, total: 12 + 22 * 24 });
    expect(olderThan(store, T0).rows).toBe(23 + 7 * 24 + 12);
    expect(lines).toContainEqual({
      level: 'info',
      message: 'history compacted',
      fields: { rowsBefore: 30 * 24, rowsAfter: 23 + 7 * 24 + 12 },
    });

    hourlyDays = 2;
    scheduler.advanceTo(T0 + 3 * MINUTE + DAY - 1);
    expect(olderThan(store, T0).rows).toBe(23 + 7 * 24 + 12);
    scheduler.advanceTo(T0 + 3 * MINUTE + DAY);
    // Now 2 days: 14 to 19 November are days too.
    expect(olderThan(store, Date.parse('2026-11-20T00:00:00Z')).rows).toBe(23 + 6);
    expect(scheduler.pending()).toEqual([T0 + 3 * MINUTE + 2 * DAY]);

    job.dispose();
    expect(scheduler.pending()).toEqual([]);
    store.close();
  });

  it('logs a failed run and tries again the next day', async () => {
    const { clock, scheduler, log, lines, store: real } = await setup();
    const faults = failingStore('compact');
    const store = faults.wrap(real);
    faults.failNext();
    scheduleRetention({ scheduler, clock, store, log }, () => ({ hourlyDays: 7 }), MINUTE);

    scheduler.advanceTo(T0 + MINUTE);
    expect(lines).toContainEqual({
      level: 'error',
      message: 'history compaction failed; it is tried again tomorrow',
      fields: { error: 'Error: disk I/O error' },
    });
    expect(scheduler.pending()).toEqual([T0 + MINUTE + DAY]);
    scheduler.advanceTo(T0 + MINUTE + DAY);
    expect(olderThan(real, Date.parse('2026-11-15T00:00:00Z')).rows).toBe(24); // one a day
    real.close();
  });
});
