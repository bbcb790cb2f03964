import type { RuleProperties } from 'json-rules-engine';
import type { CompiledPriority } from './compiled-policy.js';
import { RuleSet } from './rule-set.js';

export const targetKinds = ['action', 'response'] as const;
export type TargetKind = (typeof targetKinds)[number];
export type TargetStatus = 'met' | 'breached' | 'pending';

export interface SupportRules {
  /** Which targets a ticket's priority carries (fact: priority). */
  readonly targets: RuleSet;
  /**
   * The status of each target, from facts computed exactly beforehand:
   * `<kind>Done` (it happened), `<kind>OnTime` (at or before the due time),
   * `<kind>PastDue` (not done, and asOf is after the due time).
   */
  readonly status: RuleSet;
}

export function compileSupportRules(priorities: ReadonlyMap<string, CompiledPriority>): SupportRules {
  const targets: RuleProperties[] = [...priorities.values()].map((priority) => ({
    name: `priority-${priority.name}`,
    conditions: { all: [{ fact: 'priority', operator: 'equal', value: priority.name }] },
    event: { type: 'targets', params: { priority: priority.name } },
  }));
  const status = targetKinds.flatMap((kind): RuleProperties[] => {
    const rule = (name: string, outcome: TargetStatus, done: boolean, fact: string, value: boolean): RuleProperties => ({
      name: `${kind}-${name}`,
      conditions: { all: [{ fact: `${kind}Done`, operator: 'equal', value: done }, { fact: `${kind}${fact}`, operator: 'equal', value }] },
      event: { type: 'status', params: { kind, status: outcome } },
    });
    return [rule('met', 'met', true, 'OnTime', true), rule('late', 'breached', true, 'OnTime', false), rule('overdue', 'breached', false, 'PastDue', true), rule('pending', 'pending', false, 'PastDue', false)];
  });
  return { targets: new RuleSet(targets), status: new RuleSet(status) };
}
