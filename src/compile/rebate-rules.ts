import { Decimal } from 'decimal.js';
import type { Almanac, RuleProperties, TopLevelCondition } from 'json-rules-engine';
import type { PolicyDocument } from '../model/policy-document.js';
import { ExactDecimal } from '../model/values.js';
import type { CompiledCap, CompiledTier } from './compiled-policy.js';
import { firedEvents, RuleSet } from './rule-set.js';

/** Tier rules run first; the facts derived from the tier, and every rule reading them, after. */
const TIER_PRIORITY = 2;
const OUTCOME_PRIORITY = 1;

/** Why a rebate is not payable, from the claim rules; extra rules bring codes of their own. */
export const claimReasonCodes = { missing: 'NO_CLAIM', premature: 'CLAIM_PREMATURE', late: 'CLAIM_LATE' } as const;
export const NO_REBATE_EARNED = 'NO_REBATE_EARNED';

export type ClaimStatus = keyof typeof claimReasonCodes | 'in-window';

export interface OutcomeEventParams {
  readonly code: string;
  readonly message?: string;
  readonly rule?: string;
  readonly clause?: string;
}

/** The most severe tier that fired, if any. */
export function earnedTier(tiers: readonly CompiledTier[], almanac: Almanac): CompiledTier | undefined {
  let earned: CompiledTier | undefined;
  for (const event of firedEvents(almanac)) {
    if (event.type !== 'tier') continue;
    const tier = tiers[Number(event.params?.['index'])];
    if (tier && (!earned || tier.index > earned.index)) earned = tier;
  }
  return earned;
}

export function rebateAmount(charges: Decimal, percent: Decimal, digits: number): Decimal {
  return charges.times(percent).dividedBy(100).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
}

/** The policy's rebate terms as json-rules-engine rules, with the facts derived from the tier. */
export function compileRebateRules(document: PolicyDocument, tiers: readonly CompiledTier[], caps: ReadonlyMap<string, CompiledCap>): RuleSet {
  const rules: RuleProperties[] = [
    ...tiers.map((tier) => ({
      name: `rebate-tier-${tier.index + 1}`,
      priority: TIER_PRIORITY,
      conditions: { all: [{ fact: 'uptimePercent', operator: 'lessThan', value: tier.uptimeBelow.toString() }] },
      event: { type: 'tier', params: { index: tier.index } },
    })),
    {
      name: 'no-rebate-earned',
      priority: OUTCOME_PRIORITY,
      conditions: { all: [{ fact: 'rebatePercent', operator: 'lessThanInclusive', value: 0 }] },
      event: { type: 'ineligible', params: { code: NO_REBATE_EARNED } },
    },
    ...Object.entries(claimReasonCodes).map(([status, code]) => ({
      name: `claim-${status}`,
      priority: OUTCOME_PRIORITY,
      conditions: { all: [{ fact: 'claimStatus', operator: 'equal', value: status }] },
      event: { type: 'ineligible', params: { code, ...(document.claim.clause ? { clause: document.claim.clause } : {}) } },
    })),
    ...[...caps.values()].map((cap) => ({
      name: `cap-${cap.currency}`,
      priority: OUTCOME_PRIORITY,
      conditions: {
        all: [
          { fact: 'currency', operator: 'equal', value: cap.currency },
          { fact: 'rebateAmount', operator: 'greaterThan', value: cap.amount.toFixed(cap.digits) },
        ],
      },
      event: { type: 'cap', params: { currency: cap.currency } },
    })),
    ...(document.rules ?? []).map((rule) => ({
      name: `rule-${rule.id}`,
      priority: OUTCOME_PRIORITY,
      conditions: rule.when as TopLevelCondition,
      event: { type: rule.then.outcome, params: { code: rule.then.code, message: rule.then.message, rule: rule.id, ...(rule.clause ? { clause: rule.clause } : {}) } },
    })),
  ];

  return new RuleSet(rules, {
    rebatePercent: (_params, almanac) => earnedTier(tiers, almanac)?.rebatePercent ?? new ExactDecimal(0),
    rebateAmount: async (_params, almanac) => {
      const [charges, currency, percent] = await Promise.all([
        almanac.factValue<Decimal | undefined>('chargesAmount'),
        almanac.factValue<string | undefined>('currency'),
        almanac.factValue<Decimal>('rebatePercent'),
      ]);
      const cap = currency === undefined ? undefined : caps.get(currency);
      return charges && cap ? rebateAmount(charges, percent, cap.digits) : undefined;
    },
  });
}
