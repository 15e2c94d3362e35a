import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock.ts';
import { idcfSetup, NOW, serviceHarness, settled } from './service-harness.ts';

const HOUR = 3_600_000;

describe('polling service', () => {
  it('shows a pending account before the first poll, polls soon after start, then every interval', async () => {
    const clock = new FakeClock(NOW);
    const { account, secrets } = await idcfSetup(clock);
    const h = await serviceHarness({
      clock,
      secrets,
      config: { version: 1, accounts: [account] },
    });
    expect(h.service.state().accounts[0]!.status).toEqual({ state: 'pending' });
    h.service.start();
    const first = h.scheduler.nextDue()!;
    expect(first - clock.now()).toBeLessThan(20_000);
    h.scheduler.advanceTo(first);
    await h.service.refresh('idcf'); // joins the poll the timer started
    const snapshot = h.service.state().accounts[0]!;
    expect(snapshot.status).toEqual({ state: 'ok' });
    expect(snapshot.meters.some((m) => m.meter.id === 'transfer-total:jp-east' && m.used > 0)).toBe(
      true,
    );
    expect(h.store.polls('idcf', 5)).toHaveLength(1);
    expect(h.scheduler.pending()).toContain(clock.now() + HOUR);
  });

  it('joins a manual refresh to the poll already in flight', async () => {
    const clock = new FakeClock(NOW);
    const { fake, account, secrets } = await idcfSetup(clock);
    const h = await serviceHarness({
      clock,
      secrets,
      config: { version: 1, accounts: [account] },
    });
    fake.server.latencyMs = 100;
    await Promise.all([h.service.refresh('idcf'), h.service.refresh('idcf'), h.service.refresh()]);
    const billing = fake.server.requests.filter((r) => /\/billings\/\d{4}-\d{2}$/.test(r.path));
    expect(billing).toHaveLength(1);
    expect(h.store.polls('idcf', 5)).toHaveLength(1);
  });

  it('keeps the last good data when a poll fails, says why, and backs off', async () => {
    const clock = new FakeClock(NOW);
    const { fake, account, secrets } = await idcfSetup(clock);
    const h = await serviceHarness({
      clock,
      secrets,
      config: {
        version: 1,
        accounts: [account, { id: 'demo', provider: 'demo', label: 'Demo' }],
      },
    });
    h.service.start();
    await h.service.refresh();
    const good = h.service.state().accounts.find((a) => a.accountId === 'idcf')!;
    fake.server.inject({ kind: 'status', status: 503, json: { message: 'maintenance' } });
    clock.advance(2 * HOUR);
    await h.service.refresh();
    const [idcf, demo] = h.service.state().accounts;
    expect(idcf!.status).toMatchObject({ state: 'error', kind: 'server' });
    expect(idcf!.meters.map((m) => m.used)).toEqual(good.meters.map((m) => m.used));
    expect(idcf!.fetchedAt).toBe(good.fetchedAt);
    expect(demo!.status).toEqual({ state: 'ok' });
    // A transient failure is retried soon (IDCF's 15-minute minimum), not after the hour.
    const retry = h.scheduler.pending().filter((at) => at >= clock.now())[0]! - clock.now();
    expect(retry).toBeGreaterThan(14 * 60_000);
    expect(retry).toBeLessThanOrEqual(15 * 60_000);
  });

  it('says which credentials are missing instead of calling the provider', async () => {
    const clock = new FakeClock(NOW);
    const { fake, account } = await idcfSetup(clock);
    const h = await serviceHarness({ clock, config: { version: 1, accounts: [account] } });
    await h.service.refresh();
    expect(h.service.state().accounts[0]!.status).toEqual({
      state: 'needs-credentials',
      missing: ['apiKey', 'secretKey'],
    });
    expect(fake.server.requests).toHaveLength(0);
  });

  it('shows stored history at once after a restart, stale when it is old', async () => {
    const clock = new FakeClock(NOW);
    const { account, secrets } = await idcfSetup(clock);
    const first = await serviceHarness({
      clock,
      secrets,
      config: { version: 1, accounts: [account] },
    });
    await first.service.refresh();
    const before = first.service.state().accounts[0]!;
    await first.stop();
    clock.advance(30 * HOUR);
    const second = await serviceHarness({
      clock,
      secrets,
      dataDir: first.dataDir,
      config: { version: 1, accounts: [account] },
    });
    const after = second.service.state().accounts[0]!;
    expect(after.status).toMatchObject({ state: 'stale', since: before.fetchedAt });
    expect(after.fetchedAt).toBe(before.fetchedAt);
    expect(after.meters.find((m) => m.meter.id === 'transfer-total:jp-east')!.used).toBe(
      before.meters.find((m) => m.meter.id === 'transfer-total:jp-east')!.used,
    );
    // Overdue after the long gap: one catch-up poll soon, not a burst.
    second.service.start();
    expect(second.scheduler.pending()).toHaveLength(2); // the account's poll and the refresh tick
    expect(second.scheduler.pending()[0]! - clock.now()).toBeLessThan(20_000);
  });

  it('catches up once after the machine wakes', async () => {
    const clock = new FakeClock(NOW);
    const h = await serviceHarness({
      clock,
      config: { version: 1, accounts: [{ id: 'demo', provider: 'demo', label: 'Demo' }] },
    });
    h.service.start();
    await h.service.refresh();
    clock.advance(5 * HOUR); // asleep: no timer ran
    const resumedAt = clock.now();
    h.service.wake(resumedAt);
    const next = h.scheduler.pending().filter((at) => at >= resumedAt)[0]!;
    expect(next).toBeGreaterThanOrEqual(resumedAt + 10_000);
    expect(next).toBeLessThan(resumedAt + 30_000);
  });

  it('notifies once when a quota is crossed, and not again after a restart', async () => {
    const clock = new FakeClock(NOW);
    const config = {
      version: 1 as const,
      accounts: [
        {
          id: 'sim',
          provider: 'demo' as const,
          label: 'Simulated',
          quotas: [
            {
              id: 'transfer',
              match: { kind: 'transfer-total' as const },
              limit: { amount: 100, unit: 'GB' as const },
            },
            {
              id: 'storage',
              match: { kind: 'storage' as const },
              limit: { amount: 10, unit: 'TB' as const },
            },
            {
              id: 'budget',
              match: { kind: 'cost' as const },
              limit: { amount: 1000, unit: 'EUR' as const },
            },
          ],
        },
      ],
    };
    const first = await serviceHarness({ clock, config });
    await first.service.refresh();
    expect(first.alerts.map((a) => a.title)).toEqual([expect.stringMatching(/Simulated/)]);
    expect(first.alerts[0]!.body).toMatch(/GB of 100 GB used/);
    await first.stop();
    clock.advance(HOUR);
    const second = await serviceHarness({ clock, config, dataDir: first.dataDir });
    await second.service.refresh();
    expect(second.alerts).toEqual([]);
  });

  it('backfills earlier months once, in the background, after the first good poll', async () => {
    const clock = new FakeClock(NOW);
    const { fake, account, secrets } = await idcfSetup(clock);
    const h = await serviceHarness({
      clock,
      secrets,
      config: { version: 1, accounts: [account] },
    });
    await h.service.refresh();
    // The current month came first; the backfill runs after it, on its own.
    await settled(h.service);
    expect(h.store.hasBackfilled('idcf')).toBe(true);
    const october = h.store.samples({
      accountId: 'idcf',
      from: Date.parse('2026-09-30T15:00:00Z'),
      to: Date.parse('2026-10-31T15:00:01Z'),
    });
    expect(october.length).toBeGreaterThan(0);
    const requestsAfterBackfill = fake.server.requests.length;
    clock.advance(2 * HOUR);
    await h.service.refresh();
    expect(fake.server.requests.length - requestsAfterBackfill).toBe(1); // one current-month read, no second backfill
  });

  it('aborts a poll in flight on stop, and records nothing half-done', async () => {
    const clock = new FakeClock(NOW);
    const { fake, account, secrets } = await idcfSetup(clock);
    const h = await serviceHarness({
      clock,
      secrets,
      config: { version: 1, accounts: [account] },
    });
    fake.server.inject({ kind: 'slow', delayMs: 5_000 });
    const polling = h.service.refresh();
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.server.requests).toHaveLength(1); // the read was under way
    const started = Date.now();
    await h.service.stop();
    await polling;
    expect(Date.now() - started).toBeLessThan(2_000);
    // Neither a poll row nor any of its samples: the aborted read left nothing behind.
    expect(h.store.polls('idcf', 5)).toEqual([]);
    expect(h.store.meters('idcf')).toEqual([]);
    expect(h.store.sampleSpan('idcf')).toBeNull();
    expect(h.service.state().accounts[0]!.status).toEqual({ state: 'pending' });
  });
});

describe('snoozing', () => {
  it('shows an account as snoozed until then, and no longer after', async () => {
    const clock = new FakeClock(NOW);
    const h = await serviceHarness({
      clock,
      config: { version: 1, accounts: [{ id: 'demo', provider: 'demo', label: 'Demo' }] },
    });
    const changes: number[] = [];
    h.service.onDidChange((state) => changes.push(Object.keys(state.snoozedUntil).length));
    h.service.snooze('demo', clock.now() + HOUR);
    expect(h.service.state().snoozedUntil).toEqual({ demo: clock.now() + HOUR });
    expect(changes).toEqual([1]);
    clock.advance(HOUR + 1);
    expect(h.service.state().snoozedUntil).toEqual({});
  });
});
