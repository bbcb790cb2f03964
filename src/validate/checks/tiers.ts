import { problem } from '../../errors/problem.js';
import type { Problem } from '../../errors/problem.js';
import { exactDecimal, MAX_PERCENT_DECIMALS } from '../../model/values.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';

type Tier = { readonly uptimeBelow: number; readonly rebatePercent: number };

/** Thresholds strictly falling and rebates strictly growing down the list. */
function inOrder(tiers: readonly Tier[]): boolean {
  return tiers.every((tier, index) => {
    const before = tiers[index - 1];
    return !before || (exactDecimal(tier.uptimeBelow).lessThan(exactDecimal(before.uptimeBelow)) && exactDecimal(tier.rebatePercent).greaterThan(exactDecimal(before.rebatePercent)));
  });
}

export const checkTiers: PolicyCheck = (policy) => {
  const problems: Problem[] = [];
  const tiers = policy.rebate.tiers;
  // A list written upside down is one mistake, not one per tier.
  if (tiers.length > 1 && inOrder([...tiers].reverse())) {
    const [first, last] = [tiers[0], tiers[tiers.length - 1]];
    return [
      problem(
        'TIERS_NOT_ORDERED',
        text('policy.tiersUpsideDown', { lowest: String(first?.uptimeBelow), highest: String(last?.uptimeBelow) }),
        ['rebate', 'tiers'],
      ),
    ];
  }
  tiers.forEach((tier, index) => {
    for (const key of ['uptimeBelow', 'rebatePercent'] as const) {
      if (exactDecimal(tier[key]).decimalPlaces() > MAX_PERCENT_DECIMALS) {
        problems.push(problem('NUMBER_TOO_PRECISE', text('policy.numberTooPrecise', { value: String(tier[key]), max: MAX_PERCENT_DECIMALS }), ['rebate', 'tiers', index, key]));
      }
    }
    const before = tiers[index - 1];
    if (!before) return;
    if (!exactDecimal(tier.uptimeBelow).lessThan(exactDecimal(before.uptimeBelow))) {
      problems.push(problem('TIERS_NOT_ORDERED', text('policy.tiersNotOrdered', { threshold: String(tier.uptimeBelow), above: String(before.uptimeBelow) }), ['rebate', 'tiers', index, 'uptimeBelow']));
    }
    if (!exactDecimal(tier.rebatePercent).greaterThan(exactDecimal(before.rebatePercent))) {
      problems.push(problem('REBATE_NOT_GROWING', text('policy.rebateNotGrowing', { percent: String(tier.rebatePercent), above: String(before.rebatePercent) }), ['rebate', 'tiers', index, 'rebatePercent']));
    }
  });
  return problems;
};
