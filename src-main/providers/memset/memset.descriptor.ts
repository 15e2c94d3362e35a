import type { ProviderDescriptorInput } from '../../../src-shared/domain/provider-descriptor.ts';

/** Memset is a UK host; month and day boundaries are taken in UK time (INFERRED). */
export const MEMSET_ZONE = 'Europe/London';

/** What `bandwidth.info` calls GB: decimal unless the account says otherwise (INFERRED). */
export const MEMSET_DEFAULT_GB_UNIT = 'GB';

/** The API methods the adapter calls; each is a scope a Memset API key must be given. */
export const MEMSET_SCOPES = [
  'server.list',
  'service.list',
  'bandwidth.info',
  'bandwidth.monthly_usage',
  'bandwidth.usage',
  'memstore.usage',
] as const;
export type MemsetMethod = (typeof MEMSET_SCOPES)[number];

export const memsetDescriptor = {
  id: 'memset',
  displayName: 'Memset',
  summary:
    'Bandwidth this month per service (in, out, against inclusive transfer + bandwidth bank), per-IP traffic today, Memstore storage and throughput, from the Memset API.',
  credentialFields: [
    {
      key: 'apiKey',
      label: 'API key',
      help: `Create a key in the Memset control panel limited to the read-only scopes ${MEMSET_SCOPES.join(', ')}. Sent as the HTTP Basic user name, never in a URL.`,
      placeholder: '32 hexadecimal characters',
      secret: true,
    },
  ],
  optionFields: [
    {
      key: 'services',
      label: 'Services',
      help: 'Memset service names (servers such as myserver1, Memstores such as mstestaa1). Pick from the list or type a name.',
      input: 'multiselect',
      discover: true,
    },
    {
      key: 'gigabyteUnit',
      label: 'Size of a Memset GB',
      help: 'How inclusive transfer and bandwidth bank are read. The API does not say; decimal is assumed.',
      input: 'select',
      required: false,
      choices: [
        { value: 'GB', label: 'Decimal: 1 GB = 10^9 bytes (default)' },
        { value: 'GiB', label: 'Binary: 1 GB = 2^30 bytes' },
      ],
    },
  ],
  // Metered connections state their own quota (inclusive transfer + bandwidth bank).
  defaultQuotas: [],
  billingTimeZone: MEMSET_ZONE,
  // No rate limit is documented; month-to-date figures change slowly, so stay gentle.
  minPollMinutes: 5,
  defaultPollMinutes: 30,
  historyMonths: 36,
  maxConcurrency: 4,
  defaultBaseUrl: 'https://api.memset.com',
  dashboardUrl: 'https://www.memset.com/control/',
  docsUrl: 'https://www.memset.com/apidocs/methods_bandwidth.html',
  translations: {
    ja: {
      summary:
        'Memset API から、サービスごとの今月の帯域(受信・送信。無料転送量 + 帯域バンクに対して)、IP ごとの本日のトラフィック、Memstore のストレージとスループットを読み取ります。',
      fields: {
        apiKey: {
          label: 'API キー',
          help: `Memset のコントロールパネルで、読み取り専用のスコープ ${MEMSET_SCOPES.join(', ')} に限ったキーを作成してください。URL には含めず、HTTP Basic 認証のユーザー名として送ります。`,
          placeholder: '16 進数 32 文字',
        },
        services: {
          label: 'サービス',
          help: 'Memset のサービス名(myserver1 のようなサーバー、mstestaa1 のような Memstore)。一覧から選ぶか、名前を入力します。',
        },
        gigabyteUnit: {
          label: 'Memset の GB の大きさ',
          help: '無料転送量と帯域バンクの読み方です。API は明示しないため、10 進を前提にしています。',
          choices: {
            GB: '10 進: 1 GB = 10^9 バイト(既定)',
            GiB: '2 進: 1 GB = 2^30 バイト',
          },
        },
      },
      meters: {
        'transfer-ip:*': '{scope} の本日の転送量(受信 + 送信)',
        'storage:*': '{scope} の Memstore ストレージ',
      },
    },
  },
} satisfies ProviderDescriptorInput;
