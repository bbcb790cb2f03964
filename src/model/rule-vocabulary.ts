// What legal's extra rules may test: the facts the evaluator provides to every
// rebate decision, and the operators that compare them.

export const ruleFacts = {
  account: 'the free-form attributes the calling service sends in facts.account (read one with path, e.g. $.plan)',
  period: 'the service period, YYYY-MM',
  currency: 'the currency of the charges',
  chargesAmount: 'the charges for the period, as a decimal',
  downtimeMinutes: 'the counted downtime in whole minutes',
  uptimePercent: 'the exact monthly uptime percentage',
  rebatePercent: 'the rebate percentage the period earns (0 when none)',
  claimStatus: 'missing, premature, in-window or late',
  incidentCount: 'how many incidents the request lists',
  priority: 'the priority of a ticket (only in rules with outcome terms, which judge each ticket)',
} as const;

/**
 * The facts a rule with outcome `terms` may read: who the customer is and what
 * is charged, never what happened in the month. Terms that depended on downtime
 * could pay less as downtime grows; the tiers are the place for that.
 */
export const termsRuleFacts: ReadonlySet<string> = new Set<keyof typeof ruleFacts>(['account', 'period', 'currency', 'chargesAmount', 'priority']);

/** Facts only ticket terms have. */
export const ticketOnlyFacts: ReadonlySet<string> = new Set<keyof typeof ruleFacts>(['priority']);

/** Facts with attributes, which a condition's `path` may read into. */
export const factsWithAttributes: ReadonlySet<string> = new Set<keyof typeof ruleFacts>(['account']);

/** Comparisons that json-rules-engine runs on numbers; ours decide them in exact decimals. */
export const numericOperators = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;

export const ruleOperators: readonly string[] = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', ...numericOperators];
