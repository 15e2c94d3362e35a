import { useCallback } from 'react';
import type { BridgeError } from '../bridge.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { MessageKey, Translate } from '../i18n/types.ts';

/**
 * A failed request in words: what kind of failure and what to do (from the language file),
 * then main's detail, if any (a provider's or the core's own message, in English).
 */
export function errorText(t: Translate, error: BridgeError): string {
  return `${t(`error.${error.code}` as MessageKey, { retry: '' })} ${error.message}`.trim();
}

export function useErrorWords(): (error: BridgeError) => string {
  const { t } = useI18n();
  return useCallback((error: BridgeError) => errorText(t, error), [t]);
}
