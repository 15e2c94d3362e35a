import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../fakes/memory-secret-store.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { idcfSetup, NOW, serviceHarness } from './service-harness.ts';

describe('polling many accounts of one provider', () => {
  it('polls at most 16 of them at once, and all of them in the end', async () => {
    const clock = new FakeClock(NOW);
    // Each answer is held back a while, so that the polls overlap and the fake can count them.
    const { fake, account } = await idcfSetup(clock, { holdMs: 300 });
    const ids = Array.from({ length: 20 }, (_, i) => `idcf-${i}`);
    const keys = Object.fromEntries(fake.secretFields.map((f) => [f, fake.credentials[f]!]));
    const h = await serviceHarness({
      clock,
      secrets: new MemorySecretStore(Object.fromEntries(ids.map((id) => [id, keys]))),
      backfill: false,
      config: { version: 1, accounts: ids.map((id) => ({ ...account, id, label: id })) },
    });
    await h.service.refresh();
    expect(fake.peakConcurrency).toBe(16);
    expect(ids.map((id) => h.store.polls(id, 1)[0]?.outcome)).toEqual(ids.map(() => 'ok'));
  });
});
