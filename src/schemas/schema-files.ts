import { caseSchema } from './case-schema.js';
import { decisionSchema } from './decision-schema.js';
import { evaluateRequestSchema } from './evaluate-request-schema.js';
import { policySchema } from './policy-schema.js';

/** The files under schemas/ and the modules they are generated from. */
export const schemaFiles: Readonly<Record<string, object>> = {
  'policy.schema.json': policySchema,
  'case.schema.json': caseSchema,
  'evaluate-request.schema.json': evaluateRequestSchema,
  'decision.schema.json': decisionSchema,
};

export function schemaFileText(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
