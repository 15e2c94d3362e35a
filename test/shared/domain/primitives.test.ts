import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startOfMonth } from '../../../src-main/core/time/zoned.ts';
import { TimeZoneSchema } from '../../../src-shared/domain/primitives.ts';

describe('time zones', () => {
  it('refuses the ICU abbreviations Intl takes but the core cannot compute in', () => {
    // The premise: Intl alone would have let "JST" through.
    expect(() => new Intl.DateTimeFormat('en', { timeZone: 'JST' })).not.toThrow();
    for (const zone of ['JST', 'IST', 'AET', 'Tokyo', 'Asia/Nowhere', '']) {
      expect(TimeZoneSchema.safeParse(zone).success, zone).toBe(false);
    }
  });

  it('accepts IANA names, UTC and the fixed Etc/GMT±N zones providers bill in', () => {
    for (const zone of ['Asia/Tokyo', 'Europe/London', 'UTC', 'Etc/UTC', 'Etc/GMT-9', 'GMT']) {
      expect(TimeZoneSchema.safeParse(zone).success, zone).toBe(true);
    }
  });

  it('accepts only zones the core computes periods in', () => {
    const candidates = fc.oneof(
      fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
      fc.integer({ min: -14, max: 14 }).map((h) => `Etc/GMT${h < 0 ? '' : '+'}${h}`),
      fc.stringMatching(/^[A-Z]{2,5}$/),
    );
    fc.assert(
      fc.property(candidates, (zone) => {
        if (TimeZoneSchema.safeParse(zone).success) {
          expect(Number.isFinite(startOfMonth(Date.UTC(2024, 6, 15), zone))).toBe(true);
        } else {
          expect(() => startOfMonth(Date.UTC(2024, 6, 15), zone)).toThrow();
        }
      }),
    );
  });
});
