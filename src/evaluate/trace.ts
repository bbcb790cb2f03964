import type { TraceEntry } from '../compile/rule-set.js';
import type { TraceItem } from '../model/evaluate-request.js';

/** One part of a decision (the rebate, or a ticket) with its explanation lines and rule trace. */
export interface PartResult<T> {
  readonly value: T;
  readonly explanation: readonly string[];
  readonly trace: readonly TraceItem[];
}

/** " (the clause)" to close an explanation line with its source in the agreement; nothing when the term cites none. */
export function cite(clause: string | undefined): string {
  return clause ? ` (${clause})` : '';
}

/** Rule results of one subject of the decision: the rebate, or ticket:<id>. */
export function toTrace(subject: string, entries: readonly TraceEntry[]): TraceItem[] {
  return entries.map((entry) => ({ subject, rule: entry.rule, event: entry.event, conditions: [...entry.conditions] }));
}
