import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { Duration } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import { evaluate } from '../src/evaluate/evaluate.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import { bundledRegistry, decide, FIXED_NOW, incident, OCTOBER, rebateOf } from './helpers.js';

const MONTH_START = Date.parse('2026-10-01T00:00:00Z');
const MONTH_END = Date.parse('2026-11-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const down = (minutes: number, seconds = 0) => [incident('INC-1', '2026-10-10T00:00:00Z', iso(Date.parse('2026-10-10T00:00:00Z') + minutes * 60_000 + seconds * 1000))];

describe('rebate boundaries', () => {
  it('exactly 99% earns 5%; one more minute earns 10%', async () => {
    expect((await rebateOf({ ...OCTOBER, incidents: down(432) })).rebatePercent).toBe(5);
    expect((await rebateOf({ ...OCTOBER, incidents: down(433) })).rebatePercent).toBe(10);
  });

  it('29 seconds are 0 minutes and 30 seconds are 1', async () => {
    expect((await rebateOf({ ...OCTOBER, incidents: down(0, 29) })).downtimeMinutes).toBe(0);
    expect((await rebateOf({ ...OCTOBER, incidents: down(0, 30) })).downtimeMinutes).toBe(1);
  });

  it('refuses an incident that ends before it starts, and an unknown cause', async () => {
    const backwards = await decide({ ...OCTOBER, incidents: [incident('INC-1', '2026-10-10T01:00:00Z', '2026-10-10T00:00:00Z')] });
    expect(backwards.ok ? [] : backwards.problems.map((p) => [p.code, p.path])).toEqual([['END_BEFORE_START', ['facts', 'incidents', 0, 'end']]]);
    const unknown = await decide({ ...OCTOBER, incidents: [incident('INC-1', '2026-10-10T00:00:00Z', '2026-10-10T01:00:00Z', 'cosmic-rays')] });
    expect(unknown.ok ? [] : unknown.problems.map((p) => p.code)).toEqual(['UNKNOWN_CAUSE']);
  });

  it('refuses a period before the first version, an unknown version and duplicate incident ids', async () => {
    const early = await decide({ period: '2019-12' });
    expect(early.ok ? [] : early.problems.map((p) => p.code)).toEqual(['NO_VERSION_IN_FORCE']);
    const version = await decide({ period: '2026-10' }, { version: '9.9.9' });
    expect(version.ok ? [] : version.problems.map((p) => p.code)).toEqual(['VERSION_NOT_FOUND']);
    const twice = await decide({ ...OCTOBER, incidents: [...down(1), ...down(2)] });
    expect(twice.ok ? [] : twice.problems.map((p) => p.code)).toEqual(['DUPLICATE_ID']);
  });
});

describe('maintenance windows', () => {
  const window = (id: string, start: string, end: string, announcedAt = '2026-09-01T00:00:00Z') => ({ id, announcedAt, start, end });

  it('overlapping scheduled windows excuse their union once, and a late window inside a scheduled one adds nothing', async () => {
    const rebate = await rebateOf({
      ...OCTOBER,
      incidents: [incident('INC-1', '2026-10-10T00:00:00Z', '2026-10-10T10:00:00Z')],
      maintenance: [
        window('MW-1', '2026-10-10T01:00:00Z', '2026-10-10T03:00:00Z'),
        window('MW-2', '2026-10-10T02:00:00Z', '2026-10-10T04:00:00Z'),
        window('MW-LATE', '2026-10-10T02:30:00Z', '2026-10-10T03:30:00Z', '2026-10-09T00:00:00Z'),
      ],
    });
    expect(rebate.downtimeMinutes).toBe(420);
    expect(rebate.incidents[0]?.notes).toEqual(['180 minute(s) inside scheduled maintenance "MW-1", "MW-2" (each announced at least P7D ahead) do not count']);
  });

  it('thousands of incidents across thousands of windows are answered, with notes that name a few and count the rest', async () => {
    const at = (minutes: number) => iso(MONTH_START + minutes * 60_000);
    const incidents = Array.from({ length: 3000 }, (_, i) => incident(`I${i}`, at(i), at(i + 30 * 1440), 'provider', at(0)));
    const maintenance = Array.from({ length: 3000 }, (_, i) => window(`M${i}`, at(2 * i), at(2 * i + 1)));
    const rebate = await rebateOf({ ...OCTOBER, incidents, maintenance });
    expect(rebate.downtimeMinutes).toBe(31 * 1440 - 3000); // the whole of October, less the 3000 excused minutes
    expect(rebate.incidents[0]?.notes[0]).toMatch(/^3000 minute\(s\) inside scheduled maintenance "M0", "M1", "M2" and 2997 more/);
  });
});

describe('whole decisions', () => {
  const months = {
    'a typical month': { ...OCTOBER, incidents: [incident('INC-1', '2026-10-03T10:00:00Z', '2026-10-03T17:00:00Z', 'provider', '2026-10-03T10:05:00Z'), incident('INC-2', '2026-10-03T12:00:00Z', '2026-10-03T14:00:00Z'), incident('INC-3', '2026-10-05T12:00:00Z', '2026-10-05T14:00:00Z', 'customer-coding')] },
    'no claim filed': { period: '2026-10', charges: { amount: '480.00', currency: 'USD' }, incidents: down(433) },
    'a capped month with late maintenance notice': {
      ...OCTOBER,
      incidents: [incident('INC-1', '2026-10-10T00:00:00Z', '2026-10-11T12:01:00Z')],
      maintenance: [{ id: 'MW-1', announcedAt: '2026-10-05T00:00:00Z', start: '2026-10-10T00:00:00Z', end: '2026-10-10T02:00:00Z' }],
    },
    'a month fully down': { ...OCTOBER, incidents: [incident('INC-1', '2026-09-30T00:00:00Z', '2026-11-02T00:00:00Z')] },
  };
  for (const [name, facts] of Object.entries(months)) {
    it(name, async () => {
      const result = await decide(facts, { explain: 'trace' });
      expect(result).toMatchSnapshot();
    });
  }

  it('are reproducible byte for byte but for the decisionId, by a fresh load that remembers nothing', async () => {
    const first = await decide(months['a typical month']);
    // Freshly compiled rule sets have empty memos: the engine runs again, and must reach the same decision.
    const { registry } = await loadPolicies('policies');
    const runs = vi.spyOn(Engine.prototype, 'run');
    const second = await evaluate(registry, { policy: 'clicksend-sla', facts: months['a typical month'] }, { now: FIXED_NOW, decisionId: 'test-decision' });
    expect(runs).toHaveBeenCalled();
    runs.mockRestore();
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

const instantIn = (from: number, to: number) => fc.integer({ min: from, max: to });
const incidentArb = fc
  .record({ start: instantIn(MONTH_START - 86_400_000, MONTH_END), length: fc.integer({ min: 0, max: 5 * 86_400_000 }), reportDelay: fc.option(fc.integer({ min: -3_600_000, max: 86_400_000 })), excluded: fc.boolean() })
  .map(({ start, length, reportDelay, excluded }) => ({ start, end: start + length, reportDelay, excluded }));
const toIncidents = (items: { start: number; end: number; reportDelay: number | null; excluded: boolean }[]) =>
  items.map((item, index) => incident(`INC-${index}`, iso(item.start), iso(item.end), item.excluded ? 'customer-coding' : 'provider', item.reportDelay === null ? null : iso(item.start + item.reportDelay)));
const charges = fc.integer({ min: 0, max: 100_000_000 }).map((cents) => ({ amount: (cents / 100).toFixed(2), currency: 'USD' }));

describe('invariants (property tests)', () => {
  it('uptime stays within [0, 100] and the amount never exceeds the cap', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(incidentArb, { maxLength: 8 }), charges, async (items, money) => {
        const rebate = await rebateOf({ ...OCTOBER, charges: money, incidents: toIncidents(items) });
        expect(rebate.uptimePercent).toBeGreaterThanOrEqual(0);
        expect(rebate.uptimePercent).toBeLessThanOrEqual(100);
        expect(Number(rebate.amount)).toBeLessThanOrEqual(125);
      }),
      { numRuns: 150 },
    );
  });

  it('the rebate never falls as counted downtime grows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(incidentArb, { maxLength: 6 }), incidentArb, charges, async (items, extra, money) => {
        const before = await rebateOf({ ...OCTOBER, charges: money, incidents: toIncidents(items) });
        const after = await rebateOf({ ...OCTOBER, charges: money, incidents: toIncidents([...items, { ...extra, reportDelay: 0, excluded: false }]) });
        expect(after.downtimeMinutes).toBeGreaterThanOrEqual(before.downtimeMinutes);
        expect(after.rebatePercent).toBeGreaterThanOrEqual(before.rebatePercent);
        expect(Number(after.amount)).toBeGreaterThanOrEqual(Number(before.amount));
      }),
      { numRuns: 150 },
    );
  });

  it('money in integer minor units gives what decimal arithmetic gives, trailing zeros and all', async () => {
    // The oracle: decimal.js on the amount as written, half up to cents, then the cap.
    const written = fc.tuple(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 4 })).map(([cents, zeros]) => `${(cents / 100).toFixed(2)}${'0'.repeat(zeros)}`);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 6_000 }), written, async (minutes, amount) => {
        const rebate = await rebateOf({ ...OCTOBER, charges: { amount, currency: 'USD' }, incidents: down(minutes) });
        const earned = new Decimal(amount).times(rebate.rebatePercent).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        expect(rebate.amount).toBe(Decimal.min(earned, 125).toFixed(2));
        expect(rebate.capped).toBe(earned.greaterThan(125));
        expect(rebate.uptimePercent).toBe(new Decimal(43_200 - Math.min(minutes, 43_200)).times(100).dividedBy(43_200).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toNumber());
      }),
      { numRuns: 200 },
    );
  });

  it('reordering incidents changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(incidentArb, { minLength: 2, maxLength: 8 }).chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }))), async ([items, shuffled]) => {
        const named = toIncidents(items);
        const reordered = shuffled.map((item) => named[items.indexOf(item)]!);
        const a = await rebateOf({ ...OCTOBER, incidents: named });
        const b = await rebateOf({ ...OCTOBER, incidents: reordered });
        expect({ ...b, incidents: [] }).toEqual({ ...a, incidents: [] });
        expect([...b.incidents].sort((x, y) => x.id.localeCompare(y.id)).map((i) => i.countedMinutes)).toEqual([...a.incidents].sort((x, y) => x.id.localeCompare(y.id)).map((i) => i.countedMinutes));
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * The oracle: downtime counted one half-minute slot at a time, straight from the
 * terms (reported, counted cause, outside qualifying maintenance, once however many
 * incidents cover it), then rounded half up to whole minutes.
 */
const SLOT_MS = 30_000;
async function oracleDowntimeMinutes(incidents: Slotted[], windows: SlottedWindow[]): Promise<number> {
  const policy = (await bundledRegistry()).version('clicksend-sla', '1.0.0')!;
  const notice = Duration.fromISO(policy.document.maintenance.noticePeriod);
  const counted = new Set(policy.document.downtime.countedCauses);
  const qualifying = windows.filter((window) => window.announcedAt <= window.start - notice.toMillis());
  let slots = 0;
  for (let slot = MONTH_START; slot < MONTH_END; slot += SLOT_MS) {
    const down = incidents.some((item) => counted.has(item.cause) && item.reportedAt !== null && slot >= Math.max(item.start, item.reportedAt) && slot < item.end);
    const excused = qualifying.some((window) => slot >= window.start && slot < window.end);
    if (down && !excused) slots++;
  }
  return Math.floor((slots * SLOT_MS + 30_000) / 60_000);
}

interface Slotted {
  readonly start: number;
  readonly end: number;
  readonly reportedAt: number | null;
  readonly cause: string;
}
interface SlottedWindow {
  readonly announcedAt: number;
  readonly start: number;
  readonly end: number;
}

const slotIn = (from: number, to: number) => fc.integer({ min: from / SLOT_MS, max: to / SLOT_MS }).map((slot) => slot * SLOT_MS);
const DAY = 86_400_000;
const slottedIncident = fc
  .record({ start: slotIn(MONTH_START - DAY, MONTH_END), slots: fc.integer({ min: 0, max: 4 * 2880 }), delay: fc.option(fc.integer({ min: -120, max: 2 * 2880 })), cause: fc.constantFrom('provider', 'provider', 'customer-coding') })
  .map(({ start, slots, delay, cause }): Slotted => ({ start, end: start + slots * SLOT_MS, reportedAt: delay === null ? null : start + delay * SLOT_MS, cause }));
const slottedWindow = fc
  .record({ start: slotIn(MONTH_START - DAY, MONTH_END), slots: fc.integer({ min: 0, max: 2880 }), notice: fc.integer({ min: 6 * 2880, max: 8 * 2880 }) })
  .map(({ start, slots, notice }): SlottedWindow => ({ start, end: start + slots * SLOT_MS, announcedAt: start - notice * SLOT_MS }));

describe('downtime against a half-minute-by-half-minute oracle (property test)', () => {
  it('the counted downtime is what the slots say', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(slottedIncident, { maxLength: 6 }), fc.array(slottedWindow, { maxLength: 3 }), async (items, windows) => {
        const rebate = await rebateOf({
          ...OCTOBER,
          incidents: items.map((item, index) => incident(`INC-${index}`, iso(item.start), iso(item.end), item.cause, item.reportedAt === null ? null : iso(item.reportedAt))),
          maintenance: windows.map((window, index) => ({ id: `MW-${index}`, announcedAt: iso(window.announcedAt), start: iso(window.start), end: iso(window.end) })),
        });
        expect(rebate.downtimeMinutes).toBe(await oracleDowntimeMinutes(items, windows));
      }),
      { numRuns: 60 },
    );
  });
});
