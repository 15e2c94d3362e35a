import type { Database } from 'better-sqlite3';
import type { Meter } from '../../../src-shared/domain/meter.ts';
import type { RetentionPolicy } from '../../core/history-store.ts';
import { dayKey, startOfDay } from '../../core/time/zoned.ts';

interface Row {
  at: number;
  value: number;
  data_as_of: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Retention for one meter, inside the caller's transaction: rows from whole days (in the
 * meter's zone) older than `policy.hourlyDays` become one row per day — hourly deltas are
 * summed into a daily delta; cumulative readings and gauge levels keep the day's last one —
 * and are marked compacted so the next run leaves them alone. Period totals are unchanged.
 */
export function compactMeter(
  db: Database,
  meterKey: number,
  meter: Meter,
  now: number,
  policy: RetentionPolicy,
): void {
  const cutoff = startOfDay(now - policy.hourlyDays * DAY_MS, meter.timeZone);
  const rows = db
    .prepare(
      'SELECT at, value, data_as_of FROM samples WHERE meter_key = ? AND at < ? AND compacted = 0 ORDER BY at',
    )
    .all(meterKey, cutoff) as Row[];
  if (rows.length === 0) return;

  const days = new Map<string, Row[]>();
  for (const row of rows) {
    const key = dayKey(row.at, meter.timeZone);
    const day = days.get(key);
    if (day) day.push(row);
    else days.set(key, [row]);
  }

  const remove = db.prepare('DELETE FROM samples WHERE meter_key = ? AND at = ?');
  const insert = db.prepare(
    `INSERT INTO samples (meter_key, at, value, data_as_of, resolution, compacted) VALUES (?, ?, ?, ?, ?, 1)
     ON CONFLICT (meter_key, at) DO UPDATE SET value = excluded.value, data_as_of = excluded.data_as_of, resolution = excluded.resolution, compacted = 1`,
  );
  const summing = meter.series === 'delta' && meter.resolution === 'hour';
  for (const group of days.values()) {
    for (const row of group) remove.run(meterKey, row.at);
    const last = group.at(-1)!;
    if (summing) {
      const total = group.reduce((sum, row) => sum + row.value, 0);
      insert.run(meterKey, startOfDay(group[0]!.at, meter.timeZone), total, last.data_as_of, 'day');
    } else {
      insert.run(
        meterKey,
        last.at,
        last.value,
        last.data_as_of,
        meter.series === 'delta' ? null : 'day',
      );
    }
  }
}
