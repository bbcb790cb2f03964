import type { ErrorObject } from 'ajv';
import type { JsonPath } from '../errors/problem.js';
import { dateFix, durationFix, moneyFix, percentFix } from '../model/value-fixes.js';
import { minorUnitDigits } from '../model/values.js';
import { text } from '../messages/text.js';
import type { Text, TextValue } from '../messages/text.js';

/** Digits with at most one decimal point: the form of an amount, whatever its length. */
const PLAIN_AMOUNT = /^[0-9]+(\.[0-9]+)?$/;

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
export function valueFixMessage(error: ErrorObject, path: JsonPath, where: TextValue): Text | null {
  const kind = (error.parentSchema as { valueKind?: string } | undefined)?.valueKind;
  const value: unknown = error.data;
  switch (kind) {
    case 'money': {
      const fix = moneyFix(value, digitsAt(path));
      if (!fix) return null;
      if (typeof value === 'number') return text('fix.moneyNumber', { where, fix });
      // Written as an amount already: what was refused is how many digits it has.
      if (typeof value === 'string' && PLAIN_AMOUNT.test(value)) {
        const digits = (error.parentSchema as { amountDigits?: { integer: number; fraction: number } } | undefined)?.amountDigits;
        return digits ? text('fix.moneyDigits', { where, value: show(value), integer: digits.integer, fraction: digits.fraction }) : null;
      }
      return text('fix.moneyForm', { where, value: show(value), fix });
    }
    case 'percent': {
      const fix = percentFix(value);
      if (!fix) return null;
      return text('fix.percent', { where, value: show(value), fix, without: String(value).includes('%') ? 'percent' : 'quotes' });
    }
    case 'date': {
      const fix = dateFix(value);
      return fix ? text('fix.date', { where, value: show(value), fix }) : null;
    }
    case 'duration': {
      const fix = durationFix(value);
      return fix ? text('fix.duration', { where, value: show(value), fix }) : null;
    }
    default:
      return null;
  }
}
