import { Decimal } from 'decimal.js';
import type { RuleProperties } from 'json-rules-engine';
import { ExactRatio } from '../model/exact-ratio.js';
import { firstIndex } from '../model/first-index.js';
import { numericOperators } from '../model/rule-vocabulary.js';
import { ExactDecimal } from '../model/values.js';

/** A comparison constant of a rule set, held both ways so any numeric fact compares with it exactly. */
interface Constant {
  readonly decimal: Decimal;
  readonly ratio: ExactRatio | null;
}

interface FactKey {
  readonly fact: string;
  readonly constants: readonly Constant[] | null;
  /** How many parts a numeric key gives this fact: its regions, or the values it can hold interned. */
  readonly radix: number;
  /** For a fact keyed by value: the texts seen so far, each with its part (see internedIndex). */
  readonly interned: Map<string, number>;
}

/** Parts of a fact keyed by value: enough for a priority, a currency, a status; other values make the key a text. */
const MAX_INTERNED = 64;
/** Texts longer than this are keyed as text: interning is for short names, not free-form values. */
const MAX_INTERNED_LENGTH = 64;

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;
/**
 * The engine sees an exact ratio as a 40-digit decimal (see ExactRatio.toDecimal).
 * The ratios the evaluator makes (uptime over a month's minutes, amounts over
 * 10^digits) lie either on a constant with at most this many decimals or
 * farther from it than that rounding, so the region of the ratio is the
 * region of the decimal; a fact compared with a longer constant is keyed by value.
 */
const MAX_CONSTANT_DECIMALS = 20;
const numericOperatorNames: ReadonlySet<string> = new Set(numericOperators);

/**
 * What a rule set's outcome depends on, compiled from its conditions, so that
 * outcomes can be remembered by far fewer keys than there are fact values.
 *
 * A fact that is only ever compared by the exact numeric operators
 * (lessThan, ... see exact-operators.ts) with numeric constants c1 < c2 < ... < ck
 * gives every condition on it the same result for all values in one region:
 * below c1, equal to c1, between c1 and c2, ..., above ck. Its key is the region
 * (a binary search over the sorted constants), not the value, so a few dozen
 * engine runs serve every possible month. Every other fact (compared with equal,
 * in, a path, another fact, or holding a non-number) is keyed by its exact value.
 */
export class OutcomeKey {
  private readonly facts: readonly FactKey[];
  /** Whether every combination of parts fits in a safe integer: only then are keys numbers. */
  private readonly numeric: boolean;

  constructor(rules: readonly RuleProperties[]) {
    const tests = rules.flatMap((rule) => leafTests(rule.conditions));
    const names = [...new Set(tests.flatMap((test) => test.facts))].sort();
    this.facts = names.map((fact) => {
      const constants = regionConstants(tests.filter((test) => test.facts.includes(fact)));
      return { fact, constants, radix: constants === null ? MAX_INTERNED : 2 * constants.length + 2, interned: new Map() };
    });
    this.numeric = this.facts.reduce((combinations, { radix }) => combinations * radix, 1) <= Number.MAX_SAFE_INTEGER;
  }

  /**
   * The key of the outcome for these fact values: equal keys give equal outcomes.
   * Where every fact is a region or a short value seen before, the key is a
   * number (the parts in mixed radix): a month looks up seven outcomes, and a
   * text key is built, flattened and hashed afresh each time. Otherwise it is
   * the text of every part. A number never equals a text, and whether a value
   * is interned never changes once seen, so the same values always give the same key.
   */
  of(values: Readonly<Record<string, unknown>>): string | number {
    if (!this.numeric) return this.textOf(values);
    let key = 0;
    for (const fact of this.facts) {
      const value = values[fact.fact];
      const part = fact.constants === null ? internedIndex(fact, value) : regionOf(value, fact.constants);
      if (part === null) return this.textOf(values);
      key = key * fact.radix + part;
    }
    return key;
  }

  private textOf(values: Readonly<Record<string, unknown>>): string {
    let key = '';
    for (const { fact, constants } of this.facts) {
      const value = values[fact];
      const region = constants === null ? null : regionOf(value, constants);
      key += region === null ? `v${exactText(value)}\u0001` : `r${region}\u0001`;
    }
    return key;
  }
}

/** Parts 0-2 of a fact keyed by value; texts take the parts after them, in order of first sight. */
const [FALSE_PART, TRUE_PART, UNDEFINED_PART, FIRST_TEXT_PART] = [0, 1, 2, 3];

/**
 * A fact's value as one part of a numeric key; null for a value that is not a
 * boolean, undefined or a short text, or a text that came after the fact's table
 * was full. Texts are equal exactly when the engine's comparisons see them as
 * equal, so equal parts mean equal values.
 */
