import { sessionBusAddress } from './dbus/dbus-connection.ts';
import {
  secretServiceFailure,
  secretServiceProblem,
  unlockDismissed,
} from './keychain-problems.ts';
import { probeSecretService, SecretServiceClient } from './secret-service.ts';

/** keytar files every entry under this schema, with `service` and `account` attributes. */
const KEYTAR_SCHEMA = 'org.freedesktop.Secret.Generic';
/** A successful probe is trusted this long, so that reading five fields probes once. */
const READY_FOR_MS = 2_000;
/**
 * After the user dismissed the unlock prompt, background reads (every poll of every account)
 * do not show it again for this long: they fail with the "locked" error instead.
 */
export const PROMPT_AGAIN_AFTER_MS = 10 * 60_000;

export interface GuardOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** On a locked keyring: show the Secret Service's own unlock prompt, or fail at once. */
  readonly unlock: 'prompt' | 'never';
  readonly promptTimeoutMs: number;
  /** The clock (ms since the epoch); Date.now unless a test passes its own. */
  readonly now?: () => number;
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
  private readonly now: () => number;
  private readyUntil = 0;
  /** Until when a locked keyring is reported without prompting (the user dismissed it). */
  private quietUntil = 0;
  private inflight: Promise<void> | null = null;

  constructor(options: GuardOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** Resolves when the default keyring exists and is unlocked; else a clear SecretStoreError. */
  ensureReady(): Promise<void> {
    if (this.now() < this.readyUntil) return Promise.resolve();
    this.inflight ??= this.check().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /**
   * The user asked for something (stored or deleted a secret): a locked keyring may show its
   * unlock prompt again at once, even if it was dismissed a moment ago.
   */
  promptAgain(): void {
    this.quietUntil = 0;
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
      throw secretServiceFailure(error);
    } finally {
      client.close();
    }
  }

  private async check(): Promise<void> {
    try {
      await this.probeAndUnlock();
    } catch (error) {
      throw secretServiceFailure(error);
    }
  }

  private async probeAndUnlock(): Promise<void> {
    const { state, client } = await probeSecretService(this.options.env);
    try {
      const mayPrompt = this.options.unlock === 'prompt' && this.now() >= this.quietUntil;
      if (state.state === 'locked' && client && mayPrompt) {
        const outcome = await client.unlock([state.collection], this.options.promptTimeoutMs);
        if (outcome === 'unlocked' && !(await client.isLocked(state.collection))) {
          this.readyUntil = this.now() + READY_FOR_MS;
          return;
        }
        this.quietUntil = this.now() + PROMPT_AGAIN_AFTER_MS;
        throw unlockDismissed(state.collection);
      }
      if (state.state !== 'ready') throw secretServiceProblem(state);
      this.readyUntil = this.now() + READY_FOR_MS;
    } finally {
      client?.close();
    }
  }
}
