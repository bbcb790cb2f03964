import { Decimal } from 'decimal.js';
import { ExactDecimal } from '../model/values.js';
import { Operator } from 'json-rules-engine';
import { numericOperators } from '../model/rule-vocabulary.js';

/** A number, numeric text or Decimal as an exact decimal; null for anything else. */
function toDecimal(value: unknown): Decimal | null {
  if (Decimal.isDecimal(value)) return value as Decimal;
  if (typeof value === 'number' && Number.isFinite(value)) return new ExactDecimal(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return new ExactDecimal(value);
  return null;
}

/** Compares exactly; null when either side is not a number (the condition then fails). */
function compare(left: unknown, right: unknown): number | null {
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return (left as number) - (right as number);
  const a = toDecimal(left);
  const b = toDecimal(right);
  return a && b ? a.comparedTo(b) : null;
}

const tests: Record<(typeof numericOperators)[number], (order: number) => boolean> = {
  lessThan: (order) => order < 0,
  lessThanInclusive: (order) => order <= 0,
  greaterThan: (order) => order > 0,
  greaterThanInclusive: (order) => order >= 0,
};

/**
 * json-rules-engine compares numbers as binary doubles. These replace its numeric
 * operators under the same names, so a tier boundary, a cap or legal's own
 * threshold is decided in exact decimal arithmetic.
 */
export const exactOperators: readonly Operator[] = numericOperators.map(
  (name) =>
    new Operator<unknown, unknown>(name, (factValue, compareTo) => {
      const order = compare(factValue, compareTo);
      return order !== null && tests[name](order);
    }),
);
