import { problem } from '../../errors/problem.js';
import type { JsonPath, Problem } from '../../errors/problem.js';
import type { PolicyDocument } from '../../model/policy-document.js';
import { termsRuleFacts, ticketOnlyFacts } from '../../model/rule-vocabulary.js';
import { exactDecimal, MAX_PERCENT_DECIMALS, minorUnitDigits, readTargetMinutes } from '../../model/values.js';
import type { PolicyCheck } from './check.js';

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
    if (terms && !termsRuleFacts.has(fact)) {
      return [problem('RULE_FACT_NOT_ALLOWED', `a rule with outcome terms sets terms for who the customer is, not for what happened; it cannot read "${fact}" (it may read: ${[...termsRuleFacts].join(', ')}); use the rebate tiers for terms that depend on downtime`, path)];
    }
    if (!terms && ticketOnlyFacts.has(fact)) {
      return [problem('RULE_FACT_NOT_ALLOWED', `"${fact}" is a fact of tickets; only a rule with outcome terms (setting support targets) can read it`, path)];
    }
    return [];
  });
}

function checkSet(policy: PolicyDocument, rule: Rule, at: JsonPath): Problem[] {
  const set = rule.then.set;
  if (rule.then.outcome !== 'terms' || !set) return [];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(set.rebatePercent ?? {})) {
    if (exactDecimal(value).decimalPlaces() > MAX_PERCENT_DECIMALS) problems.push(problem('NUMBER_TOO_PRECISE', `${value} has more than ${MAX_PERCENT_DECIMALS} decimals`, [...at, 'set', 'rebatePercent', key]));
  }
  for (const [currency, amount] of Object.entries(set.caps ?? {})) {
    const path = [...at, 'set', 'caps', currency];
    const digits = minorUnitDigits(currency);
    if (!Object.hasOwn(policy.rebate.caps, currency)) {
      problems.push(problem('TERMS_CURRENCY_NOT_CAPPED', `the policy has no cap for ${currency}, so a rule cannot change it; add ${currency} under rebate.caps first (capped now: ${Object.keys(policy.rebate.caps).join(', ')})`, path, true));
    } else if (digits !== null && exactDecimal(amount).decimalPlaces() > digits) {
      problems.push(problem('CAP_TOO_PRECISE', `the cap ${amount} ${currency} has more than the ${digits} decimals ${currency} has`, path));
    }
  }
  for (const [priority, targets] of Object.entries(set.support ?? {})) {
    const path = [...at, 'set', 'support', priority];
    if (!Object.hasOwn(policy.support.priorities, priority)) {
      problems.push(problem('TERMS_UNKNOWN_PRIORITY', `"${priority}" is not a priority of the policy; known priorities: ${Object.keys(policy.support.priorities).join(', ')}`, path, true));
      continue;
    }
    for (const kind of ['action', 'response'] as const) {
      const target = targets[kind];
      if (!target) continue;
      if (readTargetMinutes(target.within) === null) {
        problems.push(problem('INVALID_DURATION', `${JSON.stringify(target.within)} is not a target in hours and minutes; write for example PT15M, PT4H or PT1H30M`, [...path, kind, 'within']));
      }
      if (target.calendar !== undefined && !Object.hasOwn(policy.calendars, target.calendar)) {
        problems.push(problem('CALENDAR_UNDEFINED', `the calendar "${target.calendar}" is not defined under calendars (defined: ${Object.keys(policy.calendars).join(', ')})`, [...path, kind, 'calendar']));
      }
    }
  }
  return problems;
}

/** Rules that set terms: what they may read, and that what they set is a term the policy has. */
export const checkRuleTerms: PolicyCheck = (policy) => (policy.rules ?? []).flatMap((rule, index) => [...checkFacts(rule, ['rules', index]), ...checkSet(policy, rule, ['rules', index, 'then'])]);
