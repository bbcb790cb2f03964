import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv';
import { stringLengthKeywords } from './string-length.js';

/**
 * One way of building validators for policy files and requests alike. Nothing is
 * coerced, defaulted or stripped: a decision must see exactly what was sent.
 * `allErrors` suits trusted policy authors (every mistake at once); requests stop at the first.
 */
export function createAjv(options: { allErrors: boolean }): Ajv2020 {
  const settings: Options = {
    allErrors: options.allErrors,
    verbose: true,
    strict: true,
    // A text for people is a string or an object of languages (see policy-schema.ts).
    allowUnionTypes: true,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
  };
  const ajv = new Ajv2020(settings);
  // An annotation, not a check: the kind of value (money, percent, date, duration) an error's fix is written for.
  ajv.addKeyword({ keyword: 'valueKind', schemaType: 'string' });
  // An annotation too: the most digits an amount may have before and after its decimal point, for the error that says so.
  ajv.addKeyword({ keyword: 'amountDigits', schemaType: 'object' });
  ajv.removeKeyword('maxLength').removeKeyword('minLength').addKeyword(stringLengthKeywords);
  return ajv;
}
