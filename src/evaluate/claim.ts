import { DateTime } from 'luxon';
import type { CompiledPolicy } from '../compile/compiled-policy.js';
import type { ClaimStatus } from '../compile/rebate-rules.js';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES } from '../model/byte-bounded-memo.js';
import type { Interval } from './instants.js';

const windows = new WeakMap<CompiledPolicy, ByteBoundedMemo<number, Interval>>();
/** Claim windows remembered per policy version: a number key and an interval per entry. */
const WINDOWS_BYTES = 1024 * 1024;

/** The claim window of a period: it opens a set time after the period ends and closes just before its end instant. */
export function claimWindow(policy: CompiledPolicy, period: Interval): Interval {
  let known = windows.get(policy);
  if (!known) {
    known = new ByteBoundedMemo<number, Interval>(WINDOWS_BYTES, () => 24 + 2 * ENTRY_OVERHEAD_BYTES);
    windows.set(policy, known);
  }
  return known.getOrCompute(period.end, () => {
    const opens = DateTime.fromMillis(period.end, { zone: policy.periodZone }).plus(policy.claim.opensAfterPeriodEnd);
    return { start: opens.toMillis(), end: opens.plus(policy.claim.windowLength).toMillis() };
  });
}

export function claimStatus(filedAt: number | null, window: Interval): ClaimStatus {
  if (filedAt === null) return 'missing';
  if (filedAt < window.start) return 'premature';
  return filedAt < window.end ? 'in-window' : 'late';
}
