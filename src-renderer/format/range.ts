import type { Translate } from '../i18n/types.ts';

/** "1.2 TB – 1.5 TB", or a single amount when both ends read the same ("0 B", not "0 B – 0 B"). */
export function formatRange(
  low: number,
  high: number,
  format: (value: number) => string,
  t: Translate,
): string {
  const from = format(low);
  const to = format(high);
  return from === to ? to : t('figures.range', { low: from, high: to });
}
