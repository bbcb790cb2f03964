import { readFileSync } from 'node:fs';
import type { EvaluateRequest } from '../src/model/evaluate-request.js';

/** The typical month of issue 7: 3 incidents (an overlap, an excluded cause), a maintenance window, a claim, 2 tickets. */
export const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8')) as EvaluateRequest;

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const MINUTE = 60_000;

/** A month of 1,000 provider incidents of 7 minutes each, every 40 minutes, some overlapping maintenance. */
export function thousandIncidentMonth(): EvaluateRequest {
  const start = Date.parse('2026-10-01T00:00:00Z');
  const incidents = Array.from({ length: 1000 }, (_, i) => {
    const from = start + i * 40 * MINUTE;
    return { id: `INC-${i}`, start: iso(from), end: iso(from + 7 * MINUTE), cause: i % 10 === 0 ? 'customer-coding' : 'provider', reportedAt: iso(from + 30_000) };
  });
  return { ...typicalMonth, facts: { ...typicalMonth.facts, incidents } };
}


/** A small deterministic spread of `index` over [0, range): bodies differ without a random generator. */
const spread = (index: number, salt: number, range: number): number => Math.abs(Math.imul(index + 1, 2654435761 + salt * 40503) ^ (index >>> 3)) % range;

/**
 * The shape of the typical month, but every value its own: charges, incident
 * lengths and report delays (so downtime and uptime), the claim instant (some
 * premature, most in the window, some late), and the tickets' times. Like real
 * traffic, where every customer's month differs.
 */
export function distinctMonth(index: number): EvaluateRequest {
  const day = (n: number): number => Date.parse('2026-10-01T00:00:00Z') + n * 1440 * MINUTE;
  const first = day(1 + spread(index, 1, 25)) + spread(index, 2, 600) * MINUTE;
  const second = first + spread(index, 3, 300) * MINUTE;
  const opened = day(2 + spread(index, 4, 27)) + spread(index, 5, 1440) * MINUTE;
  const claimDay = spread(index, 6, 40) - 4; // a few before November, a few after
  return {
    policy: 'clicksend-sla',
    facts: {
      period: '2026-10',
      charges: { amount: `${10 + spread(index, 7, 5000)}.${String(spread(index, 8, 100)).padStart(2, '0')}`, currency: 'USD' },
      incidents: [
        { id: 'INC-1', start: iso(first), end: iso(first + (10 + spread(index, 9, 2000)) * MINUTE), cause: 'provider', reportedAt: iso(first + spread(index, 10, 30) * MINUTE) },
        { id: 'INC-2', start: iso(second), end: iso(second + (5 + spread(index, 11, 240)) * MINUTE), cause: 'provider', reportedAt: iso(second) },
        { id: 'INC-3', start: iso(day(20)), end: iso(day(20) + spread(index, 12, 300) * MINUTE + MINUTE), cause: 'customer-coding', reportedAt: iso(day(20)) },
      ],
      maintenance: [{ id: 'MW-1', announcedAt: iso(day(0)), start: iso(day(7)), end: iso(day(7) + 120 * MINUTE) }],
      claim: { filedAt: iso(day(31) + claimDay * 1440 * MINUTE + spread(index, 13, 1440) * MINUTE) },
      tickets: [
        { id: 'T-1', priority: 'major', openedAt: iso(opened), actionAt: iso(opened + spread(index, 14, 60) * MINUTE), respondedAt: iso(opened + spread(index, 15, 240) * MINUTE) },
        { id: 'T-2', priority: 'non-urgent', openedAt: iso(opened + spread(index, 16, 600) * MINUTE) },
      ],
      asOf: '2026-11-02T10:00:00Z',
    },
  };
}

const AMOUNT_MARK = '"amount":"';

/**
 * Request bodies that never repeat, as a caller's distinct customers send them:
 * body n is month n mod `pool` of distinctMonth, its charges raised by a cent for
 * every time round the pool (so the same downtime, another amount). Each body is
 * three strings joined, cheap enough for the load generator to make per request.
 */
export function neverRepeating(pool: number): (n: number) => string {
  const split = Array.from({ length: pool }, (_, index) => {
    const text = JSON.stringify(distinctMonth(index));
    const at = text.indexOf(AMOUNT_MARK) + AMOUNT_MARK.length;
    const end = text.indexOf('"', at);
    const [units = '0', cents = '00'] = text.slice(at, end).split('.');
    return { before: text.slice(0, at), cents: Number(units) * 100 + Number(cents), after: text.slice(end) };
  });
  return (n) => {
    const month = split[n % pool];
    if (!month) throw new Error('the pool is empty');
    const cents = month.cents + Math.floor(n / pool);
    return `${month.before}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}${month.after}`;
  };
}
