import { SecretStoreError } from '../../core/secrets.ts';
import { collectionName, type SecretServiceState } from './secret-service.ts';

/**
 * What the user reads when the keychain cannot be used: what is wrong, and what to install or
 * unlock. Never "stored elsewhere instead": there is no fallback to a file.
 */

const HEADLESS =
  'on a server without a keychain, `cloudmeter check --secrets-from-env` reads credentials from environment variables instead (docs/keychain.md)';

export function secretServiceProblem(
  state: Exclude<SecretServiceState, { state: 'ready' }>,
): SecretStoreError {
  switch (state.state) {
    case 'no-bus':
      return new SecretStoreError(
        'unavailable',
        `The OS keychain is not reachable: there is no D-Bus session bus (${state.detail}). Cloudmeter keeps credentials only in the keychain (the Secret Service on Linux). Run it in a desktop session, or start a session bus and a keyring daemon (for example \`dbus-run-session -- bash\`, then \`gnome-keyring-daemon --unlock\`); ${HEADLESS}.`,
      );
    case 'no-service':
      return new SecretStoreError(
        'unavailable',
        `The OS keychain is not available: no Secret Service is running (${state.detail}). Install one and log in again (Debian/Ubuntu: \`sudo apt-get install gnome-keyring\`; KeePassXC's Secret Service integration works too); ${HEADLESS}.`,
      );
    case 'no-default-collection':
      return new SecretStoreError(
        'unavailable',
        'The OS keychain has no default keyring. Create one (GNOME: open "Passwords and Keys" and add a keyring named "login", or log in again so that gnome-keyring creates it) and try again.',
      );
    case 'locked': {
      const name = collectionName(state.collection);
      return new SecretStoreError(
        'locked',
        `The OS keychain is locked (keyring "${name}"). Unlock it (log in again, or open "Passwords and Keys" and unlock "${name}") and try again.`,
      );
    }
  }
}

/**
 * A D-Bus call to the Secret Service that failed or timed out (Unlock, a lock state, a search)
 * as the keychain problem it is, for the caller to show like any other: never a raw D-Bus
 * error that callers do not expect (a poll would crash instead of showing a status).
 */
export function secretServiceFailure(error: unknown): SecretStoreError {
  if (error instanceof SecretStoreError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new SecretStoreError(
    'failed',
    `The OS keychain (Secret Service) reported an error: ${detail}. Try again; if it keeps failing, log out and in again to restart the keyring.`,
    { cause: error },
  );
}

export function unlockDismissed(collection: string): SecretStoreError {
  const name = collectionName(collection);
  return new SecretStoreError(
    'denied',
    `Unlocking the OS keychain (keyring "${name}") was cancelled or could not be asked for. Cloudmeter reads and stores credentials only there: unlock "${name}" and try again.`,
  );
}

export function keytarMissing(error: unknown): SecretStoreError {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new SecretStoreError(
    'unavailable',
    `The OS keychain module (keytar) could not be loaded: ${detail}. It is a native module: on Debian/Ubuntu install its build dependency (\`sudo apt-get install libsecret-1-dev\`), then run \`npm rebuild keytar\`.`,
    { cause: error },
  );
}

/** Turns what keytar rejected with into the same clear errors, by platform and message. */
export function keytarProblem(error: unknown, platform: NodeJS.Platform): SecretStoreError {
  const message = error instanceof Error ? error.message : String(error);
  const options = { cause: error };
  if (/locked collection|is locked/i.test(message))
    return new SecretStoreError(
      'locked',
      `The OS keychain is locked (${message}). Unlock it and try again.`,
      options,
    );
  if (/cancel|denied|not allowed|interaction is not allowed|user name or passphrase/i.test(message))
    return new SecretStoreError(
      'denied',
      `Access to the OS keychain was cancelled or denied (${message}). Allow Cloudmeter to use the keychain and try again.`,
      options,
    );
  if (
    platform === 'linux' &&
    /autolaunch D-Bus|org\.freedesktop\.secrets|Object does not exist|session bus/i.test(message)
  )
    return new SecretStoreError(
      'unavailable',
      `The OS keychain is not available (${message}). Install and start a Secret Service (Debian/Ubuntu: \`sudo apt-get install gnome-keyring\`); ${HEADLESS}.`,
      options,
    );
  return new SecretStoreError('failed', `The OS keychain reported an error: ${message}`, options);
}
