import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../src-renderer/format/formatters.ts';
import { formatLimit, formatUsed, lineAmounts } from '../../src-renderer/format/limit.ts';
import { formatRange } from '../../src-renderer/format/range.ts';
import { FALLBACK_LANGUAGE } from '../../src-renderer/i18n/languages/index.ts';
import { createTranslator } from '../../src-renderer/i18n/translate.ts';
import type { MeterUsage } from '../../src-shared/domain/usage.ts';

const line = (limit: number, unit: 'GB' | 'GiB' | 'TB' | undefined, used = 0): MeterUsage =>
  ({
    meter: { unit: 'bytes' },
    used,
    quota: { limit, source: 'default', quotaId: 'q', unit },
  }) as MeterUsage;
const t = createTranslator(FALLBACK_LANGUAGE, FALLBACK_LANGUAGE);

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

  it('show a line’s amounts in the unit its quota is shown in, not a unit of their own', () => {
    const si = createFormatters('en-US', 'si');
    const idcf = line(3_240e9, 'GB', 1_812_340_000_000);
    expect(formatUsed(idcf, si, t)).toBe('1,812 GB of 3,240 GB');
    const amount = lineAmounts(idcf, si);
    expect(amount(3_240e9 - 1_812_340_000_000)).toBe('1,428 GB');
    expect(amount(25_460_000_000)).toBe('25.5 GB');
    // Too small to read in GB: its own unit rather than "0 GB".
    expect(amount(3_000_000)).toBe('3 MB');
    expect(amount(0)).toBe('0 GB');
    // A quota shown in another system's unit: every amount picks its own, the quota too.
    const iec = createFormatters('en-US', 'iec');
    expect(formatUsed(idcf, iec, t)).toBe('1.65 TiB of 2.95 TiB');
    // A quota in bytes (a provider's): shown in the unit its size picks, and so is the rest.
    expect(formatUsed(line(1.25e12, undefined, 144e9), si, t)).toBe('0.14 TB of 1.25 TB');
  });

  it('collapse a range whose ends read the same', () => {
    const si = createFormatters('en-US', 'si');
    const amount = (v: number) => si.amount(v, 'bytes');
    expect(formatRange(0, 0, amount, t)).toBe('0 B');
    expect(formatRange(150e9, 150.2e9, amount, t)).toBe('150 GB');
    expect(formatRange(1e12, 1.5e12, amount, t)).toBe('1 TB – 1.5 TB');
  });

  it('show bit rates and relative times in the locale', () => {
    const en = createFormatters('en-US', 'si');
    expect(en.bitRate(694_444)).toBe('694.4 kb/s');
    expect(en.bitRate(12)).toBe('12 bit/s');
    const now = Date.parse('2026-11-21T12:00:00Z');
    expect(en.relative(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(createFormatters('ja', 'si').relative(now - 86_400_000, now)).toBe('昨日');
    expect(createFormatters('ja', 'si').date(now, 'Asia/Tokyo')).toBe('2026/11/21');
    expect(createFormatters('ja', 'si').list(['API キー', 'シークレットキー'])).toBe(
      'API キー、シークレットキー',
    );
    expect(en.list(['API key', 'Secret key'])).toBe('API key and Secret key');
    expect(en.currencyName('JPY')).toBe('Japanese Yen');
  });
});
