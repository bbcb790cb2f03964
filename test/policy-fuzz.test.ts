import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { requestErrorCodes } from '../src/errors/codes.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import type { PolicyFile } from '../src/load/policy-files.js';
import { parseYamlSource } from '../src/load/yaml-source.js';
import type { EvaluateRequest } from '../src/model/evaluate-request.js';
import { factsWithAttributes, ruleFacts, ruleOperators } from '../src/model/rule-vocabulary.js';
import { buildRegistry } from '../src/registry/load-policies.js';
import { basePolicyText } from './helpers.js';

// Policy fuzzing: generate policies legal could write — tiers, caps, calendars,
// extra rules over every documented fact and operator — and random facts.
// Whatever validation accepts, evaluation must answer: a decision or a
// request problem (4xx), never a throw (which the service would answer with 500).

const base = parse(basePolicyText) as Record<string, unknown>;
const MODELINE = basePolicyText.split('\n')[0] ?? '';
const decimal = (maxUnits: number, maxScale: number) =>
  fc.tuple(fc.integer({ min: 1, max: maxUnits }), fc.integer({ min: 0, max: maxScale })).map(([units, scale]) => Number((units / 10 ** scale).toFixed(scale)));

const tiers = fc
  .uniqueArray(decimal(100_000_000, 6).filter((value) => value <= 100), { minLength: 1, maxLength: 6 })
  .chain((thresholds) =>
    fc.uniqueArray(decimal(100_000_000, 6).filter((value) => value <= 100), { minLength: thresholds.length, maxLength: thresholds.length }).chain((percents) =>
      fc.array(fc.constantFrom('credit', 'refund'), { minLength: thresholds.length, maxLength: thresholds.length }).map((remedies) => {
        const below = [...thresholds].sort((a, b) => b - a);
        const rebate = [...percents].sort((a, b) => a - b);
        return below.map((uptimeBelow, index) => ({ uptimeBelow, rebatePercent: rebate[index], remedy: remedies[index] }));
      }),
    ),
  );

const caps = fc
  .uniqueArray(fc.constantFrom(['EUR', 2], ['SEK', 2], ['JPY', 0], ['KWD', 3]), { maxLength: 4, selector: ([code]) => code })
  .chain((others) => fc.constant([['USD', 2], ...others]))
  .chain((currencies) => fc.tuple(...currencies.map(([code, digits]) => fc.integer({ min: 0, max: 10_000_000 }).map((minor) => [code, (minor / 10 ** Number(digits)).toFixed(Number(digits))] as const))))
  .map((entries) => Object.fromEntries(entries));

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const dayHours = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 2, maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b).map((quarter) => quarter * 15);
  const ranges: string[] = [];
  for (let index = 0; index + 1 < sorted.length; index += 2) ranges.push(`${hhmm(sorted[index] ?? 0)}-${sorted[index + 1] === 1440 ? '24:00' : hhmm(sorted[index + 1] ?? 0)}`);
  return ranges;
});
const calendar = fc.oneof(
  fc.constantFrom('UTC', 'Europe/Stockholm', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu').map((timeZone) => ({ timeZone, alwaysOpen: true })),
  fc.record({
    timeZone: fc.constantFrom('Europe/Stockholm', 'America/Sao_Paulo', 'Pacific/Chatham', 'UTC'),
    openingHours: fc.record({ monday: dayHours, wednesday: dayHours, saturday: dayHours }, { requiredKeys: ['monday'] }),
    holidays: fc.uniqueArray(fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((date) => ({ date: date.toISOString().slice(0, 10) })), { maxLength: 4, selector: (holiday) => holiday.date }),
  }),
);

// Rules and facts draw from one pool of values and paths, so conditions often meet the values they test.
const pool = [-1, 0, 1, 5, 10, 99.5, 100, 480, '10', '10.0', '100.00', '480.00', 'gold', 'trial', 'in-window', 'missing', 'USD', '2026-10', '', true, false, null];
const plainPath = fc.oneof(
  fc.constantFrom('$.plan', '$.seats', '$.tags', '$.tags[0]', '$.tags[1]', '$.limits', '$.limits.sms', '$.region'),
  fc.array(fc.oneof(fc.constantFrom('plan', 'seats', 'tags', 'region', 'limits'), fc.nat({ max: 3 })), { minLength: 1, maxLength: 3 }).map((steps) => `$${steps.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`),
);
const scalar = fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, fc.integer({ min: -1000, max: 1000 }), decimal(1_000_000, 4), decimal(1000, 2).map(String), fc.string({ maxLength: 4 }));
// account carries whatever a service sends, so it is tested most.
const test = fc.record({ fact: fc.oneof({ arbitrary: fc.constant('account'), weight: 4 }, fc.constantFrom(...Object.keys(ruleFacts))), operator: fc.constantFrom(...ruleOperators), scalar, list: fc.array(scalar, { maxLength: 4 }), path: plainPath }).map(({ fact, operator, scalar: one, list, path }) => ({
  fact,
  operator,
  value: operator === 'in' || operator === 'notIn' ? list : one,
  ...(factsWithAttributes.has(fact) ? { path } : {}),
}));
const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    test,
    fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('condition') }),
  ),
}));
const rules = fc.array(
  fc.record({ branch: fc.constantFrom('all', 'any'), when: fc.array(condition, { minLength: 1, maxLength: 3 }), outcome: fc.constantFrom('ineligible', 'note') }),
  { maxLength: 4 },
).map((list) => list.map(({ branch, when, outcome }, index) => ({ id: `rule-${index}`, when: { [branch]: when }, then: { outcome, code: `RULE_${index}`, message: 'A reason.' } })));

