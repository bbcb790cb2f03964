import fastJson from 'fast-json-stringify';
import type { Decision } from '../model/evaluate-request.js';
import { decisionSchema } from '../schemas/decision-schema.js';
import { withoutIdentity } from '../schemas/without-identity.js';

/**
 * The one serialization of a decision, shared by the endpoint and the CLI:
 * compiled from the decision's schema. The compiler writes required keys first,
 * so only decisionId is marked required here; the rest keep the documented order.
 */
export const serializeDecision: (decision: Decision) => string = fastJson({ ...withoutIdentity(decisionSchema), required: ['decisionId'] });
