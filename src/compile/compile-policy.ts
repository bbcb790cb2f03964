import type { Decimal } from 'decimal.js';
import { DateTime, Info } from 'luxon';
import type { Duration } from 'luxon';
import type { PolicyFile } from '../load/policy-files.js';
import type { PolicyDocument } from '../model/policy-document.js';
import { ExactRatio } from '../model/exact-ratio.js';
import { ExactDecimal, exactDecimal, minorUnitDigits, readDuration, readTargetMinutes } from '../model/values.js';
import type { CompiledCap, CompiledPolicy, CompiledPriority, CompiledTier } from './compiled-policy.js';
import { compileRebateRules } from './rebate-rules.js';
import { compileSupportRules } from './support-rules.js';
import { compileTermRules } from './term-overrides.js';
import type { TermRules } from './term-overrides.js';
import { compileWorkCalendar } from './work-calendar.js';
import { calendarHolidays } from './calendar-holidays.js';

/** Reads a value validation has already accepted; failing here is a bug, not bad input. */
function accepted<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`validated policy holds an unreadable ${what}`);
  return value;
}

/**
 * A notice period counted back from a window's start in the policy's zone. Where
 * every day has 24 hours (a fixed-offset zone) and the period has no months or
 * years, that is a fixed number of milliseconds, worked out once here.
 */
function noticeDeadline(zone: string, notice: Duration): (startMs: number) => number {
  const { years = 0, quarters = 0, months = 0 } = notice.toObject();
  if (Info.normalizeZone(zone)?.isUniversal && years === 0 && quarters === 0 && months === 0) {
    const noticeMs = notice.shiftTo('milliseconds').milliseconds;
    return (startMs) => startMs - noticeMs;
  }
  return (startMs) => DateTime.fromMillis(startMs, { zone }).minus(notice).toMillis();
}

/** Turns a validated policy document into the form evaluation runs on. */
export function compilePolicy(file: PolicyFile, document: PolicyDocument): CompiledPolicy {
  const tiers: CompiledTier[] = document.rebate.tiers.map((tier, index) => {
    const [uptimeBelow, rebatePercent] = [exactDecimal(tier.uptimeBelow), exactDecimal(tier.rebatePercent)];
    return {
      index,
      uptimeBelow,
      rebatePercent,
      uptimeBelowText: uptimeBelow.toString(),
      rebatePercentText: rebatePercent.toString(),
      rebatePercentRatio: accepted(ExactRatio.fromDecimalText(rebatePercent.toFixed()), 'rebate percentage'),
      remedy: tier.remedy,
      clause: tier.clause,
    };
  });
  const caps = new Map<string, CompiledCap>(
    Object.entries(document.rebate.caps).map(([currency, amount]) => {
      return [currency, compiledCap(currency, exactDecimal(amount), accepted(minorUnitDigits(currency), 'currency'))];
    }),
  );
  // Recurring public holidays become dates of the calendar's holidays list, which the work calendar reads as ever.
  const holidays = new Map(Object.entries(document.calendars).map(([name, calendar]) => [name, calendarHolidays(calendar, document.effectiveFrom)]));
  const calendars = new Map(Object.entries(document.calendars).map(([name, calendar]) => [name, compileWorkCalendar(name, { ...calendar, holidays: holidays.get(name) ?? [] })]));
  const priorities = new Map<string, CompiledPriority>(
    Object.entries(document.support.priorities).map(([name, priority]) => {
      const target = (kind: 'action' | 'response') => ({
        minutes: accepted(readTargetMinutes(priority[kind].within), 'target'),
        calendar: accepted(calendars.get(priority[kind].calendar) ?? null, 'calendar'),
      });
      return [name, { name, action: target('action'), response: target('response'), clause: priority.clause }];
    }),
  );
  const termRules = compileTermRules(document, caps, priorities, calendars);

  return {
    ref: { id: document.id, version: document.version, effectiveFrom: document.effectiveFrom, sha256: file.sha256 },
    status: document.status,
    file: file.file,
    bytes: file.bytes,
    document,
    source: { text: file.text, locate: file.source.locate },
    periodZone: document.period.timeZone,
    monthMinutes: document.downtime.monthMinutes,
    countFrom: document.downtime.countFrom,
    countedCauses: new Set(document.downtime.countedCauses),
    excludedCauses: new Set(document.downtime.excludedCauses),
    latestQualifyingAnnouncement: noticeDeadline(document.period.timeZone, accepted(readDuration(document.maintenance.noticePeriod), 'notice period')),
    tiers,
    caps,
    claim: {
      opensAfterPeriodEnd: accepted(readDuration(document.claim.opensAfterPeriodEnd), 'claim duration'),
      windowLength: accepted(readDuration(document.claim.windowLength), 'claim duration'),
    },
    priorities,
    rebateRules: compileRebateRules(document, tiers, capsInForce(caps, termRules)),
    supportRules: compileSupportRules(priorities),
    termRules,
    holidays: new Map([...holidays].map(([name, list]) => [name, new Map(list.map((holiday) => [holiday.date, holiday]))])),
  };
}

/** Every cap an account can have: the policy's own, and each one a rule with outcome terms sets. */
function capsInForce(caps: ReadonlyMap<string, CompiledCap>, termRules: TermRules): CompiledCap[] {
  const all = [...caps.values(), ...termRules.overrides.flatMap((override) => [...override.caps.values()])];
  return [...new Map(all.map((cap) => [`${cap.currency} ${cap.amount.toFixed(cap.digits)}`, cap])).values()];
}

/** A cap in its currency's minor units as well, so amounts are compared and paid as integers. */
export function compiledCap(currency: string, amount: Decimal, digits: number): CompiledCap {
  return { currency, amount, digits, amountText: amount.toFixed(digits), minorUnits: BigInt(amount.times(10 ** digits).toFixed(0, ExactDecimal.ROUND_DOWN)) };
}
