import type { CompiledPolicy } from '../compile/compiled-policy.js';
import { formatJsonPath } from '../errors/problem.js';
import type { JsonPath } from '../errors/problem.js';

/** Every path of a policy document: objects' keys and lists' items, containers included. */
function* pathsOf(value: unknown, path: JsonPath = []): Generator<JsonPath> {
  if (path.length > 0) yield path;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) yield* pathsOf(value[index], [...path, index]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) yield* pathsOf(child, [...path, key]);
  }
}

/** The line each term is written on (its key, or its list item), by JSON path such as `$.rebate.caps.USD`. */
export function termLines(policy: CompiledPolicy): Record<string, number> {
  const lines: Record<string, number> = {};
  for (const path of pathsOf(policy.document)) lines[formatJsonPath(path)] = policy.source.locate(path, true).line;
  return lines;
}
