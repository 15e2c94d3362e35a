import { useMemo } from 'react';
import type { Meter } from '../../src-shared/domain/meter.ts';
import { useDescriptor } from '../state/app-data.tsx';
import { meterLabels } from './descriptor-words.ts';
import { useI18n } from './i18n-context.tsx';

/**
 * The labels of one account's meters in the window's language (see meterLabels). Pass the
 * account's meters, all of them: labels that would read the same are told apart among them.
 */
export function useMeterLabels(
  provider: string | undefined,
  meters: readonly Meter[],
): (meter: Meter) => string {
  const { t, language } = useI18n();
  const descriptor = useDescriptor(provider);
  return useMemo(
    () => meterLabels(meters, descriptor, t, language),
    [meters, descriptor, t, language],
  );
}
