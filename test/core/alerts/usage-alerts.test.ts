import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyAlertState,
  parseAlertState,
  serializeAlertState,
} from '../../../src-main/core/alerts/alert-state.ts';
import { evaluateAccountAlerts } from '../../../src-main/core/alerts/evaluate.ts';
import { computeMeterUsage } from '../../../src-main/core/quota/meter-usage.ts';
import { at, daily, DAY, GB, HOUR, lineFor, meter, THRESHOLDS } from '../fixtures.ts';
import { AlertRun, kinds, SETTINGS, snapshot, usage } from './helpers.ts';

const NOV = at('2024-10-31T15:00:00Z'); // 1 November JST
const DEC = at('2024-11-30T15:00:00Z');
const used = (percent: number, now: number, extra: Partial<Parameters<typeof usage>[0]> = {}) =>
  snapshot([usage({ used: percent * 10 * GB, now, ...extra })]); // of 1,000 GB

describe('threshold alerts', () => {
  it('fires warning, critical and reached once each as usage climbs', () => {
    const run = new AlertRun();
    const percents = [50, 79, 80, 85, 90, 94, 95, 97, 99, 100, 104, 120];
    const fired = percents.map((p, i) => kinds(run.step(NOV + i * DAY, used(p, NOV + i * DAY))));
    expect(fired).toEqual([
      [], [], ['threshold-warning'], [], [], [], ['threshold-critical'], [], [],
      ['threshold-reached'], [], [],
    ]); // prettier-ignore
  });

  it('tells only the highest line when several are crossed at once', () => {
    const run = new AlertRun();
    expect(kinds(run.step(NOV + DAY, used(97, NOV + DAY)))).toEqual(['threshold-critical']);
    expect(run.step(NOV + 2 * DAY, used(98, NOV + 2 * DAY))).toEqual([]);
  });

  it('writes what happened in words, with the quota in its own unit', () => {
    const run = new AlertRun();
    const limit = 3240 * GB;
    const snap = snapshot([
      usage({
        used: 0.912 * limit,
        limit,
        unit: 'GB',
        now: NOV + 20 * DAY,
        forecast: { low: 1.12 * limit, high: 1.124 * limit },
      }),
    ]);
    const [event] = run.step(NOV + 20 * DAY, snap);
    expect(event).toMatchObject({
      title: 'IDCF jp-east: 91 % of quota used',
      body: '91 % of 3,240 GB used, projected 112 % by Nov 30.',
      severity: 'warning',
      accountId: 'idcf',
      meterId: 'transfer:jp-east',
      expiresAt: DEC,
    });
  });

  it('re-arms when a new period starts', () => {
    const run = new AlertRun();
    expect(kinds(run.step(NOV + 20 * DAY, used(85, NOV + 20 * DAY)))).toEqual([
      'threshold-warning',
    ]);
    expect(kinds(run.step(DEC + 25 * DAY, used(90, DEC + 25 * DAY)))).toEqual([
      'threshold-warning',
    ]);
  });

  it('does not re-fire a counter that wobbles at the line (a coupon, a correction)', () => {
    const run = new AlertRun();
    const wobble = [80.2, 79.9, 80.1, 78, 80.5, 79, 81];
    const events = wobble.flatMap((p, i) => run.step(NOV + i * HOUR, used(p, NOV + i * HOUR)));
    expect(kinds(events)).toEqual(['threshold-warning']);
  });

  it('has hysteresis for a storage level: wobbling at the line over months fires once', () => {
    const run = new AlertRun();
    const months = [NOV, DEC, at('2024-12-31T15:00:00Z')];
    const wobble = [79.5, 80.5, 79.2, 80.1, 79.9, 80.3];
    for (const month of months) {
      wobble.forEach((p, i) =>
        run.step(month + i * DAY, used(p, month + i * DAY, { gauge: true })),
      );
    }
    expect(kinds(run.events)).toEqual(['threshold-warning']);
    // Once it really falls (below 78 %), a climb back over 80 % is news again.
    const jan = months[2]! + 10 * DAY;
    run.step(jan, used(70, jan, { gauge: true }));
    expect(kinds(run.step(jan + DAY, used(81, jan + DAY, { gauge: true })))).toEqual([
      'threshold-warning',
    ]);
    // ...but only once per period: falling and climbing again in January stays quiet.
    run.step(jan + 2 * DAY, used(70, jan + 2 * DAY, { gauge: true }));
    expect(run.step(jan + 3 * DAY, used(81, jan + 3 * DAY, { gauge: true }))).toEqual([]);
  });

  it('re-arms when the quota changes, so the new line can fire in the same period', () => {
    const run = new AlertRun();
    const at850 = (limit: number, now: number, gb = 850) =>
      snapshot([usage({ used: gb * GB, limit: limit * GB, now })]);
    expect(kinds(run.step(NOV + DAY, at850(1000, NOV + DAY)))).toEqual(['threshold-warning']);
    // The user doubles the quota: 42.5 %, nothing to say…
    expect(run.step(NOV + 2 * DAY, at850(2000, NOV + 2 * DAY))).toEqual([]);
    // …until usage reaches 80 % of the new quota, in the same period.
    expect(kinds(run.step(NOV + 9 * DAY, at850(2000, NOV + 9 * DAY, 1600)))).toEqual([
      'threshold-warning',
    ]);
  });

  it('does not repeat an alert when the quota moves but stays below the usage', () => {
    const run = new AlertRun();
    const limits = [1000, 1001, 1000, 1002, 990, 1000];
    const events = limits.flatMap((limit, i) =>
      run.step(
        NOV + i * HOUR,
        snapshot([usage({ used: 850 * GB, limit: limit * GB, now: NOV + i * HOUR })]),
      ),
    );
    expect(kinds(events)).toEqual(['threshold-warning']);
  });

  it('does not notify again after a restart (state stored as JSON and read back)', () => {
    const input = {
      now: NOV + 20 * DAY,
      snapshot: used(91, NOV + 20 * DAY),
      account: {},
      settings: SETTINGS,
      units: 'si' as const,
      timeZone: 'Europe/Berlin',
    };
    const first = evaluateAccountAlerts(emptyAlertState(), input);
    expect(kinds(first.raised)).toEqual(['threshold-warning']);
    const stored = serializeAlertState(first.state);
    const restarted = parseAlertState(JSON.parse(JSON.stringify(stored)) as string);
    expect(restarted).toEqual(first.state);
    const again = evaluateAccountAlerts(restarted, { ...input, now: input.now + HOUR });
    expect(again.raised).toEqual([]);
    // What was raised but not yet shown survives the restart too.
    expect(restarted.held.map((e) => e.id)).toEqual(first.raised.map((e) => e.id));
    // Without the stored state it would have told again: the test can fail.
    expect(evaluateAccountAlerts(emptyAlertState(), input).raised).toHaveLength(1);
  });

  it('follows per-meter thresholds over the global ones, and stays quiet for a muted meter', () => {
    const run = new AlertRun();
    const account = {
      alerts: {
        meters: {
          'transfer:jp-east': { thresholds: { warningPercent: 50, criticalPercent: 70 } },
          'storage:jp-east': { muted: true },
        },
      },
    };
    const snap = (percent: number, now: number) =>
      snapshot([
        usage({ used: percent * 10 * GB, now }),
        usage({ used: percent * 10 * GB, now, id: 'storage:jp-east', gauge: true }),
      ]);
    expect(kinds(run.step(NOV + DAY, snap(55, NOV + DAY), { account }))).toEqual([
      'threshold-warning',
    ]);
    expect(
      run.step(NOV + 2 * DAY, snap(90, NOV + 2 * DAY), { account }).map((e) => e.meterId),
    ).toEqual(['transfer:jp-east']);
    // Unmuting later does not replay what was already crossed while muted.
    expect(run.step(NOV + 3 * DAY, snap(91, NOV + 3 * DAY))).toEqual([]);
  });
});

