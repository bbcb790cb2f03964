import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { readJsonText } from '../src/evaluate/json-text.js';
import { whereJsonBreaks } from '../src/load/json-syntax.js';
import { render } from '../src/messages/text.js';
import { openApp, runCli } from './helpers.js';

const typicalText = readFileSync('examples/typical-month.json', 'utf8');

/** Where JSON.parse refuses the text, as whereJsonBreaks places it. */
function breakOf(source: string): { line: number; col: number; reason: string } {
  try {
    JSON.parse(source);
  } catch (error) {
    const where = whereJsonBreaks(source, error as Error);
    return { line: where.line, col: where.col, reason: render('en', where.reason) };
  }
  throw new Error(`${source} is JSON`);
}

describe('whereJsonBreaks', () => {
  it.each([
    ['{"a":}', 1, 6, 'a value was expected here'],
    ['{"a":1,}', 1, 7, 'a comma before a closing brace or bracket is not allowed'],
    ['[1, 2,\n]', 1, 6, 'a comma before a closing brace or bracket is not allowed'],
    ['{"policy":"x",\n\n\n}', 1, 14, 'a comma before a closing brace or bracket is not allowed'],
    ['{"a" 1}', 1, 6, 'a colon was expected after the property name'],
    ['{"a":[1 2]}', 1, 9, 'a comma was expected'],
    ['{"a":1', 1, 7, 'the object is not closed: a comma or a closing brace was expected'],
    ['{"a":1}x', 1, 8, 'characters JSON does not allow here (names and texts need double quotes; a value is a text, a number, true, false, null, an object or a list)'],
    ["{'a':1}", 1, 2, 'characters JSON does not allow here (names and texts need double quotes; a value is a text, a number, true, false, null, an object or a list)'],
    ['{"a":1}{}', 1, 8, 'there is more after the end of the JSON value'],
    ['{\n  "a": 1 // the first\n}', 2, 10, 'JSON has no comments'],
    ['{"a":"x\ny"}', 1, 6, 'a text that is not closed (a line break inside a text is written \\n)'],
    ['{"a":"x\ty"}', 1, 8, 'a control character inside a text (write it as an escape, such as \\n)'],
    ['{"a":"\\\\\\x"}', 1, 9, 'an escape JSON does not have (it has \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)'],
    ['{"a":"ok \\n then \\u12zz"}', 1, 18, 'a \\u escape needs four hexadecimal digits'],
    [`{"policy":"${'y'.repeat(1000)}\\q"}`, 1, 1012, 'an escape JSON does not have (it has \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)'],
    ['{"a":1.}', 1, 6, 'a number that ends too soon'],
    ['{"a": 012}', 1, 7, 'a number may not start with 0 followed by more digits (write 12, not 012)'],
    ['[1, -007.5]', 1, 6, 'a number may not start with 0 followed by more digits (write 12, not 012)'],
    ['[10 12]', 1, 5, 'a comma was expected'],
    ['{\r\n"a": 1,\r\n}', 2, 7, 'a comma before a closing brace or bracket is not allowed'],
    ['{\r"a": 1\r"b": 2}', 3, 1, 'a comma was expected'],
  ])('%j breaks at line %i, column %i: %s', (source, line, col, reason) => {
    expect(breakOf(source)).toEqual({ line, col, reason });
  });

  it('points at the line and column of a mistake in a pretty-printed body', () => {
    // The typical month with its period written without quotes, as someone typing it by hand might.
    const broken = typicalText.replace('"period": "2026-10"', '"period": 2026-10');
    const line = broken.slice(0, broken.indexOf('2026-10')).split('\n').length;
    const col = broken.split('\n')[line - 1]!.indexOf('2026-10') + '2026'.length + 1;
    expect(breakOf(broken)).toEqual({ line, col, reason: 'a comma was expected' });
  });

  it('places every refusal inside the text: a line it has, a column of that line or just after it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json().map((json) => json.replace(/,/g, ',\r').replace(/:/g, ':\r\n')).map((json) => `${json}0`), fc.json().map((json) => json.slice(0, -1)), fc.json().chain((json) => fc.nat(json.length).map((at) => `${json.slice(0, at)}#${json.slice(at)}`))), (source) => {
        try {
          JSON.parse(source);
          return;
        } catch (error) {
          const { line, col } = whereJsonBreaks(source, error as Error);
          const lines = source.split(/\r\n|\r|\n/);
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(lines.length);
          expect(col).toBeGreaterThanOrEqual(1);
          expect(col).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
        }
      }),
    );
  });

  it('writes the reason in Swedish too', () => {
    const refused = readJsonText('{"a":1,}');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(render('sv', refused.problems[0]!.text)).toBe('innehållet är inte giltig JSON på rad 1, kolumn 7: ett kommatecken före en avslutande klammer eller hakparentes är inte tillåtet');
  });
});

