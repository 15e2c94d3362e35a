import type { language as english } from './languages/en.ts';

/** A message with forms chosen by Intl.PluralRules (`one`, `other`…); `other` is required. */
export interface PluralMessage {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type Message = string | PluralMessage;

/** English is the reference: every language file has exactly its keys. */
export type MessageKey = keyof (typeof english)['messages'];

export interface LanguagePack {
  /** BCP 47 language code: `en`, `ja`. */
  readonly code: string;
  /** The language's name in itself, for the language picker. */
  readonly name: string;
  readonly messages: Readonly<Record<MessageKey, Message>>;
}

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;
