import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import type { RequestFacts } from '../src/model/evaluate-request.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import type { PolicyRegistry } from '../src/registry/policy-registry.js';
import { termsPolicyText } from './authoring-fixtures.js';
import { FIXED_NOW, incident, policiesFolder } from './helpers.js';

let registry: Promise<PolicyRegistry> | undefined;
const termsRegistry = (): Promise<PolicyRegistry> =>
  (registry ??= loadPolicies(policiesFolder({ 'clicksend-sla/1.0.0.yaml': termsPolicyText })).then((loaded) => {
    if (loaded.diagnostics.length > 0) throw new Error('fixture policy does not load');
    return loaded.registry;
  }));

/** The cap in force for an account, read off the fixture's rules by hand: enterprise 250.00, everyone else the policy's 125.00. */
const capInForce = (plan: string): number => (plan === 'enterprise' ? 25_000 : 12_500);

const plans = fc.constantFrom('enterprise', 'premium', 'gold', 'basic');
// Mostly charges whose rebate lands near the caps (125.00 and 250.00), where a wrong cap shows.
const cents = fc.oneof(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 10_000_000 }));
const minutes = fc.integer({ min: 0, max: 44_640 });

async function rebate(plan: string, downtime: number, chargesCents: number) {
  const end = new Date(Date.parse('2026-10-01T00:00:00Z') + downtime * 60_000).toISOString();
  const facts: RequestFacts = {
    period: '2026-10',
    charges: { amount: (chargesCents / 100).toFixed(2), currency: 'USD' },
    incidents: downtime === 0 ? [] : [incident('INC-1', '2026-10-01T00:00:00Z', end)],
    claim: { filedAt: '2026-11-03T09:00:00Z' },
    account: { plan },
  };
  const result = await evaluate(await termsRegistry(), { policy: 'clicksend-sla', facts }, { now: FIXED_NOW, decisionId: 'p' });
  if (!result.ok || !result.decision.rebate) throw new Error('expected a rebate decision');
  return result.decision.rebate;
}

const inCents = (amount: string | null): number => Math.round(Number(amount ?? '0') * 100);

describe('invariants under rules that set terms (property tests)', () => {
  it('the payable amount never exceeds the cap in force for that account, and reaches it exactly when capped', async () => {
    await fc.assert(
      fc.asyncProperty(plans, minutes, cents, async (plan, downtime, charges) => {
        const decided = await rebate(plan, downtime, charges);
        expect(inCents(decided.amount)).toBeLessThanOrEqual(capInForce(plan));
        if (decided.capped) expect(inCents(decided.amount)).toBe(capInForce(plan));
        // Never more than the percentage earned of the charges (rounded half up to the cent).
        expect(inCents(decided.amount)).toBeLessThanOrEqual(Math.floor((charges * decided.rebatePercent + 50) / 100));
        expect(decided.rebatePercent).toBeLessThanOrEqual(100);
      }),
      { numRuns: 150 },
    );
  });

  it('the rebate never falls as downtime grows, whatever the account', async () => {
    await fc.assert(
      fc.asyncProperty(plans, minutes, minutes, cents, async (plan, a, b, charges) => {
        const [less, more] = [Math.min(a, b), Math.max(a, b)];
        const [before, after] = [await rebate(plan, less, charges), await rebate(plan, more, charges)];
        expect(after.rebatePercent).toBeGreaterThanOrEqual(before.rebatePercent);
        expect(inCents(after.amount)).toBeGreaterThanOrEqual(inCents(before.amount));
      }),
      { numRuns: 150 },
    );
  });

  it('no account earns a rebate for a month without downtime', async () => {
    await fc.assert(
      fc.asyncProperty(plans, cents, async (plan, charges) => {
        expect((await rebate(plan, 0, charges)).amount).toBe((0).toFixed(2));
      }),
      { numRuns: 20 },
    );
  });
});
