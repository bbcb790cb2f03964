import { execFileSync } from 'node:child_process';
import { serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneByteText } from '../src/model/one-byte-text.js';

/** How V8 stores a string, told by its own serializer: 0x63 ('c') tags a two-byte string, after any padding. */
function isTwoByte(text: string): boolean {
  const bytes = serialize(text);
  let at = 2;
  while (bytes[at] === 0) at++;
  return bytes[at] === 0x63;
}

/** A piece cut from a text with an en dash: V8 keeps it two-byte though every character fits in one (from two characters on: a single one comes from V8's one-byte table). */
const cutFromTwoByte = (text: string): string => `${text}\u2013`.slice(0, text.length);

describe('oneByteText', () => {
  it('keeps the text exactly and stores it one byte per character when every character allows', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((code) => String.fromCharCode(code)), minLength: 2 }), (text) => {
        const cut = cutFromTwoByte(text);
        expect(isTwoByte(cut)).toBe(true);
        const stored = oneByteText(cut);
        expect(stored).toBe(text);
        expect(isTwoByte(stored)).toBe(false);
      }),
    );
  });

  it('leaves text with characters past U+00FF as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(oneByteText(text)).toBe(text);
      }),
    );
    expect(oneByteText('Servicenivåavtal – ClickSend')).toBe('Servicenivåavtal – ClickSend');
  });
});

// In a process of its own: V8 keeps one copy of each property name, in the form it first met it, for the whole process.
const script = `
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { loadPolicies } from './dist/src/registry/load-policies.js';
import { evaluate } from './dist/src/evaluate/evaluate.js';
import { serializeDecision } from './dist/src/evaluate/serialize-decision.js';
const isTwoByte = (text) => { const bytes = serialize(text); let at = 2; while (bytes[at] === 0) at++; return bytes[at] === 0x63; };
const { registry } = await loadPolicies('policies');
const typical = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
const answers = {};
for (const lang of ['en', 'sv']) {
  const result = await evaluate(registry, { ...typical, lang }, { now: Date.parse('2026-11-15T12:00:00Z'), decisionId: 'one-byte' });
  const serialized = serializeDecision(result.decision);
  answers[lang] = { twoByte: isTwoByte(serialized), tickets: result.decision.support.length };
}
process.stdout.write(JSON.stringify(answers));
`;

describe('decisions of the bundled policy', () => {
  it('serialize to one-byte strings, in English and in Swedish', () => {
    const answers = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as unknown;
    expect(answers).toEqual({ en: { twoByte: false, tickets: 2 }, sv: { twoByte: false, tickets: 2 } });
  });
});
