import {
  DBusConnection,
  DBusError,
  sessionBusAddress,
  type DBusSignal,
} from './dbus/dbus-connection.ts';
import type { DBusValue } from './dbus/dbus-wire.ts';

/**
 * The freedesktop Secret Service (gnome-keyring, KeePassXC, KWallet 6...) over D-Bus: only what
 * is needed to know, without touching a secret, whether keytar's calls are safe to make, and
 * which of this app's entries exist. https://specifications.freedesktop.org/secret-service/
 */

const BUS_NAME = 'org.freedesktop.secrets';
const SERVICE_PATH = '/org/freedesktop/secrets';
const SERVICE = 'org.freedesktop.Secret.Service';
const COLLECTION = 'org.freedesktop.Secret.Collection';
const ITEM = 'org.freedesktop.Secret.Item';
const PROMPT = 'org.freedesktop.Secret.Prompt';
const PROPERTIES = 'org.freedesktop.DBus.Properties';
const NO_OBJECT = '/';

/** Why the Secret Service cannot be used (each has its own advice, see keychain-problems.ts). */
export type SecretServiceState =
  | { readonly state: 'ready'; readonly collection: string }
  | { readonly state: 'no-bus'; readonly detail: string }
  | { readonly state: 'no-service'; readonly detail: string }
  | { readonly state: 'no-default-collection' }
  | { readonly state: 'locked'; readonly collection: string };

export type UnlockOutcome = 'unlocked' | 'dismissed';

function variantValue(value: DBusValue | undefined): DBusValue | undefined {
  return value !== null && typeof value === 'object' && 'signature' in value ? value.value : value;
}

/** The last path segment, which is the keyring's name ("login"), for messages. */
export function collectionName(path: string): string {
  const segment = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment.replace(/_/g, '%'));
  } catch {
    return segment;
  }
}

export class SecretServiceClient {
  private readonly bus: DBusConnection;

  private constructor(bus: DBusConnection) {
    this.bus = bus;
  }

  static async connect(address: string): Promise<SecretServiceClient> {
    return new SecretServiceClient(await DBusConnection.open(address));
  }

  close(): void {
    this.bus.close();
  }

  /** The collection behind the "default" alias (where new entries go), or null. */
  async defaultCollection(): Promise<string | null> {
    const [path] = await this.service('ReadAlias', 's', ['default']);
    return typeof path === 'string' && path !== NO_OBJECT ? path : null;
  }

  async isLocked(collection: string): Promise<boolean> {
    return (await this.property(collection, COLLECTION, 'Locked')) === true;
  }

  /** Items whose attributes include all of `attributes`, split by lock state. */
  async searchItems(
    attributes: Readonly<Record<string, string>>,
  ): Promise<{ unlocked: string[]; locked: string[] }> {
    const [unlocked, locked] = await this.service('SearchItems', 'a{ss}', [
      new Map(Object.entries(attributes)),
    ]);
    return { unlocked: unlocked as string[], locked: locked as string[] };
  }

  /** An item's attributes (never its secret). */
  async itemAttributes(item: string): Promise<Record<string, string>> {
    const value = await this.property(item, ITEM, 'Attributes');
    return value instanceof Map ? Object.fromEntries(value as Map<string, string>) : {};
  }

  /**
   * Asks the service to unlock the collections; when it needs the user's password it shows its
   * own prompt, and this resolves when the user answers (or the prompt cannot be shown).
   */
  async unlock(objects: readonly string[], promptTimeoutMs: number): Promise<UnlockOutcome> {
    const [, prompt] = await this.service('Unlock', 'ao', [objects]);
    if (prompt === NO_OBJECT || typeof prompt !== 'string') return 'unlocked';
    return this.runPrompt(prompt, promptTimeoutMs);
  }

  /** Locks the collections (tests use it to reproduce a locked keyring). */
  async lock(objects: readonly string[]): Promise<void> {
    await this.service('Lock', 'ao', [objects]);
  }

  private async runPrompt(prompt: string, timeoutMs: number): Promise<UnlockOutcome> {
    await this.bus.call({
      destination: 'org.freedesktop.DBus',
      path: '/org/freedesktop/DBus',
      interface: 'org.freedesktop.DBus',
      member: 'AddMatch',
      signature: 's',
      body: [`type='signal',interface='${PROMPT}',member='Completed',path='${prompt}'`],
    });
    let stop = () => {};
    const completed = new Promise<UnlockOutcome>((resolve) => {
      stop = this.bus.onSignal((signal: DBusSignal) => {
        if (signal.path === prompt && signal.member === 'Completed')
          resolve(signal.body[0] === true ? 'dismissed' : 'unlocked');
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<UnlockOutcome>((resolve) => {
      timer = setTimeout(() => resolve('dismissed'), timeoutMs);
    });
    try {
      await this.bus.call({
        destination: BUS_NAME,
        path: prompt,
        interface: PROMPT,
        member: 'Prompt',
        signature: 's',
        body: [''],
      });
      return await Promise.race([completed, expired]);
    } finally {
      stop();
      clearTimeout(timer);
    }
  }

  private service(member: string, signature: string, body: DBusValue[]): Promise<DBusValue[]> {
    return this.bus.call({
      destination: BUS_NAME,
      path: SERVICE_PATH,
      interface: SERVICE,
      member,
      signature,
      body,
    });
  }

  private async property(
    path: string,
    iface: string,
    name: string,
  ): Promise<DBusValue | undefined> {
    const [value] = await this.bus.call({
      destination: BUS_NAME,
      path,
      interface: PROPERTIES,
      member: 'Get',
      signature: 'ss',
      body: [iface, name],
    });
    return variantValue(value);
  }
}

/** No service on the bus (and none that the bus could start). */
function isMissingService(error: unknown): boolean {
  return (
    error instanceof DBusError &&
    (error.errorName === 'org.freedesktop.DBus.Error.ServiceUnknown' ||
      error.errorName === 'org.freedesktop.DBus.Error.NameHasNoOwner' ||
      error.errorName.startsWith('org.freedesktop.DBus.Error.Spawn.'))
  );
}

/**
 * Connects to the session bus and tells the Secret Service's state: whether there is a bus, a
 * service, a default keyring, and whether it is unlocked. Never throws for those; a client is
 * returned only when the state is 'ready' or 'locked' (the caller closes it).
 */
export async function probeSecretService(
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ state: SecretServiceState; client: SecretServiceClient | null }> {
  const address = sessionBusAddress(env);
  if (address === null)
    return {
      state: { state: 'no-bus', detail: 'DBUS_SESSION_BUS_ADDRESS is not set' },
      client: null,
    };
  let client: SecretServiceClient;
  try {
    client = await SecretServiceClient.connect(address);
  } catch (error) {
    return {
      state: { state: 'no-bus', detail: error instanceof Error ? error.message : String(error) },
      client: null,
    };
  }
  try {
    const collection = await client.defaultCollection();
    if (collection === null) {
      client.close();
      return { state: { state: 'no-default-collection' }, client: null };
    }
    const state: SecretServiceState = (await client.isLocked(collection))
      ? { state: 'locked', collection }
      : { state: 'ready', collection };
    return { state, client };
  } catch (error) {
    client.close();
    if (!(error instanceof DBusError)) throw error;
    const detail = isMissingService(error)
      ? `${BUS_NAME} is not provided on the session bus`
      : error.message;
    return { state: { state: 'no-service', detail }, client: null };
  }
}
