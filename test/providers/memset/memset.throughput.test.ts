import { describe, expect, it } from 'vitest';
import { startOfDate } from '../../../src-main/core/time/zoned.ts';
import { memsetAdapter } from '../../../src-main/providers/memset/memset.adapter.ts';
import { parseMemsetInstant } from '../../../src-main/providers/memset/memset.throughput.ts';
import {
  ThroughputSeriesSchema,
  type ThroughputWindow,
} from '../../../src-shared/domain/throughput.ts';
import { serviceNamed, UK } from '../../fakes/memset/memset.fixture.ts';
import { rateRecords } from '../../fakes/memset/memset.rates.ts';
import { formOf, memsetSetup, NOW, rejection } from './memset.setup.ts';

const now = Date.parse(NOW);

describe('Memset throughput from bandwidth.usage', () => {
  it('gives bits per second in and out per service type over the last day, hour by hour', async () => {
    const { ctx, server } = await memsetSetup();
    const series = (await memsetAdapter.fetchThroughput!(ctx, 'day')).map((s) =>
      ThroughputSeriesSchema.parse(s),
    );
    expect(series.map((s) => s.scope.label)).toEqual([
      'myserver1 (server)',
      'unmetered1 (server)',
      'arrears1 (server)',
      'mstestaa1 (memstore)',
      'mstestaa1 (cdn)',
    ]);
    expect(server.requests.map((r) => formOf(r).get('period'))).toEqual(Array(4).fill('day'));
    const myserver = series[0]!;
    expect(myserver.window).toBe('day');
    expect(myserver.points).toHaveLength(24);
    // November is GMT: "2026-11-21 12:00:00" UK time is 12:00 UTC.
    expect(myserver.points.at(-1)!.at).toBe(Date.parse('2026-11-21T12:00:00Z'));
    expect(myserver.points[0]!.at).toBe(Date.parse('2026-11-20T13:00:00Z'));
    const records = rateRecords(serviceNamed('myserver1')!.bandwidth.server!, 'day', now);
    expect(myserver.points.map((p) => [p.inBps, p.outBps])).toEqual(
      records.map((r) => [r.bps_in, r.bps_out]),
    );
  });

  it.each([
    ['week', 7, '2026-11-15'],
    ['month', 30, '2026-10-23'],
    ['quarter', 13, '2026-08-24'],
    ['halfyear', 26, '2026-05-25'],
    ['year', 12, '2025-12-01'],
  ] as const)(
    'reads the %s window: %i points from %s on',
    async (window: ThroughputWindow, count: number, first: string) => {
      const { ctx } = await memsetSetup({ services: ['mstestaa1'] });
      const series = await memsetAdapter.fetchThroughput!(ctx, window);
      expect(series).toHaveLength(2);
      for (const s of series) {
        expect(s.points).toHaveLength(count);
        const [y, m, d] = first.split('-').map(Number);
        expect(s.points[0]!.at).toBe(startOfDate(y!, m!, d!, UK));
        expect(s.points.every((p, i) => i === 0 || p.at > s.points[i - 1]!.at)).toBe(true);
      }
    },
  );

  it('refuses a record whose date it cannot read, naming the record', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({
      kind: 'reshape',
      transform: (json) => {
        (json as { server: { date: string }[] }).server[3]!.date = 'yesterday';
        return json;
      },
    });
    const error = await rejection(memsetAdapter.fetchThroughput!(ctx, 'week'));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('server[3].date');
  });

  it('accepts records keyed by date instead of listed', async () => {
    const { ctx, server } = await memsetSetup({ services: ['myserver1'] });
    server.inject({
      kind: 'reshape',
      transform: (json) => {
        const rows = (json as { server: { date: string; bps_in: number; bps_out: number }[] })
          .server;
        return {
          server: Object.fromEntries(
            rows.map((r) => [r.date, { bps_in: r.bps_in, bps_out: r.bps_out }]),
          ),
        };
      },
    });
    const [series] = await memsetAdapter.fetchThroughput!(ctx, 'week');
    expect(series!.points).toHaveLength(7);
    expect(series!.points.at(-1)!.at).toBe(startOfDate(2026, 11, 21, UK));
  });
});

describe('reading bandwidth.usage dates', () => {
  it.each([
    ['2026-07-01 12:00:00', '2026-07-01T11:00:00Z'],
    ['2026-07-01T12:00', '2026-07-01T11:00:00Z'],
    ['2026-07-01', '2026-06-30T23:00:00Z'],
    ['2026-07', '2026-06-30T23:00:00Z'],
    ['2026-01-15 08:30:00', '2026-01-15T08:30:00Z'],
    ['2026-07-01T12:00:00+02:00', '2026-07-01T10:00:00Z'],
    ['2026-07-01T12:00:00+0200', '2026-07-01T10:00:00Z'],
    ['2026-07-01T12:00:00Z', '2026-07-01T12:00:00Z'],
    ['1782907200', '2026-07-01T12:00:00Z'],
  ])('reads %s (UK time unless it says otherwise) as %s', (raw, iso) => {
    expect(parseMemsetInstant(raw)).toBe(Date.parse(iso));
  });

  it('reads epoch seconds sent as a number', () => {
    expect(parseMemsetInstant(1_782_907_200)).toBe(Date.parse('2026-07-01T12:00:00Z'));
  });

  it.each(['yesterday', '2026-02-30', '2026-13', '2026-07-01 25:00:00', ''])(
    'does not guess at %j',
    (raw) => {
      expect(parseMemsetInstant(raw)).toBeNull();
    },
  );
});
