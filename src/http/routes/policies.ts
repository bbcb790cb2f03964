import type { FastifyInstance } from 'fastify';
import Negotiator from 'negotiator';
import type { CompiledPolicy } from '../../compile/compiled-policy.js';
import { problem } from '../../errors/problem.js';
import { localize } from '../../messages/localized.js';
import type { Language } from '../../messages/languages.js';
import type { PolicyStore } from '../../registry/policy-store.js';
import { sendProblems } from '../send-problems.js';
import { text } from '../../messages/text.js';

const versionSummary = (policy: CompiledPolicy, language: Language) => ({
  ...policy.ref,
  status: policy.status,
  title: localize(policy.document.title, language),
  changeNote: policy.document.changeNote,
});

/** The media types a version is served as: its terms as JSON, or the file itself, byte for byte. */
const VERSION_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml'];
const YAML_TYPE = 'application/yaml; charset=utf-8';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } } as const;
const versionParams = { type: 'object', required: ['id', 'version'], properties: { id: { type: 'string', maxLength: 200 }, version: { type: 'string', maxLength: 200 } } } as const;

export function policyRoutes(app: FastifyInstance, store: PolicyStore): void {
  app.get('/v1/policies', { schema: { tags: ['policies'], summary: 'Every policy with its versions.' } }, async (request) => {
    const registry = store.current();
    return { policies: registry.ids().map((id) => ({ id, versions: (registry.versions(id) ?? []).map((policy) => versionSummary(policy, request.language)) })) };
  });

  app.get<{ Params: { id: string } }>('/v1/policies/:id', { schema: { tags: ['policies'], summary: 'One policy\'s versions.', params: idParams } }, async (request, reply) => {
    const versions = store.current().versions(request.params.id);
    if (!versions) return sendProblems(reply, [problem('POLICY_NOT_FOUND', text('request.policyUnknown', { id: request.params.id }), ['id'])]);
    return { id: request.params.id, versions: versions.map((policy) => versionSummary(policy, request.language)) };
  });

  app.get<{ Params: { id: string; version: string } }>(
    '/v1/policies/:id/versions/:version',
    { schema: { tags: ['policies'], summary: 'One version\'s terms as JSON, or with Accept: application/yaml the file exactly as legal wrote it (its sha256 is the one decisions carry).', params: versionParams } },
    async (request, reply) => {
      const { id, version } = request.params;
      const registry = store.current();
      if (!registry.versions(id)) return sendProblems(reply, [problem('POLICY_NOT_FOUND', text('request.policyUnknown', { id }), ['id'])]);
      const policy = registry.version(id, version);
      if (!policy) return sendProblems(reply, [problem('VERSION_NOT_FOUND', text('request.versionUnknown', { id, version }), ['version'])]);
      const wanted = new Negotiator({ headers: { accept: withoutMediaParameters(request.headers.accept) } }).mediaType(VERSION_MEDIA_TYPES) ?? 'application/json';
      if (wanted !== 'application/json') {
        return reply.type(YAML_TYPE).header('x-policy-sha256', policy.ref.sha256).header('vary', 'accept').send(policy.bytes);
      }
      return reply.header('vary', 'accept').send({ ...versionSummary(policy, request.language), terms: policy.document });
    },
  );
}

/** `application/yaml; charset=utf-8` asks for YAML too: only the quality weight of each media range is kept for negotiation. */
function withoutMediaParameters(accept: string | undefined): string | undefined {
  return accept
    ?.split(',')
    .map((range) => {
      const [type, ...parameters] = range.split(';').map((part) => part.trim());
      const quality = parameters.find((parameter) => /^q=/i.test(parameter));
      return quality ? `${type ?? ''};${quality}` : (type ?? '');
    })
    .join(',');
}
