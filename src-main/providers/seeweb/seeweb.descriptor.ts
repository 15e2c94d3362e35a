import type { ProviderDescriptorInput } from '../../../src-shared/domain/provider-descriptor.ts';

/** Europe/Rome: Seeweb is Italian and bills calendar months (INFERRED; answers are in UTC). */
export const SEEWEB_BILLING_ZONE = 'Europe/Rome';

/** Seeweb never states its currency; its prices are euro amounts (INFERRED, excl. VAT). */
export const SEEWEB_DEFAULT_CURRENCY = 'EUR';

export const seewebDescriptor = {
  id: 'seeweb',
  displayName: 'Seeweb ECS',
  summary:
    'Month-to-date cost of Seeweb Cloud Servers (ECS) per server, after reserved-plan discounts, plus templates, snapshots and the account total.',
  credentialFields: [
    {
      key: 'apiToken',
      label: 'API token',
      help: 'Created in the Seeweb panel or with POST /ecs/v2/keys; shown only once. Sent as X-APITOKEN.',
      secret: true,
    },
  ],
  optionFields: [
    {
      key: 'servers',
      label: 'Servers',
      help: 'Servers (ec2xxxxx) that get a line of their own; all when empty. The account total always covers every server.',
      input: 'multiselect',
      required: false,
      discover: true,
    },
    {
      key: 'currency',
      label: 'Billing currency',
      help: 'The API does not say; Seeweb prices in euro. Change it only if your invoices are in another currency.',
      required: false,
      pattern: '[A-Z]{3}',
      placeholder: SEEWEB_DEFAULT_CURRENCY,
    },
  ],
  // No default budget: what a user may spend is theirs to set (a quota on `cost-total`).
  defaultQuotas: [],
  billingTimeZone: SEEWEB_BILLING_ZONE,
  // Billing accrues by the hour; rate limits are not documented, so stay gentle.
  minPollMinutes: 15,
  defaultPollMinutes: 60,
  historyMonths: 24,
  maxConcurrency: 4,
  defaultBaseUrl: 'https://api.seeweb.it',
  // The customer panel's address is not in the API docs; the company site links to it.
  dashboardUrl: 'https://www.seeweb.it',
  docsUrl: 'https://docs.seeweb.it/en/hosting/cloudserver/rest-api/API-Endpoints/Billing',
  translations: {
    ja: {
      summary:
        'Seeweb Cloud Server(ECS)の今月の料金を、サーバーごと(リザーブドプランの割引後)と、テンプレート、スナップショット、アカウント合計で読み取ります。',
      fields: {
        apiToken: {
          label: 'API トークン',
          help: 'Seeweb のパネル、または POST /ecs/v2/keys で作成します(表示は一度だけ)。X-APITOKEN として送ります。',
        },
        servers: {
          label: 'サーバー',
          help: '個別の項目にするサーバー(ec2xxxxx)。空欄ならすべて。アカウント合計には常にすべてのサーバーが含まれます。',
        },
        currency: {
          label: '請求通貨',
          help: 'API は明示しませんが、Seeweb の価格はユーロです。請求書が別の通貨の場合にだけ変更してください。',
        },
      },
      // The ids are SEEWEB_METER_IDS (seeweb.map.ts), which imports this file.
      meters: {
        'cost-total': '合計(サーバー、テンプレート、スナップショット)',
        'cost:servers-before-discounts': '割引前のサーバー料金',
        'cost:templates': 'テンプレート',
        'cost:snapshots': 'スナップショット',
        'cost:server:*': '{scope} の料金',
      },
    },
  },
} satisfies ProviderDescriptorInput;
