import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatMeterValue,
  formatRange,
  limitInMeterUnit,
  pickDataUnit,
  toBytes,
} from '../../../src-shared/domain/units.ts';

describe('units', () => {
  it('keeps decimal and binary gigabytes apart', () => {
    expect(toBytes(1, 'GB')).toBe(1_000_000_000);
    expect(toBytes(1, 'GiB')).toBe(1_073_741_824);
    expect(toBytes(3240, 'GB')).toBe(3.24e12);
  });

  it('converts a quota limit into the meter unit, or refuses to compare money with data', () => {
    expect(limitInMeterUnit(2, 'TB', 'bytes')).toBe(2e12);
    expect(limitInMeterUnit(40, 'EUR', 'EUR')).toBe(40);
    expect(limitInMeterUnit(40, 'EUR', 'JPY')).toBeNull();
    expect(limitInMeterUnit(40, 'GB', 'EUR')).toBeNull();
    expect(limitInMeterUnit(40, 'EUR', 'bytes')).toBeNull();
  });

  it('formats bytes in the chosen unit system', () => {
    expect(pickDataUnit(999, 'si')).toBe('B');
    expect(pickDataUnit(1500, 'si')).toBe('KB');
    expect(formatBytes(3.24e12, 'si')).toBe('3.24 TB');
    expect(formatBytes(3.24e12, 'iec')).toBe('2.95 TiB');
    expect(formatBytes(512 * 2 ** 20, 'iec')).toBe('512 MiB');
    expect(formatBytes(0, 'si')).toBe('0 B');
  });

  it('formats money by currency', () => {
    expect(formatMeterValue(2791, 'JPY', 'si', 'en')).toBe('¥2,791');
    expect(formatMeterValue(2.64, 'EUR', 'si', 'en')).toBe('€2.64');
  });

  it('prints a range whose ends print alike as one amount', () => {
    expect(formatRange('€37.79', '€37.79')).toBe('€37.79');
    expect(formatRange('€37.79', '€41.20')).toBe('€37.79 – €41.20');
    expect(formatRange('1 TB', '2 TB', (low, high) => `${low} ～ ${high}`)).toBe('1 TB ～ 2 TB');
  });
});
