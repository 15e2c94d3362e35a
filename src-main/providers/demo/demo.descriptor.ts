import type { ProviderDescriptorInput } from '../../../src-shared/domain/provider-descriptor.ts';

export const demoDescriptor = {
  id: 'demo',
  displayName: 'Demo',
  summary: 'Simulated usage, so that you can see Cloudmeter work before adding a real account.',
  credentialFields: [],
  optionFields: [],
  defaultQuotas: [
    {
      id: 'transfer',
      label: 'Monthly transfer',
      match: { kind: 'transfer-total' },
      limit: { amount: 1000, unit: 'GB' },
    },
    {
      id: 'storage',
      label: 'Storage',
      match: { kind: 'storage' },
      limit: { amount: 250, unit: 'GB' },
    },
    {
      id: 'budget',
      label: 'Monthly budget',
      match: { kind: 'cost' },
      limit: { amount: 40, unit: 'EUR' },
    },
  ],
  billingTimeZone: 'UTC',
  minPollMinutes: 1,
  defaultPollMinutes: 15,
  historyMonths: 12,
  maxConcurrency: 4,
  defaultBaseUrl: 'https://demo.invalid',
  demo: true,
  translations: {
    ja: {
      summary:
        'シミュレーションの使用量です。ご自身のアカウントを追加する前に、Cloudmeter の動きを確かめられます。',
      meters: { transfer: 'データ転送量', storage: 'ストレージ', cost: '料金' },
    },
  },
} satisfies ProviderDescriptorInput;
