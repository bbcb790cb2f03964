import type { CompiledPolicy } from '../compile/compiled-policy.js';
import { problem } from '../errors/problem.js';
import type { Problem } from '../errors/problem.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import type { Ticket } from './facts.js';
import { formatInstant } from './instants.js';
import { text } from '../messages/text.js';

/** The tickets one version judges, with their places in the request. */
export interface TicketGroup {
  readonly policy: CompiledPolicy;
  readonly indexes: readonly number[];
}

export type TicketGroups = { readonly ok: true; readonly groups: readonly TicketGroup[] } | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * Each ticket is judged by the published version in force when it was opened
 * (SPEC §3), unless the request names a version, which then judges them all.
 * A ticket opened before the first published version, or with a priority its
 * version does not know, is refused at its place in the request.
 */
export function groupTicketsByVersion(registry: PolicyRegistry, id: string, tickets: readonly Ticket[], named: CompiledPolicy | undefined): TicketGroups {
  // A list, not a map: a request's tickets fall under one version or a few.
  const groups: { readonly policy: CompiledPolicy; readonly indexes: number[] }[] = [];
  const problems: Problem[] = [];
  for (let index = 0; index < tickets.length; index++) {
    const ticket = tickets[index] as Ticket;
    const policy = named ?? registry.inForceAt(id, ticket.openedAt);
    if (!policy) {
      problems.push(problem('NO_VERSION_IN_FORCE', text('request.ticketBeforeFirstVersion', { id: ticket.id, openedAt: formatInstant(ticket.openedAt, 'UTC'), policy: id }), ['facts', 'tickets', index, 'openedAt']));
      continue;
    }
    if (!policy.priorities.has(ticket.priority)) {
      const known = [...policy.priorities.keys()].join(', ');
      problems.push(problem('UNKNOWN_PRIORITY', text('request.unknownPriorityInVersion', { priority: ticket.priority, version: policy.ref.version, id: ticket.id, known }), ['facts', 'tickets', index, 'priority']));
      continue;
    }
    const group = groups.find((known) => known.policy === policy);
    if (group) group.indexes.push(index);
    else groups.push({ policy, indexes: [index] });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, groups };
}
