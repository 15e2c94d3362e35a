import { describe, expect, it } from 'vitest';
import type { FakeRequest } from '../../fakes/fake-server.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { idcfSetup, NOW, serviceHarness, settled } from './service-harness.ts';

const HOUR = 3_600_000;

/** A read of one month's bill other than the current one (November 2026): the backfill. */
const earlierMonth = (request: FakeRequest) =>
  /\/billings\/\d{4}-\d{2}$/.test(request.path) && !request.path.endsWith('/2026-11');

async function setup() {
  const clock = new FakeClock(NOW);
  const { fake, account, secrets } = await idcfSetup(clock);
  const h = await serviceHarness({ clock, secrets, config: { version: 1, accounts: [account] } });
  return { clock, fake, h };
}

describe('history backfill', () => {
  it('does not hold up the regular polls while it runs', async () => {
    const { clock, fake, h } = await setup();
    // The backfill's first requests (IDCF's adapter sends 4 at once) are answered slowly.
    fake.server.inject({ kind: 'slow', delayMs: 1_500 }, { match: earlierMonth, times: 4 });
    await h.service.refresh();
    expect(h.service['flights'].isRunning('backfill:idcf')).toBe(true);

    clock.advance(2 * HOUR);
    await h.service.refresh();
    // The second current-month poll is saved while the backfill is still waiting for answers.
    expect(h.service['flights'].isRunning('backfill:idcf')).toBe(true);
    expect(h.store.polls('idcf', 5).map((p) => p.outcome)).toEqual(['ok', 'ok']);
    expect(h.store.hasBackfilled('idcf')).toBe(false);

    await settled(h.service);
    expect(h.store.hasBackfilled('idcf')).toBe(true);
  });

  it('after failing, waits hours before trying again instead of retrying at every poll', async () => {
    const { clock, fake, h } = await setup();
    fake.server.inject(
      { kind: 'status', status: 403, json: { message: 'no access to past bills' } },
      { match: earlierMonth },
    );
    await h.service.refresh();
    await settled(h.service);
    expect(h.store.hasBackfilled('idcf')).toBe(false);
    const failedAt = clock.now();
    // 2 hours, jittered down by an eighth (random() is 0.5 in the harness).
    const retryAt = failedAt + 1.75 * HOUR;
    expect(h.logLines).toContainEqual({
      level: 'warn',
      message: 'history backfill failed; it is tried again with the first good poll after retryAt',
      fields: { account: 'idcf', retryAt: new Date(retryAt).toISOString() },
    });

    // A good poll an hour later reads the current month only. (Requests are told apart by
    // their signature's expiry, which follows the fake clock: a failed backfill's last
    // requests may still be arriving.)
    clock.set(failedAt + HOUR);
    const expiryBefore = fake.server.requests[0]!.headers['x-idcf-expires'];
    await h.service.refresh();
    await settled(h.service);
    const later = fake.server.requests.filter((r) => r.headers['x-idcf-expires'] !== expiryBefore);
    expect(later.map((r) => r.path)).toEqual(['/api/v1/billings/2026-11']);

    // The first good poll after retryAt tries again, and this time the provider answers.
    fake.server.clearFaults();
    clock.set(retryAt);
    await h.service.refresh();
    await settled(h.service);
    expect(h.store.hasBackfilled('idcf')).toBe(true);
  });
});
