import { describe, expect, it } from 'vitest';
import { dayWindows, instantOf } from '../../../src-main/providers/cdnetworks/cdnetworks.days.ts';
import {
  DomainTrafficSchema,
  DomainUsageSchema,
} from '../../../src-main/providers/cdnetworks/cdnetworks.schema.ts';
import { issuesOf } from '../../../src-shared/schema.ts';
import { DAY_MS, NOW, tokyoMidnight } from './cdnetworks-setup.ts';

const problems = (result: ReturnType<typeof DomainUsageSchema.safeParse>) =>
  result.success ? [] : issuesOf(result.error).map((i) => `${i.path}: ${i.message}`);

describe('CDNetworks answer schemas', () => {
  it('reads the seed envelope, the SDK model and a wrapped SDK model alike', () => {
    const rows = [
      { timestamp: '2022-08-01', usage: '2135' },
      { timestamp: '2022-08-02 00:00', usage: 2141 },
    ];
    const expected = [
      { timestamp: '2022-08-01', usage: 2135 },
      { timestamp: '2022-08-02 00:00', usage: 2141 },
    ];
    expect(DomainUsageSchema.parse({ code: '0', message: 'success', data: rows })).toEqual(
      expected,
    );
    expect(DomainUsageSchema.parse({ domain: 'edu.example.net', usage: rows })).toEqual(expected);
    expect(DomainUsageSchema.parse({ code: '0', data: { domain: 'x', usage: rows } })).toEqual(
      expected,
    );
  });

  it('names the broken field in either shape, never reading it as zero', () => {
    const bad = { timestamp: '2022-08-01', usage: '' };
    expect(problems(DomainUsageSchema.safeParse({ code: '0', data: [bad] }))).toEqual([
      'data[0].usage: expected bytes as a decimal string, such as "2135"',
    ]);
    expect(problems(DomainUsageSchema.safeParse({ usage: [{ ...bad, usage: '-5' }] }))).toEqual([
      'usage[0].usage: expected bytes as a decimal string, such as "2135"',
    ]);
    expect(problems(DomainUsageSchema.safeParse({ data: { usage: [{ usage: '1' }] } }))).toEqual([
      'data.usage[0].timestamp: missing (expected string)',
    ]);
    expect(problems(DomainUsageSchema.safeParse([]))[0]).toMatch(/expected object, received array/);
  });

  it('parses traffic in MB strings and refuses a non-daily slice', () => {
    expect(
      DomainTrafficSchema.parse({
        totalTraffic: 74099.92,
        dataSeries: [{ timestamp: '2024-01-01', traffic: '34099.92' }],
      }).dataSeries[0]!.traffic,
    ).toBe(34099.92);
    const hourly = DomainTrafficSchema.safeParse({
      dataSeries: [{ timestamp: '2024-01-01 01', traffic: '1.00' }],
    });
    expect(hourly.success).toBe(false);
  });
});

describe('CDNetworks day windows', () => {
  const now = Date.parse(NOW);

  it('reads timestamps as GMT+9 wall time', () => {
    expect(instantOf('2026-11-01')).toBe(tokyoMidnight('2026-11-01'));
    expect(instantOf('2026-11-01 13:30')).toBe(Date.parse('2026-11-01T04:30:00Z'));
  });

  it('covers the GMT+9 day containing the range start, even from a UTC midnight', () => {
    const [only] = dayWindows({ start: Date.parse('2026-11-01T00:00:00Z'), end: now }, now);
    expect(only!.days[0]).toBe('2026-11-01');
    expect(only!.days.at(-1)).toBe('2026-11-21');
  });

  it('cuts 62 days into two windows of 31 and nothing after today', () => {
    const windows = dayWindows({ start: now - 61.5 * DAY_MS, end: now + 5 * DAY_MS }, now);
    expect(windows.map((w) => w.days.length)).toEqual([31, 31]);
    expect(windows[1]!.days.at(-1)).toBe('2026-11-21');
    expect(windows[1]!.start).toBe(windows[0]!.end);
    expect(windows[1]!.end).toBe(tokyoMidnight('2026-11-22'));
  });
});
