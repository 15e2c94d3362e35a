import { useCallback } from 'react';
import type { BridgeError } from '../bridge.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/types.ts';

/** A failed request in words: what kind of failure and what to do, then the detail. */
export function useErrorWords(): (error: BridgeError) => string {
  const { t } = useI18n();
  return useCallback(
    (error: BridgeError) =>
      `${t(`error.${error.code}` as MessageKey, { retry: '' })} ${error.message}`.trim(),
    [t],
  );
}
