import type { RuleProperties } from 'json-rules-engine';
import type { CompiledPriority } from './compiled-policy.js';
import { firedEvents, RuleSet } from './rule-set.js';

export const targetKinds = ['action', 'response'] as const;
export type TargetKind = (typeof targetKinds)[number];
export type TargetStatus = 'met' | 'breached' | 'pending';

const TARGET_PRIORITY = 2;
const STATUS_PRIORITY = 1;

/**
 * A ticket's targets as rules: the priority's rule picks its targets (policy data),
 * the due times are derived from them on the target's calendar, and the status
 * rules compare the ticket's events with the due times.
 * Facts: priority, openedAt, actionAt, responseAt, asOf (epoch milliseconds, null when not yet).
 */
export function compileSupportRules(priorities: ReadonlyMap<string, CompiledPriority>): RuleSet {
  const rules: RuleProperties[] = [...priorities.values()].map((priority) => ({
    name: `priority-${priority.name}`,
    priority: TARGET_PRIORITY,
    conditions: { all: [{ fact: 'priority', operator: 'equal', value: priority.name }] },
    event: { type: 'targets', params: { priority: priority.name } },
  }));
  for (const kind of targetKinds) {
    const at = `${kind}At`;
    const due = { fact: `${kind}DueAt` };
    const status = (name: TargetStatus, rule: string, conditions: RuleProperties['conditions']): RuleProperties => ({
      name: `${kind}-${rule}`,
      priority: STATUS_PRIORITY,
      conditions,
      event: { type: 'status', params: { kind, status: name } },
    });
    rules.push(
      status('met', 'met', { all: [{ fact: at, operator: 'notEqual', value: null }, { fact: at, operator: 'lessThanInclusive', value: due }] }),
      status('breached', 'late', { all: [{ fact: at, operator: 'notEqual', value: null }, { fact: at, operator: 'greaterThan', value: due }] }),
      status('breached', 'overdue', { all: [{ fact: at, operator: 'equal', value: null }, { fact: 'asOf', operator: 'greaterThan', value: due }] }),
      status('pending', 'pending', { all: [{ fact: at, operator: 'equal', value: null }, { fact: 'asOf', operator: 'lessThanInclusive', value: due }] }),
    );
  }

  const dueAt = (kind: TargetKind) => async (_params: Record<string, unknown>, almanac: Parameters<typeof firedEvents>[0]) => {
    const chosen = firedEvents(almanac).find((event) => event.type === 'targets');
    const priority = priorities.get(String(chosen?.params?.['priority']));
    if (!priority) return undefined;
    const openedAt = await almanac.factValue<number>('openedAt');
    return priority[kind].calendar.addWorkingMinutes(openedAt, priority[kind].minutes);
  };
  return new RuleSet(rules, { actionDueAt: dueAt('action'), responseDueAt: dueAt('response') });
}
