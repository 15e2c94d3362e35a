import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const KEYCHAIN_CHILD = fileURLToPath(new URL('./keychain-child.ts', import.meta.url));
export const CLI_CHILD = fileURLToPath(new URL('./cli-child.ts', import.meta.url));

/**
 * True (and says why, once per file) where the tests on a real Secret Service cannot run: they
 * need Linux's dbus-daemon and gnome-keyring-daemon (and util-linux `script` for the terminal),
 * which macOS and Windows, where the workflow also runs `npm test`, do not have. For
 * `describe.skipIf(...)`.
 */
export function offLinux(what: string): boolean {
  if (process.platform === 'linux') return false;
  console.warn(
    `${what} skipped: it needs Linux (dbus-daemon, gnome-keyring-daemon, util-linux script); this is ${process.platform}`,
  );
  return true;
}

/** Tests that start several Node processes get this long: a loaded CI machine is slow to spawn. */
export const CHILD_TIMEOUT_MS = 60_000;

export interface ChildRun {
  readonly code: number | null;
  /** Set when the child died from a signal (SIGSEGV: a native crash). */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a `.ts` script on the test's own Node (24, which strips types) with `env` added to a
 * minimal environment (no DISPLAY: nothing may autolaunch a bus), feeding `input` on stdin.
 */
export function runChild(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  input = '',
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(input);
  });
}

export interface OpResult {
  readonly value?: unknown;
  readonly error?: { name: string; problem: string | null; message: string };
}

/** Keychain operations in a child process; fails the test if the child crashed. */
export async function keychainOps(
  env: Readonly<Record<string, string>>,
  ops: readonly (readonly string[])[],
): Promise<OpResult[]> {
  const run = await runChild(KEYCHAIN_CHILD, [JSON.stringify(ops)], env);
  if (run.code !== 0)
    throw new Error(`keychain child ended with ${run.signal ?? run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as OpResult[];
}
