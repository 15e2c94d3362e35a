import { describe, expect, it } from 'vitest';
import { costOf, readingInstant } from '../../../src-main/providers/idcf/idcf.map.ts';
import {
  endOfJstDay,
  monthContaining,
  monthsOverlapping,
} from '../../../src-main/providers/idcf/idcf.months.ts';
import { parseLimitHeaders } from '../../../src-main/providers/idcf/idcf.rate-limit.ts';
import {
  IdcfBillingMonthSchema,
  IdcfMonth,
  IdcfNumber,
} from '../../../src-main/providers/idcf/idcf.schema.ts';

const jst = (iso: string) => Date.parse(`${iso}+09:00`);

describe('IDCF answers: tolerated quirks', () => {
  it('reads numbers sent as numbers or strings, and refuses text that is not a number', () => {
    expect(IdcfNumber.parse('0.000000')).toBe(0);
    expect(IdcfNumber.parse(' 12.5 ')).toBe(12.5);
    expect(IdcfNumber.parse(-3006)).toBe(-3006);
    for (const bad of ['', 'twelve', '1e3', null, true])
      expect(IdcfNumber.safeParse(bad).success).toBe(false);
  });

  it('zero-pads months the way the API path wants them', () => {
    expect(IdcfMonth.parse('2017-7')).toBe('2017-07');
    expect(IdcfMonth.safeParse('2017-13').success).toBe(false);
  });

  it('accepts a " " resource name, a string Allocated and a total of 0 beside a positive taxable amount', () => {
    const bill = IdcfBillingMonthSchema.parse({
      meta: {
        account_id: 71000000000,
        taxable_amount: 2791,
        tax: 215,
        total: 0,
        billing_period_end_at: '2017-07-18',
      },
      data: [
        {
          Region: 'global',
          Category: 'CDN',
          Menu: 'Contents Cache - Network Traffic Usage',
          ResourceDisplayName: ' ',
          Usage: 1,
          Allocated: '0.000000',
          Net: '151',
        },
        {
          Region: 'global',
          Category: 'Others',
          Menu: 'Coupon',
          Amount: -2791,
          Tax: -215,
          Net: -3006,
        },
      ],
    });
    expect(bill.meta.account_id).toBe('71000000000');
    expect(costOf(bill.data)).toEqual({ gross: 151, coupons: -3006, net: -2855 });
  });
});

describe('IDCF months and reading instants (JST)', () => {
  it('ends a JST day at the next midnight JST, across month and year ends', () => {
    expect(endOfJstDay({ year: 2026, month: 1, day: 31 })).toBe(jst('2026-02-01T00:00:00'));
    expect(endOfJstDay({ year: 2026, month: 12, day: 31 })).toBe(jst('2027-01-01T00:00:00'));
  });

  it('lists the JST months a range touches, never one after the month of now', () => {
    const now = jst('2026-01-10T12:00:00');
    const keys = monthsOverlapping(
      { start: jst('2025-11-15T00:00:00'), end: jst('2026-06-01T00:00:00') },
      now,
    ).map((m) => m.key);
    expect(keys).toEqual(['2025-11', '2025-12', '2026-01']);
    // 23:30 UTC on 31 January is already 1 February in Tokyo.
    expect(monthContaining(Date.parse('2026-01-31T23:30:00Z')).key).toBe('2026-02');
  });

  it('never places this month’s reading after now, nor at the month’s first instant', () => {
    const month = monthContaining(jst('2026-11-21T12:00:00'));
    const bill = (end: { year: number; month: number; day: number } | null) => ({
      month,
      current: true,
      bill: { meta: { account_id: '1', billing_period_end_at: end }, data: [] },
    });
    const now = jst('2026-11-21T12:00:00');
    expect(readingInstant(bill({ year: 2026, month: 11, day: 20 }), now)).toEqual({
      at: jst('2026-11-21T00:00:00'),
      asOf: jst('2026-11-21T00:00:00'),
    });
    expect(readingInstant(bill({ year: 2026, month: 11, day: 21 }), now).at).toBe(now);
    expect(readingInstant(bill(null), now)).toEqual({ at: now });
    expect(readingInstant(bill({ year: 2026, month: 10, day: 31 }), now).at).toBe(now);
  });
});

describe('IDCF rate-limit headers', () => {
  it('reads the reset as seconds from now, or as a Unix time when it looks like one', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    const headers = {
      'x-idcf-limit-max': '100',
      'x-idcf-limit-remaining': '99',
      'x-idcf-limit-reset': '10',
    };
    expect(parseLimitHeaders(headers, now)).toEqual({
      max: 100,
      remaining: 99,
      resetAt: now + 10_000,
    });
    expect(
      parseLimitHeaders({ ...headers, 'x-idcf-limit-reset': String(now / 1000 + 30) }, now)
        ?.resetAt,
    ).toBe(now + 30_000);
    expect(parseLimitHeaders({}, now)).toBeNull();
  });
});
