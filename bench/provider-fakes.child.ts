// Child process of the polling benchmark: runs the five fake provider servers with latency,
// so that the benchmark's own process measures only Cloudmeter's CPU time. Prints one JSON line
// with the accounts and credentials, then serves until its standard input closes.
import { PROVIDER_FAKES } from '../test/fakes/index.ts';
import type { ProviderFake } from '../test/fakes/provider-fake.ts';

const [latencyArg, perProviderArg, nowArg] = process.argv.slice(2);
const latencyMs = Number(latencyArg);
const perProvider = Number(perProviderArg);
const now = Date.parse(nowArg!);

const accounts: unknown[] = [];
const secrets: Record<string, Record<string, string>> = {};
const fakes: ProviderFake[] = [];
for (const [provider, start] of Object.entries(PROVIDER_FAKES)) {
  const fake = await start({ now: () => now, latencyMs });
  fake.server.latencyMs = latencyMs;
  fakes.push(fake);
  for (let i = 1; i <= perProvider; i++) {
    const id = `${provider}-${i}`;
    accounts.push(fake.account(id));
    secrets[id] = Object.fromEntries(fake.secretFields.map((f) => [f, fake.credentials[f]!]));
  }
}
process.stdout.write(`${JSON.stringify({ accounts, secrets })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all(fakes.map((f) => f.close())).then(() => process.exit(0));
});
