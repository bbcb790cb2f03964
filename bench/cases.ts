import { readFileSync } from 'node:fs';
import type { EvaluateRequest } from '../src/model/evaluate-request.js';

/** The typical month of issue 7: 3 incidents (an overlap, an excluded cause), a maintenance window, a claim, 2 tickets. */
export const typicalMonth = JSON.parse(readFileSync('examples/typical-month.json', 'utf8')) as EvaluateRequest;

/** A month of 1,000 provider incidents of 7 minutes each, every 40 minutes, some overlapping maintenance. */
export function thousandIncidentMonth(): EvaluateRequest {
  const start = Date.parse('2026-10-01T00:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const incidents = Array.from({ length: 1000 }, (_, i) => {
    const from = start + i * 40 * 60_000;
    return { id: `INC-${i}`, start: iso(from), end: iso(from + 7 * 60_000), cause: i % 10 === 0 ? 'customer-coding' : 'provider', reportedAt: iso(from + 30_000) };
  });
  return { ...typicalMonth, facts: { ...typicalMonth.facts, incidents } };
}

/** The typical month with charges no other request in the run has, so no remembered outcome applies. */
export function typicalMonthWithCharges(index: number): EvaluateRequest {
  return { ...typicalMonth, facts: { ...typicalMonth.facts, charges: { amount: (100 + index / 100).toFixed(2), currency: 'USD' } } };
}
