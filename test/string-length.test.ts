import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/validate/ajv.js';

// ajv's own keywords are the reference: same verdicts and the same errors, for every string and limit.
const reference = new Ajv2020({ allErrors: true, verbose: true, strict: true });
const ours = createAjv({ allErrors: true });

const schemaOf = (min: number, max: number) => ({ type: 'string', minLength: min, maxLength: max });

function verdicts(min: number, max: number, text: string): [unknown, unknown] {
  const [expected, actual] = [reference.compile(schemaOf(min, max)), ours.compile(schemaOf(min, max))];
  return [
    { valid: expected(text), errors: expected.errors ?? null },
    { valid: actual(text), errors: actual.errors ?? null },
  ];
}

/** Characters that count differently as code points and as UTF-16 units. */
const piece = fc.constantFrom('a', 'å', '😀', '\ud800', '\udc00', '\ud83d\ude00x');

describe('minLength and maxLength', () => {
  it('judge and report exactly as ajv does, counting code points', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.nat(10), fc.nat(12), (pieces, min, extra) => {
        const [expected, actual] = verdicts(min, min + extra, pieces.join(''));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('count a surrogate pair as one character at the limits', () => {
    expect(ours.compile(schemaOf(0, 3))('😀😀😀')).toBe(true);
    expect(ours.compile(schemaOf(0, 3))('😀😀😀😀')).toBe(false);
    expect(ours.compile(schemaOf(2, 9))('😀')).toBe(false);
    expect(ours.compile(schemaOf(2, 9))('😀😀')).toBe(true);
  });
});
