import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Preferences } from '../../src-shared/domain/config.ts';
import { createFormatters, type Formatters } from '../format/formatters.ts';
import { FALLBACK_LANGUAGE, LANGUAGES } from './languages/index.ts';
import { resolveLocale } from './locale.ts';
import { createTranslator } from './translate.ts';
import type { Translate } from './types.ts';

export interface I18n {
  readonly t: Translate;
  readonly fmt: Formatters;
  readonly language: string;
  readonly locale: string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: {
  readonly preferences: Pick<Preferences, 'language' | 'units'>;
  /** The OS's preferred languages (app:info), before the browser's. */
  readonly osLocales: readonly string[];
  readonly children: ReactNode;
}) {
  const { language: preference, units } = props.preferences;
  const osLocales = props.osLocales.join(',');
  const value = useMemo<I18n>(() => {
    const preferred = [...osLocales.split(',').filter(Boolean), ...navigator.languages];
    const resolved = resolveLocale(
      preference,
      LANGUAGES.map((l) => l.code),
      preferred,
    );
    const pack = LANGUAGES.find((l) => l.code === resolved.language) ?? FALLBACK_LANGUAGE;
    return {
      t: createTranslator(pack, FALLBACK_LANGUAGE),
      fmt: createFormatters(resolved.locale, units),
      language: pack.code,
      locale: resolved.locale,
    };
  }, [preference, units, osLocales]);
  useEffect(() => {
    document.documentElement.lang = value.language;
  }, [value.language]);
  return <I18nContext value={value}>{props.children}</I18nContext>;
}

/**
 * Words for the moments before the config (and its language preference) has loaded: the
 * splash while the window opens, or why it could not. The OS's language, as the browser has it.
 */
export function bootWords(): { readonly t: Translate; readonly language: string } {
  const resolved = resolveLocale(
    'system',
    LANGUAGES.map((l) => l.code),
    navigator.languages,
  );
  const pack = LANGUAGES.find((l) => l.code === resolved.language) ?? FALLBACK_LANGUAGE;
  return { t: createTranslator(pack, FALLBACK_LANGUAGE), language: pack.code };
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
