import { Engine } from 'json-rules-engine';
import type { Almanac, DynamicFactCallback, Event, RuleProperties, RuleResult, TopLevelConditionResult } from 'json-rules-engine';
import { exactOperators } from './exact-operators.js';

/** One rule that fired, with the fact values its conditions saw. */
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
  /** The run's facts, derived ones included, as the rules saw them. */
  readonly almanac: Almanac;
  readonly trace: readonly TraceEntry[];
}

export type DynamicFacts = Readonly<Record<string, DynamicFactCallback>>;

/** The success events an almanac has collected so far: how later facts read earlier rules' outcomes. */
export function firedEvents(almanac: Almanac): Event[] {
  return (almanac as unknown as { getEvents(outcome: 'success'): Event[] }).getEvents('success');
}

/**
 * Compiled rules, run many times. json-rules-engine keeps a run's status on the
 * engine itself, so two overlapping runs on one engine would cut each other
 * short; each run borrows an idle engine from a pool instead.
 */
export class RuleSet {
  private readonly idle: Engine[] = [];

  constructor(
    private readonly rules: readonly RuleProperties[],
    private readonly dynamicFacts: DynamicFacts = {},
  ) {}

  async run(facts: Record<string, unknown>): Promise<RuleSetOutcome> {
    const engine = this.idle.pop() ?? this.createEngine();
    try {
      const { events, results, almanac } = await engine.run(facts);
      return { events, almanac, trace: results.map(traceEntry) };
    } finally {
      this.idle.push(engine);
    }
  }

  private createEngine(): Engine {
    const engine = new Engine(this.rules.map((rule) => ({ ...rule })), { allowUndefinedFacts: true });
    for (const operator of exactOperators) engine.addOperator(operator);
    for (const [id, calculate] of Object.entries(this.dynamicFacts)) engine.addFact(id, calculate, { cache: true });
    return engine;
  }
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
  const value = 'valueResult' in node ? node['valueResult'] : node['value'];
  return [
    {
      fact: String(node['fact']),
      ...(typeof node['path'] === 'string' ? { path: node['path'] } : {}),
      operator: String(node['operator']),
      value,
      factValue: node['factResult'],
      result: node['result'] === true,
    },
  ];
}
