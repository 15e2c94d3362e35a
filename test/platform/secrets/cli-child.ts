/**
 * The cloudmeter CLI in a process of its own, on the real OS keychain (keytar) and real
 * standard input, with the Echo test provider as its only provider: what a user's shell runs,
 * except for the provider list. Arguments are the CLI's; the exit code is the CLI's.
 */
import { homedir } from 'node:os';
import { Agent } from 'undici';
import { runCli } from '../../../src-main/cli/main.ts';
import { createHttpClient } from '../../../src-main/platform/http/undici-http-client.ts';
import { createKeytarSecretStore } from '../../../src-main/platform/secrets/keytar-secret-store.ts';
import { processSecretInput } from '../../../src-main/platform/secrets/terminal-input.ts';
import { systemClock } from '../../../src-main/platform/system-clock.ts';
import { createRegistry } from '../../../src-main/providers/index.ts';
import { echoAdapter } from '../../security/echo-provider.ts';

const http = createHttpClient({ dispatcher: new Agent({ connect: { timeout: 2_000 } }) });
try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    platform: process.platform,
    homedir: homedir(),
    clock: systemClock,
    http,
    secrets: createKeytarSecretStore({ unlock: 'never' }),
    providers: createRegistry([echoAdapter]),
    input: processSecretInput(),
  });
} finally {
  await http.close();
}
