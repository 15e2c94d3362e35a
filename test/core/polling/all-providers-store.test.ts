import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentFetchRange } from '../../../src-main/core/accounts.ts';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { fetchContext } from '../../../src-main/core/read-account.ts';
import { providerRegistry } from '../../../src-main/providers/index.ts';
import { AccountSchema } from '../../../src-shared/domain/account.ts';
import { PROVIDER_FAKES } from '../../fakes/index.ts';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { testHttpClient } from '../../support/http.ts';
import { NOW, serviceHarness } from './service-harness.ts';

function sampleRows(dataDir: string): number {
  const db = new Database(join(dataDir, 'history.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe.each(Object.entries(PROVIDER_FAKES))('history of %s', (provider, startFake) => {
  it('stores exactly what the adapter reported, and a re-poll adds no rows', async () => {
    const clock = new FakeClock(NOW);
    const fake = await startFake({ now: () => clock.now() });
    try {
      const account = AccountSchema.parse(fake.account(provider));
      const secrets = new MemorySecretStore({
        [account.id]: Object.fromEntries(fake.secretFields.map((f) => [f, fake.credentials[f]!])),
      });
      const h = await serviceHarness({
        clock,
        secrets,
        config: { version: 1, accounts: [account] },
      });
      await h.service.pollAllOnce();
      await Promise.all(h.service['flights'].inFlight()); // let the history backfill finish
      expect(
        h.service.state().accounts[0]!.status,
        JSON.stringify(h.service.state().accounts[0]!.status),
      ).toEqual({ state: 'ok' });

      // What the adapter itself reports for the current period, read independently.
      const adapter = providerRegistry.adapterFor(account.provider)!;
      const range = currentFetchRange(account, adapter.descriptor, clock.now());
      const ctx = fetchContext(
        { http: testHttpClient(), clock, secrets, log: silentLogger },
        adapter,
        account,
        { ...fake.credentials },
        new AbortController().signal,
      );
      const reported = await adapter.fetchUsage(ctx, range);
      const stored = h.store.samples({
        accountId: account.id,
        from: range.start,
        to: range.end + 1,
      });
      // Every sample of the current period, as stored, equals what the adapter reported. (A
      // closed month's final reading sits exactly at the period's start: it belongs to the
      // backfill, not to this period.)
      const key = (sample: { meterId: string; at: number }) => `${sample.meterId} @ ${sample.at}`;
      const reportedSamples = new Map(
        reported.samples.map((sample) => [key(sample), sample.value]),
      );
      const storedSamples = new Map(
        stored
          .filter(
            (sample) =>
              sample.at <= range.end &&
              (sample.at > range.start || reportedSamples.has(key(sample))),
          )
          .map((sample) => [key(sample), sample.value]),
      );
      expect(reportedSamples.size).toBeGreaterThan(0);
      expect(storedSamples).toEqual(reportedSamples);

      const rows = sampleRows(h.dataDir);
      await h.service.pollAllOnce();
      expect(sampleRows(h.dataDir)).toBe(rows);
      expect(h.store.polls(account.id, 10)).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
