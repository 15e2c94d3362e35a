// `npm run bench`: every benchmark, printing figures against their targets. Not part of
// `npm test`: timing on a shared machine is not a pass/fail signal.
import { printResults, type BenchResult } from './bench-support.ts';
import { runHistoryBench } from './history.bench.ts';
import { runPollingBench } from './polling.bench.ts';

const only = process.argv[2];
const benches: Record<string, () => BenchResult[] | Promise<BenchResult[]>> = {
  history: runHistoryBench,
  polling: runPollingBench,
  asar: async () => (await import('./asar.bench.ts')).runAsarBench(),
  renderer: async () => (await import('./renderer.bench.ts')).runRendererBench(),
};

for (const [name, run] of Object.entries(benches)) {
  if (only && name !== only) continue;
  console.log(`\n# ${name}`);
  printResults(await run());
}
