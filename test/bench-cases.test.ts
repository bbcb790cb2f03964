import { describe, expect, it } from 'vitest';
import { neverRepeating } from '../bench/cases.js';
import { validateRequestBody } from '../src/evaluate/request.js';

describe('the benchmark\'s distinct bodies', () => {
  it('never repeat, are valid requests, and raise the charges by a cent each time round the pool', () => {
    const bodyAt = neverRepeating(50);
    const bodies = Array.from({ length: 500 }, (_, n) => bodyAt(n));
    expect(new Set(bodies).size).toBe(500);
    for (const body of bodies) expect(validateRequestBody(JSON.parse(body)), body).toBe(true);
    const amountOf = (n: number) => Number((JSON.parse(bodies[n] ?? '') as { facts: { charges: { amount: string } } }).facts.charges.amount) * 100;
    expect(Math.round(amountOf(57) - amountOf(7))).toBe(1);
    expect(JSON.parse(bodies[57] ?? '').facts.incidents).toEqual(JSON.parse(bodies[7] ?? '').facts.incidents);
  });
});
