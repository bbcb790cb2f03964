import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodesDocument } from '../src/errors/error-codes-doc.js';
import { errorCodes } from '../src/errors/codes.js';
import { schemaFiles, schemaFileText } from '../src/schemas/schema-files.js';

describe('generated files are in sync (run `npm run generate` after changing their sources)', () => {
  it('docs/error-codes.md matches the code table, a row per code', () => {
    const page = readFileSync('docs/error-codes.md', 'utf8');
    expect(page).toBe(errorCodesDocument());
    for (const code of Object.keys(errorCodes)) expect(page).toContain(`| \`${code}\` |`);
  });

  for (const [name, schema] of Object.entries(schemaFiles)) {
    it(`schemas/${name} matches its module`, () => {
      expect(readFileSync(`schemas/${name}`, 'utf8')).toBe(schemaFileText(schema));
    });
  }

  it('every policy file names its schema on the first line', () => {
    expect(readFileSync('policies/clicksend-sla/1.0.0.yaml', 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/policy.schema.json');
  });
});
