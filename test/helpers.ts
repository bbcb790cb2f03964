import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Output } from '../src/cli/output.js';
import { buildApp } from '../src/http/app.js';
import type { AppOptions } from '../src/http/app.js';
import { PolicyStore } from '../src/registry/policy-store.js';
import { buildProgram } from '../src/cli/program.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import type { EvaluateResult } from '../src/evaluate/evaluate.js';
import type { EvaluateRequest, RequestFacts } from '../src/model/evaluate-request.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import type { PolicyRegistry } from '../src/registry/policy-registry.js';

export const BUNDLED_DIR = 'policies';
export const BASE_POLICY_FILE = join(BUNDLED_DIR, 'clicksend-sla', '1.0.0.yaml');
export const basePolicyText = readFileSync(BASE_POLICY_FILE, 'utf8');

let bundled: Promise<PolicyRegistry> | undefined;
export function bundledRegistry(): Promise<PolicyRegistry> {
  bundled ??= loadPolicies(BUNDLED_DIR).then(({ registry, diagnostics }) => {
    if (diagnostics.length > 0) throw new Error(`bundled policies do not load: ${diagnostics.map((d) => d.message).join('; ')}`);
    return registry;
  });
  return bundled;
}

/** A fresh copy of the bundled policies in a temporary folder, optionally with the v1 file replaced. */
export function copyPolicies(editV1?: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'policies-'));
  cpSync(BUNDLED_DIR, dir, { recursive: true });
  if (editV1) writeFileSync(join(dir, 'clicksend-sla', '1.0.0.yaml'), editV1(basePolicyText));
  return dir;
}

/** A policies folder with exactly the given files, e.g. { 'clicksend-sla/1.0.0.yaml': text }. */
export function policiesFolder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policies-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

export const FIXED_NOW = Date.parse('2026-11-15T12:00:00Z');

export async function decide(facts: RequestFacts, extra: Partial<EvaluateRequest> = {}): Promise<EvaluateResult> {
  return evaluate(await bundledRegistry(), { policy: 'clicksend-sla', facts, ...extra }, { now: FIXED_NOW, decisionId: 'test-decision' });
}

/** A rebate decision that must succeed. */
export async function rebateOf(facts: RequestFacts) {
  const result = await decide(facts);
  if (!result.ok) throw new Error(`expected a decision, got ${result.problems.map((p) => p.code).join(', ')}`);
  if (!result.decision.rebate) throw new Error('expected a rebate decision');
  return result.decision.rebate;
}

export function incident(id: string, start: string, end: string, cause = 'provider', reportedAt: string | null = start) {
  return { id, start, end, cause, ...(reportedAt === null ? {} : { reportedAt }) };
}

export const OCTOBER = { period: '2026-10', charges: { amount: '480.00', currency: 'USD' }, claim: { filedAt: '2026-11-03T09:00:00Z' } } as const;

/** Runs the CLI in process and captures what it prints. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (line) => out.push(line), err: (line) => err.push(line) };
  let code = 0;
  const program = buildProgram(output, (exitCode) => {
    code = exitCode;
  });
  try {
    await program.parseAsync(['node', 'policy', ...args]);
  } catch (error) {
    code = (error as { exitCode?: number }).exitCode ?? 2;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The HTTP app on a policies folder, as `npm start` builds it, for inject(). */
export async function openApp(dir = BUNDLED_DIR, extra: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const opened = await PolicyStore.open(dir);
  if (!opened.store) throw new Error(`policies do not load: ${opened.diagnostics.map((d) => d.message).join('; ')}`);
  return buildApp({ store: opened.store, ...extra });
}
