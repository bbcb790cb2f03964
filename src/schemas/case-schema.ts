// A scenario case file kept beside a policy (policies/<id>/cases/*.yaml).
// schemas/case.schema.json is generated from this module.
import { evaluateRequestSchema } from './evaluate-request-schema.js';

export const caseSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://contract-terms.example/schemas/case.schema.json',
  title: 'Scenario cases',
  description: 'Cases with expected outcomes. `npx policy test` runs every case through the real pipeline and reports each one whose outcome differs.',
  type: 'object',
  additionalProperties: false,
  required: ['cases'],
  properties: {
    $schema: { type: 'string' },
    cases: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'facts', 'expect'],
        properties: {
          name: { type: 'string', minLength: 1, description: 'What the case shows, in a sentence.' },
          clause: { type: 'string', description: 'The clause of the agreement the case tests.' },
          version: { type: 'string', description: 'Judge under this version instead of the one in force (e.g. to test a draft).' },
          facts: {
            ...evaluateRequestSchema.properties.facts,
            description: 'The facts, exactly as a service would send them to POST /v1/evaluate. A case never reads the clock: give asOf with tickets.',
            dependentRequired: { tickets: ['asOf'] },
          },
          expect: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            description: 'The outcome fields to check. Only the fields written here are compared; a list must have as many items as the outcome.',
            properties: {
              rebate: { type: 'object', description: 'Fields of the decision\'s rebate, e.g. rebatePercent: 10, amount: "48.00", eligible: true.' },
              support: { type: 'array', description: 'Fields of each ticket\'s outcome, in order, e.g. - action: { status: met }.' },
              error: { type: 'string', pattern: '^[A-Z_]+$', description: 'The error code the request must be refused with, e.g. UNKNOWN_CAUSE.' },
            },
          },
        },
      },
    },
  },
} as const;
