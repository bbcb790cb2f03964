import { isUtf8 } from 'node:buffer';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { readUtf8Text } from '../src/model/utf8-text.js';
import { basePolicyText, openApp, policiesFolder, runCli } from './helpers.js';

const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
/** The typical month with a Swedish letter in an incident's id, as UTF-8 text. */
const withLetter = JSON.stringify({ ...typicalMonth, facts: { ...typicalMonth.facts, incidents: [{ ...typicalMonth.facts.incidents[0], id: 'INC-Å' }] } });
/** The same text as an editor set to Latin-1 saves it: Å is the single byte 0xC5. */
const latin1 = Buffer.from(withLetter, 'latin1');
const letterAt = withLetter.indexOf('Å');

describe('readUtf8Text', () => {
  it('reads UTF-8 as it is, without a leading byte-order mark', () => {
    expect(readUtf8Text(Buffer.from('\uFEFF{"a":"Å"}'))).toEqual({ ok: true, text: '{"a":"Å"}' });
    expect(readUtf8Text(Buffer.from('x\uFEFF'))).toEqual({ ok: true, text: 'x\uFEFF' });
  });

  it('says where Latin-1 bytes stop being UTF-8, by byte, line and column', () => {
    expect(readUtf8Text(Buffer.from('{\n  "id": "Å"\n}', 'latin1'))).toEqual({ ok: false, at: { byte: 11, line: 2, col: 10 } });
    expect(readUtf8Text(latin1)).toEqual({ ok: false, at: { byte: letterAt, line: 1, col: letterAt + 1 } });
  });

  it('counts a replacement character the text really holds as text, not as the bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('a\uFFFDb'), Buffer.from([0xff]), Buffer.from('c')]);
    expect(readUtf8Text(bytes)).toEqual({ ok: false, at: { byte: 5, line: 1, col: 4 } });
  });

  it('refuses overlong forms, encoded surrogates and a character cut short', () => {
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      expect(readUtf8Text(Buffer.from([0x61, ...bad])).ok).toBe(false);
    }
  });

  it('agrees with the UTF-8 decoder on any text, and on any bytes finds a bad byte after a valid prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(readUtf8Text(Buffer.from(text))).toEqual({ ok: true, text: text.replace(/^\uFEFF/, '') });
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const read = readUtf8Text(bytes);
        expect(read.ok).toBe(isUtf8(bytes));
        if (!read.ok) {
          expect(read.at.byte).toBeLessThan(bytes.length);
          expect(isUtf8(bytes.subarray(0, read.at.byte))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('bytes that are not UTF-8, wherever they come in', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(() => app.close());
  const post = (payload: Buffer | string, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', ...headers }, payload });

  it('refuses a Latin-1 body that declares no charset with 400, pointing at the byte, in the language asked', async () => {
    const english = await post(latin1);
    expect([english.statusCode, english.json().code]).toEqual([400, 'REQUEST_MALFORMED']);
    expect(english.json().detail).toBe(`the body is not UTF-8 at line 1, column ${letterAt + 1} (byte offset ${letterAt}): send the JSON in UTF-8, as JSON always is`);
    const swedish = await post(latin1, { 'accept-language': 'sv', 'content-type': 'application/json; charset=utf-8' });
    expect([swedish.statusCode, swedish.headers['content-language'], swedish.json().detail]).toEqual([400, 'sv', `innehållet är inte UTF-8 på rad 1, kolumn ${letterAt + 1} (byteposition ${letterAt}): skicka JSON i UTF-8, som JSON alltid är`]);
  });

  it('reads the same text in UTF-8, with or without a byte-order mark', async () => {
    for (const body of [withLetter, `\uFEFF${withLetter}`]) {
      const response = await post(Buffer.from(body));
      expect([response.statusCode, response.json().rebate.incidents[0].id]).toEqual([200, 'INC-Å']);
    }
  });

  it('refuses only the batch line that is not UTF-8, and says the language of the answer', async () => {
    const payload = Buffer.concat([Buffer.from(`${withLetter}\n`), latin1, Buffer.from(`\n${withLetter}\n`)]);
    const response = await app.inject({ method: 'POST', url: '/v1/evaluations', headers: { 'content-type': 'application/x-ndjson', 'accept-language': 'sv' }, payload });
    expect([response.statusCode, response.headers['content-language']]).toEqual([200, 'sv']);
    const [first, second, third] = response.body.trim().split('\n').map((line) => JSON.parse(line));
    expect([first.rebate.incidents[0].id, third.rebate.incidents[0].id]).toEqual(['INC-Å', 'INC-Å']);
    expect([second.line, second.code, second.detail]).toEqual([2, 'REQUEST_MALFORMED', `rad 2 är inte UTF-8 vid kolumn ${letterAt + 1} (byteposition ${letterAt} på raden): skicka varje rad i UTF-8`]);
  });

  it('refuses a case file saved as Latin-1 at its line and column, and follows the file’s own lang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cases-'));
    writeFileSync(join(dir, 'latin1.json'), latin1);
    const refused = await runCli('evaluate', join(dir, 'latin1.json'));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`latin1.json:1:${letterAt + 1} FILE_NOT_UTF8 the file is not UTF-8 text here (byte offset ${letterAt})`);
    writeFileSync(join(dir, 'sv.json'), JSON.stringify({ ...typicalMonth, lang: 'sv', facts: { ...typicalMonth.facts, charges: { amount: '480,00', currency: 'USD' } } }));
    const swedish = await runCli('evaluate', join(dir, 'sv.json'));
    expect([swedish.code, swedish.err]).toEqual([1, expect.stringContaining('"480,00" är inget belopp')]);
  });

  it('fails `policy validate` and `policy test` on a folder without policies, as the service refuses to start on it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-policies-'));
    for (const command of ['validate', 'test']) {
      const result = await runCli(command, empty);
      expect([command, result.code, result.err]).toEqual([command, 1, `no policies found in ${empty}: the service would not start on this folder (is the path right?)`]);
    }
  });

  it('does not copy a version saved as Latin-1 into a new draft', async () => {
    const dir = policiesFolder({ 'clicksend-sla/1.0.0.yaml': Buffer.from(basePolicyText, 'latin1') });
    const result = await runCli('new', 'clicksend-sla', '1.1.0', '--from', '1.0.0', '--effective', '2027-01-01', '--policies', dir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/1\.0\.0\.yaml:4:38: the version to copy is not UTF-8 text from here on/);
    expect(existsSync(join(dir, 'clicksend-sla', '1.1.0.yaml'))).toBe(false);
  });
});
