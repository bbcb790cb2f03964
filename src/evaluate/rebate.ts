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
import { matchingTerms, rebateTerms } from './terms-in-force.js';
import { cite, toTrace } from './trace.js';
import type { PartResult } from './trace.js';

/** The rebate decision of a service period (SPEC §2 items 1-10 and 13). */
export async function evaluateRebate(policy: CompiledPolicy, facts: Facts, period: string): Promise<PartResult<RebateDecision>> {
  const document = policy.document;
  const zone = policy.periodZone;
  const show = (ms: number): string => formatInstant(ms, zone);
  const month = monthInterval(period, zone);
  const window = claimWindow(policy, month);
  const downtime = countDowntime(policy, month, facts.incidents, facts.maintenance);
  const countedMinutes = Math.min(downtime.minutes, policy.monthMinutes);
  const uptime = new ExactDecimal(policy.monthMinutes - countedMinutes).times(100).dividedBy(policy.monthMinutes);
  const status = claimStatus(facts.claimFiledAt, window);
  const policyCap = facts.charges ? policy.caps.get(facts.charges.currency) : undefined;

  const tierOutcome = await policy.rebateRules.tiers.run({ uptimePercent: uptime });
  const tier = earnedTier(policy.tiers, tierOutcome.events);
  // Legal's rules with outcome terms may set this account's percentage, cap and remedy.
  const matched = await matchingTerms(policy, { account: facts.account, period, currency: facts.charges?.currency, chargesAmount: facts.charges?.amount });
  const terms = rebateTerms(tier, policyCap, matched.overrides);
  const cap = terms.cap;
  const percent: Decimal = terms.percent;
  const earned = facts.charges && cap ? rebateAmount(facts.charges.amount, percent, cap.digits) : undefined;
  const capOutcome = await policy.rebateRules.cap.run({ currency: facts.charges?.currency, rebateAmount: earned, capAmount: cap?.amount.toFixed(cap.digits) });
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
  const windowText = `${show(window.start)} up to ${show(window.end)}`;
  const builtInMessages: Record<string, string> = {
    [NO_REBATE_EARNED]: `uptime ${uptimeText(uptime)}% earns no rebate`,
    [claimReasonCodes.missing]: `no claim filed; a claim must be registered from ${windowText}`,
    [claimReasonCodes.premature]: `claim filed ${show(facts.claimFiledAt ?? 0)} is premature: the claim window opens ${show(window.start)}`,
    [claimReasonCodes.late]: `claim filed ${show(facts.claimFiledAt ?? 0)} is late: the claim window closed ${show(window.end)}`,
  };
  const reasons: RebateDecision['reasons'] = [];
  const reasonLines: string[] = [];
  let payable = true;
  for (const event of outcome.events) {
    if (event.type !== 'ineligible' && event.type !== 'note') continue;
    const params = event.params as OutcomeEventParams;
    const message = params.message ?? builtInMessages[params.code] ?? params.code;
    payable &&= event.type !== 'ineligible';
    reasons.push({ code: params.code, message });
    reasonLines.push(`${event.type === 'note' ? 'Note' : 'Not payable'}: ${message} [${params.code}]${cite(params.clause)}.`);
  }

  const payableAmount = earned && cap && capped ? cap.amount : earned;
  const amount = payableAmount && cap ? (payable ? payableAmount : new ExactDecimal(0)).toFixed(cap.digits) : null;

  const explanation = [
    `Service period ${period} (${show(month.start)} up to ${show(month.end)})${cite(document.period.clause)}.`,
    ...downtime.incidents.map((incident) => `Incident ${incident.id}: ${incident.countedMinutes} minute(s) counted${incident.notes.length > 0 ? `; ${incident.notes.join('; ')}` : ''}.`),
    `Counted downtime ${downtime.minutes} minute(s) against a ${policy.monthMinutes}-minute month${cite(document.downtime.clause)}.`,
    tier
      ? `Uptime ${uptimeText(uptime)}% is below ${tier.uptimeBelow.toString()}%: rebate ${tier.rebatePercent.toString()}%${cite(tier.clause)}.`
      : `Uptime ${uptimeText(uptime)}% is not below any tier's threshold: no rebate.`,
    ...terms.lines,
    ...moneyLines(facts, percent, earned, capped, cap?.amount, cap?.digits, document.rebate.capClause),
    `Claim window: ${windowText}${cite(document.claim.clause)}.`,
    ...reasonLines,
    ...(payable && tier && amount !== null ? [`Payable: ${amount} ${facts.charges?.currency ?? ''} as ${terms.remedy === 'credit' ? 'account credit' : 'a refund'}${cite(tier.clause)}.`] : []),
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
      remedy: payable && tier ? (terms.remedy ?? tier.remedy) : null,
      claimWindow: { opensAt: show(window.start), closesAt: show(window.end) },
      incidents: downtime.incidents.map((incident) => ({ id: incident.id, countedMinutes: incident.countedMinutes, notes: incident.notes })),
    },
    explanation,
    trace: toTrace('rebate', [...tierOutcome.trace, ...matched.trace, ...capOutcome.trace, ...outcome.trace]),
  };
}

function uptimeText(uptime: Decimal): string {
  return uptime.toDecimalPlaces(4, ExactDecimal.ROUND_HALF_UP).toString();
}

function moneyLines(facts: Facts, percent: Decimal, earned: Decimal | undefined, capped: boolean, cap: Decimal | undefined, digits: number | undefined, clause: string | undefined): string[] {
  if (!facts.charges || !earned || digits === undefined) return ['No charges given: no amount computed.'];
  const { amount, currency } = facts.charges;
  const line = `${percent.toString()}% of ${amount.toFixed(digits)} ${currency} is ${earned.toFixed(digits)} ${currency}`;
  return [capped && cap ? `${line}, capped at ${cap.toFixed(digits)} ${currency}${cite(clause)}.` : `${line}.`];
}
