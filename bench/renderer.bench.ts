// The usage window's speed with long histories, in Debian's Chromium: the time from the data's
// arrival (two years of hourly samples for 20 meters, from `usage:series`) to the account
// view's charts painted, and the renderer's JavaScript size gzipped. The page runs the real
// built renderer; a stand-in preload answers with generated data, so that only the window's
// own work is timed.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { computeSnapshot } from '../src-main/core/snapshot.ts';
import { demoDescriptor } from '../src-main/providers/demo/demo.descriptor.ts';
import { AccountSchema } from '../src-shared/domain/account.ts';
import { ConfigSchema } from '../src-shared/domain/config.ts';
import type { Meter, Sample } from '../src-shared/domain/meter.ts';
import { ProviderDescriptorSchema } from '../src-shared/domain/provider-descriptor.ts';
import { REQUEST_CHANNELS, methodName } from '../src-shared/ipc/channels.ts';
import { buildRenderer } from '../test/renderer/support/build-renderer.ts';
import {
  CHROMIUM_PATH,
  PAGE_OPTIONS,
  chromiumAvailable,
  launchChromium,
} from '../test/renderer/support/browser.ts';
import { serveRenderer } from '../test/renderer/support/static-server.ts';
import { median, type BenchResult } from './bench-support.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-21T12:00:00Z');
const METERS = 20;
const RUNS = 5;
const JS_TARGET_KB = 250;
const PAINT_TARGET_MS = 300;

/** Bytes in one hour for meter `index` at `at`: daily and weekly waves, the same in Node and page. */
function hourly(base: number, at: number): number {
  const h = at / HOUR;
  return Math.round(
    base *
      (1 + 0.5 * Math.sin((2 * Math.PI * h) / 24)) *
      (1 + 0.2 * Math.sin((2 * Math.PI * h) / 168)),
  );
}

function benchData() {
  const descriptor = ProviderDescriptorSchema.parse(demoDescriptor);
  const account = AccountSchema.parse({
    id: 'bench',
    provider: 'demo',
    label: 'Twenty regions',
    options: {},
  });
  const meters: Meter[] = Array.from({ length: METERS }, (_, i) => ({
    id: `transfer-total:r${String(i + 1).padStart(2, '0')}`,
    label: `Region ${i + 1} transfer (in + out)`,
    kind: 'transfer-total',
    unit: 'bytes',
    scope: { level: 'region', id: `r${i + 1}`, label: `Region ${i + 1}` },
    series: 'delta',
    resolution: 'hour',
    timeZone: 'UTC',
  }));
  const bases = meters.map((_, i) => (i + 1) * 40e6);
  const samples: Sample[] = [];
  const monthStart = Date.parse('2026-11-01T00:00:00Z');
  meters.forEach((meter, i) => {
    for (let at = monthStart - 40 * 24 * HOUR; at < NOW; at += HOUR)
      samples.push({ meterId: meter.id, at, value: hourly(bases[i]!, at) });
  });
  const config = ConfigSchema.parse({ version: 1, accounts: [account] });
  const snapshot = computeSnapshot({
    account,
    descriptor,
    meters,
    samples,
    providerQuotas: [],
    notices: [],
    status: { state: 'ok' },
    fetchedAt: NOW,
    dataAsOf: NOW,
    now: NOW,
    alerts: config.alerts,
  });
  return {
    state: {
      accounts: [snapshot],
      generatedAt: NOW,
      notificationsPausedUntil: null,
      snoozedUntil: {},
    },
    config,
    providers: [descriptor],
    periods: [snapshot.meters[0]!.period],
    meters,
    bases,
  };
}

type BenchPageData = ReturnType<typeof benchData> & { methods: string[] };

