import type { ProviderDescriptorInput } from '../../../src-shared/domain/provider-descriptor.ts';

/** The meter id of the account total, which the default quota watches. */
export const TOTAL_METER_ID = 'transfer-out:total';

/**
 * The days and months SurferCloud bills in. Not documented: UCloud is a Chinese platform, so
 * UTC+8 is INFERRED. Samples keep the instants the API sends (its StartTime epochs), so only
 * the month boundary depends on this; a quota's `period.timeZone` can override it.
 */
export const SURFERCLOUD_TIME_ZONE = 'Asia/Shanghai';

export const surfercloudDescriptor = {
  id: 'surfercloud',
  displayName: 'SurferCloud',
  summary:
    'Daily billed outbound traffic of traffic-billed Elastic IPs (EIPs), per EIP and in total.',
  credentialFields: [
    {
      key: 'publicKey',
      label: 'Public key',
      help: 'The API public key from the SurferCloud console (API keys). Not a secret.',
      secret: false,
    },
    {
      key: 'privateKey',
      label: 'Private key',
      help: 'The matching API private key; kept in the OS keychain only.',
      secret: true,
    },
  ],
  optionFields: [
    {
      key: 'regions',
      label: 'Regions',
      help: 'Regions whose EIPs are read (one DescribeEIP listing per region).',
      input: 'multiselect',
      discover: true,
    },
    {
      key: 'projectId',
      label: 'Project ID',
      help: 'Leave empty for the default project; a sub-account key must name its project.',
      required: false,
      pattern: 'org-[A-Za-z0-9_-]+',
      placeholder: 'org-xxxxxx',
    },
    {
      key: 'eips',
      label: 'EIPs',
      help: 'Only these EIPs; leave empty for every traffic-billed EIP in the chosen regions.',
      input: 'multiselect',
      required: false,
      discover: true,
    },
    {
      key: 'gbUnit',
      label: 'Size of the GB SurferCloud bills',
      help: 'Not documented; decimal is assumed.',
      input: 'select',
      required: false,
      choices: [
        { value: 'GB', label: 'GB = 10^9 bytes (assumed)' },
        { value: 'GiB', label: 'GB = 2^30 bytes' },
      ],
    },
  ],
  defaultQuotas: [
    {
      id: 'transfer-out-total',
      label: 'Monthly outbound transfer, all traffic-billed EIPs (a watch limit: set your own)',
      match: { meterIds: [TOTAL_METER_ID] },
      limit: { amount: 1000, unit: 'GB' },
    },
  ],
  billingTimeZone: SURFERCLOUD_TIME_ZONE,
  // The figures are daily; polling more often than every quarter hour shows nothing new.
  minPollMinutes: 15,
  defaultPollMinutes: 60,
  historyMonths: 12,
  maxConcurrency: 16,
  defaultBaseUrl: 'https://api.surfercloud.com',
  dashboardUrl: 'https://console.surfercloud.com/',
  docsUrl: 'https://www.surfercloud.com/docs/api/unet-api/get_throughput_daily_billing_info',
  translations: {
    ja: {
      summary:
        '従量課金の Elastic IP(EIP)について、日ごとに課金された送信トラフィックを EIP ごとと合計で読み取ります。',
      fields: {
        publicKey: {
          label: '公開鍵',
          help: 'SurferCloud コンソール(API keys)の API 公開鍵。シークレットではありません。',
        },
        privateKey: {
          label: '秘密鍵',
          help: '公開鍵と対になる API 秘密鍵。OS のキーチェーンにだけ保存します。',
        },
        regions: {
          label: 'リージョン',
          help: 'EIP を読み取るリージョン(リージョンごとに DescribeEIP で一覧します)。',
        },
        projectId: {
          label: 'プロジェクト ID',
          help: '既定のプロジェクトなら空欄にします。サブアカウントのキーではプロジェクトの指定が必要です。',
        },
        eips: {
          label: 'EIP',
          help: 'これらの EIP だけを読み取ります。空欄なら、選んだリージョンの従量課金の EIP をすべて読み取ります。',
        },
        gbUnit: {
          label: 'SurferCloud が請求する GB の大きさ',
          help: '明記されていないため、10 進を前提にしています。',
          choices: { GB: 'GB = 10^9 バイト(前提)', GiB: 'GB = 2^30 バイト' },
        },
      },
      meters: { [TOTAL_METER_ID]: '従量課金のすべての EIP の送信トラフィック' },
    },
  },
} satisfies ProviderDescriptorInput;
