import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapConcurrent, Semaphore } from '../../src-main/core/concurrency.ts';

/** Lets `turns` microtasks run: tasks and callers below move on at chosen microtask depths. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

/** Counts tasks running at once. */
function gauge() {
  let running = 0;
  const g = {
    max: 0,
    enter: () => {
      running++;
      g.max = Math.max(g.max, running);
    },
    leave: () => void running--,
  };
  return g;
}

describe('Semaphore', () => {
  it('does not let a caller slip in between a finishing task and the waiter it wakes', async () => {
    const semaphore = new Semaphore(1);
    const running = gauge();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first!: Promise<void>;
    const a = semaphore.use(() => {
      running.enter();
      return (first = gate.then(running.leave));
    });
    const b = semaphore.use(async () => {
      running.enter();
      await turns(3);
      running.leave();
    });
    // Registered after the semaphore's own await on `first`, so it runs right after that
    // task's slot is released, before the woken waiter resumes: the moment a late caller
    // could take a slot that was freed instead of handed over.
    let c!: Promise<void>;
    void first.then(() => {
      c = semaphore.use(async () => {
        running.enter();
        await turns(3);
        running.leave();
      });
    });
    release();
    await Promise.all([a, b]);
    await c;
    expect(running.max).toBe(1);
  });

  it('never runs more than the limit, runs every task, and wakes waiters in arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ arrive: fc.nat(12), work: fc.nat(12) }), { maxLength: 30 }),
        async (limit, callers) => {
          const semaphore = new Semaphore(limit);
          const running = gauge();
          const waited: number[] = [];
          const started: number[] = [];
          await Promise.all(
            callers.map(async ({ arrive, work }, i) => {
              await turns(arrive);
              const done = semaphore.use(async () => {
                started.push(i);
                running.enter();
                await turns(work);
                running.leave();
              });
              if (!started.includes(i)) waited.push(i); // no free slot: it queued
              await done;
            }),
          );
          expect(running.max).toBeLessThanOrEqual(limit);
          expect(started).toHaveLength(callers.length);
          // A caller arriving when a slot is free may start before a woken waiter's task
          // does (a microtask later); among those who queued, the order is kept.
          expect(started.filter((i) => waited.includes(i))).toEqual(waited);
        },
      ),
    );
  });

  it('frees the slot of a task that fails', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.use(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.use(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});

describe('mapConcurrent', () => {
  it('keeps the order of the items and at most `limit` tasks in flight', async () => {
    const running = gauge();
    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n, i) => {
      running.enter();
      await turns(n);
      running.leave();
      return `${i}:${n}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
    expect(running.max).toBe(2);
  });
});