/** The stand-in preload: answers from the data above; `usage:series` generates its runs. */
function benchPreload(data: BenchPageData) {
  const H = 3_600_000;
  const wave = (base: number, at: number) => {
    const h = at / H;
    return Math.round(
      base *
        (1 + 0.5 * Math.sin((2 * Math.PI * h) / 24)) *
        (1 + 0.2 * Math.sin((2 * Math.PI * h) / 168)),
    );
  };
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  const api: Record<string, unknown> = {};
  for (const method of data.methods) api[method] = () => ok(null);
  Object.assign(api, {
    appInfo: () => ok({ version: 'bench', platform: 'linux', locales: ['en-US'] }),
    usageGet: () => ok(data.state),
    configGet: () => ok(data.config),
    providersList: () => ok(data.providers),
    usagePeriods: () => ok(data.periods),
    usageThroughput: () => ok([]),
    usageSeries: (query: { from: number; to: number }) => {
      const runs = data.meters.map((meter, i) => {
        const run = {
          meterId: meter.id,
          at: [] as number[],
          value: [] as number[],
          resolution: [] as null[],
        };
        for (let at = Math.ceil(query.from / H) * H; at < query.to; at += H) {
          run.at.push(at);
          run.value.push(wave(data.bases[i]!, at));
          run.resolution.push(null);
        }
        return run;
      });
      // Through the structured clone IPC uses: the page gets freshly deserialized arrays.
      return ok(structuredClone({ meters: data.meters, runs }));
    },
    on: () => () => {},
  });
  const host = globalThis as unknown as Record<string, unknown>;
  host.cloudmeter = Object.freeze(api);
  // Long tasks (over 50 ms) that start once the history has arrived: the window's own work.
  // ('longtask' is a browser entry type that Node's types do not list.)
  host.__longestTask = 0;
  new PerformanceObserver((list) => {
    const arrived = performance.getEntriesByName('cloudmeter:history:data').at(-1)?.startTime;
    for (const entry of list.getEntries())
      if (arrived !== undefined && entry.startTime >= arrived)
        host.__longestTask = Math.max(host.__longestTask as number, entry.duration);
  }).observe({ type: 'longtask' as 'mark', buffered: true });
}

async function jsGzippedKb(dir: string): Promise<number> {
  const assets = join(dir, 'assets');
  let total = 0;
  for (const file of await readdir(assets)) {
    if (file.endsWith('.js'))
      total += gzipSync(await readFile(join(assets, file)), { level: 9 }).length;
  }
  return total / 1024;
}

export async function runRendererBench(): Promise<BenchResult[]> {
  if (!chromiumAvailable) {
    console.log(`renderer: skipped, no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
    return [];
  }
  const dir = await mkdtemp(join(tmpdir(), 'cloudmeter-bench-renderer-'));
  // The production build, as shipped, whatever NODE_ENV the bench runs under.
  const server = await buildRenderer(dir, { production: true }).then(() => serveRenderer(dir));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ ...PAGE_OPTIONS, reducedMotion: 'no-preference' });
    const page = await context.newPage();
    const data: BenchPageData = {
      ...benchData(),
      methods: REQUEST_CHANNELS.map((c) => methodName(c)),
    };
    await page.addInitScript(benchPreload, data);
    const paints: number[] = [];
    const opens: number[] = [];
    let longest = 0;
    for (let run = 0; run < RUNS; run++) {
      await (run === 0 ? page.goto(`${server.url}#/account/bench`) : page.reload());
      await page.locator('[data-testid=history][data-state=painted]').waitFor({ timeout: 60_000 });
      const timing = await page.evaluate(() => ({
        paint: performance.getEntriesByName('cloudmeter:history').at(-1)?.duration ?? NaN,
        open: performance.getEntriesByName('cloudmeter:history:painted').at(-1)?.startTime ?? NaN,
        longest: (globalThis as unknown as { __longestTask: number }).__longestTask,
      }));
      paints.push(timing.paint);
      opens.push(timing.open);
      longest = Math.max(longest, timing.longest);
    }
    const paint = median(paints);
    const js = await jsGzippedKb(dir);
    return [
      {
        name: `renderer: data arrival → account charts painted (${METERS} meters × 2 years hourly, median of ${RUNS})`,
        value: paint,
        unit: 'ms',
        target: `<= ${PAINT_TARGET_MS}`,
        ok: paint <= PAINT_TARGET_MS,
      },
      {
        name: 'renderer: page load → account view fully painted (median)',
        value: median(opens),
        unit: 'ms',
      },
      {
        name: 'renderer: longest task after the data arrived (0: none over 50 ms)',
        value: longest,
        unit: 'ms',
      },
      {
        name: 'renderer: JavaScript, gzipped',
        value: js,
        unit: 'kB',
        target: `<= ${JS_TARGET_KB}`,
        ok: js <= JS_TARGET_KB,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
