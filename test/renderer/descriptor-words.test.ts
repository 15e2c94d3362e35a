import { describe, expect, it, onTestFinished } from 'vitest';
import { ADAPTERS } from '../../src-main/providers/index.ts';
import { localizeDescriptor, meterLabels } from '../../src-renderer/i18n/descriptor-words.ts';
import { LANGUAGES } from '../../src-renderer/i18n/languages/index.ts';
import { createTranslator } from '../../src-renderer/i18n/translate.ts';
import type { Meter } from '../../src-shared/domain/meter.ts';
import {
  ProviderDescriptorSchema,
  type FieldSpec,
} from '../../src-shared/domain/provider-descriptor.ts';
import type { AccountSnapshot } from '../../src-shared/domain/usage.ts';
import { startAppHarness } from '../support/app-harness.ts';

const descriptors = ADAPTERS.map((adapter) => ProviderDescriptorSchema.parse(adapter.descriptor));
const english = LANGUAGES.find((l) => l.code === 'en')!;
const others = LANGUAGES.filter((l) => l !== english);
const fieldsOf = (d: (typeof descriptors)[number]): FieldSpec[] => [
  ...d.credentialFields,
  ...d.optionFields,
];
/** Words a person reads, as opposed to an example value ("org-xxxxxx", "40012345-001"). */
const hasWords = (text: string) => /[A-Za-z]{3,}\s+[A-Za-z]{2,}/.test(text);

async function snapshotsOf(fakes: string[]): Promise<AccountSnapshot[]> {
  const harness = await startAppHarness({ fakes, configure: true });
  onTestFinished(() => harness.close());
  await harness.handlers['usage:refresh']();
  return (await harness.handlers['usage:get']()).accounts;
}

describe('the providers’ descriptors in every language', () => {
  for (const language of others) {
    for (const descriptor of descriptors) {
      it(`${descriptor.displayName}: every word of the account form in ${language.name}`, () => {
        const words = descriptor.translations?.[language.code];
        expect(words?.summary, 'summary').toBeTruthy();
        const fields = fieldsOf(descriptor);
        for (const key of Object.keys(words?.fields ?? {}))
          expect(
            fields.map((f) => f.key),
            `translated field ${key}`,
          ).toContain(key);
        for (const field of fields) {
          const own = words?.fields?.[field.key];
          expect(own?.label, `${field.key}.label`).toBeTruthy();
          if (field.help) expect(own?.help, `${field.key}.help`).toBeTruthy();
          if (field.placeholder && hasWords(field.placeholder))
            expect(own?.placeholder, `${field.key}.placeholder`).toBeTruthy();
          const choices = field.choices ?? [];
          expect(Object.keys(own?.choices ?? {}).sort(), `${field.key}.choices`).toEqual(
            choices.map((c) => c.value).sort(),
          );
        }
      });
    }
  }

  it('shows a descriptor in the language, and leaves keys and rules as they are', () => {
    const cdnetworks = descriptors.find((d) => d.id === 'cdnetworks')!;
    const ja = localizeDescriptor(cdnetworks, 'ja');
    const scheme = ja.optionFields.find((f) => f.key === 'authScheme')!;
    expect(scheme.label).toBe('認証方式');
    expect(scheme.choices!.map((c) => c.value)).toEqual(['aksk', 'api-key']);
    expect(scheme.choices![0]!.label).toBe('アクセスキー / シークレットキー(AK/SK)');
    expect(ja.summary).toContain('CDNetworks');
    expect(ja.credentialFields.map((f) => [f.key, f.secret, f.required])).toEqual(
      cdnetworks.credentialFields.map((f) => [f.key, f.secret, f.required]),
    );
    expect(localizeDescriptor(cdnetworks, 'en')).toBe(cdnetworks);
  });
});

describe('meter labels', () => {
  const ja = LANGUAGES.find((l) => l.code === 'ja')!;
  const t = createTranslator(ja, english);

  it('name every meter of every provider in Japanese, each one apart from the others', async () => {
    const snapshots = [
      ...(await snapshotsOf(['idcf', 'memset', 'cdnetworks', 'surfercloud', 'seeweb'])),
      // No account configured: the demo account.
      ...(await snapshotsOf([])),
    ];
    expect(snapshots.map((s) => s.provider).sort()).toEqual(
      ['cdnetworks', 'demo', 'idcf', 'memset', 'seeweb', 'surfercloud'].sort(),
    );
    for (const snapshot of snapshots) {
      const descriptor = descriptors.find((d) => d.id === snapshot.provider)!;
      const meters: Meter[] = snapshot.meters.map((line) => line.meter);
      const labelOf = meterLabels(meters, descriptor, t, 'ja');
      const labels = meters.map(labelOf);
      for (const [i, label] of labels.entries())
        expect(label, meters[i]!.label).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(new Set(labels).size, snapshot.provider).toBe(labels.length);
      // What the translation names exists: a renamed meter id would fall back silently.
      for (const key of Object.keys(descriptor.translations?.ja?.meters ?? {})) {
        const matches = key.endsWith('*')
          ? meters.some((m) => m.id.startsWith(key.slice(0, -1)))
          : meters.some((m) => m.id === key);
        expect(matches, `${snapshot.provider} ${key}`).toBe(true);
      }
    }
    const idcf = snapshots.find((s) => s.provider === 'idcf')!;
    const idcfLabels = meterLabels(
      idcf.meters.map((l) => l.meter),
      descriptors.find((d) => d.id === 'idcf'),
      t,
      'ja',
    );
    const byId = (id: string) => idcfLabels(idcf.meters.find((l) => l.meter.id === id)!.meter);
    expect(byId('transfer-total:jp-east-2')).toBe('jp-east-2 の転送量(受信 + 送信)');
    expect(byId('cost:gross')).toBe('クーポン適用前の料金(税込)');
  });

  it('keep the adapter’s own labels in English, and where a translation would say less', () => {
    const meter = (id: string, label: string): Meter => ({
      id,
      label,
      kind: 'cost',
      unit: 'EUR',
      scope: { level: 'account', id: '' },
      series: 'cumulative',
      resolution: 'day',
      timeZone: 'UTC',
    });
    const meters = [meter('a', 'Cost before discounts'), meter('b', 'Cost after discounts')];
    expect(meters.map(meterLabels(meters, undefined, t, 'en'))).toEqual([
      'Cost before discounts',
      'Cost after discounts',
    ]);
    // Both would be "料金": the adapter's words tell them apart.
    expect(meters.map(meterLabels(meters, undefined, t, 'ja'))).toEqual([
      'Cost before discounts',
      'Cost after discounts',
    ]);
    expect(meterLabels([meters[0]!], undefined, t, 'ja')(meters[0]!)).toBe('料金');
  });
});
