import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlapPartners } from '../src/evaluate/overlap-partners.js';
import type { OwnedSpan } from '../src/evaluate/overlap-partners.js';
import { incident, OCTOBER, rebateOf } from './helpers.js';

/** The oracle: every pair looked at. */
function partnersByPairs(spans: readonly OwnedSpan[], named: number): { count: number; lowest: number[] }[] {
  return spans.map((span) => {
    const others = spans.filter((other) => other !== span && other.start < span.end && span.start < other.end).map((other) => other.owner);
    others.sort((a, b) => a - b);
    return { count: others.length, lowest: others.slice(0, named) };
  });
}

/** Spans on a coarse grid, so that ties, touching ends and spans inside others are common. */
const spansArb = (minLength: number, maxLength: number) =>
  fc
    .array(fc.record({ start: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 1, max: 8 }) }), { minLength, maxLength })
    .chain((items) => fc.shuffledSubarray(items.map((_, owner) => owner), { minLength: items.length, maxLength: items.length }).map((owners) => items.map(({ start, length }, index) => ({ start, end: start + length, owner: owners[index] as number }))));

describe('the incidents a span shares time with', () => {
  // A few spans are looked at pair by pair, more through sorted tables: both are held to the oracle.
  it.each([
    ['a few', 0, 16],
    ['many', 17, 80],
  ])('are every other span with time in common, counted, the lowest owners first, whatever the overlaps (%s spans)', (_, minLength, maxLength) => {
    fc.assert(
      fc.property(spansArb(minLength, maxLength), fc.integer({ min: 1, max: 5 }), (spans, named) => {
        expect(overlapPartners(spans, named)).toEqual(partnersByPairs(spans, named));
      }),
      { numRuns: 300 },
    );
  });

  it('are not spans that only touch it', () => {
    const spans = [{ start: 0, end: 10, owner: 0 }, { start: 10, end: 20, owner: 1 }, { start: 5, end: 10, owner: 2 }];
    expect(overlapPartners(spans, 3)).toEqual([{ count: 1, lowest: [2] }, { count: 0, lowest: [] }, { count: 1, lowest: [0] }]);
  });

  it('cost no work per pair: 5,000 spans that all share time', () => {
    const spans = Array.from({ length: 5000 }, (_, owner) => ({ start: 0, end: 100, owner }));
    const partners = overlapPartners(spans, 3);
    expect(partners[0]).toEqual({ count: 4999, lowest: [1, 2, 3] });
    expect(partners[4999]).toEqual({ count: 4999, lowest: [0, 1, 2] });
  });
});

describe('the note of an incident that shares time', () => {
  it('names every incident it shares time with, not only the one reaching furthest (found by an outside tester)', async () => {
    const rebate = await rebateOf({
      ...OCTOBER,
      incidents: [incident('OUT', '2026-10-03T10:00:00Z', '2026-10-03T18:00:00Z'), incident('IN1', '2026-10-03T12:00:00Z', '2026-10-03T13:00:00Z'), incident('IN2', '2026-10-03T12:30:00Z', '2026-10-03T14:00:00Z')],
    });
    const notes = Object.fromEntries(rebate.incidents.map((item) => [item.id, item.notes]));
    expect(notes).toEqual({
      OUT: ['overlaps "IN1", "IN2": time shared with another incident is counted once'],
      IN1: ['overlaps "OUT", "IN2": time shared with another incident is counted once'],
      IN2: ['overlaps "OUT", "IN1": time shared with another incident is counted once'],
    });
    expect(rebate.downtimeMinutes).toBe(480);
  });

  it('names three in the request\'s order and counts the rest, and a later incident that only touches the run is told nothing', async () => {
    const same = ['E', 'D', 'C', 'B', 'A'].map((id) => incident(id, '2026-10-03T10:00:00Z', '2026-10-03T11:00:00Z'));
    const rebate = await rebateOf({ ...OCTOBER, incidents: [...same, incident('F', '2026-10-03T11:00:00Z', '2026-10-03T12:00:00Z')] });
    const notes = Object.fromEntries(rebate.incidents.map((item) => [item.id, item.notes]));
    expect(notes['E']).toEqual(['overlaps "D", "C", "B" and 1 more: time shared with another incident is counted once']);
    expect(notes['A']).toEqual(['overlaps "E", "D", "C" and 1 more: time shared with another incident is counted once']);
    expect(notes['F']).toEqual([]);
  });
});
