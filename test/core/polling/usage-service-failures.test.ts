import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock.ts';
import { failingStore, NOW, serviceHarness, settled } from './service-harness.ts';

const MINUTE = 60_000;
const DEMO = {
  version: 1 as const,
  accounts: [{ id: 'demo', provider: 'demo' as const, label: 'Demo' }],
};

/** The demo account polled over a store whose `method` can be made to fail. */
async function demoWithFailing(method: Parameters<typeof failingStore>[0]) {
  const clock = new FakeClock(NOW);
  const faults = failingStore(method);
  const h = await serviceHarness({ clock, config: DEMO, wrapStore: faults.wrap, backfill: false });
  return { clock, faults, h };
}

describe('polling service, when the store fails', () => {
  it('keeps polling an account after a read fails, and shows the failure meanwhile', async () => {
    const { clock, faults, h } = await demoWithFailing('lastSuccess');
    h.service.start();
    const firstPoll = h.scheduler.nextDue()!;
    faults.failNext(); // the read after the poll is saved (its status) fails once
    h.scheduler.advanceTo(firstPoll);
    await settled(h.service);

    expect(faults.failures()).toBe(1);
    expect(h.store.polls('demo', 5)).toHaveLength(1); // the poll itself was saved
    const nextPoll = clock.now() + 15 * MINUTE; // the demo's interval after a success
    expect(h.scheduler.pending()).toContain(nextPoll);
    expect(h.service.state().accounts[0]!.status).toEqual({
      state: 'error',
      kind: 'server',
      message: 'Cloudmeter could not update this account: Error: disk I/O error',
      retryAt: nextPoll,
    });
    expect(h.logLines).toContainEqual({
      level: 'error',
      message: 'could not update an account',
      fields: { account: 'demo', error: 'Error: disk I/O error' },
    });

    h.scheduler.advanceTo(nextPoll);
    await settled(h.service);
    expect(h.store.polls('demo', 5)).toHaveLength(2);
    expect(h.service.state().accounts[0]!.status).toEqual({ state: 'ok' });
  });

  it('retries soon when even the poll history cannot be read to schedule the next poll', async () => {
    const { clock, faults, h } = await demoWithFailing('polls');
    h.service.start();
    const firstPoll = h.scheduler.nextDue()!;
    faults.failNext(2); // the status read after the poll, then the timing read
    h.scheduler.advanceTo(firstPoll);
    await settled(h.service);

    expect(faults.failures()).toBe(2);
    // Backoff after one transient failure: a minute (jittered down), not never.
    const next = h.scheduler.pending().filter((at) => at > clock.now())[0]!;
    expect(next - clock.now()).toBeGreaterThan(0.7 * MINUTE);
    expect(next - clock.now()).toBeLessThanOrEqual(MINUTE);
    h.scheduler.advanceTo(next);
    await settled(h.service);
    expect(h.store.polls('demo', 5)).toHaveLength(2);
    expect(h.service.state().accounts[0]!.status).toEqual({ state: 'ok' });
  });

  it('keeps the refresh tick going when a recompute fails', async () => {
    const { clock, faults, h } = await demoWithFailing('accountState');
    await h.service.refresh();
    h.service.start();
    const tick = clock.now() + 5 * MINUTE;
    expect(h.scheduler.pending()).toContain(tick);
    faults.failNext();
    h.scheduler.advanceTo(tick);
    expect(h.service.state().accounts[0]!.status).toMatchObject({
      state: 'error',
      message: 'Cloudmeter could not update this account: Error: disk I/O error',
    });
    expect(h.scheduler.pending()).toContain(tick + 5 * MINUTE);
    h.scheduler.advanceTo(tick + 5 * MINUTE);
    expect(h.service.state().accounts[0]!.status).toEqual({ state: 'ok' });
  });
});
