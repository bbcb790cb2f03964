/**
 * Byte budgets of the memos that requests can fill with values of their own
 * choosing. The process sets them from its environment before policies are
 * compiled (RULE_MEMO_BYTES, RULE_MEMO_MAX_KEY_BYTES); an embedding caller may too.
 */
export interface MemoBudgets {
  /** Outcomes remembered per rule set. */
  readonly ruleOutcomeBytes: number;
  /** A rule run whose facts read more than this is run, not remembered (a large `account`, say). */
  readonly ruleKeyMaxBytes: number;
}

export const DEFAULT_MEMO_BUDGETS: MemoBudgets = { ruleOutcomeBytes: 4 * 1024 * 1024, ruleKeyMaxBytes: 4096 };

let current: MemoBudgets = DEFAULT_MEMO_BUDGETS;

export function memoBudgets(): MemoBudgets {
  return current;
}

/** Applies to rule sets compiled from now on (a reload compiles afresh). */
export function setMemoBudgets(budgets: Partial<MemoBudgets>): void {
  current = { ...current, ...budgets };
}
