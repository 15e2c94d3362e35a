import { z } from 'zod';

/** A point in time as milliseconds since the Unix epoch (UTC). Formatting happens at the edges. */
export const InstantSchema = z.number().int().nonnegative();
export type Instant = z.infer<typeof InstantSchema>;

/** Whether the runtime's Intl knows this IANA zone (works in Node and in the renderer). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .refine(isKnownTimeZone, { message: 'not an IANA time zone (for example Asia/Tokyo)' });

/** Ids of accounts, quotas and meters: readable in a config file and safe in a keychain key. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'use 1-63 lower-case letters, digits, ".", "_" or "-"');

export const PercentSchema = z.number().min(0).max(1000);
