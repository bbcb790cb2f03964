import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import type { RuleProperties } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { OutcomeKey } from '../src/compile/outcome-key.js';
import { RuleSet } from '../src/compile/rule-set.js';
import { ExactRatio } from '../src/model/exact-ratio.js';
import { bundledRegistry } from './helpers.js';

// The oracle: json-rules-engine run on the very same facts with no memo at all
// (RuleSet.runEngine). A remembered outcome must equal it for every fact value,
// most of all for values that sit exactly on a constant a rule compares with.

const MONTH = 43_200;

/** Uptime as the evaluator makes it, (M - D) * 100 / M, for any downtime, including the D that hit a tier exactly. */
const uptime = fc.integer({ min: 0, max: MONTH }).map((down) => new ExactRatio(BigInt(MONTH - down) * 100n, BigInt(MONTH)));
/** Amounts in cents, dense around the numbers the rules below compare with. */
const cents = fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.constantFrom(0, 1, 12_499, 12_500, 12_501, 49_999, 50_000, 50_001)).map((units) => ExactRatio.ofUnits(BigInt(units), 2));
const smallInteger = fc.oneof(fc.integer({ min: -5, max: 2_000 }), fc.constantFrom(0, 3, 4, 5, 432, 433, 1_000));
const percent = fc.constantFrom('0', '5', '7.5', '10', '100').map((text) => new Decimal(text));
const anything = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 3 }), fc.constantFrom('5', '100', '99.5'), fc.boolean(), fc.double({ noNaN: true }), smallInteger);

/** Rules of the kinds legal writes, over numbers, text, a path, and nesting. */
const legalRules: RuleProperties[] = [
  { name: 'long-downtime', conditions: { all: [{ fact: 'downtimeMinutes', operator: 'greaterThanInclusive', value: 433 }, { fact: 'incidentCount', operator: 'lessThan', value: 5 }] }, event: { type: 'note', params: { code: 'A' } } },
  { name: 'big-charges', conditions: { any: [{ fact: 'chargesAmount', operator: 'greaterThan', value: '500.00' }, { not: { fact: 'uptimePercent', operator: 'greaterThanInclusive', value: 99 } }] }, event: { type: 'note', params: { code: 'B' } } },
  { name: 'trial', conditions: { all: [{ fact: 'account', path: '$.plan', operator: 'equal', value: 'trial' }, { fact: 'rebatePercent', operator: 'lessThanInclusive', value: '7.5' }] }, event: { type: 'ineligible', params: { code: 'C' } } },
  { name: 'same-count', conditions: { all: [{ fact: 'downtimeMinutes', operator: 'equal', value: { fact: 'incidentCount' } }] }, event: { type: 'note', params: { code: 'D' } } },
  { name: 'region', conditions: { all: [{ fact: 'currency', operator: 'in', value: ['USD', 'EUR'] }, { fact: 'uptimePercent', operator: 'lessThan', value: 99.9 }, { fact: 'uptimePercent', operator: 'greaterThan', value: '98.5' }] }, event: { type: 'note', params: { code: 'E' } } },
  { name: 'loose', conditions: { all: [{ fact: 'anything', operator: 'lessThan', value: 100 }] }, event: { type: 'note', params: { code: 'F' } } },
  // Closer to an uptime than the engine's 40-digit decimal of it can tell: keyed by value, the engine decides.
  { name: 'hair', conditions: { all: [{ fact: 'uptimePercent', operator: 'lessThanInclusive', value: '99.03935185185185185185185185185185185185185' }] }, event: { type: 'note', params: { code: 'G' } } },
];

async function sameAsEngine(ruleSet: RuleSet, facts: Record<string, unknown>): Promise<void> {
  const remembered = await ruleSet.run(facts);
  const fresh = await ruleSet.runEngine(facts);
  expect(remembered.events).toEqual(fresh.events);
}

