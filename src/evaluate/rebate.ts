import type { Decimal } from 'decimal.js';
import type { CompiledCap, CompiledPolicy } from '../compile/compiled-policy.js';
import { claimReasonCodes, earnedTier, NO_REBATE_EARNED } from '../compile/rebate-rules.js';
import type { OutcomeEventParams } from '../compile/rebate-rules.js';
import { ExactRatio, unitsToText } from '../model/exact-ratio.js';
import type { RebateDecision } from '../model/evaluate-request.js';
import { claimStatus } from './claim.js';
import { countDowntime } from './downtime.js';
import type { Charges, Facts } from './facts.js';
import { periodFrame } from './period-frame.js';
import type { PeriodFrame } from './period-frame.js';
import { matchingTerms, rebateTerms, rememberedTerms } from './terms-in-force.js';
import { say } from '../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';
import { localize } from '../messages/localized.js';
import { PerLanguage } from '../messages/per-language.js';
import type { LocalizedText } from '../messages/localized.js';
import { formatsFor } from './text-formats.js';
import { cite, toTrace } from './trace.js';
import type { PartResult } from './trace.js';

const NO_PERCENT_RATIO = new ExactRatio(0n, 1n);
/** Decimals of the uptime shown (the tiers are decided on the exact ratio). */
const UPTIME_DISPLAY_DIGITS = 4;

/** The period's bounds and claim window as a language writes them; English's are the frame's own, worked out once per period. */
function boundsText(frame: PeriodFrame, language: Language, zone: string): Pick<PeriodFrame, 'monthStart' | 'monthEnd' | 'opensAt' | 'closesAt'> {
  if (language === DEFAULT_LANGUAGE) return frame;
  const formats = formatsFor(language);
  const instant = (ms: number): string => formats.instant(ms, zone);
  return { monthStart: instant(frame.month.start), monthEnd: instant(frame.month.end), opensAt: instant(frame.window.start), closesAt: instant(frame.window.end) };
}

/** The texts of a period that every decision on it repeats. */
interface PeriodTexts {
  readonly opensAt: string;
  readonly closesAt: string;
  readonly window: string;
  readonly periodLine: string;
  readonly claimWindowLine: string;
}

const periodTexts = new PerLanguage<PeriodFrame, PeriodTexts>();

/** Written once per period (of one policy version) and language, not once per decision. */
function textsOfPeriod(policy: CompiledPolicy, frame: PeriodFrame, period: string, language: Language): PeriodTexts {
  const known = periodTexts.get(frame, language);
  if (known) return known;
  const shown = boundsText(frame, language, policy.periodZone);
  const clause = (text: LocalizedText | undefined): string => cite(localize(text, language));
  const window = say(language, 'rebate.window', { opensAt: shown.opensAt, closesAt: shown.closesAt });
  return periodTexts.set(frame, language, {
    opensAt: shown.opensAt,
    closesAt: shown.closesAt,
    window,
    periodLine: say(language, 'rebate.line.period', { period: formatsFor(language).period(period), start: shown.monthStart, end: shown.monthEnd, cite: clause(policy.document.period.clause) }),
    claimWindowLine: say(language, 'rebate.line.claimWindow', { window, cite: clause(policy.document.claim.clause) }),
  });
}

