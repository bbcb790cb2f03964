import { problem } from '../../errors/problem.js';
import type { PolicyCheck } from './check.js';
import { text } from '../../messages/text.js';

export const checkCauses: PolicyCheck = (policy) => {
  const counted = new Set(policy.downtime.countedCauses);
  return policy.downtime.excludedCauses.flatMap((cause, index) =>
    counted.has(cause)
      ? [problem('CAUSE_COUNTED_AND_EXCLUDED', text('policy.causeCountedAndExcluded', { cause }), ['downtime', 'excludedCauses', index])]
      : [],
  );
};
