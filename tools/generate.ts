// Writes the generated files: schemas/*.json and docs/error-codes.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { errorCodesDocument } from '../src/errors/error-codes-doc.js';
import { schemaFiles, schemaFileText } from '../src/schemas/schema-files.js';

mkdirSync('schemas', { recursive: true });
for (const [name, schema] of Object.entries(schemaFiles)) writeFileSync(`schemas/${name}`, schemaFileText(schema));
mkdirSync('docs', { recursive: true });
writeFileSync('docs/error-codes.md', errorCodesDocument());
console.log(`wrote ${Object.keys(schemaFiles).length} schema files and docs/error-codes.md`);
