// Benchmark of the history store (issue 5): two years of hourly samples for 100 meters.
// Prints inserts per second, the time to read one meter's month, the time to compute every
// account's snapshot from the store, and the file size. Targets: >= 200k samples/s, <= 5 ms,
// <= 50 ms.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src-main/core/logger.ts';
import { computeSnapshot } from '../src-main/core/snapshot.ts';
import { openHistoryStore } from '../src-main/platform/storage/index.ts';
import { demoAdapter } from '../src-main/providers/demo/demo.adapter.ts';
import { AlertSettingsSchema } from '../src-shared/domain/config.ts';
import type { Meter, Sample } from '../src-shared/domain/meter.ts';
import { type BenchResult, median, timed } from './bench-support.ts';

const HOUR = 3_600_000;
const ACCOUNTS = 10;
const METERS_PER_ACCOUNT = 10;
const END = Date.parse('2026-11-21T00:00:00Z');
const START = END - 2 * 365 * 24 * HOUR;

function metersOf(account: number): Meter[] {
  return Array.from({ length: METERS_PER_ACCOUNT }, (_, m) => ({
    id: `transfer:${m}`,
    label: `Transfer ${m}`,
    kind: 'transfer-total',
    unit: 'bytes',
    scope: { level: 'region', id: `region-${account}-${m}` },
    series: 'delta',
    resolution: 'hour',
    timeZone: 'UTC',
  }));
}

export function runHistoryBench(): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'cloudmeter-bench-'));
  try {
    const { store } = openHistoryStore(dir, { log: silentLogger, now: () => END });
    let inserted = 0;
    const insertMs = timed(() => {
      // One transaction per account and month of data, as a backfill would write it.
      for (let month = START; month < END; month += 30 * 24 * HOUR) {
        const until = Math.min(END, month + 30 * 24 * HOUR);
        for (let a = 0; a < ACCOUNTS; a++) {
          const meters = metersOf(a);
          const samples: Sample[] = [];
          for (const meter of meters) {
            for (let at = month; at < until; at += HOUR)
              samples.push({ meterId: meter.id, at, value: 1e6 + (at % 7919) });
          }
          inserted += samples.length;
          store.recordPoll({
            accountId: `account-${a}`,
            provider: 'demo',
            startedAt: until,
            finishedAt: until,
            outcome: 'ok',
            usage: { meters, samples, quotas: [], forecasts: [], notices: [] },
          });
        }
      }
    });

    const monthRead = median(
      Array.from({ length: 50 }, (_, i) =>
        timed(() =>
          store.samples({
            accountId: `account-${i % ACCOUNTS}`,
            meterIds: [`transfer:${i % METERS_PER_ACCOUNT}`],
            from: END - 30 * 24 * HOUR,
            to: END,
          }),
        ),
      ),
    );

    const alerts = AlertSettingsSchema.parse({});
    const inputs = Array.from({ length: ACCOUNTS }, (_, a) => {
      const accountId = `account-${a}`;
      return {
        accountId,
        meters: store.meters(accountId),
        samples: store.samples({ accountId, from: END - 31 * 24 * HOUR, to: END }),
      };
    });
    const readMs = median(
      Array.from({ length: 10 }, () =>
        timed(() => {
          for (const { accountId } of inputs)
            store.samples({ accountId, from: END - 31 * 24 * HOUR, to: END });
        }),
      ),
    );
    const snapshotMs = median(
      Array.from({ length: 10 }, () =>
        timed(() => {
          for (const { accountId, meters, samples } of inputs) {
            computeSnapshot({
              account: {
                id: accountId,
                provider: 'demo',
                label: accountId,
                options: {},
                enabled: true,
                quotas: [],
              },
              descriptor: demoAdapter.descriptor,
              meters,
              samples,
              providerQuotas: [],
              notices: [],
              status: { state: 'ok' },
              fetchedAt: END,
              dataAsOf: END,
              now: END,
              alerts,
            });
          }
        }),
      ),
    );
    store.close();
    const size =
      statSync(join(dir, 'history.db')).size +
      (statSync(join(dir, 'history.db-wal'), { throwIfNoEntry: false })?.size ?? 0);
    const rate = inserted / (insertMs / 1000);
    return [
      {
        name: 'history: samples inserted per second (batched)',
        value: Math.round(rate),
        unit: 'samples/s',
        target: '>= 200000',
        ok: rate >= 200_000,
      },
      { name: 'history: samples inserted', value: inserted, unit: 'samples' },
      {
        name: "history: read one meter's month series (median)",
        value: monthRead,
        unit: 'ms',
        target: '<= 5',
        ok: monthRead <= 5,
      },
      {
        name: "history: read the 10 accounts' current-period samples from the file (median)",
        value: readMs,
        unit: 'ms',
      },
      {
        name: 'history: compute all 10 accounts / 100 meters snapshots (median)',
        value: snapshotMs,
        unit: 'ms',
        target: '<= 50',
        ok: snapshotMs <= 50,
      },
      { name: 'history: database file size', value: Math.round(size / 1e6), unit: 'MB' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
