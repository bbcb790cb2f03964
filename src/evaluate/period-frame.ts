import { LRUCache } from 'lru-cache';
import type { CompiledPolicy } from '../compile/compiled-policy.js';
import { claimWindow } from './claim.js';
import { formatInstant, monthInterval } from './instants.js';
import type { Interval } from './instants.js';

/** What every decision on a service period shows of it: its bounds, its claim window, and both as text. */
export interface PeriodFrame {
  readonly month: Interval;
  readonly window: Interval;
  readonly monthStart: string;
  readonly monthEnd: string;
  readonly opensAt: string;
  readonly closesAt: string;
}

/** Periods remembered per policy version: a month-end run touches one or two. */
const MAX_PERIODS = 1024;
const frames = new WeakMap<CompiledPolicy, LRUCache<string, PeriodFrame>>();

/** The frame of a period under a policy, worked out once per period rather than once per decision. */
export function periodFrame(policy: CompiledPolicy, period: string): PeriodFrame {
  let known = frames.get(policy);
  if (!known) {
    known = new LRUCache({ max: MAX_PERIODS });
    frames.set(policy, known);
  }
  let frame = known.get(period);
  if (!frame) {
    const zone = policy.periodZone;
    const month = monthInterval(period, zone);
    const window = claimWindow(policy, month);
    frame = { month, window, monthStart: formatInstant(month.start, zone), monthEnd: formatInstant(month.end, zone), opensAt: formatInstant(window.start, zone), closesAt: formatInstant(window.end, zone) };
    known.set(period, frame);
  }
  return frame;
}
