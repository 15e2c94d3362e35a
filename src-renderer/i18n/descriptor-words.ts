import type { Meter, Scope } from '../../src-shared/domain/meter.ts';
import type {
  DescriptorTranslation,
  FieldSpec,
  ProviderDescriptor,
} from '../../src-shared/domain/provider-descriptor.ts';
import { FALLBACK_LANGUAGE } from './languages/index.ts';
import type { Translate } from './types.ts';

/**
 * A descriptor in the window's language: its summary and its fields' labels, help, placeholders
 * and choices from its `translations`, English wherever one is missing. Everything else (keys,
 * patterns, what is required) is the descriptor's own, so forms and checks work the same.
 */
export function localizeDescriptor(
  descriptor: ProviderDescriptor,
  language: string,
): ProviderDescriptor {
  const words = descriptor.translations?.[language];
  if (!words) return descriptor;
  const field = <F extends FieldSpec>(spec: F): F => {
    const own = words.fields?.[spec.key];
    if (!own) return spec;
    return {
      ...spec,
      label: own.label ?? spec.label,
      ...(own.help || spec.help ? { help: own.help ?? spec.help } : {}),
      ...(own.placeholder || spec.placeholder
        ? { placeholder: own.placeholder ?? spec.placeholder }
        : {}),
      ...(spec.choices
        ? {
            choices: spec.choices.map((c) => ({ ...c, label: own.choices?.[c.value] ?? c.label })),
          }
        : {}),
    };
  };
  return {
    ...descriptor,
    summary: words.summary ?? descriptor.summary,
    credentialFields: descriptor.credentialFields.map(field),
    optionFields: descriptor.optionFields.map(field),
  };
}

/**
 * A region, service, address… as the window names it. Regions and zones go by their codes in
 * other languages than English, as in the adapters' own meter labels: their labels are English
 * words ("East Japan 2 (jp-east-2)"). Other scopes' labels are names (a server's notes, an
 * address), the same in every language.
 */
export function scopeNameIn(scope: Scope, language: string): string {
  const coded = scope.level === 'region' || scope.level === 'zone';
  return coded && language !== FALLBACK_LANGUAGE.code ? scope.id : (scope.label ?? scope.id);
}

/** The label a descriptor's translation gives a meter: by its id, else by an id prefix `…*`. */
function translatedMeterLabel(words: DescriptorTranslation | undefined, meter: Meter) {
  const meters = words?.meters;
  if (!meters) return undefined;
  const exact = meters[meter.id];
  if (exact) return exact;
  let best: string | undefined;
  let length = -1;
  for (const [pattern, label] of Object.entries(meters)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (meter.id.startsWith(prefix) && prefix.length > length) {
      best = label;
      length = prefix.length;
    }
  }
  return best;
}

/**
 * Meter labels in the window's language. Adapters label their meters in English; in another
 * language a meter is named by its descriptor's translation, else from its kind and scope
 * ("jp-east-2 転送量(受信 + 送信)"). Where two of `meters` would read the same that way (two
 * costs of one account), they keep their own labels: words that say less are no translation.
 */
export function meterLabels(
  meters: readonly Meter[],
  descriptor: ProviderDescriptor | undefined,
  t: Translate,
  language: string,
): (meter: Meter) => string {
  if (language === FALLBACK_LANGUAGE.code) return (meter) => meter.label;
  const words = descriptor?.translations?.[language];
  const scopeName = (meter: Meter) => scopeNameIn(meter.scope, language);
  const compose = (meter: Meter): string => {
    const translated = translatedMeterLabel(words, meter);
    if (translated) return translated.replaceAll('{scope}', scopeName(meter));
    const kind = t(`kind.${meter.kind}`);
    if (meter.scope.level === 'account') return kind;
    // One service can have meters of several types (a Memset server's and its CDN's traffic).
    const type = meter.details?.serviceType;
    const scope =
      typeof type === 'string' && type !== '' ? `${scopeName(meter)} (${type})` : scopeName(meter);
    return t('meter.scoped', { scope, kind });
  };
  const composed = new Map(meters.map((meter) => [meter.id, compose(meter)]));
  const uses = new Map<string, number>();
  for (const text of composed.values()) uses.set(text, (uses.get(text) ?? 0) + 1);
  return (meter) => {
    const text = composed.get(meter.id) ?? compose(meter);
    return (uses.get(text) ?? 0) > 1 ? meter.label : text;
  };
}
