import { problem } from '../errors/problem.js';
import type { Problem } from '../errors/problem.js';
import type { PolicyFile } from '../load/policy-files.js';
import type { PolicyDocument } from '../model/policy-document.js';
import { ExactDecimal } from '../model/values.js';
import { compilePolicy } from './compile-policy.js';
import type { CompiledPolicy } from './compiled-policy.js';
import { legalRules } from './rebate-rules.js';
import { RuleSet } from './rule-set.js';
import { targetKinds } from './support-rules.js';
import { text } from '../messages/text.js';

export type TrialResult = { readonly ok: true; readonly policy: CompiledPolicy } | { readonly ok: false; readonly problems: readonly Problem[] };

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Facts of the shape evaluation gives the outcome rules: one month with nothing happening, one with nothing known. */
function outcomeFacts(policy: CompiledPolicy): Record<string, unknown>[] {
  const [currency] = policy.caps.keys();
  const typical = {
    account: {},
    period: policy.ref.effectiveFrom.slice(0, 7),
    currency,
    chargesAmount: new ExactDecimal(0),
    downtimeMinutes: 0,
    uptimePercent: new ExactDecimal(100),
    rebatePercent: new ExactDecimal(0),
    claimStatus: 'in-window',
    incidentCount: 0,
  };
  return [typical, { ...typical, account: undefined, currency: undefined, chargesAmount: undefined, claimStatus: 'missing' }];
}

/** Runs every rule set of the policy once, as evaluation would, so the engine's own checks run before anything is served. */
async function runEveryRuleSet(policy: CompiledPolicy): Promise<void> {
  const { tiers, cap, outcome } = policy.rebateRules;
  for (const tier of policy.tiers) await tiers.run({ uptimePercent: tier.uptimeBelow });
  for (const { currency, amount } of policy.caps.values()) await cap.run({ currency, rebateAmount: amount });
  for (const facts of outcomeFacts(policy)) await outcome.run(facts);
  for (const priority of policy.priorities.keys()) await policy.supportRules.targets.run({ priority });
  const status = Object.fromEntries(targetKinds.flatMap((kind) => [[`${kind}Done`, true], [`${kind}OnTime`, true], [`${kind}PastDue`, false]]));
  await policy.supportRules.status.run(status);
}

/**
 * Check what will run, before it is served: compile the policy exactly as
 * loading does and run each rule set once on representative facts. Each of
 * legal's rules also runs alone, so a rule the engine refuses is named at its
 * place in the file.
 */
export async function trialRun(file: PolicyFile, document: PolicyDocument): Promise<TrialResult> {
  let policy: CompiledPolicy;
  try {
    policy = compilePolicy(file, document);
  } catch (error) {
    return { ok: false, problems: [problem('RULE_NOT_RUNNABLE', text('policy.notCompilable', { reason: reason(error) }))] };
  }
  const problems: Problem[] = [];
  const facts = outcomeFacts(policy);
  for (const [index, rule] of legalRules(document).entries()) {
    try {
      const alone = new RuleSet([rule]);
      for (const sample of facts) await alone.run(sample);
    } catch (error) {
      problems.push(problem('RULE_NOT_RUNNABLE', text('policy.ruleNotRunnable', { reason: reason(error) }), ['rules', index, 'when']));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  try {
    await runEveryRuleSet(policy);
  } catch (error) {
    return { ok: false, problems: [problem('RULE_NOT_RUNNABLE', text('policy.policyNotRunnable', { reason: reason(error) }))] };
  }
  return { ok: true, policy };
}
