import type { ProviderId } from '../../src-shared/domain/provider-id.ts';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';
import { cdnetworksAdapter } from './cdnetworks/cdnetworks.adapter.ts';
import { demoAdapter } from './demo/demo.adapter.ts';
import { idcfAdapter } from './idcf/idcf.adapter.ts';
import { memsetAdapter } from './memset/memset.adapter.ts';
import { seewebAdapter } from './seeweb/seeweb.adapter.ts';
import { surfercloudAdapter } from './surfercloud/surfercloud.adapter.ts';
import type { ProviderAdapter } from './provider.ts';

/**
 * The manifest: the only list of providers. The core, the CLI and the settings UI loop over
 * it; nothing else switches on a provider id. Adding a provider is one folder and one line.
 */
export const ADAPTERS: readonly ProviderAdapter[] = [
  demoAdapter,
  idcfAdapter,
  memsetAdapter,
  cdnetworksAdapter,
  surfercloudAdapter,
  seewebAdapter,
];

/** A set of adapters looked up by provider id; passed in so tests can add their own. */
export interface ProviderRegistry {
  readonly adapters: readonly ProviderAdapter[];
  readonly adapterFor: (id: ProviderId) => ProviderAdapter | undefined;
  readonly descriptorFor: (id: ProviderId) => ProviderDescriptor | undefined;
}

export function createRegistry(adapters: readonly ProviderAdapter[]): ProviderRegistry {
  const byId = new Map<ProviderId, ProviderAdapter>(adapters.map((a) => [a.descriptor.id, a]));
  return {
    adapters,
    adapterFor: (id) => byId.get(id),
    descriptorFor: (id) => byId.get(id)?.descriptor,
  };
}

export const providerRegistry: ProviderRegistry = createRegistry(ADAPTERS);
