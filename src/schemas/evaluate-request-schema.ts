// The body of POST /v1/evaluate. schemas/evaluate-request.schema.json is generated
// from this module; the HTTP layer validates with it and the OpenAPI document shows it.

import { languages } from '../messages/languages.js';

const instant = {
  type: 'string',
  maxLength: 40,
  // Decisions count whole milliseconds; a finer instant is refused, never cut short (see README, Instants).
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?([Zz]|[+-][0-9]{2}:[0-9]{2})$',
  description: 'An RFC 3339 instant with its offset, e.g. 2026-10-03T10:05:00Z or 2026-10-03T12:05:00.250+02:00; at most 3 fraction digits (milliseconds).',
  examples: ['2026-10-03T10:05:00Z'],
} as const;

/** The most digits charges may have before and after the decimal point. */
const AMOUNT_DIGITS = { integer: 15, fraction: 6 } as const;

const itemId = { type: 'string', minLength: 1, maxLength: 200, description: 'The caller\'s id for the item, unique in the request.' } as const;

export const evaluateRequestSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://contract-terms.example/schemas/evaluate-request.schema.json',
  title: 'Evaluate request',
  description: 'The facts of a month and/or of support tickets, and the policy to judge them by.',
  type: 'object',
  additionalProperties: false,
  required: ['policy', 'facts'],
  properties: {
    policy: { type: 'string', minLength: 1, maxLength: 200, description: 'The policy id, e.g. clicksend-sla.' },
    version: { type: 'string', minLength: 1, maxLength: 200, description: 'A version to use instead of the one in force (drafts too, to preview them).' },
    explain: {
      enum: ['explanation', 'trace'],
      description: 'How much the decision explains: "explanation" (the default) gives the plain-language lines; "trace" adds the json-rules-engine rules that fired, with the fact values they saw.',
    },
    lang: { enum: languages, description: 'The language of the decision\'s text fields (explanation, reasons, notes); wins over Accept-Language. Every other field is the same in every language.' },
    facts: {
      type: 'object',
      additionalProperties: false,
      description: 'Send period (for a rebate decision) and/or tickets (for support targets).',
      properties: {
        period: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'The service period, a calendar month YYYY-MM.', examples: ['2026-10'] },
        charges: {
          type: 'object',
          additionalProperties: false,
          required: ['amount', 'currency'],
          properties: {
            amount: {
              type: 'string',
              pattern: `^[0-9]{1,${AMOUNT_DIGITS.integer}}(\\.[0-9]{1,${AMOUNT_DIGITS.fraction}})?$`,
              valueKind: 'money',
              amountDigits: AMOUNT_DIGITS,
              description: `The customer's charges for the period, a decimal string: at most ${AMOUNT_DIGITS.integer} digits before the decimal point and ${AMOUNT_DIGITS.fraction} after.`,
              examples: ['480.00'],
            },
            currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code.', examples: ['USD'] },
          },
        },
        incidents: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'start', 'end', 'cause'],
            properties: {
              id: itemId,
              start: instant,
              end: instant,
              cause: { type: 'string', minLength: 1, maxLength: 100, description: 'A cause the policy lists, e.g. provider.' },
              reportedAt: { ...instant, description: 'When the customer reported the incident.' },
            },
          },
        },
        maintenance: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'announcedAt', 'start', 'end'],
            properties: { id: itemId, announcedAt: instant, start: instant, end: instant },
          },
        },
        claim: {
          type: 'object',
          additionalProperties: false,
          required: ['filedAt'],
          properties: { filedAt: { ...instant, description: 'When the customer registered the claim.' } },
        },
        tickets: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'priority', 'openedAt'],
            properties: {
              id: itemId,
              priority: { type: 'string', minLength: 1, maxLength: 100, description: 'A priority the policy lists, e.g. major.' },
              openedAt: instant,
              actionAt: { ...instant, description: 'When the provider took action, if it has.' },
              respondedAt: { ...instant, description: 'When the provider responded, if it has.' },
            },
          },
        },
        asOf: { ...instant, description: 'The instant open tickets are judged at (default: now); also picks the version when there is no period.' },
        account: { type: 'object', description: 'Free-form customer attributes (plan, region, ...) for the policy\'s extra rules.' },
      },
    },
  },
} as const;
