// Shapes of what the studio reads, from the server's own types where they exist.
export type { Decision, EvaluateRequest, RequestFacts } from '../../src/model/evaluate-request.js';
export type { PolicyDocument } from '../../src/model/policy-document.js';
export type { Timeline } from '../../src/studio/timeline-shape.js';
import type { EvaluateRequest } from '../../src/model/evaluate-request.js';
import type { PolicyDocument } from '../../src/model/policy-document.js';

export interface VersionSummary {
  readonly id: string;
  readonly version: string;
  readonly effectiveFrom: string;
  readonly sha256: string;
  readonly status: 'draft' | 'published';
  readonly title: unknown;
  readonly changeNote: unknown;
  readonly file: string;
}

export interface PolicyList {
  readonly today: string;
  readonly policies: readonly { readonly id: string; readonly inForce: string | null; readonly versions: readonly VersionSummary[] }[];
}

export interface VersionSource extends VersionSummary {
  readonly terms: PolicyDocument;
  readonly text: string;
  /** The line each term is written on, by JSON path ($.rebate.caps.USD). */
  readonly lines: Readonly<Record<string, number>>;
}

export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  readonly path: string;
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly text: string;
}

export interface Validation {
  readonly valid: boolean;
  readonly sha256: string;
  readonly policy?: { readonly id: string; readonly version: string; readonly effectiveFrom: string; readonly status: string };
  readonly diagnostics: readonly Diagnostic[];
}

export interface Difference {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface Comparison {
  readonly valid: boolean;
  readonly diagnostics?: readonly Diagnostic[];
  readonly against: { readonly id: string; readonly version: string };
  readonly terms: readonly Difference[];
  readonly casesRun: number;
  readonly changed: readonly { readonly name: string; readonly file: string; readonly line: number; readonly before: unknown; readonly after: unknown; readonly differences: readonly Difference[] }[];
  readonly caseProblems: readonly Diagnostic[];
}

export interface ExampleCase {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly request: EvaluateRequest;
}

