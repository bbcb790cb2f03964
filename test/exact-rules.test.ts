import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import type { RuleProperties } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { RuleSet } from '../src/compile/rule-set.js';
import { trialRun } from '../src/compile/trial-run.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { readPolicyFile } from '../src/load/policy-files.js';
import { parseMemberPath, readMemberPath } from '../src/model/member-path.js';
import { ruleOperators } from '../src/model/rule-vocabulary.js';
import { ExactDecimal } from '../src/model/values.js';
import type { PolicyDocument } from '../src/model/policy-document.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import { basePolicyText, FIXED_NOW, OCTOBER, policiesFolder } from './helpers.js';

const withRules = (...rules: string[]) => basePolicyText.replace('rules: []', `rules:\n${rules.join('\n')}`);
const note = (id: string, when: string) => `  - id: ${id}\n    when: ${when}\n    then: { outcome: note, code: ${id.toUpperCase().replaceAll('-', '_')}, message: Noted. }`;

/** Runs one condition through json-rules-engine with our operators, as evaluation does. */
async function holds(operator: string, factValue: unknown, value: unknown): Promise<boolean> {
  const rule: RuleProperties = { name: 'r', conditions: { all: [{ fact: 'x', operator, value }] }, event: { type: 'hit' } };
  const { events } = await new RuleSet([rule]).run({ x: factValue });
  return events.length === 1;
}

/** A decimal of up to 15 significant digits, so a JSON number carries it exactly. */
const decimalText = fc.tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 6 })).map(([units, scale]) => new Decimal(units).dividedBy(10 ** scale).toFixed(scale));
type Form = 'decimal' | 'number' | 'text';
const forms = fc.constantFrom<Form>('decimal', 'number', 'text');
const asForm = (text: string, form: Form): unknown => (form === 'decimal' ? new ExactDecimal(text) : form === 'number' ? Number(text) : text);

