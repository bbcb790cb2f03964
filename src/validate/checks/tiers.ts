import { problem } from '../../errors/problem.js';
import type { Problem } from '../../errors/problem.js';
import { exactDecimal, MAX_PERCENT_DECIMALS } from '../../model/values.js';
import type { PolicyCheck } from './check.js';

export const checkTiers: PolicyCheck = (policy) => {
  const problems: Problem[] = [];
  const tiers = policy.rebate.tiers;
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
