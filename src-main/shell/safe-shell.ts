import { shell } from 'electron';
import type { ProviderDescriptor } from '../../src-shared/domain/provider-descriptor.ts';

/**
 * The only way the app opens a browser: https URLs that a provider descriptor names (its
 * dashboard or docs). The renderer asks by provider id; it never supplies a URL.
 */
export function allowedExternalUrls(
  descriptors: readonly ProviderDescriptor[],
): ReadonlySet<string> {
  const urls = descriptors
    .flatMap((d) => [d.dashboardUrl, d.docsUrl])
    .filter((u): u is string => u !== undefined);
  return new Set(urls.filter((u) => new URL(u).protocol === 'https:'));
}

export async function openExternalSafely(
  url: string,
  allowed: ReadonlySet<string>,
): Promise<boolean> {
  if (!allowed.has(url) || new URL(url).protocol !== 'https:') return false;
  await shell.openExternal(url);
  return true;
}
