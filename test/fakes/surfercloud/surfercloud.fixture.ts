/**
 * The data the SurferCloud fake serves: regions, EIPs (over 20 in one region, so DescribeEIP
 * pages; mixed pay modes; creation times spread over two years, one inside November 2026 and
 * one after it) and a deterministic daily traffic figure per EIP and day.
 *
 * The fake's platform bills days that start at midnight UTC+8 (INFERRED for the real one).
 */
export const PLATFORM_UTC_OFFSET_S = 8 * 3600;
export const DAY_S = 86_400;
/** A day is billed ("BillingState": "Yes") this long after it ends. */
export const BILLING_LAG_S = 10 * 3600;

export const FAKE_PROJECT_ID = 'org-cm4fake';

export const FAKE_KEYS = {
  /** The account's own key pair. */
  main: {
    publicKey: 'ucloudops@cloudmeter.test1700000000000000001',
    privateKey: '6f1d0c3b2a99e4c7d8b5a4f3e2d1c0b9a8f7e6d5',
  },
  /** A sub-account key that may call UAccount but not UNet. */
  restricted: {
    publicKey: 'ucloudreadonly@cloudmeter.test1700000000000000002',
    privateKey: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
  },
} as const;

export const REGION_ROWS = [
  {
    RegionId: 1000001,
    RegionName: 'Los Angeles',
    IsDefault: true,
    BitMaps: '1111',
    Region: 'us-ca',
    Zone: 'us-ca-01',
  },
  {
    RegionId: 1000001,
    RegionName: 'Los Angeles',
    IsDefault: false,
    BitMaps: '1111',
    Region: 'us-ca',
    Zone: 'us-ca-02',
  },
  {
    RegionId: 1000002,
    RegionName: 'Hong Kong',
    IsDefault: false,
    BitMaps: '1110',
    Region: 'hk',
    Zone: 'hk-01',
  },
  {
    RegionId: 1000002,
    RegionName: 'Hong Kong',
    IsDefault: false,
    BitMaps: '1110',
    Region: 'hk',
    Zone: 'hk-02',
  },
  {
    RegionId: 1000003,
    RegionName: 'Singapore',
    IsDefault: false,
    BitMaps: '1100',
    Region: 'sg',
    Zone: 'sg-01',
  },
] as const;

export interface FixtureEip {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  readonly payMode: 'Traffic' | 'Bandwidth' | 'ShareBandwidth';
  /** Unix seconds. */
  readonly createTime: number;
  readonly ip: string;
  readonly bandwidthMbps: number;
}

/** Seconds of a wall-clock time in UTC+8. */
export function platformSeconds(iso: string): number {
  return Date.parse(`${iso}+08:00`) / 1000;
}

const PAY_MODES = ['Traffic', 'Traffic', 'Bandwidth', 'Traffic', 'ShareBandwidth'] as const;

function losAngeles(i: number): FixtureEip {
  const special: Record<number, string> = {
    13: '2026-11-05T09:15:00', // created during November 2026
    21: '2026-12-03T10:00:00', // not yet created on 2026-11-21
  };
  const createTime =
    special[i] !== undefined
      ? platformSeconds(special[i])
      : platformSeconds('2024-03-01T00:00:00') + i * 17 * DAY_S + i * 5 * 3600 + 1234;
  return {
    id: `eip-usca${String(i).padStart(2, '0')}`,
    region: 'us-ca',
    name: i % 3 === 0 ? 'EIP' : `web-${i}`,
    payMode: PAY_MODES[i % 5]!,
    createTime,
    ip: `152.32.128.${10 + i}`,
    bandwidthMbps: 20 + (i % 4) * 10,
  };
}

export const FIXTURE_EIPS: readonly FixtureEip[] = [
  ...Array.from({ length: 23 }, (_, i) => losAngeles(i)),
  {
    id: 'eip-hk00',
    region: 'hk',
    name: 'api',
    payMode: 'Traffic',
    createTime: platformSeconds('2025-01-10T08:00:00'),
    ip: '118.193.36.20',
    bandwidthMbps: 100,
  },
  {
    id: 'eip-hk01',
    region: 'hk',
    name: 'EIP',
    payMode: 'Bandwidth',
    createTime: platformSeconds('2025-02-01T12:00:00'),
    ip: '118.193.36.21',
    bandwidthMbps: 5,
  },
  {
    id: 'eip-hk02',
    region: 'hk',
    name: 'shared',
    payMode: 'ShareBandwidth',
    createTime: platformSeconds('2025-05-05T05:05:05'),
    ip: '118.193.36.22',
    bandwidthMbps: 0,
  },
  {
    id: 'eip-hk03',
    region: 'hk',
    name: 'new',
    payMode: 'Traffic',
    createTime: platformSeconds('2026-11-10T14:30:00'),
    ip: '118.193.36.23',
    bandwidthMbps: 50,
  },
];

/** Midnight UTC+8 of the platform day containing `seconds`. */
export function platformDayStart(seconds: number): number {
  return Math.floor((seconds + PLATFORM_UTC_OFFSET_S) / DAY_S) * DAY_S - PLATFORM_UTC_OFFSET_S;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Whole GB a traffic-billed EIP sends on a full platform day: 0 to 3. */
export function fullDayGb(eipId: string, dayStart: number): number {
  return fnv1a(`${eipId}:${dayStart}`) % 4;
}

/**
 * The day's billed outbound GB as the platform reports it at `now` (unix seconds): null when
 * the EIP did not exist yet that day (no row); 0 for bandwidth-billed EIPs; the creation day
 * and today pro rata, rounded to whole GB.
 */
export function billedGb(eip: FixtureEip, dayStart: number, now: number): number | null {
  const from = Math.max(dayStart, eip.createTime);
  const to = Math.min(dayStart + DAY_S, now);
  if (to <= from) return null;
  if (eip.payMode !== 'Traffic') return 0;
  return Math.round((fullDayGb(eip.id, dayStart) * (to - from)) / DAY_S);
}

export function billingState(dayStart: number, now: number): 'Yes' | 'No' {
  return dayStart + DAY_S + BILLING_LAG_S <= now ? 'Yes' : 'No';
}

/** The EIPs that exist at `now` in a region, in listing order. */
export function eipsAt(region: string, now: number): FixtureEip[] {
  return FIXTURE_EIPS.filter((eip) => eip.region === region && eip.createTime <= now);
}