describe('exact comparisons for every operator legal may use', () => {
  it('every operator of the vocabulary agrees with exact decimal arithmetic, whatever mix of Decimal, number and numeric text meets it', async () => {
    await fc.assert(
      fc.asyncProperty(decimalText, fc.boolean(), forms, forms, async (a, same, left, right) => {
        const b = same ? new Decimal(a).toFixed(8) : a.startsWith('-') ? a.slice(1) : `-${a}1`;
        fc.pre(left !== 'text' || right !== 'text'); // two texts are compared as text: see below
        const order = new Decimal(a).comparedTo(b);
        const [x, y] = [asForm(a, left), asForm(b, right)];
        const other = 'not-a-number';
        const expected: Record<string, boolean> = {
          equal: order === 0,
          notEqual: order !== 0,
          in: order === 0,
          notIn: order !== 0,
          contains: order === 0,
          doesNotContain: order !== 0,
          lessThan: order < 0,
          lessThanInclusive: order <= 0,
          greaterThan: order > 0,
          greaterThanInclusive: order >= 0,
        };
        for (const operator of ruleOperators) {
          // Lists come from JSON (a policy's values, an account's attributes), so they never hold a Decimal.
          if ((['in', 'notIn'].includes(operator) && right === 'decimal') || (['contains', 'doesNotContain'].includes(operator) && left === 'decimal')) continue;
          const [factValue, value] = operator === 'in' || operator === 'notIn' ? [x, [other, y]] : operator === 'contains' || operator === 'doesNotContain' ? [[other, x], y] : [x, y];
          expect([operator, await holds(operator, factValue, value)]).toEqual([operator, expected[operator]]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('two texts are equal only as the same text; non-numbers by identity', async () => {
    expect(await holds('equal', '007', '7')).toBe(false);
    expect(await holds('equal', 'gold', 'gold')).toBe(true);
    expect(await holds('in', 'gold', ['silver', 'gold'])).toBe(true);
    expect(await holds('notIn', 'gold', 'gold')).toBe(false);
    expect(await holds('equal', true, true)).toBe(true);
    expect(await holds('equal', null, 0)).toBe(false);
    expect(await holds('lessThan', 'abc', 1)).toBe(false);
  });

  it('in a policy: 100% uptime equals 100, charges equal "480.00" and are in [480]', async () => {
    const text = withRules(
      note('full', '{ all: [{ fact: uptimePercent, operator: equal, value: 100 }] }'),
      note('not-full', '{ all: [{ fact: uptimePercent, operator: notEqual, value: 100 }] }'),
      note('charges-text', '{ all: [{ fact: chargesAmount, operator: equal, value: "480.00" }] }'),
      note('charges-listed', '{ all: [{ fact: chargesAmount, operator: in, value: [100, 480] }] }'),
      note('seats', '{ all: [{ fact: account, path: $.seats, operator: equal, value: 10 }] }'),
    );
    const { registry, diagnostics } = await loadPolicies(policiesFolder({ 'clicksend-sla/1.0.0.yaml': text }));
    expect(diagnostics).toEqual([]);
    const result = await evaluate(registry, { policy: 'clicksend-sla', facts: { ...OCTOBER, account: { seats: '10.0' } } }, { now: FIXED_NOW, decisionId: 'd' });
    expect(result.ok && result.decision.rebate?.reasons.map((reason) => reason.code)).toEqual(['NO_REBATE_EARNED', 'FULL', 'CHARGES_TEXT', 'CHARGES_LISTED', 'SEATS']);
  });
});

describe('path reads plain attributes only', () => {
  it('accepts names and list positions, and nothing else', () => {
    expect(parseMemberPath('$.plan')).toEqual(['plan']);
    expect(parseMemberPath('$.tags[0]')).toEqual(['tags', 0]);
    expect(parseMemberPath('$.limits.sms[12].max')).toEqual(['limits', 'sms', 12, 'max']);
    for (const query of ['$', '$..plan', '$.*', '$..*..*..*', '$.tags[*]', "$['plan']", '$.tags[?(@.x)]', '$.tags[01]', '$.tags[-1]', 'plan', '$.plan.', '$.a b']) {
      expect([query, parseMemberPath(query)]).toEqual([query, null]);
    }
  });

  it('reads own attributes only, never a prototype', () => {
    expect(readMemberPath({ tags: ['a', 'b'] }, ['tags', 1])).toBe('b');
    expect(readMemberPath({}, ['constructor'])).toBeUndefined();
    expect(readMemberPath({ tags: 'ab' }, ['tags', 0])).toBeUndefined();
    expect(readMemberPath([1], ['length'])).toBeUndefined();
  });

  it('a rule reading $.tags[0] decides on the first tag', async () => {
    const { registry, diagnostics } = await loadPolicies(policiesFolder({ 'clicksend-sla/1.0.0.yaml': withRules(note('first-gold', '{ all: [{ fact: account, path: "$.tags[0]", operator: equal, value: gold }] }')) }));
    expect(diagnostics).toEqual([]);
    const codes = async (tags: unknown) => {
      const result = await evaluate(registry, { policy: 'clicksend-sla', facts: { ...OCTOBER, account: { tags } } }, { now: FIXED_NOW, decisionId: 'd' });
      return result.ok ? result.decision.rebate?.reasons.map((reason) => reason.code) : result.problems;
    };
    expect(await codes(['gold', 'x'])).toContain('FIRST_GOLD');
    expect(await codes(['x', 'gold'])).not.toContain('FIRST_GOLD');
    expect(await codes('gold')).not.toContain('FIRST_GOLD');
  });
});

describe('a value that refers to another fact', () => {
  it('is checked like the fact of a test, and compared exactly', async () => {
    const broken = withRules(
      note('unknown', '{ all: [{ fact: uptimePercent, operator: equal, value: { fact: weather } }] }'),
      note('query', '{ all: [{ fact: period, operator: equal, value: { fact: account, path: "$..*" } }] }'),
    );
    const { diagnostics } = await loadPolicies(policiesFolder({ 'clicksend-sla/1.0.0.yaml': broken }));
    expect(diagnostics.map((d) => d.code)).toEqual(['RULE_UNKNOWN_FACT', 'RULE_PATH_INVALID']);

    const text = withRules(note('seats-cover-incidents', '{ all: [{ fact: incidentCount, operator: lessThanInclusive, value: { fact: account, path: $.seats } }] }'));
    const { registry } = await loadPolicies(policiesFolder({ 'clicksend-sla/1.0.0.yaml': text }));
    const codes = async (seats: unknown) => {
      const result = await evaluate(registry, { policy: 'clicksend-sla', facts: { ...OCTOBER, account: { seats } } }, { now: FIXED_NOW, decisionId: 'd' });
      return result.ok ? result.decision.rebate?.reasons.map((reason) => reason.code) : result.problems;
    };
    expect(await codes('0.0')).toContain('SEATS_COVER_INCIDENTS');
    expect(await codes(-1)).not.toContain('SEATS_COVER_INCIDENTS');
  });
});

describe('a policy that validates always runs', () => {
  it('the trial run builds every rule with json-rules-engine and names a rule it refuses at its place', async () => {
    const dir = policiesFolder({ 'clicksend-sla/1.0.0.yaml': withRules(note('fine', '{ any: [{ fact: period, operator: equal, value: "2026-10" }] }'), note('bare', '{ fact: period, operator: equal, value: "2026-10" }')) });
    const file = await readPolicyFile(`${dir}/clicksend-sla/1.0.0.yaml`, 'clicksend-sla', '1.0.0');
    if ('problem' in file) throw new Error(file.problem.message);
    // Straight to the trial run, past validation's own check of the same mistake: the engine's checks must catch it too.
    const trial = await trialRun(file, file.source.value as PolicyDocument);
    expect(trial.ok ? [] : trial.problems.map((p) => [p.code, p.path, p.message])).toEqual([['RULE_NOT_RUNNABLE', ['rules', 1, 'when'], expect.stringContaining('"conditions" root must contain')]]);
  });

  it('validation reports a bare condition at file:line:col, and the version is not served', async () => {
    const dir = policiesFolder({ 'clicksend-sla/1.0.0.yaml': withRules(note('bare', '{ fact: period, operator: equal, value: "2026-10" }')) });
    const { registry, diagnostics } = await loadPolicies(dir);
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual([`${basePolicyText.split('\n').length + 1}:11 RULE_NOT_RUNNABLE`]);
    expect(registry.ids()).toEqual([]);
  });
});
