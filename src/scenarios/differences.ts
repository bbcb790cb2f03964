import { formatJsonPath } from '../errors/problem.js';
import type { JsonPath } from '../errors/problem.js';

/** One place where two JSON values differ; `before` or `after` is undefined where a value was added or removed. */
export interface Difference {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every leaf where two JSON values differ: a structural diff, list items compared by position. */
export function differences(before: unknown, after: unknown, path: JsonPath = []): Difference[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, index) => differences(before[index], after[index], [...path, index])).flat();
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => differences(before[key], after[key], [...path, key]));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: formatJsonPath(path), before, after }];
}

/** Versions' labels and effective data always differ; they are not terms. */
const IDENTITY_KEYS = new Set(['$.version', '$.status', '$.effectiveFrom', '$.changeNote', '$.title', '$.source']);

/** The terms that differ between two policy documents, leaving out each version's own labels. */
export function termDifferences(before: unknown, after: unknown): Difference[] {
  return differences(before, after).filter((difference) => !IDENTITY_KEYS.has(difference.path));
}

export function describeDifference({ path, before, after }: Difference): string {
  const where = path.replace(/^\$\.?/, '');
  if (before === undefined) return `+ ${where}: ${JSON.stringify(after)}`;
  if (after === undefined) return `- ${where}: ${JSON.stringify(before)}`;
  return `~ ${where}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`;
}
