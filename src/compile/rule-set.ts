import { Decimal } from 'decimal.js';
import { Engine } from 'json-rules-engine';
import type { Event, RuleProperties, RuleResult, TopLevelConditionResult } from 'json-rules-engine';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES, stringBytes } from '../model/byte-bounded-memo.js';
import { ExactRatio } from '../model/exact-ratio.js';
import { memoBudgets } from '../model/memo-budgets.js';
import { parseMemberPath, readMemberPath } from '../model/member-path.js';
import { exactOperators } from './exact-operators.js';
import { OutcomeKey } from './outcome-key.js';

/** One rule that fired, with the fact values its conditions saw (as plain JSON). */
export interface TraceEntry {
  readonly rule: string;
  readonly event: string;
  readonly conditions: readonly TraceCondition[];
}

export interface TraceCondition {
  readonly fact: string;
  readonly path?: string;
  readonly operator: string;
  readonly value: unknown;
  readonly factValue: unknown;
  readonly result: boolean;
}

export interface RuleSetOutcome {
  readonly events: readonly Event[];
  /** The rules that fired and the fact values they saw; empty unless the run was asked for it. */
  readonly trace: readonly TraceEntry[];
}

/**
 * Compiled rules, run many times; json-rules-engine decides every outcome.
 * An outcome depends only on which region of the rule set's comparison constants
 * each numeric fact falls into, and on the exact values of the other facts (see
 * OutcomeKey), so it is remembered by that key: the engine runs once per region,
 * not once per month (it spends ~10 µs per rule per run).
 * A run asked for its trace always runs the engine on the real values, so the
 * trace shows exactly what json-rules-engine saw.
 * json-rules-engine keeps a run's status on the engine itself, so overlapping
 * runs on one engine would cut each other short; each run borrows an idle engine.
 * The memo is bounded in bytes, and a run whose key is long (a large `account`)
 * is not remembered at all: such keys would only crowd out the rest.
 */
export class RuleSet {
  private readonly idle: Engine[] = [];
  private readonly key: OutcomeKey;
  private readonly outcomes = new ByteBoundedMemo<string | number, RuleSetOutcome>(memoBudgets().ruleOutcomeBytes, outcomeBytes);
  private readonly maxKeyBytes = memoBudgets().ruleKeyMaxBytes;

  constructor(private readonly rules: readonly RuleProperties[]) {
    this.key = new OutcomeKey(rules);
  }

  /**
   * The outcome remembered for these facts, at once; undefined when the engine
   * has to run (not remembered yet, or a trace is asked for). Callers try this
   * before awaiting run(): nearly every run is remembered, and a decision makes a
   * dozen of them, each of which would otherwise wait a turn of the microtask queue.
   */
  remembered(facts: Readonly<Record<string, unknown>>, trace = false): RuleSetOutcome | undefined {
    return trace ? undefined : this.outcomes.get(this.key.of(facts));
  }

  async run(facts: Readonly<Record<string, unknown>>, options: { readonly trace?: boolean } = {}): Promise<RuleSetOutcome> {
    if (options.trace) return this.runEngine(facts);
    const key = this.key.of(facts);
    if (typeof key === 'string' && stringBytes(key) > this.maxKeyBytes) return { events: (await this.runEngine(facts)).events, trace: [] };
    const known = this.outcomes.get(key);
    if (known) return known;
    const { events } = await this.runEngine(facts);
    const outcome = { events, trace: [] };
    this.outcomes.set(key, outcome);
    return outcome;
  }

  /** The engine's own run on these facts, never remembered: the oracle the memo is tested against. */
  async runEngine(facts: Readonly<Record<string, unknown>>): Promise<RuleSetOutcome> {
    const engine = this.idle.pop() ?? this.createEngine();
    try {
      const { events, results } = await engine.run(engineFacts(facts));
      return { events: structuredClone(events), trace: results.map(traceEntry) };
    } finally {
      this.idle.push(engine);
    }
  }

  private createEngine(): Engine {
    const engine = new Engine(this.rules.map((rule) => ({ ...rule })), { allowUndefinedFacts: true, pathResolver: resolvePath });
    for (const operator of exactOperators) engine.addOperator(operator);
    return engine;
  }
}

/** An outcome's bytes as its JSON text counts them, with its key: close enough to what it holds, and never less. */
function outcomeBytes(outcome: RuleSetOutcome, key: string | number): number {
  return (typeof key === 'string' ? stringBytes(key) : 8) + stringBytes(JSON.stringify(outcome)) + ENTRY_OVERHEAD_BYTES;
}

/** A condition's `path`, as validation reads it: plain names and list positions only, never a JSONPath query. */
function resolvePath(value: unknown, path: string): unknown {
  const steps = parseMemberPath(path);
  return steps ? readMemberPath(value, steps) : undefined;
}

/** The facts as the engine's operators read them: exact ratios become exact decimals. */
function engineFacts(facts: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const converted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(facts)) converted[name] = value instanceof ExactRatio ? value.toDecimal() : value;
  return converted;
}

function traceEntry(result: RuleResult): TraceEntry {
  return { rule: result.name, event: result.event?.type ?? '', conditions: leaves(result.conditions) };
}

function leaves(condition: TopLevelConditionResult): TraceCondition[] {
  const node = condition as unknown as Record<string, unknown>;
  for (const key of ['all', 'any'] as const) {
    if (Array.isArray(node[key])) return (node[key] as TopLevelConditionResult[]).flatMap(leaves);
  }
  if (node['not']) return leaves(node['not'] as TopLevelConditionResult);
  if (!('factResult' in node)) return []; // not evaluated: an earlier condition already decided
  return [
    {
      fact: String(node['fact']),
      ...(typeof node['path'] === 'string' ? { path: node['path'] } : {}),
      operator: String(node['operator']),
      value: plain('valueResult' in node ? node['valueResult'] : node['value']),
      factValue: plain(node['factResult']),
      result: node['result'] === true,
    },
  ];
}

/** Exact decimals as strings, so a trace reads and compares as plain JSON. */
function plain(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return (value as Decimal).toString();
  return value === undefined ? null : structuredClone(value);
}
