import { problem } from '../../errors/problem.js';
import type { Problem } from '../../errors/problem.js';
import { exactDecimal, minorUnitDigits } from '../../model/values.js';
import type { PolicyCheck } from './check.js';

export const checkCaps: PolicyCheck = (policy) => {
  const problems: Problem[] = [];
  for (const [currency, cap] of Object.entries(policy.rebate.caps)) {
    const digits = minorUnitDigits(currency);
    if (digits === null) {
      problems.push(problem('UNKNOWN_CURRENCY', `"${currency}" is not an ISO 4217 currency code`, ['rebate', 'caps', currency], true));
    } else if (exactDecimal(cap).decimalPlaces() > digits) {
      problems.push(problem('CAP_TOO_PRECISE', `the cap ${cap} ${currency} has more than the ${digits} decimals ${currency} has`, ['rebate', 'caps', currency]));
    }
  }
  return problems;
};
