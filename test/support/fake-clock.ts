import type { Clock } from '../../src-main/core/clock.ts';

/**
 * A clock that only moves when told to. `sleep` resolves at once and moves time forward by
 * the requested amount, so retry and backoff paths run instantly but observably.
 */
export class FakeClock implements Clock {
  private current: number;
  readonly sleeps: number[] = [];

  constructor(start: number | string | Date) {
    this.current = new Date(start).getTime();
  }

  now(): number {
    return this.current;
  }

  set(at: number | string | Date): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.sleeps.push(ms);
    this.current += ms;
    return Promise.resolve();
  }
}
