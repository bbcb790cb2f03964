import type { CompiledPolicy } from '../compile/compiled-policy.js';
import { problem } from '../errors/problem.js';
import type { JsonPath, Problem } from '../errors/problem.js';
import type { RequestFacts } from '../model/evaluate-request.js';
import { parseInstant } from './instants.js';
import { text as sentence } from '../messages/text.js';

/** Items per list in one request; a month with more is split by the caller. */
export const MAX_ITEMS_PER_LIST = 5000;

/** Instants a contract can speak of; far outside, calendar arithmetic would only search in vain. */
export const EARLIEST = Date.UTC(1970, 0, 1);
export const LATEST = Date.UTC(3000, 0, 1);
const RANGE = { earliest: new Date(EARLIEST).toISOString().slice(0, 10), latest: new Date(LATEST).toISOString().slice(0, 10) };
const ZERO = '0'.charCodeAt(0);

/** Whether an instant lies within the years a contract can speak of. */
function inRange(ms: number): boolean {
  return ms >= EARLIEST && ms < LATEST;
}

/** INSTANT_OUT_OF_RANGE for an instant outside the years a contract can speak of, else null. */
export function rangeProblem(text: string, ms: number, path: JsonPath): Problem | null {
  return inRange(ms) ? null : problem('INSTANT_OUT_OF_RANGE', sentence('request.instantOutOfRange', { value: text, ...RANGE }), path);
}

export interface Incident {
  readonly id: string;
  readonly cause: string;
  readonly start: number;
  readonly end: number;
  readonly reportedAt: number | null;
}

export interface MaintenanceWindow {
  readonly id: string;
  readonly announcedAt: number;
  readonly start: number;
  readonly end: number;
}

export interface Ticket {
  readonly id: string;
  readonly priority: string;
  readonly openedAt: number;
  readonly actionAt: number | null;
  readonly responseAt: number | null;
}

export interface Charges {
  /** The amount in the currency's minor units (cents for USD): money is counted in integers. */
  readonly minorUnits: bigint;
  /** The currency's ISO 4217 minor-unit digits. */
  readonly digits: number;
  readonly currency: string;
}

/** The request's facts with instants as epoch milliseconds, checked against the policy. */
export interface Facts {
  readonly period: string | undefined;
  readonly charges: Charges | undefined;
  readonly incidents: readonly Incident[];
  readonly maintenance: readonly MaintenanceWindow[];
  readonly claimFiledAt: number | null;
  readonly tickets: readonly Ticket[];
  readonly asOf: number;
  readonly account: Record<string, unknown>;
}

