import type { LanguagePack, Message, MessageKey, MessageParams, Translate } from './types.ts';

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The translation function for one language: looks the key up (falling back to English, so a
 * missing key shows words rather than a key), picks the plural form by `params.count`, and
 * fills `{name}` placeholders with already-formatted values.
 */
export function createTranslator(pack: LanguagePack, fallback: LanguagePack): Translate {
  const plurals = new Intl.PluralRules(pack.code);
  const pick = (message: Message, count: number | undefined): string => {
    if (typeof message === 'string') return message;
    if (count === undefined) return message.other;
    return message[plurals.select(count)] ?? message.other;
  };
  return (key: MessageKey, params?: MessageParams) => {
    const message = pack.messages[key] ?? fallback.messages[key] ?? key;
    const count = typeof params?.count === 'number' ? params.count : undefined;
    const text = pick(message, count);
    if (!params) return text;
    return text.replace(PLACEHOLDER, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** The `{placeholders}` a message uses, in every plural form (for the completeness test). */
export function placeholdersOf(message: Message): string[] {
  const texts: string[] =
    typeof message === 'string'
      ? [message]
      : Object.values(message).filter((v): v is string => typeof v === 'string');
  const names = new Set<string>();
  for (const text of texts)
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
  return [...names].sort();
}
