import { describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../../src-shared/domain/usage.ts';
import { at, HOUR } from '../fixtures.ts';
import { AlertRun, kinds, snapshot } from './helpers.ts';

const START = at('2024-11-04T08:00:00Z');
const MIN15 = HOUR / 4;
const ok: AccountStatus = { state: 'ok' };
const rejected: AccountStatus = {
  state: 'error',
  kind: 'auth',
  message: 'IDCF rejected the API key (HTTP 401): invalid signature',
  retryAt: null,
};
const offline: AccountStatus = {
  state: 'error',
  kind: 'network',
  message: 'could not connect to your.idcfcloud.com',
  retryAt: null,
};

/** Polls every 15 minutes; `statusAt(i)` says how poll i went; success updates fetchedAt. */
function poll(run: AlertRun, count: number, statusAt: (i: number) => AccountStatus, from = START) {
  let lastSuccess: number | null = null;
  for (let i = 0; i < count; i++) {
    const now = from + i * MIN15;
    const status = statusAt(i);
    if (status.state === 'ok') lastSuccess = now;
    run.step(now, snapshot([], { status, fetchedAt: lastSuccess }));
  }
}

describe('failure alerts', () => {
  it('says once that the credentials were rejected, in words the user can act on', () => {
    const run = new AlertRun();
    poll(run, 8, () => rejected);
    expect(kinds(run.events)).toEqual(['credentials']);
    expect(run.events[0]).toMatchObject({
      title: 'IDCF: credentials rejected',
      body: "IDCF rejected the API key (HTTP 401): invalid signature. Update the credentials in the account's settings.",
      severity: 'critical',
      meterId: null,
    });
  });

  it('turns a provider flapping between failing and working all day into one notification', () => {
    const run = new AlertRun();
    poll(run, 96, (i) => (i % 2 === 0 ? rejected : ok));
    expect(kinds(run.events)).toEqual(['credentials']);
  });

  it('says "no fresh data" once reads have failed longer than the stale limit, and only once', () => {
    const run = new AlertRun();
    run.step(START - MIN15, snapshot([], { status: ok, fetchedAt: START - MIN15 }));
    poll(run, 48, () => offline); // 12 hours offline; the limit is 6
    expect(kinds(run.events)).toEqual(['stale']);
    const event = run.events[0]!;
    expect(event.raisedAt - (START - MIN15)).toBeGreaterThanOrEqual(6 * HOUR);
    expect(event.raisedAt - (START - MIN15)).toBeLessThan(6 * HOUR + MIN15 + 1);
    expect(event.title).toBe('IDCF: no fresh data since Nov 4, 08:45'); // Berlin time
    expect(event.body).toBe('Latest error: could not connect to your.idcfcloud.com.');
  });

  it('does not call data stale when the machine merely slept: only failed reads count', () => {
    const run = new AlertRun();
    run.step(START, snapshot([], { status: ok, fetchedAt: START }));
    const morning = START + 10 * HOUR;
    run.step(morning, snapshot([], { status: ok, fetchedAt: morning }));
    expect(run.events).toEqual([]);
  });

  it('starts a new incident only after the account has read well for a while', () => {
    const run = new AlertRun();
    poll(run, 4, () => rejected);
    poll(run, 4 * 4, () => ok, START + HOUR); // four healthy hours close the incident
    poll(run, 2, () => rejected, START + 5 * HOUR);
    expect(kinds(run.events)).toEqual(['credentials', 'credentials']);
  });

  it('says when an account never read successfully', () => {
    const run = new AlertRun();
    poll(run, 30, () => offline);
    expect(run.events[0]!.body).toBe(
      'No successful read yet. Latest error: could not connect to your.idcfcloud.com.',
    );
  });

  it('stays silent about failures when the user turned failure alerts off', () => {
    const run = new AlertRun();
    for (let i = 0; i < 40; i++) {
      run.step(START + i * MIN15, snapshot([], { status: i < 20 ? rejected : offline }), {
        settings: { failures: false },
      });
    }
    expect(run.events).toEqual([]);
  });
});
