import { decimal, named } from '../format.js';
import { t } from '../i18n.js';

type Condition = Record<string, unknown>;

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'number') return decimal(value);
  return typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
}

/** An extra rule's condition in words: "uptime is below 99.5 and account plan is “trial”". */
export function describeCondition(condition: unknown): string {
  if (condition === null || typeof condition !== 'object') return JSON.stringify(condition);
  const { all, any, not, fact, path, operator, value } = condition as Condition;
  if (Array.isArray(all)) return all.map((part) => describeCondition(part)).join(` ${t('rule.and')} `);
  if (Array.isArray(any)) return `(${any.map((part) => describeCondition(part)).join(` ${t('rule.or')} `)})`;
  if (not !== undefined) return t('rule.not', { condition: describeCondition(not) });
  const subject = named('fact', String(fact)) + (typeof path === 'string' ? ` ${path.replace(/^\$\.?/, '')}` : '');
  return `${subject} ${named('operator', String(operator))} ${valueText(value)}`;
}
