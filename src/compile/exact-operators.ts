import { Decimal } from 'decimal.js';
import { Operator } from 'json-rules-engine';
import { numericOperators } from '../model/rule-vocabulary.js';
import { ExactDecimal } from '../model/values.js';

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

/** A number, numeric text or Decimal as an exact decimal; null for anything else. */
function toDecimal(value: unknown): Decimal | null {
  if (Decimal.isDecimal(value)) return value as Decimal;
  if (typeof value === 'number' && Number.isFinite(value)) return new ExactDecimal(value);
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return new ExactDecimal(value);
  return null;
}

/** Compares exactly; null when either side is not a number (the condition then fails). */
function compare(left: unknown, right: unknown): number | null {
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return (left as number) - (right as number);
  const a = toDecimal(left);
  const b = toDecimal(right);
  return a && b ? a.comparedTo(b) : null;
}

const isNumber = (value: unknown): boolean => Decimal.isDecimal(value) || typeof value === 'number';

/**
 * Equality as legal means it: a number equals the same number whether it
 * arrives as a Decimal (the engine's exact facts), a JSON number or numeric
 * text (100, "100.00"). Two texts are equal only as the same text, so codes
 * such as "007" and "7" stay apart; anything else is compared by identity.
 */
export function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  return (isNumber(left) || isNumber(right)) && compare(left, right) === 0;
}

const orders: Record<(typeof numericOperators)[number], (order: number) => boolean> = {
  lessThan: (order) => order < 0,
  lessThanInclusive: (order) => order <= 0,
  greaterThan: (order) => order > 0,
  greaterThanInclusive: (order) => order >= 0,
};

const listed = (list: unknown, item: unknown): boolean => Array.isArray(list) && list.some((entry) => sameValue(entry, item));

const membership: Record<string, (factValue: unknown, compareTo: unknown) => boolean> = {
  equal: (factValue, compareTo) => sameValue(factValue, compareTo),
  notEqual: (factValue, compareTo) => !sameValue(factValue, compareTo),
  in: (factValue, compareTo) => listed(compareTo, factValue),
  notIn: (factValue, compareTo) => Array.isArray(compareTo) && !listed(compareTo, factValue),
  contains: (factValue, compareTo) => listed(factValue, compareTo),
  doesNotContain: (factValue, compareTo) => Array.isArray(factValue) && !listed(factValue, compareTo),
};

/**
 * json-rules-engine compares numbers as binary doubles and equality by
 * identity, so an exact Decimal fact never equals 100. These replace every
 * operator legal may use, under the same names, so a tier boundary, a cap or
 * legal's own threshold or equality is decided in exact decimal arithmetic.
 */
export const exactOperators: readonly Operator[] = [
  ...Object.entries(membership).map(([name, test]) => new Operator<unknown, unknown>(name, test)),
  ...numericOperators.map(
    (name) =>
      new Operator<unknown, unknown>(name, (factValue, compareTo) => {
        const order = compare(factValue, compareTo);
        return order !== null && orders[name](order);
      }),
  ),
];
