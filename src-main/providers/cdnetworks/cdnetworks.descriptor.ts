import type { ProviderDescriptorInput } from '../../../src-shared/domain/provider-descriptor.ts';

/**
 * The zone of every CDNetworks day this adapter reads. Local Storage data is in GMT+9 ("East
 * 9th time zone"), and the adapter asks the report APIs for GMT+9 too (X-Time-Zone), so both
 * meters share one day boundary. `Etc/GMT-9` is a fixed UTC+9 offset with no DST: the IANA
 * `Etc/` names invert the sign (POSIX style), so `Etc/GMT-9` means GMT+9. It is used rather
 * than Asia/Tokyo or Asia/Seoul because the API promises an offset, not a country's rules.
 */
export const CDNETWORKS_ZONE = 'Etc/GMT-9';

export const AUTH_SCHEMES = ['aksk', 'api-key'] as const;
export type AuthScheme = (typeof AUTH_SCHEMES)[number];

export const cdnetworksDescriptor = {
  id: 'cdnetworks',
  displayName: 'CDNetworks',
  summary:
    'Local Storage bytes and CDN traffic per domain, from the CDNetworks OpenAPI (GMT+9 days).',
  credentialFields: [
    {
      key: 'accessKeyId',
      label: 'Access key (AK/SK scheme)',
      help: 'Console → Account Management → API Information. Needed when authScheme is aksk.',
      secret: false,
      required: false,
    },
    {
      key: 'secretKey',
      label: 'Secret key (AK/SK scheme)',
      help: 'The secret of the access key pair. Needed when authScheme is aksk.',
      secret: true,
      required: false,
    },
    {
      key: 'userName',
      label: 'User name (API-key scheme)',
      help: 'The console login the API key belongs to. Needed when authScheme is api-key.',
      secret: false,
      required: false,
    },
    {
      key: 'apiKey',
      label: 'API key (API-key scheme)',
      help: 'Needed when authScheme is api-key.',
      secret: true,
      required: false,
    },
  ],
  optionFields: [
    {
      key: 'authScheme',
      label: 'Authentication',
      help: 'aksk: access key + secret key (CNC-HMAC-SHA256, recommended); api-key: user name + API key.',
      input: 'select',
      choices: [
        { value: 'aksk', label: 'Access key / secret key (AK/SK)' },
        { value: 'api-key', label: 'User name / API key' },
      ],
    },
    {
      key: 'domains',
      label: 'Domains',
      help: 'The accelerated domains to watch; each gets a traffic meter (and a storage meter when a contract is set).',
      input: 'multiselect',
      discover: true,
    },
    {
      key: 'contract',
      label: 'Local Storage contract',
      help: 'The contract id the domains belong to, as shown in the console (no API lists contracts). Leave empty if you do not use Local Storage.',
      required: false,
      placeholder: '40012345-001',
    },
    {
      key: 'trafficUnit',
      label: 'Unit of the traffic reports',
      help: 'The report APIs say "MB"; Cloudmeter reads it as 10^6 bytes. Choose MiB if your invoices count 2^20.',
      input: 'select',
      required: false,
      choices: [
        { value: 'MB', label: 'MB = 1,000,000 bytes (default)' },
        { value: 'MiB', label: 'MiB = 1,048,576 bytes' },
      ],
    },
  ],
  // No API states a contract's commitment, so there is no quota to assume: users add their own.
  defaultQuotas: [],
  billingTimeZone: CDNETWORKS_ZONE,
  // 300 requests per 5 minutes per user; a poll costs two requests per domain, and the data
  // is daily, so polling more often than every 15 minutes only burns the shared allowance.
  minPollMinutes: 15,
  defaultPollMinutes: 60,
  // The usage and report APIs answer for the last 2 years; the 24th month back is partial.
  historyMonths: 23,
  maxConcurrency: 4,
  defaultBaseUrl: 'https://api.cdnetworks.com',
  dashboardUrl: 'https://console.cdnetworks.com',
  docsUrl: 'https://documents.cdnetworks.com/document/api-doc/26057',
  translations: {
    ja: {
      summary:
        'CDNetworks OpenAPI から、ドメインごとの Local Storage の使用量と CDN トラフィックを読み取ります(日付は GMT+9)。',
      fields: {
        accessKeyId: {
          label: 'アクセスキー(AK/SK 方式)',
          help: 'コンソール → Account Management → API Information。認証方式が aksk のときに必要です。',
        },
        secretKey: {
          label: 'シークレットキー(AK/SK 方式)',
          help: 'アクセスキーと対になるシークレット。認証方式が aksk のときに必要です。',
        },
        userName: {
          label: 'ユーザー名(API キー方式)',
          help: 'API キーが属するコンソールのログイン名。認証方式が api-key のときに必要です。',
        },
        apiKey: {
          label: 'API キー(API キー方式)',
          help: '認証方式が api-key のときに必要です。',
        },
        authScheme: {
          label: '認証方式',
          help: 'aksk: アクセスキー + シークレットキー(CNC-HMAC-SHA256、推奨)。api-key: ユーザー名 + API キー。',
          choices: {
            aksk: 'アクセスキー / シークレットキー(AK/SK)',
            'api-key': 'ユーザー名 / API キー',
          },
        },
        domains: {
          label: 'ドメイン',
          help: '監視する高速化ドメイン。ドメインごとにトラフィックの項目ができます(契約を指定した場合はストレージの項目も)。',
        },
        contract: {
          label: 'Local Storage の契約',
          help: 'ドメインが属する契約の ID(コンソールに表示されるもの。契約を一覧する API はありません)。Local Storage を使わない場合は空欄にします。',
        },
        trafficUnit: {
          label: 'トラフィックレポートの単位',
          help: 'レポート API は「MB」と返し、Cloudmeter は 10^6 バイトとして読みます。請求書が 2^20 で数えている場合は MiB を選んでください。',
          choices: {
            MB: 'MB = 1,000,000 バイト(既定)',
            MiB: 'MiB = 1,048,576 バイト',
          },
        },
      },
      meters: {
        'storage:*': '{scope} の Local Storage',
        'transfer-total:*': '{scope} の CDN トラフィック',
      },
    },
  },
} satisfies ProviderDescriptorInput;
