// What legal's extra rules may test: the facts the evaluator provides to every
// rebate decision, and the operators that compare them. Each has the value the
// decision reports (docs/legal-guide.md lists them; a test keeps the two together).

export const ruleFacts = {
  account: 'the free-form attributes the calling service sends in facts.account (read one with path, e.g. $.plan); not in the decision',
  period: 'the service period, YYYY-MM, as in rebate.period',
  currency: 'the currency of the charges, as in rebate.currency (absent without charges)',
  chargesAmount: 'the charges for the period, as the request sends them (absent without charges)',
  downtimeMinutes: 'the counted downtime in whole minutes, as in rebate.downtimeMinutes (it may exceed the minutes of the measured month)',
  uptimePercent: 'the monthly uptime percentage, exact; rebate.uptimePercent shows it rounded to 4 decimals',
  rebatePercent: 'the rebate percentage the period earns (0 when none), as in rebate.rebatePercent',
  claimStatus: 'missing, premature, in-window or late: whether the claim was filed in the window rebate.claimWindow shows',
  incidentCount: 'how many incidents the request lists, as rebate.incidents does',
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
