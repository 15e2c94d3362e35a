import type { ProviderDescriptorInput } from '../../../src-shared/domain/provider-descriptor.ts';

/** IDCF bills by the Japanese calendar: months and days start at midnight JST. */
export const IDCF_TIME_ZONE = 'Asia/Tokyo';

/** IDCF API keys and secret keys: 86 characters of [A-Za-z0-9_-] (idcf-faraday_middleware). */
const KEY_PATTERN = '[\\w-]{86}';

export const idcfDescriptor = {
  id: 'idcf',
  displayName: 'IDCF Cloud',
  summary:
    'Month-to-date data transfer per region (in + out, against the 3,240 GB free allowance) and the month’s bill in JPY, from the IDCF billing API.',
  credentialFields: [
    {
      key: 'apiKey',
      label: 'API key',
      help: 'IDCF console → API: the 86-character API Key.',
      pattern: KEY_PATTERN,
      secret: true,
    },
    {
      key: 'secretKey',
      label: 'Secret key',
      help: 'IDCF console → API: the 86-character Secret Key that belongs to the API key.',
      pattern: KEY_PATTERN,
      secret: true,
    },
  ],
  optionFields: [
    {
      key: 'regions',
      label: 'Regions',
      help: 'Regions whose transfer to watch. Leave empty to watch every region with transfer on the bill.',
      input: 'multiselect',
      required: false,
      discover: true,
    },
  ],
  defaultQuotas: [
    {
      id: 'transfer-per-region',
      label: 'Free transfer per region (in + out)',
      match: { kind: 'transfer-total', scopeLevel: 'region' },
      combine: 'each',
      limit: { amount: 3240, unit: 'GB' },
    },
  ],
  billingTimeZone: IDCF_TIME_ZONE,
  // The bill is refreshed about once a day; polling more often only spends the rate limit.
  minPollMinutes: 15,
  defaultPollMinutes: 60,
  // INFERRED: the history endpoint lists every month of the account; 24 bounds a first backfill.
  historyMonths: 24,
  // IDCF allows about 100 calls per short window (x-idcf-limit-* headers); 4 is gentle.
  maxConcurrency: 4,
  defaultBaseUrl: 'https://your.idcfcloud.com',
  dashboardUrl: 'https://console.idcfcloud.com/',
  docsUrl: 'https://docs.idcf.jp/cloud/billing/',
  translations: {
    ja: {
      summary:
        'IDCF の請求 API から、リージョンごとの今月のデータ転送量(受信 + 送信。無料枠 3,240 GB に対して)と今月の請求額(円)を読み取ります。',
      fields: {
        apiKey: { label: 'API キー', help: 'IDCF コンソール → API にある 86 文字の API キー。' },
        secretKey: {
          label: 'シークレットキー',
          help: 'IDCF コンソール → API にある、API キーと対になる 86 文字のシークレットキー。',
        },
        regions: {
          label: 'リージョン',
          help: '転送量を監視するリージョン。空欄なら、請求書に転送量のあるすべてのリージョンを監視します。',
        },
      },
      meters: {
        'cost:net': 'クーポン適用後の料金(税込)',
        'cost:gross': 'クーポン適用前の料金(税込)',
      },
    },
  },
} satisfies ProviderDescriptorInput;
