import { problem } from '../../errors/problem.js';
import type { JsonPath, Problem } from '../../errors/problem.js';
import { parseMemberPath } from '../../model/member-path.js';
import { factsWithAttributes, ruleFacts, ruleOperators } from '../../model/rule-vocabulary.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';

const branchKeys = ['all', 'any', 'not'] as const;

/** The fact a test reads (or a value refers to) and the path into it. */
function checkFactRead(node: Record<string, unknown>, path: JsonPath): Problem[] {
  const problems: Problem[] = [];
  const fact = node['fact'];
  if (typeof fact === 'string' && !Object.hasOwn(ruleFacts, fact)) {
    // One line for one misspelling: what a fact it is not may read follows from what it is.
    return [problem('RULE_UNKNOWN_FACT', text('policy.unknownFact', { fact, known: Object.keys(ruleFacts).join(', ') }), [...path, 'fact'])];
  }
  if (typeof fact === 'string' && 'path' in node && !factsWithAttributes.has(fact)) {
    problems.push(problem('RULE_PATH_NOT_ALLOWED', text('policy.pathNotAllowed', { fact }), [...path, 'path']));
  }
  const attribute = node['path'];
  if ('path' in node && (typeof attribute !== 'string' || parseMemberPath(attribute) === null)) {
    problems.push(problem('RULE_PATH_INVALID', text('policy.pathInvalid', { path: String(JSON.stringify(attribute)) }), [...path, 'path']));
  }
  return problems;
}

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
  problems.push(...checkFactRead(node, path));
  const operator = node['operator'];
  if (typeof operator === 'string' && !ruleOperators.includes(operator)) {
    problems.push(problem('RULE_UNKNOWN_OPERATOR', text('policy.unknownOperator', { operator, known: ruleOperators.join(', ') }), [...path, 'operator']));
  }
  const value = node['value'];
  const factReference = typeof value === 'object' && value !== null && !Array.isArray(value) && 'fact' in value;
  // json-rules-engine reads a value of the form { fact, path } as another fact: check it as one.
  if (factReference) problems.push(...checkFactRead(value as Record<string, unknown>, [...path, 'value']));
  if ((operator === 'in' || operator === 'notIn') && 'value' in node && !Array.isArray(value) && !factReference) {
    problems.push(problem('SCHEMA_WRONG_TYPE', text('policy.operatorNeedsList', { operator: String(operator) }), [...path, 'value']));
  }
  return problems;
}

/** json-rules-engine refuses a rule whose condition does not start with all, any or not; say so at validation, where legal can fix it. */
function checkTopLevel(when: unknown, path: JsonPath): Problem[] {
  const node = when as Record<string, unknown>;
  return branchKeys.some((key) => key in node) ? [] : [problem('RULE_NOT_RUNNABLE', text('policy.conditionNotTopLevel'), path)];
}

export const checkRules: PolicyCheck = (policy) => {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  (policy.rules ?? []).forEach((rule, index) => {
    if (seen.has(rule.id)) problems.push(problem('RULE_DUPLICATE_ID', text('policy.ruleDuplicateId', { id: rule.id }), ['rules', index, 'id']));
    seen.add(rule.id);
    problems.push(...checkTopLevel(rule.when, ['rules', index, 'when']), ...checkCondition(rule.when, ['rules', index, 'when']));
  });
  return problems;
};
