import type { ErrorObject } from 'ajv';
import type { JsonPath } from '../errors/problem.js';
import { dateFix, durationFix, moneyFix, percentFix } from '../model/value-fixes.js';
import { minorUnitDigits } from '../model/values.js';

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Decimals of the currency a money value is keyed by (rebate.caps.EUR), 2 when the key is not a currency. */
function digitsAt(path: JsonPath): number {
  const key = path[path.length - 1];
  return (typeof key === 'string' ? minorUnitDigits(key) : null) ?? 2;
}

/**
 * For a money, percent, date or duration value the schema refused (wrong type or
 * form), the message with the fix: the user's own value written as the file
 * wants it. Null when the value cannot be read as meaning anything.
 */
export function valueFixMessage(error: ErrorObject, path: JsonPath, where: string): string | null {
  const kind = (error.parentSchema as { valueKind?: string } | undefined)?.valueKind;
  const value: unknown = error.data;
  switch (kind) {
    case 'money': {
      const fix = moneyFix(value, digitsAt(path));
      if (!fix) return null;
      return typeof value === 'number' ? `${where} is written as a number; an amount is text: write ${fix}, in quotes` : `${where} ${show(value)} is not an amount: write ${fix}, in quotes, digits and a decimal point only`;
    }
    case 'percent': {
      const fix = percentFix(value);
      if (!fix) return null;
      return `${where} ${show(value)} must be a plain number: write ${fix}, ${String(value).includes('%') ? 'without %' : 'without quotes'}`;
    }
    case 'date': {
      const fix = dateFix(value);
      return fix ? `${where} ${show(value)} is not a date written YYYY-MM-DD: write ${fix}` : null;
    }
    case 'duration': {
      const fix = durationFix(value);
      return fix ? `${where} ${show(value)} is not a duration: write ${fix}` : null;
    }
    default:
      return null;
  }
}
