import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { schemaDocuments, serialize } from '../../scripts/schema-documents.ts';

describe('published JSON Schemas', () => {
  it.each(Object.entries(schemaDocuments()))(
    '%s matches the zod schema (run `npm run schemas`)',
    async (path, document) => {
      const published = await readFile(new URL(`../../${path}`, import.meta.url), 'utf8');
      expect(published).toBe(serialize(document));
    },
  );
});
