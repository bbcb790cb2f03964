import { problem } from '../../errors/problem.js';
import type { JsonPath, Problem } from '../../errors/problem.js';
import { factsWithAttributes, ruleFacts, ruleOperators } from '../../model/rule-vocabulary.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';

const branchKeys = ['all', 'any', 'not'] as const;

function checkCondition(condition: unknown, path: JsonPath): Problem[] {
  const node = condition as Record<string, unknown>;
  const branches = branchKeys.filter((key) => key in node);
  const isTest = 'fact' in node || 'operator' in node || 'value' in node || 'path' in node;
  if (branches.length + (isTest ? 1 : 0) !== 1) {
    return [problem('SCHEMA_INVALID_VALUE', text('policy.conditionShape'), path)];
  }
  const [branch] = branches;
  if (branch === 'not') return checkCondition(node['not'], [...path, 'not']);
  if (branch) return (node[branch] as unknown[]).flatMap((child, index) => checkCondition(child, [...path, branch, index]));

  const problems: Problem[] = [];
  for (const key of ['fact', 'operator', 'value']) {
    if (!(key in node)) problems.push(problem('SCHEMA_MISSING_KEY', text('policy.testMissingKey', { key }), path, true));
  }
  const fact = node['fact'];
  if (typeof fact === 'string' && !Object.hasOwn(ruleFacts, fact)) {
    problems.push(problem('RULE_UNKNOWN_FACT', text('policy.unknownFact', { fact, known: Object.keys(ruleFacts).join(', ') }), [...path, 'fact']));
  }
  if (typeof fact === 'string' && 'path' in node && !factsWithAttributes.has(fact)) {
    problems.push(problem('RULE_PATH_NOT_ALLOWED', text('policy.pathNotAllowed', { fact }), [...path, 'path']));
  }
  const operator = node['operator'];
  if (typeof operator === 'string' && !ruleOperators.includes(operator)) {
    problems.push(problem('RULE_UNKNOWN_OPERATOR', text('policy.unknownOperator', { operator, known: ruleOperators.join(', ') }), [...path, 'operator']));
  }
  return problems;
}

export const checkRules: PolicyCheck = (policy) => {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  (policy.rules ?? []).forEach((rule, index) => {
    if (seen.has(rule.id)) problems.push(problem('RULE_DUPLICATE_ID', text('policy.ruleDuplicateId', { id: rule.id }), ['rules', index, 'id']));
    seen.add(rule.id);
    problems.push(...checkCondition(rule.when, ['rules', index, 'when']));
  });
  return problems;
};