describe('rule outcomes remembered by region (property tests against the engine unmemoized)', () => {
  it('the tier, cap and outcome rule sets of the bundled policy', async () => {
    const policy = (await bundledRegistry()).version('clicksend-sla', '1.0.0');
    if (!policy) throw new Error('bundled policy missing');
    const { tiers, cap, outcome } = policy.rebateRules;
    await fc.assert(
      fc.asyncProperty(uptime, cents, fc.constantFrom('USD', 'EUR', undefined), percent, fc.constantFrom('missing', 'premature', 'in-window', 'late'), async (uptimePercent, rebateAmount, currency, rebatePercent, claimStatus) => {
        await sameAsEngine(tiers, { uptimePercent });
        await sameAsEngine(cap, { currency, rebateAmount });
        await sameAsEngine(outcome, { uptimePercent, rebatePercent, claimStatus, currency, chargesAmount: rebateAmount });
      }),
      { numRuns: 400 },
    );
  });

  it('rules of legal\'s own over numbers, text, paths and other facts', async () => {
    // Each rule alone (where a wrong region shows up soon) and all of them together.
    const ruleSets = [new RuleSet(legalRules), ...legalRules.map((rule) => new RuleSet([rule]))];
    const facts = fc.record({
      downtimeMinutes: smallInteger,
      incidentCount: smallInteger,
      chargesAmount: fc.oneof(cents, fc.constant(undefined)),
      uptimePercent: uptime,
      rebatePercent: percent,
      currency: fc.constantFrom('USD', 'EUR', 'SEK', undefined),
      account: fc.oneof(fc.constant({}), fc.record({ plan: fc.constantFrom('trial', 'pro', 5) })),
      anything,
    });
    await fc.assert(
      fc.asyncProperty(facts, async (values) => {
        for (const ruleSet of ruleSets) await sameAsEngine(ruleSet, values);
      }),
      { numRuns: 600 },
    );
  });

  it('a few engine runs serve a whole range of months', async () => {
    class CountingRuleSet extends RuleSet {
      runs = 0;
      override async runEngine(facts: Readonly<Record<string, unknown>>) {
        this.runs++;
        return super.runEngine(facts);
      }
    }
    const tiers = new CountingRuleSet(['100', '99', '98', '97', '96', '95'].map((below, index) => ({ name: `tier-${index}`, conditions: { all: [{ fact: 'uptimePercent', operator: 'lessThan', value: below }] }, event: { type: 'tier', params: { index } } })));
    for (let down = 0; down <= MONTH; down += 7) await tiers.run({ uptimePercent: new ExactRatio(BigInt(MONTH - down) * 100n, BigInt(MONTH)) });
    // Six thresholds make at most 13 regions, whatever the 6,000 months were.
    expect(tiers.runs).toBeGreaterThan(0);
    expect(tiers.runs).toBeLessThanOrEqual(13);
  });

  it('keys the usual facts (booleans, short texts, regions) by a number, and the same values always by the same key', () => {
    const key = new OutcomeKey([
      { name: 'status', conditions: { all: [{ fact: 'done', operator: 'equal', value: true }, { fact: 'priority', operator: 'equal', value: 'major' }, { fact: 'minutes', operator: 'lessThan', value: 30 }] }, event: { type: 'late' } },
    ]);
    const usual = { done: true, priority: 'major', minutes: 12 };
    expect(typeof key.of(usual)).toBe('number');
    expect(key.of({ ...usual, minutes: 29 })).toBe(key.of(usual)); // the same region
    expect(key.of({ ...usual, minutes: 30 })).not.toBe(key.of(usual));
    expect(key.of({ ...usual, done: false })).not.toBe(key.of(usual));
    // A long text, or a value of another kind, makes the key a text; the usual values keep their number.
    expect(typeof key.of({ ...usual, priority: 'p'.repeat(65) })).toBe('string');
    expect(typeof key.of({ ...usual, done: 1 })).toBe('string');
    // Once a fact has held 61 texts, further ones are keyed as text, and those seen before keep their number.
    for (let index = 0; index < 100; index++) key.of({ ...usual, priority: `priority-${index}` });
    expect(typeof key.of({ ...usual, priority: 'priority-99' })).toBe('string');
    expect(key.of({ ...usual, priority: 'priority-99' })).toBe(key.of({ ...usual, priority: 'priority-99' }));
    expect(key.of(usual)).toBe(key.of({ done: true, priority: 'major', minutes: 0 }));
  });

  it('keys facts compared by value apart whenever their values differ, whatever text they hold', () => {
    const key = new OutcomeKey([{ name: 'texts', conditions: { all: [{ fact: 'first', operator: 'equal', value: 'x' }, { fact: 'second', operator: 'equal', value: 'y' }] }, event: { type: 'note' } }]);
    // Texts that spell other facts' keys, separators, numbers and JSON: none may pass for another value.
    const value = fc.oneof(fc.string(), fc.constantFrom('\u0001', 's1:x\u0001vs1:y', 'n1', 't', 'u', '"x"', 'x'), fc.boolean(), fc.constant(undefined), fc.integer(), fc.constant(null), fc.constantFrom(['x'], { x: 1 }));
    fc.assert(
      fc.property(value, value, value, value, (a, b, c, d) => {
        const same = Object.is(a, c) && Object.is(b, d) ? true : JSON.stringify([a, b]) === JSON.stringify([c, d]) && typeof a === typeof c && typeof b === typeof d;
        expect(key.of({ first: a, second: b }) === key.of({ first: c, second: d })).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });
});
