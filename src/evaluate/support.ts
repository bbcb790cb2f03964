import type { CompiledPolicy, CompiledTarget } from '../compile/compiled-policy.js';
import { targetKinds } from '../compile/support-rules.js';
import type { TargetKind, TargetStatus } from '../compile/support-rules.js';
import type { TargetDecision, TicketDecision, TraceItem } from '../model/evaluate-request.js';
import type { Ticket } from './facts.js';
import { describeInstant, formatInstant } from './instants.js';
import { toTrace } from './trace.js';
import type { PartResult } from './trace.js';

const MINUTE_MS = 60_000;

/** Due times and statuses of each ticket's action and response targets (SPEC §2 items 11-12). */
export async function evaluateSupport(policy: CompiledPolicy, tickets: readonly Ticket[], asOf: number): Promise<PartResult<TicketDecision[]>> {
  const value: TicketDecision[] = [];
  const explanation: string[] = [];
  const trace: TraceItem[] = [];
  for (const ticket of tickets) {
    const priority = policy.priorities.get(ticket.priority);
    if (!priority) continue; // refused earlier, when the facts were read
    const chosen = await policy.supportRules.targets.run({ priority: ticket.priority });
    const targetsOf = policy.priorities.get(String(chosen.events.find((event) => event.type === 'targets')?.params?.['priority'])) ?? priority;
    const due = { action: dueAt(targetsOf.action, ticket.openedAt), response: dueAt(targetsOf.response, ticket.openedAt) };
    const eventAt = { action: ticket.actionAt, response: ticket.responseAt };
    const facts: Record<string, boolean> = {};
    for (const kind of targetKinds) {
      const at = eventAt[kind];
      facts[`${kind}Done`] = at !== null;
      facts[`${kind}OnTime`] = at !== null && at <= due[kind];
      facts[`${kind}PastDue`] = at === null && asOf > due[kind];
    }
    const judged = await policy.supportRules.status.run(facts);
    const statusOf = (kind: TargetKind): TargetStatus =>
      (judged.events.find((event) => event.type === 'status' && event.params?.['kind'] === kind)?.params?.['status'] as TargetStatus | undefined) ?? 'pending';
    const targets = {
      action: judge(targetsOf.action, due.action, eventAt.action, asOf, statusOf('action')),
      response: judge(targetsOf.response, due.response, eventAt.response, asOf, statusOf('response')),
    };
    value.push({ id: ticket.id, priority: ticket.priority, ...targets });
    const clause = targetsOf.clause ? ` (${targetsOf.clause})` : '';
    for (const kind of targetKinds) {
      explanation.push(describeTarget(ticket, kind, targetsOf[kind], targets[kind]) + clause + '.');
    }
    trace.push(...toTrace(`ticket:${ticket.id}`, [...chosen.trace, ...judged.trace]));
  }
  return { value, explanation, trace };
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

function describeTarget(ticket: Ticket, kind: TargetKind, target: CompiledTarget, decision: TargetDecision): string {
  const zone = target.calendar.timeZone;
  const span = target.calendar.alwaysOpen ? `${target.minutes} minute(s) around the clock` : `${target.minutes / 60} working hour(s) on the ${target.calendar.name} calendar`;
  const head = `Ticket ${ticket.id} (${ticket.priority}) opened ${describeInstant(ticket.openedAt, zone)}: ${kind} due after ${span}, at ${describeInstant(Date.parse(decision.dueAt), zone)}`;
  const eventAt = kind === 'action' ? ticket.actionAt : ticket.responseAt;
  const when = eventAt === null ? 'not yet' : `at ${describeInstant(eventAt, zone)}`;
  switch (decision.status) {
    case 'met':
      return `${head}; done ${when}: met`;
    case 'breached':
      return `${head}; done ${when}: breached by ${decision.overrunWorkingMinutes} working minute(s)`;
    case 'pending':
      return `${head}; not done yet: pending, ${decision.remainingWorkingMinutes} working minute(s) left`;
  }
}