function internedIndex(fact: FactKey, value: unknown): number | null {
  switch (typeof value) {
    case 'boolean':
      return value ? TRUE_PART : FALSE_PART;
    case 'undefined':
      return UNDEFINED_PART;
    case 'string': {
      if (value.length > MAX_INTERNED_LENGTH) return null;
      const known = fact.interned.get(value);
      if (known !== undefined) return known;
      const next = FIRST_TEXT_PART + fact.interned.size;
      if (next >= MAX_INTERNED) return null;
      fact.interned.set(value, next);
      return next;
    }
    default:
      return null;
  }
}

interface LeafTest {
  readonly facts: readonly string[];
  readonly operator: unknown;
  readonly value: unknown;
  readonly hasPath: boolean;
}

function leafTests(condition: unknown): LeafTest[] {
  const node = (condition ?? {}) as Record<string, unknown>;
  const children = [...((node['all'] as unknown[] | undefined) ?? []), ...((node['any'] as unknown[] | undefined) ?? []), ...(node['not'] ? [node['not']] : [])];
  const own: LeafTest[] = [];
  if (typeof node['fact'] === 'string') {
    const compared = node['value'] !== null && typeof node['value'] === 'object' ? (node['value'] as { fact?: unknown }).fact : undefined;
    own.push({ facts: typeof compared === 'string' ? [node['fact'], compared] : [node['fact']], operator: node['operator'], value: node['value'], hasPath: 'path' in node });
  }
  return [...own, ...children.flatMap(leafTests)];
}

/** The sorted distinct constants a fact is compared with, or null when the fact must be keyed by its value. */
function regionConstants(tests: readonly LeafTest[]): Constant[] | null {
  const decimals: Decimal[] = [];
  for (const test of tests) {
    const numericConstant = (typeof test.value === 'number' && Number.isFinite(test.value)) || (typeof test.value === 'string' && NUMERIC_TEXT.test(test.value));
    if (test.facts.length !== 1 || test.hasPath || typeof test.operator !== 'string' || !numericOperatorNames.has(test.operator) || !numericConstant) return null;
    const decimal = new ExactDecimal(test.value as number | string);
    if (decimal.decimalPlaces() > MAX_CONSTANT_DECIMALS) return null;
    decimals.push(decimal);
  }
  decimals.sort((a, b) => a.comparedTo(b));
  const distinct = decimals.filter((decimal, index) => index === 0 || !decimal.equals(decimals[index - 1] as Decimal));
  return distinct.map((decimal) => ({ decimal, ratio: decimal.isNegative() ? null : ExactRatio.fromDecimalText(decimal.toFixed()) }));
}

/**
 * 2i for a value between constant i-1 and constant i (or below the first, or
 * above the last), 2i+1 for a value equal to constant i; null for a value that is
 * not one of the exact numbers (which is then keyed by its value instead).
 */
function regionOf(value: unknown, constants: readonly Constant[]): number | null {
  const compare = comparer(value);
  if (compare === null) return null;
  const below = firstIndex(constants, (constant) => compare(constant) <= 0);
  const equal = below < constants.length && compare(constants[below] as Constant) === 0;
  return 2 * below + (equal ? 1 : 0);
}

/** How a fact value compares with a constant, in exact arithmetic, as the exact operators compare it. */
function comparer(value: unknown): ((constant: Constant) => number) | null {
  if (value instanceof ExactRatio) return (constant) => (constant.ratio ? value.compare(constant.ratio) : 1);
  if (Decimal.isDecimal(value)) return (constant) => (value as Decimal).comparedTo(constant.decimal);
  if (Number.isSafeInteger(value) && (value as number) >= 0) {
    const ratio = new ExactRatio(BigInt(value as number), 1n);
    return (constant) => (constant.ratio ? ratio.compare(constant.ratio) : 1);
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    const decimal = new ExactDecimal(value);
    return (constant) => decimal.comparedTo(constant.decimal);
  }
  return null;
}

/**
 * A value as text that tells apart every value the engine could tell apart
 * (types included). The kinds of value most facts hold are told first by their
 * type alone: a status rule set's six booleans cost a third of what they did
 * when each was first asked whether it was a ratio or a decimal.
 */
function exactText(value: unknown): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'string':
      // The length first: no text can then pass for the end of another and the start of the next fact's key.
      return `s${value.length}:${value}`;
    case 'number':
      return Object.is(value, -0) ? 'n-0' : `n${value}`;
    default:
      if (value instanceof ExactRatio) return `q${value.numerator}/${value.denominator}`;
      if (Decimal.isDecimal(value)) return `d${(value as Decimal).toString()}`;
      return `j${JSON.stringify(value)}`;
  }
}
