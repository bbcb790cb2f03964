import { Decimal } from 'decimal.js';
import type { TraceEntry } from '../compile/rule-set.js';
import type { TraceItem } from '../model/evaluate-request.js';

/** One part of a decision (the rebate, or a ticket) with its explanation lines and rule trace. */
export interface PartResult<T> {
  readonly value: T;
  readonly explanation: readonly string[];
  readonly trace: readonly TraceItem[];
}

/** Rule results as plain JSON: exact decimals as strings, so a decision reads and compares byte for byte. */
export function toTrace(subject: string, entries: readonly TraceEntry[]): TraceItem[] {
  return entries.map((entry) => ({
    subject,
    rule: entry.rule,
    event: entry.event,
    conditions: entry.conditions.map((condition) => ({
      ...condition,
      value: plain(condition.value),
      factValue: plain(condition.factValue),
    })),
  }));
}

function plain(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return (value as Decimal).toString();
  return value === undefined ? null : value;
}
