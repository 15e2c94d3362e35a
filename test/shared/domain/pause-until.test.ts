import { describe, expect, it } from 'vitest';
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
});