describe('a body or batch line that is not JSON', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(() => app.close());

  it('is refused with 400 REQUEST_MALFORMED at its line and column, in the language asked', async () => {
    const payload = typicalText.replace('"period": "2026-10"', '"period": 2026-10');
    const { line, col } = breakOf(payload);
    const english = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json' }, payload });
    expect([english.statusCode, english.json().code, english.json().detail]).toEqual([400, 'REQUEST_MALFORMED', `the body is not valid JSON at line ${line}, column ${col}: ${breakOf(payload).reason}`]);
    const swedish = await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json', 'accept-language': 'sv' }, payload: '{"policy":"clicksend-sla",\n "facts": {"period": "2026-10",}}' });
    expect([swedish.statusCode, swedish.headers['content-language'], swedish.json().detail]).toEqual([400, 'sv', 'innehållet är inte giltig JSON på rad 2, kolumn 31: ett kommatecken före en avslutande klammer eller hakparentes är inte tillåtet']);
  });

  it('in a batch, is refused alone, at its line and column', async () => {
    const month = JSON.stringify(JSON.parse(typicalText));
    const payload = `${month}\n${month.replace('"policy":', '"policy"')}\n${month}\n`;
    const response = await app.inject({ method: 'POST', url: '/v1/evaluations', headers: { 'content-type': 'application/x-ndjson' }, payload });
    const answers = response.body.trim().split('\n').map((line) => JSON.parse(line));
    expect(answers.map((answer) => answer.code ?? 'decided')).toEqual(['decided', 'REQUEST_MALFORMED', 'decided']);
    expect(answers[1].detail).toBe(`line 2 is not valid JSON at column ${month.indexOf('"policy":') + '"policy"'.length + 1}: a colon was expected after the property name`);
  });
});

describe('a .json case file', () => {
  it('is held to JSON, as a body is: a trailing comma is refused at file:line:col, and the same text as .yaml is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-cases-'));
    const text = typicalText.replace('"currency": "USD"', '"currency": "USD",');
    const line = text.slice(0, text.indexOf('"USD",')).split('\n').length;
    const col = text.split('\n')[line - 1]!.indexOf('"USD",') + '"USD"'.length + 1;
    writeFileSync(join(dir, 'month.json'), text);
    const refused = await runCli('evaluate', join(dir, 'month.json'));
    expect([refused.code, refused.err]).toEqual([1, `${join(dir, 'month.json')}:${line}:${col} JSON_SYNTAX not valid JSON: a comma before a closing brace or bracket is not allowed`]);
    writeFileSync(join(dir, 'MONTH.JSON'), text);
    expect((await runCli('evaluate', join(dir, 'MONTH.JSON'))).err).toContain(`MONTH.JSON:${line}:${col} JSON_SYNTAX`);
    writeFileSync(join(dir, 'month.yaml'), text);
    const read = await runCli('evaluate', join(dir, 'month.yaml'));
    expect([read.code, JSON.parse(read.out).rebate.amount]).toEqual([0, '24.00']);
  });
});
