import { problem } from '../../errors/problem.js';
import type { JsonPath, Problem } from '../../errors/problem.js';
import type { PolicyDocument } from '../../model/policy-document.js';
import { ruleFacts, termsRuleFacts, ticketOnlyFacts } from '../../model/rule-vocabulary.js';
import { exactDecimal, MAX_PERCENT_DECIMALS, minorUnitDigits, readTargetMinutes } from '../../model/values.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';

type Rule = NonNullable<PolicyDocument['rules']>[number];

/** Every fact a condition reads, with the path of its `fact` key. */
function factsRead(condition: unknown, path: JsonPath): { fact: string; path: JsonPath }[] {
  if (Array.isArray(condition)) return condition.flatMap((child, index) => factsRead(child, [...path, index]));
  if (condition === null || typeof condition !== 'object') return [];
  const node = condition as Record<string, unknown>;
  const own = typeof node['fact'] === 'string' ? [{ fact: node['fact'], path: [...path, 'fact'] }] : [];
  return [...own, ...(['all', 'any', 'not'] as const).flatMap((key) => (key in node ? factsRead(node[key], [...path, key]) : []))];
}

function checkFacts(rule: Rule, at: JsonPath): Problem[] {
  const terms = rule.then.outcome === 'terms';
  return factsRead(rule.when, [...at, 'when']).flatMap(({ fact, path }) => {
    if (!Object.hasOwn(ruleFacts, fact)) return []; // an unknown fact is reported once, by checkRules
    if (terms && !termsRuleFacts.has(fact)) {
      return [problem('RULE_FACT_NOT_ALLOWED', text('policy.termsRuleFact', { fact, allowed: [...termsRuleFacts].join(', ') }), path)];
    }
    if (!terms && ticketOnlyFacts.has(fact)) {
      return [problem('RULE_FACT_NOT_ALLOWED', text('policy.ticketOnlyFact', { fact }), path)];
    }
    return [];
  });
}

function checkSet(policy: PolicyDocument, rule: Rule, at: JsonPath): Problem[] {
  const set = rule.then.set;
  if (rule.then.outcome !== 'terms' || !set) return [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(set.rebatePercent ?? {})) {
    if (exactDecimal(value).decimalPlaces() > MAX_PERCENT_DECIMALS) problems.push(problem('NUMBER_TOO_PRECISE', text('policy.numberTooPrecise', { value, max: MAX_PERCENT_DECIMALS }), [...at, 'set', 'rebatePercent', key]));
  }
  for (const [currency, amount] of Object.entries(set.caps ?? {})) {
    const path = [...at, 'set', 'caps', currency];
    const digits = minorUnitDigits(currency);
    if (!Object.hasOwn(policy.rebate.caps, currency)) {
      problems.push(problem('TERMS_CURRENCY_NOT_CAPPED', text('policy.termsCurrencyNotCapped', { currency, capped: Object.keys(policy.rebate.caps).join(', ') }), path, true));
    } else if (digits !== null && exactDecimal(amount).decimalPlaces() > digits) {
      problems.push(problem('CAP_TOO_PRECISE', text('policy.capTooPrecise', { cap: amount, currency, digits }), path));
    }
  }
  for (const [priority, targets] of Object.entries(set.support ?? {})) {
    const path = [...at, 'set', 'support', priority];
    if (!Object.hasOwn(policy.support.priorities, priority)) {
      problems.push(problem('TERMS_UNKNOWN_PRIORITY', text('policy.termsUnknownPriority', { priority, known: Object.keys(policy.support.priorities).join(', ') }), path, true));
      continue;
    }
    for (const kind of ['action', 'response'] as const) {
      const target = targets[kind];
      if (!target) continue;
      if (readTargetMinutes(target.within) === null) {
        problems.push(problem('INVALID_DURATION', text('policy.invalidTarget', { value: JSON.stringify(target.within), fix: text('policy.fix.targetExamples') }), [...path, kind, 'within']));
      }
      if (target.calendar !== undefined && !Object.hasOwn(policy.calendars, target.calendar)) {
        problems.push(problem('CALENDAR_UNDEFINED', text('policy.calendarUndefined', { calendar: target.calendar, defined: Object.keys(policy.calendars).join(', ') }), [...path, kind, 'calendar']));
      }
    }
  }
  return problems;
}

/** Rules that set terms: what they may read, and that what they set is a term the policy has. */
export const checkRuleTerms: PolicyCheck = (policy) => (policy.rules ?? []).flatMap((rule, index) => [...checkFacts(rule, ['rules', index]), ...checkSet(policy, rule, ['rules', index, 'then'])]);
