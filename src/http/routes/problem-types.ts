import type { FastifyInstance } from 'fastify';
import { decisionReasonCodes, errorCodes } from '../../errors/codes.js';
import type { ErrorCodeEntry } from '../../errors/codes.js';
import { problem } from '../../errors/problem.js';
import type { PolicyRegistry } from '../../registry/policy-registry.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { sendProblems } from '../send-problems.js';

/** The codes legal's own rules give, from every loaded version: their message and clause. */
function ruleCode(registry: PolicyRegistry, code: string): (ErrorCodeEntry & { policy: string; version: string; rule: string; clause?: string }) | undefined {
  for (const id of registry.ids()) {
    for (const policy of [...(registry.versions(id) ?? [])].reverse()) {
      const rule = (policy.document.rules ?? []).find((candidate) => candidate.then.code === code);
      if (rule?.then.message) {
        return { title: rule.then.message, fix: 'A reason set by a rule of the policy; the clause says where the agreement sets it.', policy: id, version: policy.ref.version, rule: rule.id, ...(rule.clause ? { clause: rule.clause } : {}) };
      }
    }
  }
  return undefined;
}

/** The `type` URI of every problem document, and every reason code of a decision, resolves here: what the code means and what to do. */
export function problemTypeRoutes(app: FastifyInstance, store: PolicyStore): void {
  app.get<{ Params: { code: string } }>('/problems/:code', { schema: { tags: ['operations'], summary: 'What an error or reason code means and how to fix it.' } }, async (request, reply) => {
    const { code } = request.params;
    if (Object.hasOwn(errorCodes, code)) return { code, ...errorCodes[code as keyof typeof errorCodes] };
    if (Object.hasOwn(decisionReasonCodes, code)) return { code, kind: 'reason', ...decisionReasonCodes[code as keyof typeof decisionReasonCodes] };
    const fromRule = ruleCode(store.current(), code);
    if (fromRule) return { code, kind: 'reason', ...fromRule };
    return sendProblems(reply, [problem('ROUTE_NOT_FOUND', `there is no error or reason code "${code}"`, ['code'])]);
  });
}
