// Benchmark of polling (issue 7): 50 accounts spread over the five fake providers, each request
// delayed by 100 ms, read once by the polling service. Prints the wall time against the ideal
// (the longest chain of dependent requests × latency) and the CPU time per account. Targets:
// <= 1.5 × ideal, <= 5 ms CPU per account. The fakes run in a child process so that their CPU
// does not count.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { silentLogger } from '../src-main/core/logger.ts';
import { UsageService } from '../src-main/core/polling/usage-service.ts';
import { createHttpClient } from '../src-main/platform/http/undici-http-client.ts';
import { openMemoryHistoryStore } from '../src-main/platform/storage/index.ts';
import { systemScheduler } from '../src-main/platform/system-scheduler.ts';
import { providerRegistry } from '../src-main/providers/index.ts';
import { ConfigSchema } from '../src-shared/domain/config.ts';
import { MemorySecretStore } from '../test/fakes/memory-secret-store.ts';
import { FakeClock } from '../test/support/fake-clock.ts';
import { median, type BenchResult } from './bench-support.ts';

const LATENCY_MS = 100;
const PER_PROVIDER = 10;
const NOW = '2026-11-21T12:00:00Z';

/**
 * The longest chain of requests that must wait for one another in a current-period read, per
 * provider (independent requests may run together): SurferCloud lists EIPs (first page, then
 * the other pages) before it can ask for their traffic; Memset reads bandwidth before storage;
 * the others need one round.
 */
const DEPENDENT_CHAIN = { idcf: 1, memset: 2, cdnetworks: 1, surfercloud: 3, seeweb: 1 } as const;

export async function runPollingBench(): Promise<BenchResult[]> {
  const child = spawn(
    process.execPath,
    [
      new URL('./provider-fakes.child.ts', import.meta.url).pathname,
      String(LATENCY_MS),
      String(PER_PROVIDER),
      NOW,
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const line = (await lines.next()).value as string;
  const { accounts, secrets } = JSON.parse(line) as {
    accounts: unknown[];
    secrets: Record<string, Record<string, string>>;
  };
  const http = createHttpClient({ dispatcher: new Agent({ connections: 256 }) });
  const clock = new FakeClock(NOW);
  const store = openMemoryHistoryStore({ log: silentLogger, now: () => clock.now() });
  const service = new UsageService(
    {
      clock,
      scheduler: systemScheduler,
      http,
      secrets: new MemorySecretStore(secrets),
      store,
      providers: providerRegistry,
      log: silentLogger,
      random: Math.random,
      timeZone: 'UTC',
      alerts: false,
      backfill: false,
    },
    ConfigSchema.parse({ version: 1, accounts }),
  );
  try {
    // Warm-up rounds (module loading, connections, JIT: the app polls for days, so the steady
    // state is what counts), then the median of three.
    for (let i = 0; i < 2; i++) await service.pollAllOnce();
    const rounds: {
      wall: number;
      cpuMs: number;
      state: Awaited<ReturnType<UsageService['pollAllOnce']>>;
    }[] = [];
    for (let i = 0; i < 3; i++) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const state = await service.pollAllOnce();
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      rounds.push({ wall: wallMs, cpuMs: (cpu.user + cpu.system) / 1000, state });
    }
    const wall = median(rounds.map((r) => r.wall));
    const state = rounds.at(-1)!.state;
    const cpuPerAccount = median(rounds.map((r) => r.cpuMs)) / state.accounts.length;
    const failed = state.accounts.filter((a) => a.status.state !== 'ok');
    if (failed.length > 0)
      throw new Error(`${failed.length} accounts failed: ${JSON.stringify(failed[0]!.status)}`);
    const ideal = Math.max(...Object.values(DEPENDENT_CHAIN)) * LATENCY_MS;
    return [
      {
        name: `polling: ${state.accounts.length} accounts over five providers, ${LATENCY_MS} ms latency, wall time`,
        value: wall,
        unit: 'ms',
      },
      { name: 'polling: ideal (longest dependent chain × latency)', value: ideal, unit: 'ms' },
      {
        name: 'polling: wall time ÷ ideal',
        value: wall / ideal,
        unit: '×',
        target: '<= 1.5',
        ok: wall / ideal <= 1.5,
      },
      {
        name: 'polling: CPU per account',
        value: cpuPerAccount,
        unit: 'ms',
        target: '<= 5',
        ok: cpuPerAccount <= 5,
      },
    ];
  } finally {
    await service.stop();
    store.close();
    await http.close();
    child.stdin.end();
  }
}
