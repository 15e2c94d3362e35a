import { describe, expect, it } from 'vitest';
import { PendingRun } from '../../../src-main/core/schedule/pending-run.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { FakeScheduler } from '../../support/fake-scheduler.ts';

const T0 = Date.parse('2026-11-21T12:00:00Z');

function setup() {
  const clock = new FakeClock(T0);
  const scheduler = new FakeScheduler(clock);
  let runs = 0;
  const run = () => {
    runs++;
    return Promise.resolve();
  };
  return { scheduler, pending: new PendingRun(scheduler), run, runs: () => runs };
}

describe('a run pending until an instant', () => {
  it('runs once at its time for every caller who joined, who then get its outcome', async () => {
    const { scheduler, pending, run, runs } = setup();
    const first = pending.join(T0 + 1000, run);
    const second = pending.join(T0 + 5000, run); // joins; the first time stands
    expect(pending.at).toBe(T0 + 1000);
    expect(scheduler.pending()).toEqual([T0 + 1000]);
    scheduler.advanceTo(T0 + 1000);
    await Promise.all([first, second]);
    expect(runs()).toBe(1);
    expect(pending.at).toBeNull();
  });

  it('passes on the run’s failure', async () => {
    const { scheduler, pending } = setup();
    const joined = pending.join(T0 + 1000, () => Promise.reject(new Error('poll failed')));
    scheduler.advanceTo(T0 + 1000);
    await expect(joined).rejects.toThrow('poll failed');
  });

  it('lets its callers go without running when released, and can be scheduled again', async () => {
    const { scheduler, pending, run, runs } = setup();
    const joined = pending.join(T0 + 1000, run);
    pending.release();
    await joined;
    expect(scheduler.pending()).toEqual([]);
    expect(runs()).toBe(0);
    const again = pending.join(T0 + 2000, run);
    scheduler.advanceTo(T0 + 2000);
    await again;
    expect(runs()).toBe(1);
  });
});
