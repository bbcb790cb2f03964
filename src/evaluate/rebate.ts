import type { Decimal } from 'decimal.js';
import type { CompiledCap, CompiledPolicy } from '../compile/compiled-policy.js';
import { claimReasonCodes, earnedTier, NO_REBATE_EARNED } from '../compile/rebate-rules.js';
import type { OutcomeEventParams } from '../compile/rebate-rules.js';
import { ExactRatio, unitsToText } from '../model/exact-ratio.js';
import type { RebateDecision } from '../model/evaluate-request.js';
import { claimStatus } from './claim.js';
import { countDowntime } from './downtime.js';
import type { Charges, Facts } from './facts.js';
import { formatInstant } from './instants.js';
import { periodFrame } from './period-frame.js';
import { matchingTerms, rebateTerms } from './terms-in-force.js';
import { cite, toTrace } from './trace.js';
import type { PartResult } from './trace.js';

const NO_PERCENT_RATIO = new ExactRatio(0n, 1n);
/** Decimals of the uptime shown (the tiers are decided on the exact ratio). */
const UPTIME_DISPLAY_DIGITS = 4;

/** The rebate decision of a service period (SPEC §2 items 1-10 and 13). */
export async function evaluateRebate(policy: CompiledPolicy, facts: Facts, period: string, trace = false): Promise<PartResult<RebateDecision>> {
  const document = policy.document;
  const zone = policy.periodZone;
  const show = (ms: number): string => formatInstant(ms, zone);
  const { month, window, monthStart, monthEnd, opensAt, closesAt } = periodFrame(policy, period);
  const downtime = countDowntime(policy, month, facts.incidents, facts.maintenance);
  // Downtime beyond the measured month (a 31-day month) makes uptime 0, never negative.
  const countedMinutes = Math.min(downtime.minutes, policy.monthMinutes);
  // Uptime % = (M - D) * 100 / M, kept as that exact ratio of integers.
  const uptime = new ExactRatio(BigInt(policy.monthMinutes - countedMinutes) * 100n, BigInt(policy.monthMinutes));
  const status = claimStatus(facts.claimFiledAt, window);
  const { charges } = facts;
  const policyCap = charges ? policy.caps.get(charges.currency) : undefined;

  const tierOutcome = await policy.rebateRules.tiers.run({ uptimePercent: uptime }, { trace });
  const tier = earnedTier(policy.tiers, tierOutcome.events);
  // Legal's rules with outcome terms may set this account's percentage, cap and remedy.
  const chargesAmount = charges ? ExactRatio.ofUnits(charges.minorUnits, charges.digits) : undefined;
  const matched = await matchingTerms(policy, { account: facts.account, period, currency: charges?.currency, chargesAmount }, trace);
  const terms = rebateTerms(tier, policyCap, matched.overrides);
  const { cap } = terms;
  const percent: Decimal = terms.percent;
  const percentRatio = matched.overrides.length === 0 ? (tier?.rebatePercentRatio ?? NO_PERCENT_RATIO) : ExactRatio.fromDecimalText(percent.toFixed());
  const earned = charges && cap && percentRatio ? earnedUnits(charges, percentRatio) : undefined;
  const capOutcome = await policy.rebateRules.cap.run(
    { currency: charges?.currency, rebateAmount: earned === undefined || !charges ? undefined : ExactRatio.ofUnits(earned, charges.digits), capAmount: cap?.amount.toFixed(cap.digits) },
    { trace },
  );
  const outcome = await policy.rebateRules.outcome.run(
    {
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
    },
    { trace },
  );

  const capped = capOutcome.events.some((event) => event.type === 'cap');
  const uptimeShown = uptime.toRoundedText(UPTIME_DISPLAY_DIGITS);
  const windowText = `${opensAt} up to ${closesAt}`;
  const filedAt = (): string => show(facts.claimFiledAt ?? 0);
  const builtInMessage = (code: string): string | undefined => {
    switch (code) {
      case NO_REBATE_EARNED:
        return `uptime ${uptimeShown}% earns no rebate`;
      case claimReasonCodes.missing:
        return `no claim filed; a claim must be registered from ${windowText}`;
      case claimReasonCodes.premature:
        return `claim filed ${filedAt()} is premature: the claim window opens ${opensAt}`;
      case claimReasonCodes.late:
        return `claim filed ${filedAt()} is late: the claim window closed ${closesAt}`;
    }
    return undefined;
  };
  const reasons: RebateDecision['reasons'] = [];
  const reasonLines: string[] = [];
  let payable = true;
  for (const event of outcome.events) {
    if (event.type !== 'ineligible' && event.type !== 'note') continue;
    const params = event.params as OutcomeEventParams;
    const message = params.message ?? builtInMessage(params.code) ?? params.code;
    payable &&= event.type !== 'ineligible';
    reasons.push({ code: params.code, message });
    reasonLines.push(`${event.type === 'note' ? 'Note' : 'Not payable'}: ${message} [${params.code}]${cite(params.clause)}.`);
  }

  const payableUnits = earned !== undefined && cap && capped ? cap.minorUnits : earned;
  const amount = payableUnits !== undefined && cap ? unitsToText(payable ? payableUnits : 0n, cap.digits, true) : null;

  const explanation = [
    `Service period ${period} (${monthStart} up to ${monthEnd})${cite(document.period.clause)}.`,
    ...downtime.incidents.map((incident) => `Incident ${incident.id}: ${incident.countedMinutes} minute(s) counted${incident.notes.length > 0 ? `; ${incident.notes.join('; ')}` : ''}.`),
    `Counted downtime ${downtime.minutes} minute(s) against a ${policy.monthMinutes}-minute month${cite(document.downtime.clause)}.`,
    tier
      ? `Uptime ${uptimeShown}% is below ${tier.uptimeBelow.toString()}%: rebate ${tier.rebatePercent.toString()}%${cite(tier.clause)}.`
      : `Uptime ${uptimeShown}% is not below any tier's threshold: no rebate.`,
    ...terms.lines,
    ...moneyLines(charges, percent, earned, capped, cap, terms.capClause ?? document.rebate.capClause),
    `Claim window: ${windowText}${cite(document.claim.clause)}.`,
    ...reasonLines,
    ...(payable && tier && amount !== null ? [`Payable: ${amount} ${charges?.currency ?? ''} as ${terms.remedy === 'credit' ? 'account credit' : 'a refund'}${cite(tier.clause)}.`] : []),
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

function moneyLines(charges: Charges | undefined, percent: Decimal, earned: bigint | undefined, capped: boolean, cap: CompiledCap | undefined, clause: string | undefined): string[] {
  if (!charges || earned === undefined || !cap) return ['No charges given: no amount computed.'];
  const { currency, digits } = charges;
  const line = `${percent.toString()}% of ${unitsToText(charges.minorUnits, digits, true)} ${currency} is ${unitsToText(earned, digits, true)} ${currency}`;
  return [capped ? `${line}, capped at ${unitsToText(cap.minorUnits, digits, true)} ${currency}${cite(clause)}.` : `${line}.`];
}
