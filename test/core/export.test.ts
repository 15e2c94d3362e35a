import { describe, expect, it } from 'vitest';
import { exportChunks } from '../../src-main/core/export.ts';
import type { ExportRow } from '../../src-main/core/history-store.ts';
import type { Meter } from '../../src-shared/domain/meter.ts';

const meter: Meter = {
  id: 'transfer-total:jp-east',
  label: 'jp-east transfer, in + out',
  kind: 'transfer-total',
  unit: 'bytes',
  scope: { level: 'region', id: 'jp-east' },
  series: 'cumulative',
  resolution: 'day',
  timeZone: 'Asia/Tokyo',
};
const rows: ExportRow[] = [
  {
    accountId: 'idcf',
    provider: 'idcf',
    meter,
    at: Date.parse('2026-11-20T15:00:00Z'),
    value: 512750000000,
  },
  {
    accountId: 'idcf',
    provider: 'idcf',
    meter: { ...meter, id: 'x', label: '=HYPERLINK("evil")' },
    at: 0,
    value: 1.5,
  },
];

describe('export', () => {
  it('writes CSV with ISO timestamps in the provider zone and defused formulas', () => {
    const csv = [...exportChunks(rows, 'csv')].join('');
    expect(csv.split('\r\n')).toEqual([
      'account,provider,meter,label,series,unit,timestamp,value',
      'idcf,idcf,transfer-total:jp-east,"jp-east transfer, in + out",cumulative,bytes,2026-11-21T00:00:00+09:00,512750000000',
      `idcf,idcf,x,"'=HYPERLINK(""evil"")",cumulative,bytes,1970-01-01T09:00:00+09:00,1.5`,
      '',
    ]);
  });

  it('writes a JSON array that parses back to the same rows', () => {
    const json = JSON.parse([...exportChunks(rows, 'json')].join('')) as {
      timestamp: string;
      value: number;
    }[];
    expect(json).toHaveLength(2);
    expect(json[0]).toEqual({
      account: 'idcf',
      provider: 'idcf',
      meter: 'transfer-total:jp-east',
      label: 'jp-east transfer, in + out',
      series: 'cumulative',
      unit: 'bytes',
      timestamp: '2026-11-21T00:00:00+09:00',
      value: 512750000000,
    });
    expect(JSON.parse([...exportChunks([], 'json')].join(''))).toEqual([]);
  });
});