/** The rebate decision of a service period (SPEC §2 items 1-10 and 13); its text in the language asked for. */
export async function evaluateRebate(policy: CompiledPolicy, facts: Facts, period: string, trace = false, language: Language = DEFAULT_LANGUAGE): Promise<PartResult<RebateDecision>> {
  const document = policy.document;
  const zone = policy.periodZone;
  const formats = formatsFor(language);
  const show = (ms: number): string => formats.instant(ms, zone);
  const clause = (text: LocalizedText | undefined): string => cite(localize(text, language));
  const frame = periodFrame(policy, period);
  const { month, window, opensAt, closesAt } = frame;
  const shown = textsOfPeriod(policy, frame, period, language);
  const downtime = countDowntime(policy, month, facts.incidents, facts.maintenance, language);
  // Downtime beyond the measured month (a 31-day month) makes uptime 0, never negative.
  const countedMinutes = Math.min(downtime.minutes, policy.monthMinutes);
  // Uptime % = (M - D) * 100 / M, kept as that exact ratio of integers.
  const uptime = new ExactRatio(BigInt(policy.monthMinutes - countedMinutes) * 100n, BigInt(policy.monthMinutes));
  const status = claimStatus(facts.claimFiledAt, window);
  const { charges } = facts;
  const policyCap = charges ? policy.caps.get(charges.currency) : undefined;

  // Each rule set's remembered outcome is taken at once; only a run of the engine is awaited.
  const { tiers, cap: capRules, outcome: outcomeRules } = policy.rebateRules;
  const tierFacts = { uptimePercent: uptime };
  const tierOutcome = tiers.remembered(tierFacts, trace) ?? (await tiers.run(tierFacts, { trace }));
  const tier = earnedTier(policy.tiers, tierOutcome.events);
  // Legal's rules with outcome terms may set this account's percentage, cap and remedy.
  const chargesAmount = charges ? ExactRatio.ofUnits(charges.minorUnits, charges.digits) : undefined;
  const termFacts = { account: facts.account, period, currency: charges?.currency, chargesAmount };
  const matched = rememberedTerms(policy, termFacts, trace) ?? (await matchingTerms(policy, termFacts, trace));
  const terms = rebateTerms(tier, policyCap, matched.overrides, language);
  const { cap } = terms;
  const percent: Decimal = terms.percent;
  const percentRatio = matched.overrides.length === 0 ? (tier?.rebatePercentRatio ?? NO_PERCENT_RATIO) : ExactRatio.fromDecimalText(percent.toFixed());
  const earned = charges && cap && percentRatio ? earnedUnits(charges, percentRatio) : undefined;
  const capFacts = { currency: charges?.currency, rebateAmount: earned === undefined || !charges ? undefined : ExactRatio.ofUnits(earned, charges.digits), capAmount: cap?.amountText };
  const capOutcome = capRules.remembered(capFacts, trace) ?? (await capRules.run(capFacts, { trace }));
  const outcomeFacts = {
    account: facts.account,
    period,
    currency: charges?.currency,
    chargesAmount,
    // Legal's rules read exactly the values the decision reports (see ruleFacts).
    downtimeMinutes: downtime.minutes,
    uptimePercent: uptime,
    rebatePercent: percent,
    claimStatus: status,
    incidentCount: facts.incidents.length,
  };
  const outcome = outcomeRules.remembered(outcomeFacts, trace) ?? (await outcomeRules.run(outcomeFacts, { trace }));

  const capped = capOutcome.events.some((event) => event.type === 'cap');
  const uptimeShown = formats.decimal(uptime.toRoundedText(UPTIME_DISPLAY_DIGITS));
  const filedAt = (): string => show(facts.claimFiledAt ?? 0);
  const builtInMessage = (code: string): string | undefined => {
    switch (code) {
      case NO_REBATE_EARNED:
        return say(language, 'rebate.reason.noRebateEarned', { uptime: uptimeShown });
      case claimReasonCodes.missing:
        return say(language, 'rebate.reason.noClaim', { window: shown.window });
      case claimReasonCodes.premature:
        return say(language, 'rebate.reason.claimPremature', { filedAt: filedAt(), opensAt: shown.opensAt });
      case claimReasonCodes.late:
        return say(language, 'rebate.reason.claimLate', { filedAt: filedAt(), closesAt: shown.closesAt });
    }
    return undefined;
  };
  const reasons: RebateDecision['reasons'] = [];
  const reasonLines: string[] = [];
  let payable = true;
  for (const event of outcome.events) {
    if (event.type !== 'ineligible' && event.type !== 'note') continue;
    const params = event.params as OutcomeEventParams;
    const message = localize(params.message, language) ?? builtInMessage(params.code) ?? params.code;
    payable &&= event.type !== 'ineligible';
    reasons.push({ code: params.code, message });
    reasonLines.push(say(language, event.type === 'note' ? 'rebate.line.note' : 'rebate.line.notPayable', { message, code: params.code, cite: clause(params.clause) }));
  }

  const payableUnits = earned !== undefined && cap && capped ? cap.minorUnits : earned;
  const amount = payableUnits !== undefined && cap ? unitsToText(payable ? payableUnits : 0n, cap.digits, true) : null;

  const explanation = [
    shown.periodLine,
    ...downtime.incidents.map((incident) =>
      say(language, 'rebate.line.incident', { id: incident.id, minutes: incident.countedMinutes, notes: incident.notes.length > 0 ? `; ${incident.notes.join('; ')}` : '' }),
    ),
    say(language, 'rebate.line.downtime', { minutes: downtime.minutes, monthMinutes: policy.monthMinutes, cite: clause(document.downtime.clause) }),
    tier
      ? say(language, 'rebate.line.tier', { uptime: uptimeShown, threshold: formats.decimal(tier.uptimeBelowText), percent: formats.decimal(tier.rebatePercentText), cite: clause(tier.clause) })
      : say(language, 'rebate.line.noTier', { uptime: uptimeShown }),
    ...terms.lines,
    ...moneyLines(charges, percent, earned, capped, cap, clause(terms.capClause ?? document.rebate.capClause), language),
    shown.claimWindowLine,
    ...reasonLines,
    ...(payable && tier && amount !== null
      ? [say(language, 'rebate.line.payable', { amount: formats.decimal(amount), currency: charges?.currency ?? '', remedy: terms.remedy ?? tier.remedy, cite: clause(tier.clause) })]
      : []),
  ];

  return {
    value: {
      eligible: payable,
      reasons,
      period,
      downtimeMinutes: downtime.minutes,
      // For display only: the integer count of 10^-4 over 10^4 is the double nearest the 4-decimal value.
      uptimePercent: Number(uptime.roundedUnits(UPTIME_DISPLAY_DIGITS)) / 10 ** UPTIME_DISPLAY_DIGITS,
      rebatePercent: percent.toNumber(),
      amount,
      currency: charges?.currency ?? null,
      capped,
      remedy: payable && tier ? (terms.remedy ?? tier.remedy) : null,
      claimWindow: { opensAt, closesAt },
      incidents: downtime.incidents.map((incident) => ({ id: incident.id, countedMinutes: incident.countedMinutes, notes: incident.notes })),
    },
    explanation,
    trace: trace ? toTrace('rebate', [...tierOutcome.trace, ...matched.trace, ...capOutcome.trace, ...outcome.trace]) : [],
  };
}

