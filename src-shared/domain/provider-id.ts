import { z } from 'zod';

/** Every provider the app knows. The adapters and descriptors live in src-main/providers/. */
export const PROVIDER_IDS = [
  'demo',
  'idcf',
  'memset',
  'cdnetworks',
  'surfercloud',
  'seeweb',
] as const;

export const ProviderIdSchema = z.enum(PROVIDER_IDS, {
  error: (issue) =>
    `unknown provider ${JSON.stringify(issue.input)}; known: ${PROVIDER_IDS.join(', ')}`,
});
export type ProviderId = z.infer<typeof ProviderIdSchema>;
