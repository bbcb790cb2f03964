import type { FastifyInstance } from 'fastify';
import { formatDiagnostic, formatJsonPath } from '../../errors/problem.js';
import type { Diagnostic } from '../../errors/problem.js';
import { MAX_POLICY_FILE_BYTES } from '../../load/policy-files.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { checkDraft } from '../../studio/draft.js';
import { problemDetailsSchema } from '../problem-details.js';

export interface ValidateBody {
  readonly text: string;
  readonly file?: string;
}

export const validateBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: { type: 'string', maxLength: MAX_POLICY_FILE_BYTES, description: 'The policy file\'s text (YAML), exactly as it would be saved.' },
    file: {
      type: 'string',
      maxLength: 300,
      pattern: '^[^\\u0000]*$',
      description: 'Where it would be saved, e.g. clicksend-sla/2.0.0.yaml: the folder and file name are checked against id and version. Without it, the text\'s own id and version stand for them.',
    },
  },
} as const;

const diagnosticSchema = {
  type: 'object',
  required: ['code', 'message', 'path', 'file', 'line', 'col', 'text'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    path: { type: 'string', description: 'JSON path of the offending key or value, e.g. $.rebate.caps.USD' },
    file: { type: 'string' },
    line: { type: 'integer', minimum: 1 },
    col: { type: 'integer', minimum: 1 },
    text: { type: 'string', description: 'The diagnostic as the CLI prints it: file:line:col CODE message' },
  },
} as const;

const validateResponseSchema = {
  type: 'object',
  required: ['valid', 'sha256', 'diagnostics'],
  properties: {
    valid: { type: 'boolean' },
    sha256: { type: 'string' },
    policy: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'string' }, effectiveFrom: { type: 'string' }, status: { type: 'string' } } },
    diagnostics: { type: 'array', items: diagnosticSchema },
  },
} as const;

export const diagnosticView = (diagnostic: Diagnostic) => ({
  code: diagnostic.code,
  message: diagnostic.message,
  path: formatJsonPath(diagnostic.path),
  file: diagnostic.file,
  line: diagnostic.line,
  col: diagnostic.col,
  text: formatDiagnostic(diagnostic),
});

/** A runnable example: the text of the first loaded version. */
function exampleBody(store: PolicyStore): ValidateBody | undefined {
  const registry = store.current();
  const [id] = registry.ids();
  const [first] = id === undefined ? [] : (registry.versions(id) ?? []);
  return first ? { text: first.source.text } : undefined;
}

/** Checks a policy text as the loader checks a file; writes nothing and serves nothing. */
export function validatePolicyRoute(app: FastifyInstance, store: PolicyStore): void {
  const example = exampleBody(store);
  app.post<{ Body: ValidateBody }>(
    '/v1/policies/validate',
    {
      schema: {
        tags: ['policies'],
        summary: 'Check a policy text (a draft) with every check a policy file gets; nothing is written. Each problem has its line and column.',
        body: { ...validateBodySchema, ...(example ? { examples: [example] } : {}) },
        response: { 200: validateResponseSchema, '4xx': problemDetailsSchema },
      },
    },
    async (request) => {
      const checked = checkDraft(request.body.text, request.body.file);
      if (!checked.ok) return { valid: false, sha256: checked.sha256, diagnostics: checked.diagnostics.map(diagnosticView) };
      const { ref, status } = checked.policy;
      return { valid: true, sha256: ref.sha256, policy: { id: ref.id, version: ref.version, effectiveFrom: ref.effectiveFrom, status }, diagnostics: [] };
    },
  );
}
