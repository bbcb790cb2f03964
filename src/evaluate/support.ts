import type { CompiledPolicy, CompiledTarget } from '../compile/compiled-policy.js';
import { targetKinds } from '../compile/support-rules.js';
import type { TargetKind, TargetStatus } from '../compile/support-rules.js';
import type { TargetDecision, TicketDecision, TraceItem } from '../model/evaluate-request.js';
import type { Ticket } from './facts.js';
import { formatInstant } from './instants.js';
import { holidaysThatMoved } from './holidays-met.js';
import { matchingTerms, rememberedTerms, ticketTerms } from './terms-in-force.js';
import { say } from '../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../messages/languages.js';
import type { Language } from '../messages/languages.js';
import { localize } from '../messages/localized.js';
import { formatsFor } from './text-formats.js';
import { cite, toTrace } from './trace.js';
import type { PartResult } from './trace.js';

const MINUTE_MS = 60_000;

/** The status rule set's fact names per target kind, built once rather than per ticket. */
const statusFacts = Object.fromEntries(targetKinds.map((kind) => [kind, { done: `${kind}Done`, onTime: `${kind}OnTime`, pastDue: `${kind}PastDue` }])) as Record<TargetKind, { done: string; onTime: string; pastDue: string }>;

/** Due times and statuses of each ticket's action and response targets (SPEC §2 items 11-12). */
export async function evaluateSupport(
  policy: CompiledPolicy,
  tickets: readonly Ticket[],
  asOf: number,
  account: Readonly<Record<string, unknown>> = {},
  trace = false,
  language: Language = DEFAULT_LANGUAGE,
): Promise<PartResult<TicketDecision[]>> {
  const value: TicketDecision[] = [];
  const explanation: string[] = [];
  const traced: TraceItem[] = [];
  for (const ticket of tickets) {
    const priority = policy.priorities.get(ticket.priority);
    if (!priority) continue; // refused earlier, when the facts were read
    const targetFacts = { priority: ticket.priority };
    const chosen = policy.supportRules.targets.remembered(targetFacts, trace) ?? (await policy.supportRules.targets.run(targetFacts, { trace }));
    const ownTargets = policy.priorities.get(String(chosen.events.find((event) => event.type === 'targets')?.params?.['priority'])) ?? priority;
    // Legal's rules with outcome terms may set this account's targets for the ticket's priority.
    const termFacts = { account, priority: ticket.priority };
    const matched = rememberedTerms(policy, termFacts, trace) ?? (await matchingTerms(policy, termFacts, trace));
    const { priority: targetsOf, notes: termNotes } = ticketTerms(ownTargets, matched.overrides, language);
    const due = { action: dueAt(targetsOf.action, ticket.openedAt), response: dueAt(targetsOf.response, ticket.openedAt) };
    const eventAt = { action: ticket.actionAt, response: ticket.responseAt };
    const facts: Record<string, boolean> = {};
    for (const kind of targetKinds) {
      const at = eventAt[kind];
      const names = statusFacts[kind];
      facts[names.done] = at !== null;
      facts[names.onTime] = at !== null && at <= due[kind];
      facts[names.pastDue] = at === null && asOf > due[kind];
    }
    const judged = policy.supportRules.status.remembered(facts, trace) ?? (await policy.supportRules.status.run(facts, { trace }));
    // The first status event of each kind decides it; a kind without one is pending.
    const status: Partial<Record<TargetKind, TargetStatus>> = {};
    for (const event of judged.events) {
      const kind: unknown = event.params?.['kind'];
      if (event.type === 'status' && (kind === 'action' || kind === 'response')) status[kind] ??= event.params?.['status'] as TargetStatus;
    }
    // Judged before it was opened, a ticket still has all of its targets' time left, never more.
    const judgedAt = Math.max(asOf, ticket.openedAt);
    const targets = {
      action: judge(targetsOf.action, due.action, eventAt.action, judgedAt, status.action ?? 'pending'),
      response: judge(targetsOf.response, due.response, eventAt.response, judgedAt, status.response ?? 'pending'),
    };
    value.push({ id: ticket.id, priority: ticket.priority, policyVersion: policy.ref.version, action: targets.action, response: targets.response });
    const zone = targetsOf.response.calendar.timeZone;
    const parts = targetKinds.map((kind) => describeTarget(kind, targetsOf[kind], targets[kind], due[kind], eventAt[kind], zone, language));
    const termsText = termNotes.length > 0 ? `; ${termNotes.join('; ')}` : '';
    const holidayText = holidaysText(policy, targetsOf, ticket.openedAt, due, language);
    const openedAt = formatsFor(language).wallClockInZone(ticket.openedAt, zone);
    explanation.push(
      say(language, 'support.line.ticket', { id: ticket.id, priority: ticket.priority, openedAt, targets: parts.join('; '), cite: cite(localize(targetsOf.clause, language)), terms: termsText, holidays: holidayText }),
    );
    if (trace) traced.push(...toTrace(`ticket:${ticket.id}`, [...chosen.trace, ...matched.trace, ...judged.trace]));
  }
  return { value, explanation, trace: traced };
}

