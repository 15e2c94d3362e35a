import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock.ts';
import { idcfSetup, NOW, serviceHarness } from './service-harness.ts';

const MINUTE = 60_000;

async function idcfService() {
  const clock = new FakeClock(NOW);
  const { fake, account, secrets } = await idcfSetup(clock); // IDCF: 15 minutes at least
  const h = await serviceHarness({
    clock,
    secrets,
    backfill: false,
    config: { version: 1, accounts: [account] },
  });
  return { clock, fake, h };
}

describe('a manual refresh inside the provider’s minimum interval', () => {
  it('schedules the poll for the moment the provider allows, says when, and polls then', async () => {
    const { clock, fake, h } = await idcfService();
    await h.service.refresh();
    const firstAt = clock.now();
    clock.advance(5 * MINUTE);

    const request = h.service.requestRefresh('idcf');
    expect(request.runs.map(({ accountId, at }) => ({ accountId, at }))).toEqual([
      { accountId: 'idcf', at: firstAt + 15 * MINUTE },
    ]);
    await h.service.refresh(); // a second click, on "Refresh all": returns, joins the same poll
    expect(h.scheduler.pending()).toEqual([firstAt + 15 * MINUTE]);
    expect(fake.server.requests).toHaveLength(1);

    h.scheduler.advanceTo(firstAt + 15 * MINUTE);
    await request.runs[0]!.done;
    expect(fake.server.requests).toHaveLength(2);
    expect(h.store.polls('idcf', 5).map((p) => p.finishedAt)).toEqual([
      firstAt + 15 * MINUTE,
      firstAt,
    ]);
    expect(h.scheduler.pending()).toEqual([]);
  });

  it('waits for the provider’s Retry-After', async () => {
    const { clock, fake, h } = await idcfService();
    fake.server.inject(
      {
        kind: 'status',
        status: 429,
        json: { message: 'slow down' },
        headers: { 'retry-after': '3600' },
      },
      { times: 1 },
    );
    await h.service.refresh();
    expect(h.store.polls('idcf', 1)[0]).toMatchObject({
      outcome: 'error',
      retryAfterMs: 3_600_000,
    });
    const failedAt = clock.now();
    clock.advance(20 * MINUTE); // past the minimum interval, not past Retry-After

    const request = h.service.requestRefresh('idcf');
    expect(request.runs[0]!.at).toBe(failedAt + 60 * MINUTE);
    h.scheduler.advanceTo(failedAt + 60 * MINUTE);
    await request.runs[0]!.done;
    expect(h.store.polls('idcf', 1)[0]).toMatchObject({ outcome: 'ok' });
  });

  it('is satisfied by a poll that comes first, and let go when the service stops', async () => {
    const { clock, h } = await idcfService();
    await h.service.refresh();
    const firstAt = clock.now();
    clock.advance(MINUTE);
    const scheduled = h.service.requestRefresh('idcf').runs[0]!;
    expect(scheduled.at).toBe(firstAt + 15 * MINUTE);

    // Past the minimum interval (the machine slept through the timer): polled at once, and
    // that poll is the one the scheduled refresh was for.
    clock.advance(20 * MINUTE);
    await h.service.refresh('idcf');
    await scheduled.done;
    expect(h.scheduler.pending()).toEqual([]);
    expect(h.store.polls('idcf', 5)).toHaveLength(2);

    clock.advance(MINUTE);
    const pending = h.service.requestRefresh('idcf').runs[0]!;
    await h.service.stop();
    await pending.done;
    expect(h.scheduler.pending()).toEqual([]);
    expect(h.store.polls('idcf', 5)).toHaveLength(2);
  });
});
