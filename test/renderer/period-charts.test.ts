import type { Scale } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { progressChart } from '../../src-renderer/charts/period-charts.ts';
import type { Palette } from '../../src-renderer/charts/palette.ts';
import { createFormatters } from '../../src-renderer/format/formatters.ts';
import { FALLBACK_LANGUAGE } from '../../src-renderer/i18n/languages/index.ts';
import { createTranslator } from '../../src-renderer/i18n/translate.ts';
import { periodDays } from '../../src-renderer/model/period-series.ts';
import type { MeterUsage } from '../../src-shared/domain/usage.ts';

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe('the days of a period', () => {
  it('are every day start in the period’s zone, the days to come included', () => {
    const days = periodDays({
      start: at('2026-10-31T15:00:00Z'),
      end: at('2026-11-30T15:00:00Z'),
      timeZone: 'Asia/Tokyo',
    });
    expect(days).toHaveLength(30);
    expect(days[0]).toBe(at('2026-10-31T15:00:00Z'));
    expect(days.at(-1)).toBe(at('2026-11-29T15:00:00Z'));
    expect(days.every((day, i) => i === 0 || day - days[i - 1]! === DAY)).toBe(true);
  });

  it('follow a DST switch: October in London has a day of 25 hours', () => {
    const days = periodDays({
      start: at('2026-09-30T23:00:00Z'),
      end: at('2026-11-01T00:00:00Z'),
      timeZone: 'Europe/London',
    });
    expect(days).toHaveLength(31);
    const october25 = days.indexOf(at('2026-10-24T23:00:00Z')); // 00:00 BST
    expect(days[october25 + 1]).toBe(at('2026-10-26T00:00:00Z')); // 00:00 GMT, 25 hours on
  });
});

describe('the progress chart', () => {
  it('has date ticks over the whole period, also where only the forecast reaches', () => {
    const start = at('2026-10-31T15:00:00Z');
    const end = at('2026-11-30T15:00:00Z');
    const daily = Array.from({ length: 21 }, (_, i) => ({ at: start + i * DAY, value: 1e9 }));
    const line = {
      meter: {
        id: 'transfer-total:jp-east',
        label: 'jp-east transfer (in + out)',
        kind: 'transfer-total',
        unit: 'bytes',
        scope: { level: 'region', id: 'jp-east' },
        series: 'cumulative',
        resolution: 'day',
        timeZone: 'Asia/Tokyo',
      },
      period: { start, end, timeZone: 'Asia/Tokyo' },
      used: 21e9,
      quota: { limit: 3_240e9, source: 'default', quotaId: 'q', unit: 'GB' },
      forecast: { low: 28e9, high: 32e9, runsOutAt: null },
      dailyBudget: 300e9,
      daily,
    } as unknown as MeterUsage;
    const palette = new Proxy({}, { get: () => '#000' }) as unknown as Palette;
    const t = createTranslator(FALLBACK_LANGUAGE, FALLBACK_LANGUAGE);
    const config = progressChart(line, start + 21 * DAY, createFormatters('en', 'si'), t, palette);
    const x = config.options!.scales!.x as { afterBuildTicks(scale: Scale): void };
    const scale = { ticks: [] } as unknown as Scale;
    x.afterBuildTicks(scale);
    const ticks = scale.ticks.map((tick) => tick.value);
    expect(ticks.length).toBeGreaterThanOrEqual(6);
    // The last tick falls in the period's last week, days after the last day with data.
    expect(ticks.at(-1)!).toBeGreaterThan(daily.at(-1)!.at + 4 * DAY);
    expect(ticks.at(-1)!).toBeLessThan(end);
  });
});
