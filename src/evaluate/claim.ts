import { DateTime } from 'luxon';
import type { CompiledPolicy } from '../compile/compiled-policy.js';
import type { ClaimStatus } from '../compile/rebate-rules.js';
import type { Interval } from './instants.js';

const MAX_REMEMBERED_PERIODS = 10_000;
const windows = new WeakMap<CompiledPolicy, Map<number, Interval>>();

/** The claim window of a period: it opens a set time after the period ends and closes just before its end instant. */
export function claimWindow(policy: CompiledPolicy, period: Interval): Interval {
  let known = windows.get(policy);
  if (!known) {
    known = new Map();
    windows.set(policy, known);
  }
  const remembered = known.get(period.end);
  if (remembered) return remembered;
  const opens = DateTime.fromMillis(period.end, { zone: policy.periodZone }).plus(policy.claim.opensAfterPeriodEnd);
  const window = { start: opens.toMillis(), end: opens.plus(policy.claim.windowLength).toMillis() };
  if (known.size >= MAX_REMEMBERED_PERIODS) known.clear();
  known.set(period.end, window);
  return window;
}

export function claimStatus(filedAt: number | null, window: Interval): ClaimStatus {
  if (filedAt === null) return 'missing';
  if (filedAt < window.start) return 'premature';
  return filedAt < window.end ? 'in-window' : 'late';
}
