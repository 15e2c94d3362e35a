import { describe, expect, it } from 'vitest';
import { tomorrowMorning as trayTomorrowMorning } from '../../../src-main/core/tray/menu-model.ts';
import { tomorrowMorning } from '../../../src-shared/domain/pause-until.ts';

describe('pause until tomorrow', () => {
  it('ends at 08:00 the next day in the user’s zone, across DST switches', () => {
    expect(tomorrowMorning(Date.parse('2026-11-21T12:00:00Z'), 'UTC')).toBe(
      Date.parse('2026-11-22T08:00:00Z'),
    );
    expect(tomorrowMorning(Date.parse('2026-11-21T16:00:00Z'), 'Asia/Tokyo')).toBe(
      Date.parse('2026-11-22T23:00:00Z'),
    );
    // London leaves summer time on 25 October 2026: 08:00 BST the day before, GMT the day after.
    expect(tomorrowMorning(Date.parse('2026-10-24T20:00:00Z'), 'Europe/London')).toBe(
      Date.parse('2026-10-25T08:00:00Z'),
    );
    expect(tomorrowMorning(Date.parse('2026-10-23T20:00:00Z'), 'Europe/London')).toBe(
      Date.parse('2026-10-24T07:00:00Z'),
    );
  });

  it('agrees with the tray menu’s, hour by hour through a year in several zones', () => {
    const zones = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (const zone of zones) {
      for (let at = start; at < start + 366 * 86_400_000; at += 5 * 3_600_000 + 60_000) {
        expect(tomorrowMorning(at, zone), `${zone} ${new Date(at).toISOString()}`).toBe(
          trayTomorrowMorning(at, zone),
        );
      }
    }
  });
});
