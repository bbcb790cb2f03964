import { problem } from '../../errors/problem.js';
import type { PolicyCheck } from './check.js';

export const checkCauses: PolicyCheck = (policy) => {
  const counted = new Set(policy.downtime.countedCauses);
  return policy.downtime.excludedCauses.flatMap((cause, index) =>
    counted.has(cause)
      ? [problem('CAUSE_COUNTED_AND_EXCLUDED', `the cause "${cause}" is listed both as counted and as excluded; keep it in one list`, ['downtime', 'excludedCauses', index])]
      : [],
  );
};
