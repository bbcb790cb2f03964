import { formatJsonPath } from '../errors/problem.js';
import type { JsonPath } from '../errors/problem.js';
import { exactDecimal } from '../model/values.js';

export interface Mismatch {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/**
 * Where `actual` differs from `expected`: only the keys written in `expected` are
 * compared; lists must match in length, item by item. Numbers in `actual` compare
 * equal to the same number written as text: 24, 24.00 and "24.00" are one amount.
 */
export function mismatches(expected: unknown, actual: unknown, path: JsonPath = []): Mismatch[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path: formatJsonPath(path), expected, actual }];
    return expected.flatMap((item, index) => mismatches(item, actual[index], [...path, index]));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [{ path: formatJsonPath(path), expected, actual }];
    return Object.entries(expected).flatMap(([key, value]) => mismatches(value, (actual as Record<string, unknown>)[key], [...path, key]));
  }
  return sameScalar(expected, actual) ? [] : [{ path: formatJsonPath(path), expected, actual: actual ?? null }];
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function sameScalar(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  const [a, b] = [String(expected), String(actual)];
  return (typeof expected === 'number' || typeof expected === 'string') && NUMBER.test(a) && NUMBER.test(b) && exactDecimal(a).equals(exactDecimal(b));
}