/** The rebate earned on the charges, in minor units, rounded half up: charges × percent / 100 in integers. */
function earnedUnits(charges: Charges, percent: ExactRatio): bigint {
  return new ExactRatio(charges.minorUnits * percent.numerator, percent.denominator * 100n).roundedUnits(0);
}

function moneyLines(charges: Charges | undefined, percent: Decimal, earned: bigint | undefined, capped: boolean, cap: CompiledCap | undefined, capCite: string, language: Language): string[] {
  if (!charges || earned === undefined || !cap) return [say(language, 'rebate.line.noCharges')];
  const formats = formatsFor(language);
  const decimal = (value: string): string => formats.decimal(value);
  const { currency, digits } = charges;
  const [percentText, chargesText, earnedText] = [decimal(percent.toString()), decimal(unitsToText(charges.minorUnits, digits, true)), decimal(unitsToText(earned, digits, true))];
  // Each message gets an object literal of one shape: its generated template then reads every value directly.
  return [
    capped
      ? say(language, 'rebate.line.amountCapped', { percent: percentText, charges: chargesText, currency, earned: earnedText, cap: decimal(unitsToText(cap.minorUnits, digits, true)), cite: capCite })
      : say(language, 'rebate.line.amount', { percent: percentText, charges: chargesText, currency, earned: earnedText }),
  ];
}
