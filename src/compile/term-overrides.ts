import type { Decimal } from 'decimal.js';
import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import type { LocalizedText } from '../messages/localized.js';
import type { PolicyDocument } from '../model/policy-document.js';
import { exactDecimal, readTargetMinutes } from '../model/values.js';
import type { CompiledCap, CompiledPriority, CompiledTarget } from './compiled-policy.js';
import { compiledCap } from './compile-policy.js';
import { RuleSet } from './rule-set.js';
import type { WorkCalendar } from './work-calendar.js';

/** What one rule with outcome `terms` sets, compiled: the event of its json-rules-engine rule names it by index. */
export interface TermOverride {
  readonly rule: string;
  readonly clause: LocalizedText | undefined;
  readonly rebatePercent: { readonly add?: Decimal; readonly atLeast?: Decimal } | undefined;
  readonly remedy: 'credit' | 'refund' | undefined;
  readonly caps: ReadonlyMap<string, CompiledCap>;
  readonly support: ReadonlyMap<string, { readonly action?: CompiledTarget; readonly response?: CompiledTarget }>;
}

/** Legal's rules that set terms, as one rule set over who the customer is (account, period, currency, chargesAmount, priority). */
export interface TermRules {
  readonly ruleSet: RuleSet;
  readonly overrides: readonly TermOverride[];
}

export const TERMS_EVENT = 'terms';

/** Reads a value validation has already accepted; failing here is a bug, not bad input. */
function accepted<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`validated policy holds an unreadable ${what}`);
  return value;
}

export function compileTermRules(
  document: PolicyDocument,
  caps: ReadonlyMap<string, CompiledCap>,
  priorities: ReadonlyMap<string, CompiledPriority>,
  calendars: ReadonlyMap<string, WorkCalendar>,
): TermRules {
  const termRules = (document.rules ?? []).filter((rule) => rule.then.outcome === 'terms');
  const overrides = termRules.map((rule): TermOverride => {
    const set = accepted(rule.then.set, 'terms rule');
    const percent = set.rebatePercent;
    const support = Object.entries(set.support ?? {}).map(([name, targets]) => {
      const own = accepted(priorities.get(name), 'priority');
      const target = (kind: 'action' | 'response'): { [K in typeof kind]?: CompiledTarget } => {
        const written = targets[kind];
        if (!written) return {};
        const calendar = written.calendar === undefined ? own[kind].calendar : accepted(calendars.get(written.calendar), 'calendar');
        return { [kind]: { minutes: accepted(readTargetMinutes(written.within), 'target'), calendar } };
      };
      return [name, { ...target('action'), ...target('response') }] as const;
    });
    return {
      rule: rule.id,
      clause: rule.clause,
      rebatePercent: percent === undefined ? undefined : { ...(percent.add === undefined ? {} : { add: exactDecimal(percent.add) }), ...(percent.atLeast === undefined ? {} : { atLeast: exactDecimal(percent.atLeast) }) },
      remedy: set.remedy,
      caps: new Map(Object.entries(set.caps ?? {}).map(([currency, amount]) => [currency, compiledCap(currency, exactDecimal(amount), accepted(caps.get(currency), 'cap').digits)])),
      support: new Map(support),
    };
  });
  const rules: RuleProperties[] = termRules.map((rule, index) => ({
    name: `terms-${rule.id}`,
    conditions: asTopLevel(rule.when),
    event: { type: TERMS_EVENT, params: { index, rule: rule.id } },
  }));
  return { ruleSet: new RuleSet(rules), overrides };
}

/** json-rules-engine wants all, any or not at the top; a single test is read as all of one. */
function asTopLevel(when: unknown): TopLevelCondition {
  const node = when as Record<string, unknown>;
  return ('all' in node || 'any' in node || 'not' in node ? node : { all: [node] }) as TopLevelCondition;
}
