import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../../src-main/core/schedule/single-flight.ts';

/** A promise settled from outside, to hold a "poll" in flight as long as a test needs. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('single flight', () => {
  it('makes a manual refresh join the poll already in flight instead of starting another', async () => {
    const flights = new SingleFlight<string, string>();
    const poll = deferred<string>();
    let started = 0;
    const task = () => {
      started++;
      return poll.promise;
    };
    const scheduled = flights.run('idcf', task);
    const manual = flights.run('idcf', task);
    expect([scheduled.joined, manual.joined]).toEqual([false, true]);
    expect(started).toBe(1);
    expect(flights.isRunning('idcf')).toBe(true);
    poll.resolve('snapshot');
    await expect(Promise.all([scheduled.promise, manual.promise])).resolves.toEqual([
      'snapshot',
      'snapshot',
    ]);
    expect(flights.isRunning('idcf')).toBe(false);
  });

  it('starts a new run once the previous one has settled', async () => {
    const flights = new SingleFlight<string, number>();
    let runs = 0;
    const task = () => Promise.resolve(++runs);
    await flights.run('a', task).promise;
    const second = flights.run('a', task);
    expect(second.joined).toBe(false);
    await expect(second.promise).resolves.toBe(2);
  });

  it('runs different accounts side by side', () => {
    const flights = new SingleFlight<string, string>();
    const a = deferred<string>();
    const b = deferred<string>();
    expect(flights.run('a', () => a.promise).joined).toBe(false);
    expect(flights.run('b', () => b.promise).joined).toBe(false);
    expect(flights.inFlight()).toHaveLength(2);
    a.resolve('a');
    b.resolve('b');
  });

  it('gives every caller the failure, then lets the next run start', async () => {
    const flights = new SingleFlight<string, string>();
    const poll = deferred<string>();
    const first = flights.run('a', () => poll.promise);
    const joined = flights.run('a', () => Promise.resolve('never'));
    poll.reject(new Error('HTTP 503'));
    await expect(first.promise).rejects.toThrow('HTTP 503');
    await expect(joined.promise).rejects.toThrow('HTTP 503');
    await expect(flights.run('a', () => Promise.resolve('ok')).promise).resolves.toBe('ok');
  });

  it('turns a task that throws at once into a rejected run, not an exception', async () => {
    const flights = new SingleFlight<string, string>();
    const run = flights.run('a', () => {
      throw new Error('no adapter');
    });
    await expect(run.promise).rejects.toThrow('no adapter');
    expect(flights.isRunning('a')).toBe(false);
  });
});
