// Regenerates the JSON Schemas in docs/ from the zod schemas: `npm run schemas`.
import { writeFileSync } from 'node:fs';
import { schemaDocuments, serialize } from './schema-documents.ts';

for (const [path, document] of Object.entries(schemaDocuments())) {
  writeFileSync(new URL(`../${path}`, import.meta.url), serialize(document));
  console.log(`wrote ${path}`);
}
