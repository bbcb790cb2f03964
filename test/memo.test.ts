import { Engine } from 'json-rules-engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuleSet } from '../src/compile/rule-set.js';
import { ByteBoundedMemo, stringBytes } from '../src/model/byte-bounded-memo.js';
import { DEFAULT_MEMO_BUDGETS, setMemoBudgets } from '../src/model/memo-budgets.js';

afterEach(() => {
  setMemoBudgets(DEFAULT_MEMO_BUDGETS);
  vi.restoreAllMocks();
});

describe('a memo bounded in bytes', () => {
  it('holds at most its budget however many distinct large values pass through it, and keeps the recent ones', () => {
    const memo = new ByteBoundedMemo<string, string>(100_000, (value, key) => stringBytes(key) + stringBytes(value));
    for (let index = 0; index < 2_000; index++) memo.set(`key-${index}`, `${index}`.padEnd(4_000, '.'));
    expect(memo.bytes).toBeLessThanOrEqual(100_000);
    expect(memo.size).toBeGreaterThan(5);
    expect(memo.get('key-1999')).toBeDefined();
    expect(memo.get('key-0')).toBeUndefined();
  });

  it('does not keep an entry larger than its entry limit, and keeps nothing with a budget of 0', () => {
    const memo = new ByteBoundedMemo<string, string>(1_000_000, (value) => stringBytes(value), 1_000);
    memo.set('small', 'x'.repeat(100));
    memo.set('large', 'x'.repeat(1_000));
    expect([memo.get('small') !== undefined, memo.get('large') !== undefined]).toEqual([true, false]);
    const off = new ByteBoundedMemo<string, string>(0, (value) => stringBytes(value));
    off.set('small', 'x');
    expect(off.get('small')).toBeUndefined();
  });
});

describe('rule outcomes remembered by the facts read', () => {
  const rules = [{ name: 'trial', conditions: { all: [{ fact: 'account', path: '$.plan', operator: 'equal', value: 'trial' }] }, event: { type: 'ineligible' } }];

  it('runs the engine once for facts seen before, and every time for facts too large to remember', async () => {
    setMemoBudgets({ ruleKeyMaxBytes: 1_000 });
    const set = new RuleSet(rules);
    const runs = vi.spyOn(Engine.prototype, 'run');
    const small = { account: { plan: 'trial' } };
    const large = { account: { plan: 'trial', note: 'x'.repeat(1_000) } };
    for (let index = 0; index < 3; index++) expect((await set.run(small)).events).toEqual([{ type: 'ineligible' }]);
    expect(runs).toHaveBeenCalledTimes(1);
    for (let index = 0; index < 3; index++) expect((await set.run(large)).events).toEqual([{ type: 'ineligible' }]);
    expect(runs).toHaveBeenCalledTimes(4);
  });

  it('runs the engine every time with a budget of 0', async () => {
    setMemoBudgets({ ruleOutcomeBytes: 0 });
    const set = new RuleSet(rules);
    const runs = vi.spyOn(Engine.prototype, 'run');
    for (let index = 0; index < 3; index++) await set.run({ account: { plan: 'pro' } });
    expect(runs).toHaveBeenCalledTimes(3);
  });
});