const policyText = fc
  .record({ tiers, caps, business: calendar, rules, monthMinutes: fc.integer({ min: 1, max: 60_000 }), notice: fc.integer({ min: 0, max: 30 }), zone: fc.constantFrom('UTC', 'Europe/Stockholm', 'Pacific/Kiritimati') })
  .map(({ tiers: rows, caps: capped, business, rules: extra, monthMinutes, notice, zone }) => {
    const document = structuredClone(base) as Record<string, Record<string, unknown>>;
    document['period'] = { timeZone: zone };
    document['downtime'] = { ...document['downtime'], monthMinutes };
    document['maintenance'] = { noticePeriod: `P${notice}D` };
    document['rebate'] = { tiers: rows, caps: capped };
    document['calendars'] = { ...document['calendars'], business };
    document['rules'] = extra as unknown as Record<string, unknown>;
    return `${MODELINE}\n${stringify(document)}`;
  });

const instant = fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2027-02-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
const facts = fc.record(
  {
    period: fc.constantFrom('2026-01', '2026-03', '2026-10', '2026-12'),
    charges: fc.record({ amount: fc.constantFrom('0', '480.00', '99999.99', '1'), currency: fc.oneof({ arbitrary: fc.constant('USD'), weight: 6 }, fc.constantFrom('EUR', 'JPY', 'KWD', 'GBP')) }),
    incidents: fc.array(fc.record({ start: instant, minutes: fc.integer({ min: 0, max: 50_000 }), cause: fc.oneof({ arbitrary: fc.constantFrom('provider', 'customer-coding'), weight: 12 }, fc.constant('weather')), reported: fc.boolean() }), { maxLength: 4 }),
    claim: fc.record({ filedAt: instant }),
    tickets: fc.array(fc.record({ priority: fc.oneof({ arbitrary: fc.constantFrom('major', 'non-urgent'), weight: 8 }, fc.constant('unknown')), openedAt: instant }), { maxLength: 2 }),
    account: fc.oneof(
      { arbitrary: fc.record({ plan: scalar, seats: scalar, region: scalar, tags: fc.array(scalar, { maxLength: 3 }), limits: fc.oneof(fc.record({ sms: scalar }), fc.dictionary(fc.string({ maxLength: 3 }), scalar)) }), weight: 4 },
      fc.jsonValue(),
    ),
  },
  { requiredKeys: ['period'] },
);

function asRequest(generated: Record<string, unknown>): EvaluateRequest {
  const incidents = ((generated['incidents'] as { start: string; minutes: number; cause: string; reported: boolean }[] | undefined) ?? []).map((incident, index) => ({
    id: `INC-${index}`,
    start: incident.start,
    end: new Date(Date.parse(incident.start) + incident.minutes * 60_000).toISOString(),
    cause: incident.cause,
    ...(incident.reported ? { reportedAt: incident.start } : {}),
  }));
  const tickets = ((generated['tickets'] as { priority: string; openedAt: string }[] | undefined) ?? []).map((ticket, index) => ({ id: `T-${index}`, ...ticket }));
  return { policy: 'fuzz-sla', facts: { ...generated, incidents, ...(tickets.length > 0 ? { tickets, asOf: '2027-01-01T00:00:00Z' } : {}) } as EvaluateRequest['facts'] };
}

function policyFile(text: string): PolicyFile {
  const file = 'fuzz-sla/1.0.0.yaml';
  const named = text.replace('id: clicksend-sla', 'id: fuzz-sla');
  return { file, folderId: 'fuzz-sla', fileVersion: '1.0.0', bytes: Buffer.from(named), text: named, sha256: createHash('sha256').update(named).digest('hex'), source: parseYamlSource(file, named) };
}

describe('policy fuzzing: whatever validation accepts, evaluation answers', { timeout: 120_000 }, () => {
  it('generated policies and random facts: a decision or a request problem, never a throw', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(policyText, fc.array(facts, { minLength: 1, maxLength: 4 }), async (text, cases) => {
        const { registry, diagnostics } = await buildRegistry({ files: [policyFile(text)], problems: [] });
        if (diagnostics.length > 0) { console.log("REJ", diagnostics[0]?.code, diagnostics[0]?.message.slice(0,80)); return; }
        accepted++;
        for (const generated of cases) {
          const result = await evaluate(registry, asRequest(generated), { now: Date.parse('2026-11-15T12:00:00Z'), decisionId: 'fuzz' });
          if (!result.ok) expect(result.problems.every((problem) => Object.hasOwn(requestErrorCodes, problem.code))).toBe(true);
          else expect(result.decision.policy.id).toBe('fuzz-sla');
        }
      }),
      { numRuns: 150 },
    );
    // The generator must mostly produce valid policies, or the property says little.
    expect(accepted).toBeGreaterThan(100);
  });
});
