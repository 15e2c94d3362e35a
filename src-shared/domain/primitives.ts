import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';

/** A point in time as milliseconds since the Unix epoch (UTC). Formatting happens at the edges. */
export const InstantSchema = z.number().int().nonnegative();
export type Instant = z.infer<typeof InstantSchema>;

const knownZones = new Map<string, boolean>();

/**
 * Whether this is a time zone the core can compute in: asked of the same Temporal polyfill the
 * core's calendar math uses, because Intl alone accepts zones Temporal refuses (the ICU
 * abbreviation "JST"), which would pass validation and fail later in the middle of a poll.
 * Remembered: resolving a zone builds an Intl formatter, which costs far more than the lookup,
 * and every meter that is validated names its zone.
 */
export function isKnownTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(zone, known);
  }
  return known;
}

export const TimeZoneSchema = z
  .string()
  .refine(isKnownTimeZone, { message: 'not an IANA time zone (for example Asia/Tokyo)' });

/** Ids of accounts, quotas and meters: readable in a config file and safe in a keychain key. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'use 1-63 lower-case letters, digits, ".", "_" or "-"');

export const PercentSchema = z.number().min(0).max(1000);
