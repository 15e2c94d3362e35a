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
} satisfies ProviderDescriptorInput;