/** "; holidays that moved the due time: ..." for the holidays either target met, each named once; empty when none did. */
function holidaysText(policy: CompiledPolicy, targetsOf: Record<TargetKind, CompiledTarget>, openedAt: number, due: Record<TargetKind, number>, language: Language): string {
  const moved = [...holidaysThatMoved(policy, targetsOf.action, openedAt, due.action, language), ...holidaysThatMoved(policy, targetsOf.response, openedAt, due.response, language)];
  return moved.length > 0 ? say(language, 'support.holidaysMoved', { holidays: [...new Set(moved)].join(', ') }) : '';
}

function dueAt(target: CompiledTarget, openedAt: number): number {
  return target.calendar.addWorkingMinutes(openedAt, target.minutes);
}

function judge(target: CompiledTarget, due: number, eventAt: number | null, asOf: number, status: TargetStatus): TargetDecision {
  const { calendar } = target;
  const judgedAt = eventAt ?? asOf;
  const minutes = (ms: number): number => Math.floor(ms / MINUTE_MS);
  return {
    dueAt: formatInstant(due, calendar.timeZone),
    status,
    targetMinutes: target.minutes,
    calendar: calendar.name,
    remainingWorkingMinutes: status === 'breached' ? 0 : minutes(calendar.workingMsBetween(judgedAt, due)),
    overrunWorkingMinutes: status === 'breached' ? minutes(calendar.workingMsBetween(due, judgedAt)) : 0,
  };
}

/** "action due after 8 working hours on the business calendar, by Mon 2026-11-02 16:00: not done yet, 300 working minute(s) left" */
function describeTarget(kind: TargetKind, target: CompiledTarget, decision: TargetDecision, due: number, eventAt: number | null, zone: string, language: Language): string {
  const formats = formatsFor(language);
  const span = target.calendar.alwaysOpen
    ? say(language, 'support.span.minutes', { minutes: target.minutes })
    : say(language, 'support.span.workingHours', { hours: target.minutes / 60, calendar: target.calendar.name });
  const dueText = say(language, 'support.due', { kind, span, dueAt: formats.wallClock(due, zone) });
  const done = eventAt === null ? say(language, 'support.notDone') : say(language, 'support.done', { at: formats.wallClock(eventAt, zone) });
  // On a calendar open round the clock every minute is a working minute, and the sentence says plain minutes.
  const clock = target.calendar.alwaysOpen ? 'always' : 'working';
  switch (decision.status) {
    case 'met':
      return say(language, 'support.status.met', { due: dueText, done });
    case 'breached':
      return say(language, 'support.status.breached', { due: dueText, done, minutes: decision.overrunWorkingMinutes, clock });
    case 'pending':
      return say(language, 'support.status.pending', { due: dueText, done, minutes: decision.remainingWorkingMinutes, clock });
  }
}