export type FactsResult = { readonly ok: true; readonly facts: Facts } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Reads instants, then checks what the schema cannot: limits, order of instants, unique ids, and the policy's vocabulary. */
export function readFacts(raw: RequestFacts, policy: CompiledPolicy, now: number): FactsResult {
  const problems: Problem[] = [];
  const base: JsonPath = ['facts'];
  // Paths are built only for a problem (from up to three steps below facts): a month may list thousands of instants.
  const instant = (text: string, first: string, index?: number, field?: string): number => {
    const ms = parseInstant(text);
    if (ms !== null && inRange(ms)) return ms;
    const path: JsonPath = [...base, first, ...(index === undefined ? [] : [index]), ...(field === undefined ? [] : [field])];
    if (ms === null) problems.push(problem('REQUEST_INVALID', sentence('request.notAnInstant', { value: JSON.stringify(text) }), path));
    else {
      const outOfRange = rangeProblem(text, ms, path);
      if (outOfRange) problems.push(outOfRange);
    }
    return ms ?? 0;
  };
  const optionalInstant = (text: string | undefined, first: string, index: number, field: string): number | null => (text === undefined ? null : instant(text, first, index, field));

  for (const list of ['incidents', 'maintenance', 'tickets'] as const) {
    const length = raw[list]?.length ?? 0;
    if (length > MAX_ITEMS_PER_LIST) {
      return { ok: false, problems: [problem('TOO_MANY_ITEMS', sentence('request.tooManyItems', { list, count: length, max: MAX_ITEMS_PER_LIST }), [...base, list])] };
    }
  }

  const incidents = (raw.incidents ?? []).map(
    (item, index): Incident => ({
      id: item.id,
      cause: item.cause,
      start: instant(item.start, 'incidents', index, 'start'),
      end: instant(item.end, 'incidents', index, 'end'),
      reportedAt: optionalInstant(item.reportedAt, 'incidents', index, 'reportedAt'),
    }),
  );
  const maintenance = (raw.maintenance ?? []).map(
    (item, index): MaintenanceWindow => ({
      id: item.id,
      announcedAt: instant(item.announcedAt, 'maintenance', index, 'announcedAt'),
      start: instant(item.start, 'maintenance', index, 'start'),
      end: instant(item.end, 'maintenance', index, 'end'),
    }),
  );
  const tickets = (raw.tickets ?? []).map(
    (item, index): Ticket => ({
      id: item.id,
      priority: item.priority,
      openedAt: instant(item.openedAt, 'tickets', index, 'openedAt'),
      actionAt: optionalInstant(item.actionAt, 'tickets', index, 'actionAt'),
      responseAt: optionalInstant(item.respondedAt, 'tickets', index, 'respondedAt'),
    }),
  );
  const claimFiledAt = raw.claim ? instant(raw.claim.filedAt, 'claim', undefined, 'filedAt') : null;
  const asOf = raw.asOf === undefined ? now : instant(raw.asOf, 'asOf');
  // The schema allows only YYYY-MM with a month 01-12, so the first instant of the month always parses.
  const periodStart = raw.period === undefined ? null : (parseInstant(`${raw.period}-01T00:00:00Z`) ?? Number.NaN);
  if (periodStart !== null && !inRange(periodStart)) {
    problems.push(problem('INSTANT_OUT_OF_RANGE', sentence('request.periodOutOfRange', { period: raw.period ?? '', ...RANGE }), [...base, 'period']));
  }
  if (problems.length > 0) return { ok: false, problems };

  if (raw.period === undefined && raw.tickets === undefined) {
    return { ok: false, problems: [problem('NOTHING_TO_DECIDE', sentence('request.nothingToDecide'), base)] };
  }

  checkUniqueIds(incidents, 'incidents', problems);
  checkUniqueIds(maintenance, 'maintenance', problems);
  checkUniqueIds(tickets, 'tickets', problems);

  incidents.forEach((incident, index) => {
    if (!policy.countedCauses.has(incident.cause) && !policy.excludedCauses.has(incident.cause)) {
      const known = [...policy.countedCauses, ...policy.excludedCauses].join(', ');
      problems.push(problem('UNKNOWN_CAUSE', sentence('request.unknownCause', { cause: incident.cause, known }), [...base, 'incidents', index, 'cause']));
    }
    if (incident.end < incident.start) problems.push(problem('END_BEFORE_START', sentence('request.incidentEndsBeforeStart', { id: incident.id }), [...base, 'incidents', index, 'end']));
  });
  maintenance.forEach((window, index) => {
    if (window.end < window.start) problems.push(problem('END_BEFORE_START', sentence('request.maintenanceEndsBeforeStart', { id: window.id }), [...base, 'maintenance', index, 'end']));
  });
  tickets.forEach((ticket, index) => {
    const at = (field: string): JsonPath => [...base, 'tickets', index, field];
    if (!policy.priorities.has(ticket.priority)) {
      problems.push(problem('UNKNOWN_PRIORITY', sentence('request.unknownPriority', { priority: ticket.priority, known: [...policy.priorities.keys()].join(', ') }), at('priority')));
    }
    if (ticket.actionAt !== null && ticket.actionAt < ticket.openedAt) problems.push(problem('EVENT_BEFORE_OPENED', sentence('request.actionBeforeOpened', { id: ticket.id }), at('actionAt')));
    if (ticket.responseAt !== null && ticket.responseAt < ticket.openedAt) problems.push(problem('EVENT_BEFORE_OPENED', sentence('request.responseBeforeOpened', { id: ticket.id }), at('respondedAt')));
  });

  let charges: Charges | undefined;
  if (raw.charges) {
    const at = [...base, 'charges'];
    const cap = policy.caps.get(raw.charges.currency);
    const minorUnits = cap ? minorUnitsOf(raw.charges.amount, cap.digits) : null;
    if (!cap) {
      problems.push(problem('CURRENCY_NOT_ACCEPTED', sentence('request.currencyNotAccepted', { currency: raw.charges.currency, accepted: [...policy.caps.keys()].join(', ') }), [...at, 'currency']));
    } else if (minorUnits === null) {
      problems.push(problem('AMOUNT_TOO_PRECISE', sentence('request.amountTooPrecise', { amount: raw.charges.amount, digits: cap.digits, currency: cap.currency }), [...at, 'amount']));
    } else {
      charges = { minorUnits, digits: cap.digits, currency: raw.charges.currency };
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    facts: { period: raw.period, charges, incidents, maintenance, claimFiledAt, tickets, asOf, account: (raw.account ?? {}) as Record<string, unknown> },
  };
}

/** "480.5" with 2 digits -> 48050n; null when the amount has more decimals than the currency (trailing zeros aside). */
function minorUnitsOf(amount: string, digits: number): bigint | null {
  const point = amount.indexOf('.');
  if (point < 0) return BigInt(amount) * 10n ** BigInt(digits);
  let end = amount.length;
  while (end > point + 1 && amount.charCodeAt(end - 1) === ZERO) end--;
  const decimals = end - point - 1;
  if (decimals > digits) return null;
  return BigInt(`${amount.slice(0, point)}${amount.slice(point + 1, end)}`) * 10n ** BigInt(digits - decimals);
}

function checkUniqueIds(items: readonly { id: string }[], list: 'incidents' | 'maintenance' | 'tickets', problems: Problem[]): void {
  if (items.length < 2) return;
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) problems.push(problem('DUPLICATE_ID', sentence('request.duplicateId', { id: item.id }), ['facts', list, index, 'id']));
    seen.add(item.id);
  });
}
