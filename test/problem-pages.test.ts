import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claimReasonCodes, NO_REBATE_EARNED } from '../src/compile/rebate-rules.js';
import { decisionReasonCodes, errorCodes } from '../src/errors/codes.js';
import { openApp } from './helpers.js';

describe('every code a user can meet has a page, in the docs and under /problems', () => {
  const everyCode = [...Object.keys(errorCodes), ...Object.keys(decisionReasonCodes)];

  it('every reason code a decision can give is in the table', () => {
    expect([...Object.values(claimReasonCodes), NO_REBATE_EARNED].filter((code) => !Object.hasOwn(decisionReasonCodes, code))).toEqual([]);
  });

  it('docs/error-codes.md has a row for every code', () => {
    const doc = readFileSync('docs/error-codes.md', 'utf8');
    expect(everyCode.filter((code) => !doc.includes(`| \`${code}\` |`))).toEqual([]);
  });

  it('/problems/<CODE> answers for every code, with its title and fix', async () => {
    const app = await openApp();
    const missing: string[] = [];
    for (const code of everyCode) {
      const page = await app.inject({ method: 'GET', url: `/problems/${code}` });
      const body = page.json<{ title?: string; fix?: string }>();
      if (page.statusCode !== 200 || !body.title || !body.fix) missing.push(code);
    }
    await app.close();
    expect(missing).toEqual([]);
  });
});
