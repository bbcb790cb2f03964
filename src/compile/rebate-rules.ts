import type { LocalizedText } from '../messages/localized.js';
import type { Event, RuleProperties, TopLevelCondition } from 'json-rules-engine';
import type { PolicyDocument } from '../model/policy-document.js';
import type { CompiledCap, CompiledTier } from './compiled-policy.js';
import { RuleSet } from './rule-set.js';

/** Why a rebate is not payable, from the claim rules; extra rules bring codes of their own. */
export const claimReasonCodes = { missing: 'NO_CLAIM', premature: 'CLAIM_PREMATURE', late: 'CLAIM_LATE' } as const;
export const NO_REBATE_EARNED = 'NO_REBATE_EARNED';

export type ClaimStatus = keyof typeof claimReasonCodes | 'in-window';

export interface OutcomeEventParams {
  readonly code: string;
  readonly message?: LocalizedText;
  readonly rule?: string;
  readonly clause?: LocalizedText;
}

/**
 * The rebate terms as rule sets, split by the facts they read, since each set's
 * outcomes are remembered by those facts' values (see RuleSet).
 */
export interface RebateRules {
  /** Which tiers the exact uptime falls below (fact: uptimePercent). */
  readonly tiers: RuleSet;
  /** Whether the earned amount is above the cap in force (facts: currency, rebateAmount, capAmount). */
  readonly cap: RuleSet;
  /** What keeps the earned rebate from being paid (facts: rebatePercent, claimStatus, and whatever legal's own rules read). */
  readonly outcome: RuleSet;
}

/** The most severe of the tiers whose rules fired. */
export function earnedTier(tiers: readonly CompiledTier[], events: readonly Event[]): CompiledTier | undefined {
  let earned: CompiledTier | undefined;
  for (const event of events) {
    const tier = event.type === 'tier' ? tiers[Number(event.params?.['index'])] : undefined;
    if (tier && (!earned || tier.index > earned.index)) earned = tier;
  }
  return earned;
}

/** Legal's own rules (`rules:` in the file), in their order, as json-rules-engine rules. */
export function legalRules(document: PolicyDocument): RuleProperties[] {
  return (document.rules ?? []).map((rule) => ({
    name: `rule-${rule.id}`,
    conditions: rule.when as TopLevelCondition,
    event: { type: rule.then.outcome, params: { code: rule.then.code, message: rule.then.message, rule: rule.id, ...(rule.clause ? { clause: rule.clause } : {}) } },
  }));
}

/** The policy's rebate terms as json-rules-engine rules. */
export function compileRebateRules(document: PolicyDocument, tiers: readonly CompiledTier[], capsInForce: readonly CompiledCap[]): RebateRules {
  const tierRules: RuleProperties[] = tiers.map((tier) => ({
    name: `rebate-tier-${tier.index + 1}`,
    conditions: { all: [{ fact: 'uptimePercent', operator: 'lessThan', value: tier.uptimeBelow.toString() }] },
    event: { type: 'tier', params: { index: tier.index } },
  }));
  const claimClause = document.claim.clause ? { clause: document.claim.clause } : {};
  const outcomeRules: RuleProperties[] = [
    {
      name: 'no-rebate-earned',
      conditions: { all: [{ fact: 'rebatePercent', operator: 'lessThanInclusive', value: 0 }] },
      event: { type: 'ineligible', params: { code: NO_REBATE_EARNED } },
    },
    ...Object.entries(claimReasonCodes).map(([status, code]) => ({
      name: `claim-${status}`,
      conditions: { all: [{ fact: 'claimStatus', operator: 'equal', value: status }] },
      event: { type: 'ineligible', params: { code, ...claimClause } },
    })),
    ...legalRules(document).filter((rule) => rule.event.type !== 'terms'),
  ];
  // One rule per cap that can be in force (the policy's, and each one a rule with outcome terms sets),
  // compared with that cap as a constant, so the outcome is remembered by which side of it an amount falls.
  const capRules: RuleProperties[] = capsInForce.map((cap) => {
    const amount = cap.amount.toFixed(cap.digits);
    return {
      name: `cap-${cap.currency}-${amount}`,
      conditions: {
        all: [
          { fact: 'currency', operator: 'equal', value: cap.currency },
          { fact: 'capAmount', operator: 'equal', value: amount },
          { fact: 'rebateAmount', operator: 'greaterThan', value: amount },
        ],
      },
      event: { type: 'cap', params: { currency: cap.currency } },
    };
  });
  return { tiers: new RuleSet(tierRules), cap: new RuleSet(capRules), outcome: new RuleSet(outcomeRules) };
}
