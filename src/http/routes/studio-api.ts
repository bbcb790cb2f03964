import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CompiledPolicy } from '../../compile/compiled-policy.js';
import { problem } from '../../errors/problem.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { readRequest } from '../../evaluate/request.js';
import type { EvaluateRequest } from '../../model/evaluate-request.js';
import type { PolicyRegistry } from '../../registry/policy-registry.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { loadCases } from '../../scenarios/run-cases.js';
import { evaluateRequestSchema } from '../../schemas/evaluate-request-schema.js';
import { withoutIdentity } from '../../schemas/without-identity.js';
import { checkDraft, registryWithDraft } from '../../studio/draft.js';
import { compareDraft } from '../../studio/draft-comparison.js';
import { termLines } from '../../studio/term-lines.js';
import { timelineOf } from '../../studio/timeline.js';
import { EXAMPLE_FILE, packageJson } from '../package-files.js';
import { sendProblems } from '../send-problems.js';
import { diagnosticView, validateBodySchema } from './validate-policy.js';
import type { ValidateBody } from './validate-policy.js';
import { text } from '../../messages/text.js';

export interface StudioApiOptions {
  readonly store: PolicyStore;
  readonly now: () => number;
}

const hidden = { hide: true } as const;
const requestSchema = withoutIdentity(evaluateRequestSchema);
const versionParams = { type: 'object', required: ['id', 'version'], properties: { id: { type: 'string', maxLength: 200 }, version: { type: 'string', maxLength: 200 } } } as const;
const versionRef = { type: 'object', additionalProperties: false, required: ['id', 'version'], properties: versionParams.properties } as const;
const draftSchema = (extra: Record<string, unknown>, required: readonly string[]) => ({
  ...validateBodySchema,
  required: [...validateBodySchema.required, ...required],
  properties: { ...validateBodySchema.properties, ...extra },
});

const summary = (store: PolicyStore, policy: CompiledPolicy) => ({
  ...policy.ref,
  status: policy.status,
  title: policy.document.title,
  changeNote: policy.document.changeNote,
  file: relative(store.dir, policy.file),
});

function findVersion(registry: PolicyRegistry, reply: FastifyReply, id: string, version: string): CompiledPolicy | null {
  if (!registry.versions(id)) sendProblems(reply, [problem('POLICY_NOT_FOUND', text('request.policyUnknown', { id }), ['id'])]);
  else if (!registry.version(id, version)) sendProblems(reply, [problem('VERSION_NOT_FOUND', text('request.versionUnknown', { id, version }), ['version'])]);
  return registry.version(id, version) ?? null;
}

/** What the studio page reads beyond the public API: sources with term lines, example months, timelines and draft previews. */
export function studioApiRoutes(app: FastifyInstance, { store, now }: StudioApiOptions): void {
  // An open page asks every few seconds whether the policies were reloaded: not worth a log line each time.
  app.get('/studio/api/policies', { schema: hidden, logLevel: 'warn' }, async () => {
    const registry = store.current();
    return {
      today: new Date(now()).toISOString().slice(0, 10),
      policies: registry.ids().map((id) => ({ id, inForce: registry.inForceAt(id, now())?.ref.version ?? null, versions: (registry.versions(id) ?? []).map((policy) => summary(store, policy)) })),
    };
  });

  app.get<{ Params: { id: string; version: string } }>('/studio/api/policies/:id/versions/:version', { schema: { ...hidden, params: versionParams } }, async (request, reply) => {
    const policy = findVersion(store.current(), reply, request.params.id, request.params.version);
    if (!policy) return reply;
    return { ...summary(store, policy), terms: policy.document, text: policy.source.text, lines: termLines(policy) };
  });

  app.get<{ Params: { id: string } }>('/studio/api/policies/:id/cases', { schema: { ...hidden, params: { type: 'object', properties: { id: versionParams.properties.id } } } }, async (request, reply) => {
    const { id } = request.params;
    if (!store.current().versions(id)) return sendProblems(reply, [problem('POLICY_NOT_FOUND', text('request.policyUnknown', { id }), ['id'])]);
    const { cases } = await loadCases(store.dir, { policyId: id });
    const shipped = readRequest(packageJson(EXAMPLE_FILE));
    const example = shipped.ok && shipped.request.policy === id ? [{ name: EXAMPLE_FILE, file: EXAMPLE_FILE, line: 1, request: shipped.request }] : [];
    return { cases: [...example, ...cases.map((loaded) => ({ name: loaded.case.name, file: relative(store.dir, loaded.file), line: loaded.line, request: { policy: id, facts: loaded.case.facts } }))] };
  });

  app.post<{ Body: { request: EvaluateRequest; draft?: ValidateBody } }>(
    '/studio/api/timeline',
    { schema: { ...hidden, body: { type: 'object', additionalProperties: false, required: ['request'], properties: { request: requestSchema, draft: validateBodySchema } } } },
    async (request, reply) => {
      const chosen = withDraft(store.current(), request.body.request, request.body.draft, reply);
      if (!chosen) return reply;
      const drawn = timelineOf(chosen.registry, chosen.request, now());
      return drawn.ok ? { timeline: drawn.timeline } : sendProblems(reply, drawn.problems);
    },
  );

  app.post<{ Body: ValidateBody & { request: EvaluateRequest } }>('/studio/api/draft/evaluate', { schema: { ...hidden, body: draftSchema({ request: requestSchema }, ['request']) } }, async (request, reply) => {
    const chosen = withDraft(store.current(), request.body.request, request.body, reply);
    if (!chosen) return reply;
    const result = await evaluate(chosen.registry, chosen.request, { now: now(), decisionId: randomUUID(), language: request.language });
    return result.ok ? result.decision : sendProblems(reply, result.problems);
  });

  app.post<{ Body: ValidateBody & { against: { id: string; version: string } } }>('/studio/api/draft/compare', { schema: { ...hidden, body: draftSchema({ against: versionRef }, ['against']) } }, async (request, reply) => {
    const registry = store.current();
    const against = findVersion(registry, reply, request.body.against.id, request.body.against.version);
    if (!against) return reply;
    const checked = checkDraft(request.body.text, request.body.file);
    if (!checked.ok) return { valid: false, diagnostics: checked.diagnostics.map(diagnosticView) };
    const comparison = await compareDraft(store.dir, registry, against, checked.policy);
    return { valid: true, ...comparison, changed: comparison.changed.map((changed) => ({ ...changed, file: relative(store.dir, changed.file) })), caseProblems: comparison.caseProblems.map(diagnosticView) };
  });
}

/** The served versions, with a valid draft beside them and the request pointed at it; an invalid draft answers with its problems. */
function withDraft(registry: PolicyRegistry, request: EvaluateRequest, draft: ValidateBody | undefined, reply: FastifyReply): { registry: PolicyRegistry; request: EvaluateRequest } | null {
  if (!draft) return { registry, request };
  const checked = checkDraft(draft.text, draft.file);
  if (!checked.ok) {
    sendProblems(reply, checked.diagnostics);
    return null;
  }
  const { ref } = checked.policy;
  return { registry: registryWithDraft(registry, checked.policy), request: { ...request, policy: ref.id, version: ref.version } };
}
