import { Decimal } from 'decimal.js';
import { Engine } from 'json-rules-engine';
import type { Event, RuleProperties, RuleResult, TopLevelCondition, TopLevelConditionResult } from 'json-rules-engine';
import { ByteBoundedMemo, ENTRY_OVERHEAD_BYTES, stringBytes } from '../model/byte-bounded-memo.js';
import { memoBudgets } from '../model/memo-budgets.js';
import { parseMemberPath, readMemberPath } from '../model/member-path.js';
import { exactOperators } from './exact-operators.js';

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
  readonly trace: readonly TraceEntry[];
}

/**
 * Compiled rules, run many times. A run's outcome depends only on the values of
 * the facts its rules read, so it is remembered by those values: the engine runs
 * once per distinct input (json-rules-engine spends ~10 µs per rule per run).
 * json-rules-engine keeps a run's status on the engine itself, so overlapping
 * runs on one engine would cut each other short; each run borrows an idle engine.
 * The memo is bounded in bytes, and a run whose facts read many bytes (a large
 * `account`) is not remembered at all: such keys would only crowd out the rest.
 */
export class RuleSet {
  private readonly idle: Engine[] = [];
  private readonly factsRead: readonly string[];
  private readonly remembered = new ByteBoundedMemo<string, RuleSetOutcome>(memoBudgets().ruleOutcomeBytes, outcomeBytes);
  private readonly maxKeyBytes = memoBudgets().ruleKeyMaxBytes;

  constructor(private readonly rules: readonly RuleProperties[]) {
    this.factsRead = [...new Set(rules.flatMap((rule) => factsOf(rule.conditions)))].sort();
  }

  async run(facts: Readonly<Record<string, unknown>>): Promise<RuleSetOutcome> {
    const key = JSON.stringify(this.factsRead.map((fact) => facts[fact] ?? null));
    if (stringBytes(key) > this.maxKeyBytes) return this.runEngine(facts);
    const known = this.remembered.get(key);
    if (known) return known;
    const outcome = await this.runEngine(facts);
    this.remembered.set(key, outcome);
    return outcome;
  }

  private async runEngine(facts: Readonly<Record<string, unknown>>): Promise<RuleSetOutcome> {
    const engine = this.idle.pop() ?? this.createEngine();
    try {
      const { events, results } = await engine.run({ ...facts });
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
function outcomeBytes(outcome: RuleSetOutcome, key: string): number {
  return stringBytes(key) + stringBytes(JSON.stringify(outcome)) + ENTRY_OVERHEAD_BYTES;
}

/** A condition's `path`, as validation reads it: plain names and list positions only, never a JSONPath query. */
function resolvePath(value: unknown, path: string): unknown {
  const steps = parseMemberPath(path);
  return steps ? readMemberPath(value, steps) : undefined;
}

function factsOf(condition: TopLevelCondition | Record<string, unknown>): string[] {
  const node = condition as Record<string, unknown>;
  const children = [...((node['all'] as unknown[] | undefined) ?? []), ...((node['any'] as unknown[] | undefined) ?? []), ...(node['not'] ? [node['not']] : [])];
  const own = typeof node['fact'] === 'string' ? [node['fact']] : [];
  const compared = node['value'] && typeof (node['value'] as { fact?: unknown }).fact === 'string' ? [(node['value'] as { fact: string }).fact] : [];
  return [...own, ...compared, ...children.flatMap((child) => factsOf(child as Record<string, unknown>))];
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

/** Exact decimals as strings, so a trace reads, compares and is remembered as plain JSON. */
function plain(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return (value as Decimal).toString();
  return value === undefined ? null : structuredClone(value);
}
