import type { FastifyInstance } from 'fastify';
import { codeFix, codeTitle } from '../../errors/code-text.js';
import { decisionReasonCodes, errorCodes } from '../../errors/codes.js';
import type { DecisionReasonCode, ErrorCode } from '../../errors/codes.js';
import { say } from '../../messages/catalog.js';
import type { Language } from '../../messages/languages.js';
import { localize } from '../../messages/localized.js';
import { problem } from '../../errors/problem.js';
import type { PolicyRegistry } from '../../registry/policy-registry.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { sendProblems } from '../send-problems.js';
import { text } from '../../messages/text.js';

/** The codes legal's own rules give, from every loaded version: their message and clause. */
function ruleCode(registry: PolicyRegistry, code: string, language: Language): { title: string; fix: string; policy: string; version: string; rule: string; clause?: string } | undefined {
  for (const id of registry.ids()) {
    for (const policy of [...(registry.versions(id) ?? [])].reverse()) {
      const rule = (policy.document.rules ?? []).find((candidate) => candidate.then.code === code);
      if (rule?.then.message) {
        const clause = localize(rule.clause, language);
        return { title: localize(rule.then.message, language), fix: say(language, 'reason.ruleFix'), policy: id, version: policy.ref.version, rule: rule.id, ...(clause ? { clause } : {}) };
      }
    }
  }
  return undefined;
}

/** The `type` URI of every problem document, and every reason code of a decision, resolves here: what the code means and what to do. */
export function problemTypeRoutes(app: FastifyInstance, store: PolicyStore): void {
  app.get<{ Params: { code: string } }>('/problems/:code', { schema: { tags: ['operations'], summary: 'What an error or reason code means and how to fix it.' } }, async (request, reply) => {
    const { code } = request.params;
    const { language } = request;
    if (Object.hasOwn(errorCodes, code)) {
      const { status } = errorCodes[code as ErrorCode];
      return { code, title: codeTitle(code as ErrorCode, language), ...(status === undefined ? {} : { status }), fix: codeFix(code as ErrorCode, language) };
    }
    if (Object.hasOwn(decisionReasonCodes, code)) return { code, kind: 'reason', title: codeTitle(code as DecisionReasonCode, language), fix: codeFix(code as DecisionReasonCode, language) };
    const fromRule = ruleCode(store.current(), code, language);
    if (fromRule) return { code, kind: 'reason', ...fromRule };
    return sendProblems(reply, [problem('ROUTE_NOT_FOUND', text('request.errorCodeUnknown', { code }), ['code'])]);
  });
}