describe('forecast alerts', () => {
  const projected = (percent: number, low: number, now: number) =>
    snapshot([
      usage({
        used: percent * 10 * GB,
        now,
        forecast: { low: low * 10 * GB, high: (low + 20) * 10 * GB },
      }),
    ]);

  it('fires once when even the slower pace reaches the quota before the period ends', () => {
    const run = new AlertRun();
    expect(run.step(NOV + 5 * DAY, projected(20, 90, NOV + 5 * DAY))).toEqual([]); // high 110 %: not yet
    const [event] = run.step(NOV + 6 * DAY, projected(25, 104, NOV + 6 * DAY));
    expect(event).toMatchObject({
      title: 'IDCF jp-east: projected over quota',
      body: '25 % of 1 TB used, projected 104–124 % by Nov 30.',
    });
    expect(run.step(NOV + 7 * DAY, projected(30, 99, NOV + 7 * DAY))).toEqual([]);
    expect(run.step(NOV + 8 * DAY, projected(35, 101, NOV + 8 * DAY))).toEqual([]);
  });

  it('stays quiet about a day-one spike, and still warns of a pace that reaches the quota', () => {
    // Real projections, from daily transfer against 1,000 GB, read as each day ends.
    const transfer = meter('transfer:jp-east', { label: 'jp-east' });
    const line = lineFor([transfer], {
      id: 'q',
      match: { kind: 'transfer-total' },
      limit: { amount: 1000, unit: 'GB' },
    });
    const pollDaily = (gigabytes: number[]) => {
      const run = new AlertRun();
      const samples = daily(
        transfer.id,
        NOV,
        gigabytes.map((gb) => gb * GB),
      );
      const told: string[] = [];
      for (let day = 1; day <= gigabytes.length; day++) {
        const now = NOV + day * DAY;
        const events = run.step(now, snapshot([computeMeterUsage(line, samples, now, THRESHOLDS)]));
        told.push(...events.map((e) => `day ${day}: ${e.body}`));
      }
      return told;
    };
    expect(pollDaily([400, 10, 10, 10, 10, 10, 10, 10, 10, 10])).toEqual([]);
    // 40 GB a day reaches 1,200 GB by 30 November: told once, when three days show the pace.
    expect(pollDaily(Array<number>(10).fill(40))).toEqual([
      expect.stringMatching(/^day 3: 12 % of 1,000 GB used, projected 120 %/),
    ]);
  });

  it('can be switched off globally or per meter', () => {
    const off = new AlertRun();
    expect(
      off.step(NOV + 6 * DAY, projected(25, 104, NOV + 6 * DAY), { settings: { forecast: false } }),
    ).toEqual([]);
    const meterOff = new AlertRun();
    const account = { alerts: { meters: { 'transfer:jp-east': { forecast: false } } } };
    expect(meterOff.step(NOV + 6 * DAY, projected(25, 104, NOV + 6 * DAY), { account })).toEqual(
      [],
    );
  });

  it('folds into a threshold alert raised at the same time instead of a second notification', () => {
    const run = new AlertRun();
    const events = run.step(NOV + 20 * DAY, projected(85, 110, NOV + 20 * DAY));
    expect(kinds(events)).toEqual(['threshold-warning']);
    expect(events[0]!.body).toContain('projected 110–130 %');
    expect(run.step(NOV + 21 * DAY, projected(86, 111, NOV + 21 * DAY))).toEqual([]);
  });
});

describe('threshold alerts (properties)', () => {
  it('never fires the same line twice in one period, whatever the values and restarts', () => {
    const step = fc.record({
      percent: fc.double({ min: 0, max: 130, noNaN: true }),
      low: fc.double({ min: 0, max: 160, noNaN: true }),
      hours: fc.integer({ min: 1, max: 48 }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.boolean(), (steps, gauge) => {
        const run = new AlertRun();
        let now = NOV;
        for (const s of steps) {
          now += s.hours * HOUR;
          run.step(
            now,
            snapshot([
              usage({
                used: s.percent * 10 * GB,
                now,
                gauge,
                forecast: { low: s.low * 10 * GB, high: s.low * 10 * GB },
              }),
            ]),
          );
        }
        const seen = new Set<string>();
        for (const event of run.events) {
          const key = `${kinds([event])[0]}@${event.facts.kind === 'threshold' || event.facts.kind === 'forecast' ? event.facts.periodEnd : 0}`;
          expect(seen.has(key), key).toBe(false);
          seen.add(key);
        }
      }),
      { numRuns: 300 },
    );
  });
});
