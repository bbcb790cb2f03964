import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Every string of a decision is flat when the decision is made: a string built
 * with + is a rope of its pieces in V8, and JSON.stringify flattens each rope
 * when the answer is written (in process, serializing decisions made before
 * others: 19 µs a typical decision with ropes, 11 µs flat). V8's own test helper
 * %DebugPrint names each string's type, in a process of its own started with
 * --allow-natives-syntax.
 */
const script = `
import { readFileSync } from 'node:fs';
import { loadPolicies } from './dist/src/registry/load-policies.js';
import { evaluate } from './dist/src/evaluate/evaluate.js';
import { distinctMonth } from './dist/bench/cases.js';
const { registry } = await loadPolicies('policies');
const typical = JSON.parse(readFileSync('examples/typical-month.json', 'utf8'));
let strings = 0;
const printEach = (value) => {
  if (typeof value === 'string') {
    strings++;
    %DebugPrint(value);
  } else if (value !== null && typeof value === 'object') for (const key in value) printEach(value[key]);
};
for (const lang of ['en', 'sv']) {
  for (const request of [typical, ...Array.from({ length: 40 }, (_, index) => distinctMonth(index))]) {
    const result = await evaluate(registry, { ...request, lang }, { now: Date.parse('2026-11-15T12:00:00Z'), decisionId: 'flat' });
    printEach(result.decision);
  }
}
process.stdout.write('strings ' + strings + '\\n');
`;

describe('decisions of the bundled policy', () => {
  it('hold no rope strings, in English and in Swedish', () => {
    const printed = execFileSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const types = [...printed.matchAll(/^ - type: (\w+)$/gm)].map((match) => match[1]);
    const strings = Number(/^strings (\d+)$/m.exec(printed)?.[1]);
    // Every string walked was printed with its type: a change in the helper's output cannot pass unseen.
    expect(strings).toBeGreaterThan(3000);
    expect(types).toHaveLength(strings);
    expect(types.filter((type) => type?.startsWith('CONS_'))).toEqual([]);
  });
});
