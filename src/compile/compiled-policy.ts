import type { Decimal } from 'decimal.js';
import type { Duration } from 'luxon';
import type { YamlSource } from '../load/yaml-source.js';
import type { LocalizedText } from '../messages/localized.js';
import type { ExactRatio } from '../model/exact-ratio.js';
import type { PolicyDocument } from '../model/policy-document.js';
import type { RebateRules } from './rebate-rules.js';
import type { SupportRules } from './support-rules.js';
import type { TermRules } from './term-overrides.js';
import type { CalendarHoliday } from './calendar-holidays.js';
import type { WorkCalendar } from './work-calendar.js';

/** What every decision says about the terms it was made under. */
export interface PolicyRef {
  readonly id: string;
  readonly version: string;
  readonly effectiveFrom: string;
  readonly sha256: string;
}

export interface CompiledTier {
  readonly index: number;
  readonly uptimeBelow: Decimal;
  readonly rebatePercent: Decimal;
  /** Both as written once here, not by decimal.js at every decision that cites the tier. */
  readonly uptimeBelowText: string;
  readonly rebatePercentText: string;
  /** The same percentage as an exact ratio, for amounts computed in integer minor units. */
  readonly rebatePercentRatio: ExactRatio;
  readonly remedy: 'credit' | 'refund';
  readonly clause: LocalizedText | undefined;
}

export interface CompiledCap {
  readonly currency: string;
  readonly amount: Decimal;
  readonly digits: number;
  /** The amount written with as many decimals as the currency has minor-unit digits, once. */
  readonly amountText: string;
  /** The cap in minor units (cents for USD). */
  readonly minorUnits: bigint;
}

export interface CompiledTarget {
  readonly minutes: number;
  readonly calendar: WorkCalendar;
}

export interface CompiledPriority {
  readonly name: string;
  readonly action: CompiledTarget;
  readonly response: CompiledTarget;
  readonly clause: LocalizedText | undefined;
}

/** One policy version, compiled once at load time and evaluated many times. */
export interface CompiledPolicy {
  readonly ref: PolicyRef;
  readonly status: 'draft' | 'published';
  readonly file: string;
  /** The file's exact bytes, as legal wrote them. */
  readonly bytes: Buffer;
  readonly document: PolicyDocument;
  /** The file's text and where each term is written in it, for people reading the terms beside their source. */
  readonly source: { readonly text: string; readonly locate: YamlSource['locate'] };
  readonly periodZone: string;
  readonly monthMinutes: number;
  readonly countFrom: 'report' | 'start';
  readonly countedCauses: ReadonlySet<string>;
  readonly excludedCauses: ReadonlySet<string>;
  /** The latest announcement that makes a maintenance window starting at `startMs` scheduled. */
  readonly latestQualifyingAnnouncement: (startMs: number) => number;
  readonly tiers: readonly CompiledTier[];
  readonly caps: ReadonlyMap<string, CompiledCap>;
  readonly claim: { readonly opensAfterPeriodEnd: Duration; readonly windowLength: Duration };
  readonly priorities: ReadonlyMap<string, CompiledPriority>;
  readonly rebateRules: RebateRules;
  readonly supportRules: SupportRules;
  /** Legal's rules that set terms for the accounts or tickets they match. */
  readonly termRules: TermRules;
  /** Each calendar's holidays by date (recurring and listed), so an explanation can name the one that moved a due time. */
  readonly holidays: ReadonlyMap<string, ReadonlyMap<string, CalendarHoliday>>;
}
