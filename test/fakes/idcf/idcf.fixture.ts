/**
 * The fake IDCF account's bills, in the documented shape of GET /api/v1/billings/{YYYY-MM}
 * (idcf-your-ruby's fixtures): several zones per region, [in] and [out] transfer rows, VM and
 * volume rows, object storage traffic (not Internet transfer), a CDN row whose numbers are
 * strings, a " " resource name, and a negative coupon row.
 *
 * Every transfer figure is a multiple of 1/8 GB, so sums are exact in binary floating point
 * and tests can expect exact byte counts.
 */

export const IDCF_FAKE_ACCOUNT_ID = '71000000042';
export const IDCF_REFERENCE = 'http://docs.idcf.jp/cloud/billing';

/** The oldest bill is this many months before the current one. */
export const IDCF_FIRST_MONTH_AGO = 12;
/** Listed in the history, but its detail answers 404 (backfill must skip it). */
export const IDCF_GAP_MONTH_AGO = 7;
/** jp-east-3 was used only in bills this many months old or older. */
export const IDCF_EAST3_UNTIL_MONTH_AGO = 3;

export type IdcfFixtureValue = number | string;

export interface IdcfFixtureRow {
  readonly Region: string;
  readonly ServiceName: string;
  readonly ZoneName: string;
  readonly Category: string;
  readonly Menu: string;
  readonly ResourceDisplayName: string;
  readonly StartDate: string;
  readonly EndDate: string;
  readonly Usage: IdcfFixtureValue;
  readonly Allocated: IdcfFixtureValue;
  readonly Running: IdcfFixtureValue;
  readonly Stopped: IdcfFixtureValue;
  readonly Amount: IdcfFixtureValue;
  readonly Tax: IdcfFixtureValue;
  readonly Net: IdcfFixtureValue;
}

type Template = Omit<IdcfFixtureRow, 'StartDate' | 'EndDate'>;

const COMPUTE = 'Cloud Computing';
const TRANSFER = 'Internet Data Transfer';

function transfer(region: string, zone: string, dir: 'in' | 'out', gb: number | string): Template {
  return {
    Region: region,
    ServiceName: COMPUTE,
    ZoneName: zone,
    Category: TRANSFER,
    Menu: `${TRANSFER} [${dir}]`,
    ResourceDisplayName: ' ',
    Usage: gb,
    Allocated: 0,
    Running: 0,
    Stopped: 0,
    Amount: 0,
    Tax: 0,
    Net: 0,
  };
}

function charge(
  base: Pick<Template, 'Region' | 'ZoneName' | 'Category' | 'Menu' | 'ResourceDisplayName'>,
  usage: IdcfFixtureValue,
  amount: number,
  tax: number,
): Template {
  return {
    ServiceName: COMPUTE,
    ...base,
    Usage: usage,
    Allocated: usage,
    Running: usage,
    Stopped: 0,
    Amount: amount,
    Tax: tax,
    Net: amount + tax,
  };
}

/** Transfer of the current month in GB; older months scale it by (8 + monthsAgo) / 8. */
const TRANSFER_GB: readonly [string, string, 'in' | 'out', number][] = [
  ['jp-east', 'pascal', 'out', 120.5],
  ['jp-east', 'pascal', 'in', 30.25],
  ['jp-east', 'newton', 'out', 310.75],
  ['jp-east', 'newton', 'in', 51.25],
  ['jp-east-2', 'weber', 'out', 1500.5],
  ['jp-east-2', 'weber', 'in', 300],
  ['jp-west', 'monstera', 'out', 75.125],
  ['jp-west', 'monstera', 'in', 0], // sent as the string "0.000000"
  ['jp-west', 'augusta', 'out', 14.875],
  ['jp-west', 'augusta', 'in', 10],
];
/** Zone name made up by the fake: no jp-east-3 zone name was seen in IDCF's fixtures. */
const EAST3_GB: readonly [string, string, 'in' | 'out', number][] = [
  ['jp-east-3', 'jp-east-3a', 'out', 64],
  ['jp-east-3', 'jp-east-3a', 'in', 16],
];

const OTHER_ROWS: readonly Template[] = [
  charge(
    {
      Region: 'jp-east',
      ZoneName: 'pascal',
      Category: 'VirtualMachine',
      Menu: 'light.S1',
      ResourceDisplayName: 'obs',
    },
    432,
    172,
    13,
  ),
  charge(
    {
      Region: 'jp-east-2',
      ZoneName: 'weber',
      Category: 'VirtualMachine',
      Menu: 'standard.S4',
      ResourceDisplayName: 'web-1',
    },
    480,
    2000,
    160,
  ),
  charge(
    {
      Region: 'jp-west',
      ZoneName: 'monstera',
      Category: 'VirtualMachine',
      Menu: 'light.S2',
      ResourceDisplayName: 'backup',
    },
    480,
    600,
    48,
  ),
  charge(
    {
      Region: 'jp-east',
      ZoneName: 'newton',
      Category: 'Volume',
      Menu: 'ROOT',
      ResourceDisplayName: 'obs-root',
    },
    4320,
    100,
    8,
  ),
  charge(
    {
      Region: 'jp-east',
      ZoneName: 'jp-east',
      Category: 'Object Storage',
      Menu: 'Object Storage - Traffic Usage',
      ResourceDisplayName: ' ',
    },
    40,
    20,
    2,
  ),
  {
    Region: 'global',
    ServiceName: 'CDN',
    ZoneName: 'global',
    Category: 'CDN',
    Menu: 'Contents Cache - Network Traffic Usage',
    ResourceDisplayName: 'cdn.example.jp',
    Usage: '12.500000',
    Allocated: '0.000000',
    Running: '0.000000',
    Stopped: '0.000000',
    Amount: '140',
    Tax: '11',
    Net: '151',
  },
  {
    Region: 'global',
    ServiceName: COMPUTE,
    ZoneName: 'global',
    Category: 'Others',
    Menu: 'Coupon',
    ResourceDisplayName: ' ',
    Usage: 0,
    Allocated: 0,
    Running: 0,
    Stopped: 0,
    Amount: -2791,
    Tax: -215,
    Net: -3006,
  },
];

/** The rows of the bill `monthsAgo` months before the current one (0 = current). */
export function idcfFixtureRows(
  monthsAgo: number,
  period: { start: string; end: string } = { start: '', end: '' },
): IdcfFixtureRow[] {
  const scale = (8 + monthsAgo) / 8;
  const transferRows = [
    ...TRANSFER_GB,
    ...(monthsAgo >= IDCF_EAST3_UNTIL_MONTH_AGO ? EAST3_GB : []),
  ].map(([region, zone, dir, gb]) =>
    transfer(region, zone, dir, gb === 0 ? '0.000000' : gb * scale),
  );
  return [...transferRows, ...OTHER_ROWS].map((row) => ({
    ...row,
    StartDate: period.start,
    EndDate: period.end,
  }));
}
