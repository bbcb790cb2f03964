import type { FromSchema } from 'json-schema-to-ts';
import type { decisionSchema } from '../schemas/decision-schema.js';
import type { evaluateRequestSchema } from '../schemas/evaluate-request-schema.js';

/** A request body that passed its schema: derived from the schema itself. */
export type EvaluateRequest = FromSchema<typeof evaluateRequestSchema>;
export type RequestFacts = EvaluateRequest['facts'];

/** A decision as the API returns it: derived from its response schema. */
export type Decision = FromSchema<typeof decisionSchema>;
export type RebateDecision = NonNullable<Decision['rebate']>;
export type TicketDecision = NonNullable<Decision['support']>[number];
export type TargetDecision = TicketDecision['action'];
export type TraceItem = NonNullable<Decision['trace']>[number];
