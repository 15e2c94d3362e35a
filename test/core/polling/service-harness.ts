import { onTestFinished } from 'vitest';
import type { HistoryStore } from '../../../src-main/core/history-store.ts';
import type { Logger } from '../../../src-main/core/logger.ts';
import {
  UsageService,
  type UsageServiceDeps,
} from '../../../src-main/core/polling/usage-service.ts';
import { openHistoryStore } from '../../../src-main/platform/storage/index.ts';
import { providerRegistry } from '../../../src-main/providers/index.ts';
import { ConfigSchema, type ConfigInput } from '../../../src-shared/domain/config.ts';
import { startIdcfFake, type IdcfFakeOptions } from '../../fakes/idcf/idcf.fake.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakeScheduler } from '../../support/fake-scheduler.ts';
import { testHttpClient } from '../../support/http.ts';
import { tempDir } from '../../support/temp-dir.ts';

export const NOW = '2026-11-21T12:00:00Z';

/** The IDCF fake on the test's clock, an hourly account on it and its keys in a keychain. */
export async function idcfSetup(clock: FakeClock, options: Omit<IdcfFakeOptions, 'now'> = {}) {
  const fake = await startIdcfFake({ now: () => clock.now(), ...options });
  onTestFinished(() => fake.close());
  const account = { ...fake.account('idcf'), pollIntervalMinutes: 60 };
  const secrets = new MemorySecretStore({
    idcf: Object.fromEntries(fake.secretFields.map((f) => [f, fake.credentials[f]!])),
  });
  return { fake, account, secrets };
}

/** Waits for every poll and backfill in flight, whatever their outcome. */
export async function settled(service: UsageService): Promise<void> {
  await Promise.allSettled(service['flights'].inFlight());
}

export function recordingLog() {
  const lines: { level: string; message: string; fields?: unknown }[] = [];
  const log: Logger = {
    debug: (message, fields) => lines.push({ level: 'debug', message, fields }),
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
  return { log, lines };
}

/**
 * The polling service on real parts: a SQLite file, the real HTTP client to the fakes, the
 * real provider manifest, an in-memory keychain; time is a FakeClock driven by a FakeScheduler.
 */
export async function serviceHarness(options: {
  config: ConfigInput;
  now?: string;
  dataDir?: string;
  clock?: FakeClock;
  secrets?: MemorySecretStore;
  alerts?: boolean;
  backfill?: boolean;
  /** Puts something between the service and the real store (to inject a failure). */
  wrapStore?: (store: HistoryStore) => HistoryStore;
}) {
  const clock = options.clock ?? new FakeClock(options.now ?? NOW);
  const scheduler = new FakeScheduler(clock);
  const dataDir = options.dataDir ?? (await tempDir());
  const { log, lines } = recordingLog();
  const { store } = openHistoryStore(dataDir, { log, now: () => clock.now() });
  const deps: UsageServiceDeps = {
    clock,
    scheduler,
    http: testHttpClient(),
    secrets: options.secrets ?? new MemorySecretStore(),
    store: options.wrapStore ? options.wrapStore(store) : store,
    providers: providerRegistry,
    log,
    random: () => 0.5,
    timeZone: 'UTC',
    alerts: options.alerts ?? true,
    backfill: options.backfill ?? true,
  };
  const service = new UsageService(deps, ConfigSchema.parse(options.config));
  const alerts: { title: string; body: string; accountId: string }[] = [];
  service.onAlerts((events) => alerts.push(...events));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await service.stop();
    store.close();
  };
  onTestFinished(stop);
  return { service, clock, scheduler, store, dataDir, alerts, logLines: lines, stop };
}

/**
 * The real store with one method failing, as a disk error would, on the calls after failNext:
 * the failure is injected, everything else is the SQLite store.
 */
export function failingStore(method: keyof HistoryStore, error = new Error('disk I/O error')) {
  let remaining = 0;
  let failures = 0;
  const wrap = (store: HistoryStore): HistoryStore =>
    new Proxy(store, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (key !== method || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (remaining > 0) {
            remaining--;
            failures++;
            throw error;
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return {
    wrap,
    /** The next `n` calls fail. */
    failNext: (n = 1) => void (remaining = n),
    failures: () => failures,
  };
}
