import { describe, expect, it, onTestFinished } from 'vitest';
import { validatedCall } from '../../src-main/app/validated-call.ts';
import { silentLogger } from '../../src-main/core/logger.ts';
import type { Account } from '../../src-shared/domain/account.ts';
import type { RequestChannel } from '../../src-shared/ipc/channels.ts';
import { requests, type AccountDraft } from '../../src-shared/ipc/contract.ts';
import { PROVIDER_FAKES } from '../fakes/index.ts';
import { startAppHarness } from '../support/app-harness.ts';
import { faultsEchoing } from './echoing-faults.ts';
import { filesUnder, findLeaks, type Evidence } from './leak-detector.ts';
import { wireCredentials } from './wire-credentials.ts';

/**
 * The app's side of secret hygiene: every provider's fake behind the window's requests (the
 * IPC handlers, each call wrapped the way main answers it, so an error is the reply's
 * `error`), with wrong and right secrets typed into Test connection, discovery and Save,
 * providers that repeat the secrets in their errors, polls, and an export. Every reply, error
 * and file is then searched for the secrets and for the credentials the fake received on
 * the wire (signatures, whole Authorization headers...).
 */

/** CDNetworks refuses a request time it has seen within five minutes. */
const REPLAY_WINDOW_MS = 5 * 60_000 + 1_000;

async function exerciseApp(id: string) {
  const h = await startAppHarness({ fakes: [id], configure: true });
  onTestFinished(() => h.close());
  const fake = h.fakes.get(id)!;
  const evidence: Evidence[] = [];
  const call = async <C extends RequestChannel>(label: string, channel: C, ...args: unknown[]) => {
    h.clock.advance(REPLAY_WINDOW_MS);
    const reply = await validatedCall(
      requests[channel],
      channel,
      args,
      h.handlers[channel],
      silentLogger,
    );
    evidence.push({ where: `${label} (${channel})`, text: JSON.stringify(reply) });
    return reply;
  };
  const good = Object.fromEntries(fake.secretFields.map((k) => [k, fake.credentials[k]!]));
  const wrong = Object.fromEntries(
    fake.secretFields.map((k, i) => [k, `${good[k]!.slice(0, 4)}WRONG${i}x${good[k]!.slice(-4)}`]),
  );
  const saved = h.services.config.current.accounts[0]!;
  const fresh: Account = { ...saved, id: `${id}-new` };
  const draft = (secrets: Record<string, string>, account = saved): AccountDraft => ({
    account,
    secrets,
    isNew: account === fresh,
  });

  // Providers that repeat what they were sent, in every error shape.
  for (const fault of Object.values(good).flatMap(faultsEchoing)) {
    fake.server.inject(fault);
    await call(`echoing ${fault.kind}`, 'accounts:test', draft(good));
    await call(`echoing ${fault.kind}`, 'accounts:discover', draft(wrong));
    await call(`echoing ${fault.kind}`, 'accounts:save', draft(wrong));
    fake.server.clearFaults();
  }
  for (const [name, secrets] of Object.entries({ wrong, right: good })) {
    for (const channel of ['accounts:test', 'accounts:discover', 'accounts:save'] as const) {
      await call(`${name} secrets`, channel, draft(secrets));
      await call(`${name} secrets, new account`, channel, draft(secrets, fresh));
    }
  }
  // What the window reads after polls (once Save's own polls are done, and a day on: past
  // every provider's minimum interval), and an export.
  await Promise.all(h.services.usage['flights'].inFlight());
  h.clock.advance(86_400_000);
  await call('poll', 'usage:refresh', saved.id);
  await call('poll', 'usage:refresh', fresh.id);
  // Polls that fail with the secrets in the provider's answer: the account's status and the
  // log carry the error.
  for (const fault of Object.values(good).flatMap(faultsEchoing)) {
    fake.server.inject(fault);
    h.clock.advance(86_400_000);
    await call(`echoing ${fault.kind}`, 'usage:refresh', saved.id);
    await call(`echoing ${fault.kind}`, 'usage:get');
    fake.server.clearFaults();
  }
  for (const channel of ['usage:get', 'config:get', 'app:info'] as const) await call('', channel);
  await call('', 'usage:periods', saved.id);
  await call('', 'usage:period', { accountId: saved.id, at: h.clock.now() });
  await call('', 'usage:series', { accountId: saved.id, from: 0, to: h.clock.now() });
  await call('', 'secrets:status', saved.id);
  await call('', 'export:save', { format: 'csv' });
  await call('', 'export:save', { format: 'json' });
  evidence.push(...(await filesUnder(h.dir)));

  const secrets: Record<string, string> = {};
  for (const k of fake.secretFields) {
    secrets[`${k} (good)`] = good[k]!;
    secrets[`${k} (wrong)`] = wrong[k]!;
  }
  return { evidence, secrets, wire: wireCredentials(fake.server.requests) };
}

describe('secret hygiene of the window’s requests', () => {
  for (const id of Object.keys(PROVIDER_FAKES)) {
    it(`${id}: no reply, error or file holds a secret or a credential sent on the wire`, async () => {
      const { evidence, secrets, wire } = await exerciseApp(id);
      expect(Object.keys(wire).length, 'credentials seen on the wire').toBeGreaterThan(0);
      expect(evidence.some((e) => e.text.includes('"ok":false'))).toBe(true);
      // The app's log is among the files searched, and it recorded the failed polls.
      expect(evidence.find((e) => e.where.endsWith('cloudmeter.log'))?.text).toMatch(
        /"kind":"(auth|permission|server|invalid-request|bad-response)"/,
      );
      expect(findLeaks({ ...secrets, ...wire }, evidence)).toEqual([]);
    });
  }
});
