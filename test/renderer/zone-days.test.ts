import { describe, expect, it } from 'vitest';
import { zoneDays } from '../../src-renderer/model/zone-days.ts';

const at = (iso: string) => Date.parse(iso);

describe('day and month boundaries in a zone', () => {
  it('starts Tokyo days at midnight JST', () => {
    const tokyo = zoneDays('Asia/Tokyo');
    expect(tokyo.dayStart(at('2026-11-21T14:59:59Z'))).toBe(at('2026-11-20T15:00:00Z'));
    expect(tokyo.dayStart(at('2026-11-21T15:00:00Z'))).toBe(at('2026-11-21T15:00:00Z'));
    expect(tokyo.monthStart(at('2026-11-30T16:00:00Z'))).toBe(at('2026-11-30T15:00:00Z'));
    expect(tokyo.monthStart(at('2026-11-30T14:00:00Z'))).toBe(at('2026-10-31T15:00:00Z'));
  });

  it('handles the 23- and 25-hour days of daylight saving time', () => {
    const london = zoneDays('Europe/London');
    // 29 March 2026: clocks go forward at 01:00 UTC; the day is 23 hours long.
    expect(london.dayStart(at('2026-03-29T12:00:00Z'))).toBe(at('2026-03-29T00:00:00Z'));
    expect(london.dayStart(at('2026-03-30T12:00:00Z'))).toBe(at('2026-03-29T23:00:00Z'));
    // 25 October 2026: clocks go back at 01:00 UTC; the day began at midnight BST and is 25
    // hours long; the next one starts at midnight GMT.
    expect(london.dayStart(at('2026-10-25T23:30:00Z'))).toBe(at('2026-10-24T23:00:00Z'));
    expect(london.dayStart(at('2026-10-26T00:30:00Z'))).toBe(at('2026-10-26T00:00:00Z'));
    expect(london.monthStart(at('2026-07-10T00:00:00Z'))).toBe(at('2026-06-30T23:00:00Z'));
  });

  it('agrees with Intl on every hour of a year', () => {
    const zone = 'America/New_York';
    const days = zoneDays(zone);
    const dateOf = new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' });
    for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += 3_600_000) {
      const start = days.dayStart(t);
      expect(dateOf.format(start)).toBe(dateOf.format(t));
      expect(dateOf.format(start - 1)).not.toBe(dateOf.format(t));
    }
  });
});
