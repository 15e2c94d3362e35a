/// <reference types="vite/client" />
import type { LanguagePack } from '../types.ts';

/**
 * Every language file in this folder, found at build time: adding a language is adding a file
 * that exports `language` (and naming its code in the preferences schema). English comes first
 * and is the fallback.
 */
const modules = import.meta.glob<{ language: LanguagePack }>(['./*.ts', '!./index.ts'], {
  eager: true,
});

export const LANGUAGES: readonly LanguagePack[] = Object.values(modules)
  .map((module) => module.language)
  .sort((a, b) => (a.code === 'en' ? -1 : b.code === 'en' ? 1 : a.code.localeCompare(b.code)));

export const FALLBACK_LANGUAGE: LanguagePack = LANGUAGES.find((l) => l.code === 'en')!;
