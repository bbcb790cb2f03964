import type { Decimal } from 'decimal.js';
import type { CompiledPolicy } from '../compile/compiled-policy.js';
import { claimReasonCodes, earnedTier, NO_REBATE_EARNED, rebateAmount } from '../compile/rebate-rules.js';
import type { OutcomeEventParams } from '../compile/rebate-rules.js';
import type { RebateDecision } from '../model/evaluate-request.js';
import { ExactDecimal } from '../model/values.js';
import { claimStatus, claimWindow } from './claim.js';
import { countDowntime } from './downtime.js';
import type { Facts } from './facts.js';
import { formatInstant, monthInterval } from './instants.js';
import { say } from '../messages/catalog.js';
import type { Language } from '../messages/languages.js';
import { localize } from '../messages/localized.js';
import type { LocalizedText } from '../messages/localized.js';
import { formatsFor } from './text-formats.js';
import { cite, toTrace } from './trace.js';
import type { PartResult } from './trace.js';

/** The rebate decision of a service period (SPEC §2 items 1-10 and 13); its text in the language asked for. */
export async function evaluateRebate(policy: CompiledPolicy, facts: Facts, period: string, language: Language): Promise<PartResult<RebateDecision>> {
  const document = policy.document;
  const zone = policy.periodZone;
  const formats = formatsFor(language);
  const show = (ms: number): string => formats.instant(ms, zone);
  const clause = (text: LocalizedText | undefined): string => cite(localize(text, language));
  const month = monthInterval(period, zone);
  const window = claimWindow(policy, month);
  const downtime = countDowntime(policy, month, facts.incidents, facts.maintenance, language);
  const countedMinutes = Math.min(downtime.minutes, policy.monthMinutes);
  const uptime = new ExactDecimal(policy.monthMinutes - countedMinutes).times(100).dividedBy(policy.monthMinutes);
  const status = claimStatus(facts.claimFiledAt, window);
  const cap = facts.charges ? policy.caps.get(facts.charges.currency) : undefined;

  const tierOutcome = await policy.rebateRules.tiers.run({ uptimePercent: uptime });
  const tier = earnedTier(policy.tiers, tierOutcome.events);
  const percent: Decimal = tier?.rebatePercent ?? new ExactDecimal(0);
  const earned = facts.charges && cap ? rebateAmount(facts.charges.amount, percent, cap.digits) : undefined;
  const capOutcome = await policy.rebateRules.cap.run({ currency: facts.charges?.currency, rebateAmount: earned });
  const outcome = await policy.rebateRules.outcome.run({
    account: facts.account,
    period,
    currency: facts.charges?.currency,
    chargesAmount: facts.charges?.amount,
    downtimeMinutes: countedMinutes,
    uptimePercent: uptime,
    rebatePercent: percent,
    claimStatus: status,
    incidentCount: facts.incidents.length,
  });

  const capped = capOutcome.events.some((event) => event.type === 'cap');
  const uptimeShown = formats.decimal(uptimeText(uptime));
  const windowText = say(language, 'rebate.window', { opensAt: show(window.start), closesAt: show(window.end) });
  const builtInMessages: Record<string, () => string> = {
    [NO_REBATE_EARNED]: () => say(language, 'rebate.reason.noRebateEarned', { uptime: uptimeShown }),
    [claimReasonCodes.missing]: () => say(language, 'rebate.reason.noClaim', { window: windowText }),
    [claimReasonCodes.premature]: () => say(language, 'rebate.reason.claimPremature', { filedAt: show(facts.claimFiledAt ?? 0), opensAt: show(window.start) }),
    [claimReasonCodes.late]: () => say(language, 'rebate.reason.claimLate', { filedAt: show(facts.claimFiledAt ?? 0), closesAt: show(window.end) }),
  };
  const reasons: RebateDecision['reasons'] = [];
  const reasonLines: string[] = [];
  let payable = true;
  for (const event of outcome.events) {
    if (event.type !== 'ineligible' && event.type !== 'note') continue;
    const params = event.params as OutcomeEventParams;
    const message = localize(params.message, language) ?? builtInMessages[params.code]?.() ?? params.code;
    payable &&= event.type !== 'ineligible';
    reasons.push({ code: params.code, message });
    reasonLines.push(say(language, event.type === 'note' ? 'rebate.line.note' : 'rebate.line.notPayable', { message, code: params.code, cite: clause(params.clause) }));
  }

  const payableAmount = earned && cap && capped ? cap.amount : earned;
  const amount = payableAmount && cap ? (payable ? payableAmount : new ExactDecimal(0)).toFixed(cap.digits) : null;

  const explanation = [
    say(language, 'rebate.line.period', { period: formats.period(period), start: show(month.start), end: show(month.end), cite: clause(document.period.clause) }),
    ...downtime.incidents.map((incident) =>
      say(language, 'rebate.line.incident', { id: incident.id, minutes: incident.countedMinutes, notes: incident.notes.length > 0 ? `; ${incident.notes.join('; ')}` : '' }),
    ),
    say(language, 'rebate.line.downtime', { minutes: downtime.minutes, monthMinutes: policy.monthMinutes, cite: clause(document.downtime.clause) }),
    tier
      ? say(language, 'rebate.line.tier', { uptime: uptimeShown, threshold: formats.decimal(tier.uptimeBelow.toString()), percent: formats.decimal(tier.rebatePercent.toString()), cite: clause(tier.clause) })
      : say(language, 'rebate.line.noTier', { uptime: uptimeShown }),
    ...moneyLines(facts, percent, earned, capped, cap?.amount, cap?.digits, clause(document.rebate.capClause), language),
    say(language, 'rebate.line.claimWindow', { window: windowText, cite: clause(document.claim.clause) }),
    ...reasonLines,
    ...(payable && tier && amount !== null
      ? [say(language, 'rebate.line.payable', { amount: formats.decimal(amount), currency: facts.charges?.currency ?? '', remedy: tier.remedy, cite: clause(tier.clause) })]
      : []),
  ];

  return {
    value: {
      eligible: payable,
      reasons,
      period,
      downtimeMinutes: downtime.minutes,
      uptimePercent: uptime.toDecimalPlaces(4, ExactDecimal.ROUND_HALF_UP).toNumber(),
      rebatePercent: percent.toNumber(),
      amount,
      currency: facts.charges?.currency ?? null,
      capped,
      remedy: payable && tier ? tier.remedy : null,
      claimWindow: { opensAt: formatInstant(window.start, zone), closesAt: formatInstant(window.end, zone) },
      incidents: downtime.incidents.map((incident) => ({ id: incident.id, countedMinutes: incident.countedMinutes, notes: incident.notes })),
    },
    explanation,
    trace: toTrace('rebate', [...tierOutcome.trace, ...capOutcome.trace, ...outcome.trace]),
  };
}

function uptimeText(uptime: Decimal): string {
  return uptime.toDecimalPlaces(4, ExactDecimal.ROUND_HALF_UP).toString();
}

function moneyLines(facts: Facts, percent: Decimal, earned: Decimal | undefined, capped: boolean, cap: Decimal | undefined, digits: number | undefined, capCite: string, language: Language): string[] {
  if (!facts.charges || !earned || digits === undefined) return [say(language, 'rebate.line.noCharges')];
  const formats = formatsFor(language);
  const { amount, currency } = facts.charges;
  const values = { percent: formats.decimal(percent.toString()), charges: formats.decimal(amount.toFixed(digits)), currency, earned: formats.decimal(earned.toFixed(digits)) };
  return [capped && cap ? say(language, 'rebate.line.amountCapped', { ...values, cap: formats.decimal(cap.toFixed(digits)), cite: capCite }) : say(language, 'rebate.line.amount', values)];
}
