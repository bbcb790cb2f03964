import { problem } from '../../errors/problem.js';
import type { Problem } from '../../errors/problem.js';
import { exactDecimal, minorUnitDigits } from '../../model/values.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';

export const checkCaps: PolicyCheck = (policy) => {
  const problems: Problem[] = [];
  for (const [currency, cap] of Object.entries(policy.rebate.caps)) {
    const digits = minorUnitDigits(currency);
    if (digits === null) {
      problems.push(problem('UNKNOWN_CURRENCY', text('policy.unknownCurrency', { currency }), ['rebate', 'caps', currency], true));
    } else if (exactDecimal(cap).decimalPlaces() > digits) {
      problems.push(problem('CAP_TOO_PRECISE', text('policy.capTooPrecise', { cap, currency, digits }), ['rebate', 'caps', currency]));
    }
  }
  return problems;
};
