import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../src-renderer/format/formatters.ts';
import { formatLimit } from '../../src-renderer/format/limit.ts';
import type { MeterUsage } from '../../src-shared/domain/usage.ts';

const line = (limit: number, unit: 'GB' | 'GiB' | 'TB'): MeterUsage =>
  ({
    meter: { unit: 'bytes' },
    quota: { limit, source: 'default', quotaId: 'q', unit },
  }) as MeterUsage;

describe('figures for people', () => {
  it('show sizes in the chosen unit system and locale', () => {
    expect(createFormatters('en-US', 'si').amount(1_800_500_000_000, 'bytes')).toBe('1.8 TB');
    expect(createFormatters('en-US', 'iec').amount(2 ** 30 * 5.5, 'bytes')).toBe('5.5 GiB');
    expect(createFormatters('ja', 'si').amount(3_274, 'JPY')).toBe('￥3,274');
    expect(createFormatters('en-US', 'si').percent(55.57)).toBe('55.6%');
  });

  it('show a quota the way it was written when it is in the reader’s unit system', () => {
    const si = createFormatters('en-US', 'si');
    expect(formatLimit(line(3_240e9, 'GB'), si)).toBe('3,240 GB');
    expect(formatLimit(line(3_240e9, 'GB'), createFormatters('en-US', 'iec'))).toBe('2.95 TiB');
    expect(formatLimit(line(2 ** 40, 'GiB'), si)).toBe('1.1 TB');
  });

  it('show bit rates and relative times in the locale', () => {
    const en = createFormatters('en-US', 'si');
    expect(en.bitRate(694_444)).toBe('694.4 kb/s');
    expect(en.bitRate(12)).toBe('12 bit/s');
    const now = Date.parse('2026-11-21T12:00:00Z');
    expect(en.relative(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(createFormatters('ja', 'si').relative(now - 86_400_000, now)).toBe('昨日');
    expect(createFormatters('ja', 'si').date(now, 'Asia/Tokyo')).toBe('2026/11/21');
  });
});
