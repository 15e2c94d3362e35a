import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretServiceClient } from '../../src-main/platform/secrets/secret-service.ts';

/**
 * A real Secret Service for tests: a private D-Bus session bus (dbus-daemon with its own
 * config: no service activation, so nothing else starts on it) and gnome-keyring's daemon with
 * an unlocked "login" keyring, all under a temp folder (XDG_DATA_HOME, XDG_RUNTIME_DIR); HOME
 * is left alone. Debian: `apt-get install dbus gnome-keyring` (.ci/run installs them).
 *
 * The test process never loads keytar against it (libsecret keeps one bus connection per
 * process): keychain calls run in child processes given `env`.
 */
export interface SecretServiceHandle {
  /** Variables that point a child process at this bus and keyring. */
  readonly env: Readonly<Record<string, string>>;
  readonly address: string;
  /** Locks every keyring, as the screen locker or `Lock` in Passwords and Keys would. */
  lock(): Promise<void>;
  stop(): Promise<void>;
}

export const SECRET_SERVICE_TOOLS = ['dbus-daemon', 'gnome-keyring-daemon'] as const;

const BUS_CONFIG = (socketDir: string) => `<!DOCTYPE busconfig PUBLIC
 "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${socketDir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

function firstLine(child: ChildProcess, what: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let errors = '';
    const timer = setTimeout(
      () => reject(new Error(`${what}: no address in ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end !== -1) {
        clearTimeout(timer);
        resolve(text.slice(0, end).trim());
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}): ${errors.trim()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function waitForDefaultKeyring(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const client = await SecretServiceClient.connect(address);
      try {
        if ((await client.defaultCollection()) !== null) return;
      } finally {
        client.close();
      }
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `gnome-keyring did not offer a default keyring in ${timeoutMs} ms: ${String(last)}`,
  );
}

/**
 * Starts the bus and (unless `keyring: false`, which leaves the bus without any Secret
 * Service) the keyring daemon. Call `stop()` when done; it removes the temp folder.
 */
export async function startSecretService(
  options: { keyring?: boolean; password?: string } = {},
): Promise<SecretServiceHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'cloudmeter-keyring-'));
  const runtimeDir = join(dir, 'run');
  const dataDir = join(dir, 'data');
  await mkdir(runtimeDir, { mode: 0o700 });
  await mkdir(dataDir);
  await writeFile(join(dir, 'bus.conf'), BUS_CONFIG(runtimeDir));
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const bus = spawn(
      'dbus-daemon',
      [`--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--print-address=1'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(bus);
    const address = await firstLine(bus, 'dbus-daemon', 15_000);
    const env = {
      DBUS_SESSION_BUS_ADDRESS: address,
      XDG_RUNTIME_DIR: runtimeDir,
      XDG_DATA_HOME: dataDir,
    };
    if (options.keyring !== false) {
      const keyring = spawn(
        'gnome-keyring-daemon',
        ['--foreground', '--unlock', '--components=secrets'],
        { env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'ignore'] },
      );
      children.push(keyring);
      keyring.stdin.end(options.password ?? 'test-keyring-password');
      await waitForDefaultKeyring(address, 15_000);
    }
    return {
      env,
      address,
      async lock() {
        const client = await SecretServiceClient.connect(address);
        try {
          const collection = await client.defaultCollection();
          if (collection !== null) await client.lock([collection]);
        } finally {
          client.close();
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
