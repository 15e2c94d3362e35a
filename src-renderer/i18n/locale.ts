import type { Preferences } from '../../src-shared/domain/config.ts';

export interface ResolvedLocale {
  /** The language file to use. */
  readonly language: string;
  /** The full locale for Intl (`en-GB` keeps British dates when the OS says so). */
  readonly locale: string;
}

/**
 * Picks the language and Intl locale: the preference when it names a language, else the
 * first of the OS's languages (then the browser's) that has a language file, else English.
 */
export function resolveLocale(
  preference: Preferences['language'],
  available: readonly string[],
  preferred: readonly string[],
): ResolvedLocale {
  if (preference !== 'system' && available.includes(preference)) {
    const regional = preferred.find((tag) => baseLanguage(tag) === preference);
    return { language: preference, locale: regional ?? preference };
  }
  for (const tag of preferred) {
    const language = baseLanguage(tag);
    if (available.includes(language)) return { language, locale: canonical(tag) ?? language };
  }
  return { language: 'en', locale: 'en' };
}

function baseLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.replace('_', '-'))[0] ?? null;
  } catch {
    return null;
  }
}
