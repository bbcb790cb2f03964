import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeDecision } from '../src/evaluate/serialize-decision.js';
import { createAjv } from '../src/validate/ajv.js';
import { decide, incident } from './helpers.js';

// Decisions are serialized with JSON.stringify (see serialize-decision.ts): the
// decision schema holds because the evaluator builds exactly its keys, in order.
// Any decision the property finds that breaks the schema fails here.

const schema = JSON.parse(readFileSync('schemas/decision.schema.json', 'utf8')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
const validate = createAjv({ allErrors: true }).compile(schema);
const documentedOrder = (keys: readonly string[], documented: readonly string[]) => expect(keys).toEqual(documented.filter((key) => keys.includes(key)));

const MONTH_START = Date.parse('2026-10-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const at = fc.integer({ min: MONTH_START - 5 * 86_400_000, max: MONTH_START + 40 * 86_400_000 });
const incidents = fc.array(fc.tuple(at, fc.integer({ min: 0, max: 3 * 86_400_000 }), fc.constantFrom('provider', 'customer-coding')), { maxLength: 5 }).map((items) =>
  items.map(([start, length, cause], index) => incident(`INC-${index}`, iso(start), iso(start + length), cause, iso(start))),
);
const tickets = fc.array(fc.tuple(at, fc.constantFrom('major', 'non-urgent'), fc.option(fc.integer({ min: 0, max: 86_400_000 }))), { maxLength: 3 }).map((items) =>
  items.map(([opened, priority, after], index) => ({ id: `T-${index}`, priority, openedAt: iso(opened), ...(after === null ? {} : { actionAt: iso(opened + after), respondedAt: iso(opened + after) }) })),
);

describe('decisions keep their schema', () => {
  it('every decision validates against schemas/decision.schema.json and keeps the documented key order', async () => {
    await fc.assert(
      fc.asyncProperty(incidents, tickets, fc.option(at), fc.integer({ min: 0, max: 10_000_000 }), fc.boolean(), async (incidentList, ticketList, filedAt, cents, traced) => {
        const facts = {
          period: '2026-10',
          charges: { amount: (cents / 100).toFixed(2), currency: 'USD' },
          incidents: incidentList,
          ...(filedAt === null ? {} : { claim: { filedAt: iso(filedAt) } }),
          ...(ticketList.length > 0 ? { tickets: ticketList, asOf: iso(MONTH_START + 35 * 86_400_000) } : {}),
        };
        const result = await decide(facts, traced ? { explain: 'trace' } : {});
        if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
        const written = JSON.parse(serializeDecision(result.decision)) as Record<string, Record<string, unknown>>;
        expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
        documentedOrder(Object.keys(written), Object.keys(schema.properties));
        documentedOrder(Object.keys(written['rebate'] ?? {}), Object.keys(schema.properties['rebate']?.properties ?? {}));
        expect('trace' in written).toBe(traced);
      }),
      { numRuns: 120 },
    );
  });
});
