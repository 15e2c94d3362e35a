import { performance } from 'node:perf_hooks';

export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target as people read it, e.g. "<= 5". */
  readonly target?: string;
  readonly ok?: boolean;
}

/** Wall-clock milliseconds of one synchronous run. */
export function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export async function timedAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printResults(results: readonly BenchResult[]): void {
  for (const r of results) {
    const value = Number.isInteger(r.value) ? r.value.toLocaleString('en') : r.value.toFixed(2);
    const verdict = r.ok === undefined ? '' : r.ok ? '  ok' : '  MISSED';
    console.log(
      `${r.name}: ${value} ${r.unit}${r.target ? `  (target ${r.target})` : ''}${verdict}`,
    );
  }
}
