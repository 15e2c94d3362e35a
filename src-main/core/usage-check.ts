import { ResolutionSchema, type Sample } from '../../src-shared/domain/meter.ts';
import { ProviderUsageSchema, type ProviderUsage } from '../../src-shared/domain/usage.ts';
import { formatIssue, issuesOf } from '../../src-shared/schema.ts';

const UsageWithoutSamples = ProviderUsageSchema.omit({ samples: true });
const RESOLUTIONS: ReadonlySet<string> = new Set(ResolutionSchema.options);

function sampleProblem(sample: unknown, meterIds: ReadonlySet<string>): string | null {
  if (sample === null || typeof sample !== 'object') return 'not an object';
  const s = sample as Record<string, unknown>;
  if (typeof s.meterId !== 'string' || !meterIds.has(s.meterId))
    return `meterId: not one of the meters (${String(s.meterId)})`;
  if (!Number.isSafeInteger(s.at) || (s.at as number) < 0) return 'at: not an instant';
  if (typeof s.value !== 'number' || !Number.isFinite(s.value)) return 'value: not a finite number';
  if (s.dataAsOf !== undefined && (!Number.isSafeInteger(s.dataAsOf) || (s.dataAsOf as number) < 0))
    return 'dataAsOf: not an instant';
  if (s.resolution !== undefined && !RESOLUTIONS.has(s.resolution as string))
    return 'resolution: not hour, day or month';
  return null;
}

/**
 * Checks what an adapter returned before anything is stored. Meters, quotas, forecasts and
 * notices (a handful) go through the zod schema; samples (thousands per backfill) through a
 * direct check of the same rules — the schema's per-object cost would dominate a poll — plus
 * one the schema cannot state: every sample belongs to a returned meter.
 */
export function checkProviderUsage(
  raw: unknown,
): { ok: true; usage: ProviderUsage } | { ok: false; problems: string[] } {
  const rest = UsageWithoutSamples.safeParse(raw);
  if (!rest.success)
    return { ok: false, problems: issuesOf(rest.error).slice(0, 3).map(formatIssue) };
  const samples = (raw as { samples?: unknown }).samples;
  if (!Array.isArray(samples)) return { ok: false, problems: ['samples: not a list'] };
  const meterIds = new Set(rest.data.meters.map((m) => m.id));
  const problems: string[] = [];
  samples.forEach((sample: unknown, index) => {
    const problem = problems.length < 3 ? sampleProblem(sample, meterIds) : null;
    if (problem) problems.push(`samples[${index}].${problem}`);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, usage: { ...rest.data, samples: samples as Sample[] } };
}
