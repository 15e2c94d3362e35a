import { onTestFinished } from 'vitest';
import type { Logger } from '../../../src-main/core/logger.ts';
import {
  UsageService,
  type UsageServiceDeps,
} from '../../../src-main/core/polling/usage-service.ts';
import { openHistoryStore } from '../../../src-main/platform/storage/index.ts';
import { providerRegistry } from '../../../src-main/providers/index.ts';
import { ConfigSchema, type ConfigInput } from '../../../src-shared/domain/config.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakeScheduler } from '../../support/fake-scheduler.ts';
import { testHttpClient } from '../../support/http.ts';
import { tempDir } from '../../support/temp-dir.ts';

export const NOW = '2026-11-21T12:00:00Z';

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
    store,
    providers: providerRegistry,
    log,
    random: () => 0.5,
    timeZone: 'UTC',
    alerts: options.alerts ?? true,
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
