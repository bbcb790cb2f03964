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
} as const;

/** Facts with attributes, which a condition's `path` may read into. */
export const factsWithAttributes: ReadonlySet<string> = new Set<keyof typeof ruleFacts>(['account']);

/** Comparisons that json-rules-engine runs on numbers; ours decide them in exact decimals. */
export const numericOperators = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;

export const ruleOperators: readonly string[] = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', ...numericOperators];
