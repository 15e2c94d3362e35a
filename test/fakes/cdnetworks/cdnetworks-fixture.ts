import type { FakeUser } from './cdnetworks-fake-auth.ts';

/**
 * The data set behind the CDNetworks fake: one user with both kinds of keys, two contracts,
 * three domains, and deterministic usage so tests can compute the exact figures themselves.
 */

export const FAKE_USER: FakeUser = {
  userName: 'cloudmeter-ro',
  apiKey: 'fake-api-key-3f9a1c',
  accessKeyId: 'AKFAKE5QX2LN8Z',
  secretKey: 'fake-secret-key-d41e77b0',
};

export const CONTRACT = '40012345-001';
export const OTHER_CONTRACT = '40077777-002';

export interface FixtureDomain {
  readonly name: string;
  readonly id: number;
  readonly contract: string;
  readonly serviceType: string;
  readonly status: 'Deployed' | 'InProgress';
}

export const DOMAINS: readonly FixtureDomain[] = [
  { name: 'www.example.com', id: 101, contract: CONTRACT, serviceType: 'web', status: 'Deployed' },
  {
    name: 'img.example.com',
    id: 102,
    contract: CONTRACT,
    serviceType: 'web-https',
    status: 'Deployed',
  },
  {
    name: 'dl.example.org',
    id: 103,
    contract: OTHER_CONTRACT,
    serviceType: 'download',
    status: 'InProgress',
  },
];

/** The domains the fake's ready-made account watches. */
export const WATCHED = ['www.example.com', 'img.example.com'] as const;

/** FNV-1a, for repeatable pseudo-random figures. */
function noise(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Local Storage bytes of a domain on a GMT+9 day (`yyyy-MM-dd`): slow growth plus churn. */
export function storageBytes(domain: string, day: string): number {
  const dayNumber = Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
  const base = 40_000_000_000 + (noise(domain) % 20_000) * 1_000_000;
  return base + (dayNumber % 1000) * 37_000_000 + (noise(`${domain}/${day}`) % 5_000_000);
}

/**
 * CDN traffic of a domain in the hour starting at `hourStart` (epoch ms), in hundredths of a
 * MB (an integer, so sums are exact; the API reports MB with two decimals).
 */
export function trafficCentiMb(domain: string, hourStart: number): number {
  return 20_000 + (noise(`${domain}@${hourStart}`) % 60_000);
}
