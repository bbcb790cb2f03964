import type { FromSchema } from 'json-schema-to-ts';
import type { policySchema } from '../schemas/policy-schema.js';

/** A policy file's content once it has passed its schema: derived from the schema itself. */
export type PolicyDocument = FromSchema<typeof policySchema>;
export type CalendarDocument = PolicyDocument['calendars'][string];
