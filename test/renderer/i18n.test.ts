import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FALLBACK_LANGUAGE, LANGUAGES } from '../../src-renderer/i18n/languages/index.ts';
import { resolveLocale } from '../../src-renderer/i18n/locale.ts';
import { createTranslator, placeholdersOf } from '../../src-renderer/i18n/translate.ts';
import type { Message } from '../../src-renderer/i18n/types.ts';
import { PreferencesSchema } from '../../src-shared/domain/config.ts';

const english = FALLBACK_LANGUAGE.messages as Readonly<Record<string, Message>>;

describe('the language files', () => {
  it('include English and Japanese, English first', () => {
    expect(LANGUAGES.map((l) => l.code)).toEqual(['en', 'ja']);
  });

  it('each name a language the preferences accept', () => {
    const accepted = PreferencesSchema.shape.language.unwrap().options as readonly string[];
    for (const language of LANGUAGES) expect(accepted).toContain(language.code);
  });

  for (const language of LANGUAGES) {
    describe(language.name, () => {
      const messages = language.messages as Readonly<Record<string, Message>>;

      it('has every English key and no other', () => {
        expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
      });

      it('uses the same placeholders as English in every message', () => {
        const differing = Object.keys(english).filter(
          (key) =>
            messages[key] !== undefined &&
            placeholdersOf(messages[key]).join() !== placeholdersOf(english[key]!).join(),
        );
        expect(differing).toEqual([]);
      });

      it('has no empty message, and an `other` form in every plural one', () => {
        for (const [key, message] of Object.entries(messages)) {
          const forms = typeof message === 'string' ? [message] : Object.values(message);
          expect(
            forms.every((form) => typeof form === 'string' && form.trim() !== ''),
            key,
          ).toBe(true);
          if (typeof message !== 'string') expect(message.other, key).toBeTruthy();
        }
      });
    });
  }
});

const RENDERER = join(import.meta.dirname, '../../src-renderer');
/** Words that are the same in every language: the product's name. */
const UNTRANSLATED = new Set(['Cloudmeter']);
/** Attributes people read or hear. */
const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label']);

/** Text written into the views' JSX instead of coming from t(): "file:line text". */
function literalTexts(): string[] {
  const found: string[] = [];
  const files = readdirSync(RENDERER, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.tsx'),
  );
  for (const file of files) {
    const path = join(RENDERER, file);
    const text = readFileSync(path, 'utf8');
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const report = (node: ts.Node, text: string) => {
      const words = text.trim();
      if (!/[A-Za-z]{2,}/.test(words) || UNTRANSLATED.has(words)) return;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(RENDERER, path)}:${line + 1} ${words}`);
    };
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node)) report(node, node.text);
      else if (
        ts.isJsxAttribute(node) &&
        READ_ATTRIBUTES.has(node.name.getText(source)) &&
        node.initializer &&
        ts.isStringLiteral(node.initializer)
      )
        report(node, node.initializer.text);
      else if (
        ts.isJsxExpression(node) &&
        node.expression &&
        ts.isStringLiteral(node.expression) &&
        (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
      )
        report(node, node.expression.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('the views', () => {
  it('write no words of their own into the page: every text comes from a language file', () => {
    expect(literalTexts()).toEqual([]);
  });
});

describe('the translator', () => {
  const t = createTranslator(FALLBACK_LANGUAGE, FALLBACK_LANGUAGE);

  it('fills placeholders and picks the plural form by count', () => {
    expect(t('card.otherLines', { count: 1 })).toBe('1 more line');
    expect(t('card.otherLines', { count: 4 })).toBe('4 more lines');
    expect(t('figures.usedOf', { used: '1.8 TB', limit: '3,240 GB' })).toBe('1.8 TB of 3,240 GB');
  });

  it('falls back to English for a key a language lacks', () => {
    const partial = {
      code: 'xx',
      name: 'Test',
      messages: {},
    } as unknown as typeof FALLBACK_LANGUAGE;
    expect(createTranslator(partial, FALLBACK_LANGUAGE)('nav.overview')).toBe('Overview');
  });
});

describe('choosing the language', () => {
  const available = ['en', 'ja'];

  it('takes the preference, keeping the OS region for dates', () => {
    expect(resolveLocale('ja', available, ['en-GB'])).toEqual({ language: 'ja', locale: 'ja' });
    expect(resolveLocale('en', available, ['en-GB', 'ja-JP'])).toEqual({
      language: 'en',
      locale: 'en-GB',
    });
  });

  it('follows the first OS language that has a file, else English', () => {
    expect(resolveLocale('system', available, ['fr-FR', 'ja-JP', 'en-US'])).toEqual({
      language: 'ja',
      locale: 'ja-JP',
    });
    expect(resolveLocale('system', available, ['de_DE'])).toEqual({ language: 'en', locale: 'en' });
    expect(resolveLocale('system', available, [])).toEqual({ language: 'en', locale: 'en' });
  });
});
