import { problem } from '../../errors/problem.js';
import type { Problem } from '../../errors/problem.js';
import { exactDecimal, MAX_PERCENT_DECIMALS } from '../../model/values.js';
import type { PolicyCheck } from './check.js';

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
        `the tiers are listed from the lowest threshold (${first?.uptimeBelow}) to the highest (${last?.uptimeBelow}); list them the other way round, from uptimeBelow: ${last?.uptimeBelow} down to uptimeBelow: ${first?.uptimeBelow}`,
        ['rebate', 'tiers'],
      ),
    ];
  }
  tiers.forEach((tier, index) => {
    for (const key of ['uptimeBelow', 'rebatePercent'] as const) {
      if (exactDecimal(tier[key]).decimalPlaces() > MAX_PERCENT_DECIMALS) {
        problems.push(problem('NUMBER_TOO_PRECISE', `${tier[key]} has more than ${MAX_PERCENT_DECIMALS} decimals`, ['rebate', 'tiers', index, key]));
      }
    }
    const before = tiers[index - 1];
    if (!before) return;
    if (!exactDecimal(tier.uptimeBelow).lessThan(exactDecimal(before.uptimeBelow))) {
      problems.push(problem('TIERS_NOT_ORDERED', `this tier's threshold ${tier.uptimeBelow} must be lower than the one above it (${before.uptimeBelow}); list tiers from the highest threshold to the lowest`, ['rebate', 'tiers', index, 'uptimeBelow']));
    }
    if (!exactDecimal(tier.rebatePercent).greaterThan(exactDecimal(before.rebatePercent))) {
      problems.push(problem('REBATE_NOT_GROWING', `this tier pays ${tier.rebatePercent}%, but a lower uptime must pay more than the tier above it (${before.rebatePercent}%)`, ['rebate', 'tiers', index, 'rebatePercent']));
    }
  });
  return problems;
};
