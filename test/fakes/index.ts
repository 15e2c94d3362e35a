import { startCdnetworksFake } from './cdnetworks/cdnetworks-fake.ts';
import { startIdcfFake } from './idcf/idcf.fake.ts';
import { startMemsetFake } from './memset/memset.fake.ts';
import type { StartProviderFake } from './provider-fake.ts';
import { startSeewebFake } from './seeweb/seeweb.fake.ts';
import { startSurfercloudFake } from './surfercloud/surfercloud.fake.ts';

/**
 * Every fake provider server, by provider id. Tests that must cover all providers loop over
 * this list; each provider's fake adds its line here when it lands.
 */
export const PROVIDER_FAKES: Readonly<Record<string, StartProviderFake>> = {
  idcf: startIdcfFake,
  memset: startMemsetFake,
  cdnetworks: startCdnetworksFake,
  surfercloud: startSurfercloudFake,
  seeweb: startSeewebFake,
};
