import { SecretStoreError } from '../../core/secrets.ts';
import { sessionBusAddress } from './dbus/dbus-connection.ts';
import { secretServiceProblem, unlockDismissed } from './keychain-problems.ts';
import { probeSecretService, SecretServiceClient } from './secret-service.ts';

/** keytar files every entry under this schema, with `service` and `account` attributes. */
const KEYTAR_SCHEMA = 'org.freedesktop.Secret.Generic';
/** A successful probe is trusted this long, so that reading five fields probes once. */
const READY_FOR_MS = 2_000;

export interface GuardOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** On a locked keyring: show the Secret Service's own unlock prompt, or fail at once. */
  readonly unlock: 'prompt' | 'never';
  readonly promptTimeoutMs: number;
}

function parentCollection(item: string): string {
  return item.slice(0, item.lastIndexOf('/'));
}

/**
 * Linux only. keytar (libsecret) has three silent or fatal failure modes on a locked keyring:
 * `getPassword` resolves null as if nothing were stored, `deletePassword` resolves false, and
 * `findCredentials` crashes the whole process (a NULL secret is dereferenced). So every keytar
 * call is preceded by a look at the Secret Service over D-Bus, which reads lock states and
 * attributes but never a secret, and listing never goes through keytar at all.
 */
export class SecretServiceGuard {
  private readonly options: GuardOptions;
  private readyUntil = 0;
  private inflight: Promise<void> | null = null;

  constructor(options: GuardOptions) {
    this.options = options;
  }

  /** Resolves when the default keyring exists and is unlocked; else a clear SecretStoreError. */
  ensureReady(): Promise<void> {
    if (Date.now() < this.readyUntil) return Promise.resolve();
    this.inflight ??= this.check().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** The `account` attribute of each of this app's entries. Loads no secret. */
  async listAccounts(service: string): Promise<string[]> {
    await this.ensureReady();
    return this.withClient(async (client) => {
      const found = await client.searchItems({ service, 'xdg:schema': KEYTAR_SCHEMA });
      if (found.locked[0] !== undefined)
        throw secretServiceProblem({
          state: 'locked',
          collection: parentCollection(found.locked[0]),
        });
      const attributes = await Promise.all(
        found.unlocked.map((item) => client.itemAttributes(item)),
      );
      return attributes.flatMap((a) => (a.service === service && a.account ? [a.account] : []));
    });
  }

  /** Throws the "locked" error if this entry exists in a locked keyring. */
  async assertNotLocked(service: string, account: string): Promise<void> {
    await this.withClient(async (client) => {
      const found = await client.searchItems({ service, account, 'xdg:schema': KEYTAR_SCHEMA });
      if (found.locked[0] !== undefined)
        throw secretServiceProblem({
          state: 'locked',
          collection: parentCollection(found.locked[0]),
        });
    });
  }

  private async withClient<T>(use: (client: SecretServiceClient) => Promise<T>): Promise<T> {
    const address = sessionBusAddress(this.options.env);
    if (address === null)
      throw secretServiceProblem({
        state: 'no-bus',
        detail: 'DBUS_SESSION_BUS_ADDRESS is not set',
      });
    let client: SecretServiceClient;
    try {
      client = await SecretServiceClient.connect(address);
    } catch (error) {
      throw secretServiceProblem({
        state: 'no-bus',
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    try {
      return await use(client);
    } catch (error) {
      if (error instanceof SecretStoreError) throw error;
      throw new SecretStoreError(
        'failed',
        `The OS keychain (Secret Service) reported an error: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    } finally {
      client.close();
    }
  }

  private async check(): Promise<void> {
    const { state, client } = await probeSecretService(this.options.env);
    try {
      if (state.state === 'locked' && client && this.options.unlock === 'prompt') {
        const outcome = await client.unlock([state.collection], this.options.promptTimeoutMs);
        if (outcome === 'unlocked' && !(await client.isLocked(state.collection))) {
          this.readyUntil = Date.now() + READY_FOR_MS;
          return;
        }
        throw unlockDismissed(state.collection);
      }
      if (state.state !== 'ready') throw secretServiceProblem(state);
      this.readyUntil = Date.now() + READY_FOR_MS;
    } finally {
      client?.close();
    }
  }
}
