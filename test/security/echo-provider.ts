import { z } from 'zod';
import { requestJson } from '../../src-main/providers/http-json.ts';
import { credential, type ProviderAdapter } from '../../src-main/providers/provider.ts';
import { demoAdapter } from '../../src-main/providers/demo/demo.adapter.ts';
import { ProviderDescriptorSchema } from '../../src-shared/domain/provider-descriptor.ts';
import { FakeServer } from '../fakes/fake-server.ts';
import type { ProviderFake, ProviderFakeOptions } from '../fakes/provider-fake.ts';

/**
 * The worst provider imaginable, for the secret-hygiene tests: it authenticates with a Basic
 * header (user name + API key, as Memset and CDNetworks do) plus a secret header, and it echoes
 * every credential it received (the key, the secret, the whole Authorization header) in its
 * error messages and even in a successful answer. Whatever Cloudmeter shows, logs or stores
 * after talking to it must still hold none of them.
 *
 * It borrows the id "demo" because provider ids are a closed list; it is only ever used in its
 * own registry.
 */

export const ECHO_GOOD = {
  userName: 'echo-user',
  apiKey: 'EK-7d1f0c9a2b4e6f8091a3c5e7',
  apiSecret: 'ES/q+Zr8wP2vXn5Lk1Jm9Hd3=',
} as const;

const WhoAmI = z.object({ user: z.string() });
const Usage = z.object({ account: z.string(), transferBytes: z.number() });

function basic(user: string, key: string): string {
  return `Basic ${Buffer.from(`${user}:${key}`, 'utf8').toString('base64')}`;
}

const headers = (c: Readonly<Record<string, string>>) => ({
  authorization: basic(c.userName ?? '', c.apiKey ?? ''),
  'x-api-secret': c.apiSecret ?? '',
});

export const echoAdapter: ProviderAdapter = {
  descriptor: ProviderDescriptorSchema.parse({
    ...demoAdapter.descriptor,
    displayName: 'Echo (test provider)',
    summary: 'A provider that repeats every credential it is sent.',
    demo: false,
    defaultBaseUrl: 'https://echo.invalid',
    credentialFields: [
      { key: 'userName', label: 'User name', secret: false },
      { key: 'apiKey', label: 'API key', secret: true },
      { key: 'apiSecret', label: 'API secret', secret: true },
    ],
    optionFields: [],
  }),
  async checkCredentials(ctx) {
    const body = await requestJson(ctx, {
      request: {
        method: 'GET',
        url: `${ctx.baseUrl}/v1/whoami?key=${encodeURIComponent(credential(ctx, 'apiKey'))}`,
        headers: headers(ctx.credentials),
      },
      schema: WhoAmI,
      what: 'Echo whoami',
      errorMessage: (b) => (b as { message?: string } | null)?.message ?? null,
    });
    ctx.log.info('echo whoami answered', { user: body.user, sent: headers(ctx.credentials) });
    return { identity: body.user };
  },
  discover: () => Promise.resolve({}),
  async fetchUsage(ctx, range) {
    const body = await requestJson(ctx, {
      request: { method: 'GET', url: `${ctx.baseUrl}/v1/usage`, headers: headers(ctx.credentials) },
      schema: Usage,
      what: `Echo usage (key ${ctx.credentials.apiKey})`,
      errorMessage: (b) => (b as { message?: string } | null)?.message ?? null,
    });
    ctx.log.warn(`usage for ${ctx.credentials.apiKey}`, { credentials: ctx.credentials });
    return {
      meters: [
        {
          id: 'transfer',
          label: `Transfer of ${body.account}`,
          kind: 'transfer-total',
          unit: 'bytes',
          scope: { level: 'account', id: body.account },
          series: 'cumulative',
          resolution: 'month',
          timeZone: 'UTC',
        },
      ],
      samples: [{ meterId: 'transfer', at: range.start, value: body.transferBytes }],
      dataAsOf: ctx.clock.now(),
    };
  },
};

/** The fake server behind echoAdapter, shaped like every provider fake (ProviderFake). */
export async function startEchoFake(_options?: ProviderFakeOptions): Promise<ProviderFake> {
  const server = await FakeServer.start((request) => {
    const auth = request.headers.authorization ?? '';
    const secret = request.headers['x-api-secret'] ?? '';
    const decoded = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8');
    const key = decoded.slice(decoded.indexOf(':') + 1);
    const good =
      auth === basic(ECHO_GOOD.userName, ECHO_GOOD.apiKey) && secret === ECHO_GOOD.apiSecret;
    if (!good)
      return {
        status: 401,
        json: { message: `invalid credentials: key ${key}, secret ${secret}, header "${auth}"` },
      };
    if (request.path === '/v1/whoami') return { json: { user: `${ECHO_GOOD.userName} (${key})` } };
    return { json: { account: `acct-${key}`, transferBytes: 123_456_789 } };
  });
  return {
    provider: 'demo',
    server,
    credentials: { ...ECHO_GOOD },
    secretFields: ['apiKey', 'apiSecret'],
    account: (id = 'echo') => ({
      id,
      provider: 'demo',
      label: 'Echo account',
      options: { userName: ECHO_GOOD.userName },
      baseUrl: server.baseUrl,
    }),
    close: () => server.close(),
  };
}
