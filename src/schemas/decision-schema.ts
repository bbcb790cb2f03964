// The response of POST /v1/evaluate and of `policy evaluate`. It also serves as
// fastify's response schema, which serializes decisions fast and never leaks a field.

const instantOut = { type: 'string', description: 'RFC 3339 instant with offset.' } as const;

const target = {
  type: 'object',
  additionalProperties: false,
  required: ['dueAt', 'status', 'targetMinutes', 'calendar', 'remainingWorkingMinutes', 'overrunWorkingMinutes'],
  properties: {
    dueAt: { ...instantOut, description: 'The deadline, in the target calendar\'s time zone.' },
    status: { enum: ['met', 'breached', 'pending'], description: 'met: happened by the deadline; breached: happened after it, or has not happened and asOf is past it; pending: not yet, still in time.' },
    targetMinutes: { type: 'integer', description: 'The target in working minutes of its calendar.' },
    calendar: { type: 'string', description: 'The calendar the target is counted on.' },
    remainingWorkingMinutes: { type: 'integer', description: 'Working minutes left before the deadline (at the event when met, at asOf when pending); 0 when breached.' },
    overrunWorkingMinutes: { type: 'integer', description: 'Working minutes past the deadline when breached; 0 otherwise.' },
  },
} as const;

export const decisionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://contract-terms.example/schemas/decision.schema.json',
  title: 'Decision',
  type: 'object',
  additionalProperties: false,
  required: ['decisionId', 'policy', 'explanation'],
  properties: {
    decisionId: { type: 'string', description: 'Unique id of this decision (the only field that differs between identical requests).' },
    policy: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'version', 'effectiveFrom', 'sha256'],
      properties: {
        id: { type: 'string' },
        version: { type: 'string' },
        effectiveFrom: { type: 'string' },
        sha256: { type: 'string', description: 'sha256 of the policy file the decision was made under.' },
      },
    },
    rebate: {
      type: 'object',
      additionalProperties: false,
      required: ['eligible', 'reasons', 'period', 'downtimeMinutes', 'uptimePercent', 'rebatePercent', 'amount', 'currency', 'capped', 'remedy', 'claimWindow', 'incidents'],
      properties: {
        eligible: { type: 'boolean', description: 'true when the rebate is payable.' },
        reasons: {
          type: 'array',
          description: 'Why the rebate is not payable, or notes of extra rules.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
        period: { type: 'string' },
        downtimeMinutes: { type: 'integer', description: 'Counted downtime, whole minutes (rounded half up over the period).' },
        uptimePercent: { type: 'number', description: 'Monthly uptime rounded to 4 decimals, for display; tiers are decided on the exact value.' },
        rebatePercent: { type: 'number', description: 'The rebate percentage the month earns (0 when none), even when not payable.' },
        amount: { type: ['string', 'null'], description: 'What is payable, a decimal string in the charges\' currency ("0.00" when not eligible); null without charges.' },
        currency: { type: ['string', 'null'] },
        capped: { type: 'boolean', description: 'true when the earned amount was above the cap.' },
        remedy: { enum: ['credit', 'refund', null], description: 'How the rebate is paid; null when nothing is payable.' },
        claimWindow: {
          type: 'object',
          additionalProperties: false,
          required: ['opensAt', 'closesAt'],
          properties: { opensAt: instantOut, closesAt: { ...instantOut, description: 'First instant after the window.' } },
        },
        incidents: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'countedMinutes', 'notes'],
            properties: {
              id: { type: 'string' },
              countedMinutes: { type: 'integer', description: 'This incident\'s counted minutes on its own (overlaps are counted once in downtimeMinutes).' },
              notes: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    asOf: { ...instantOut, description: 'The instant open tickets were judged at.' },
    support: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'priority', 'policyVersion', 'action', 'response'],
        properties: {
          id: { type: 'string' },
          priority: { type: 'string' },
          policyVersion: { type: 'string', description: 'The version that judged this ticket: the published version in force when it was opened, or the version the request names.' },
          action: target,
          response: target,
        },
      },
    },
    explanation: { type: 'array', items: { type: 'string' }, description: 'The decision in plain English, citing the clauses behind it.' },
    trace: {
      type: 'array',
      description: 'The json-rules-engine rules that fired, with the fact values they saw; only when the request asks for it with "explain": "trace".',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['subject', 'rule', 'event', 'conditions'],
        properties: {
          subject: { type: 'string', description: 'rebate, or ticket:<id>.' },
          rule: { type: 'string' },
          event: { type: 'string' },
          conditions: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['fact', 'operator', 'value', 'factValue', 'result'],
              properties: {
                fact: { type: 'string' },
                path: { type: 'string' },
                operator: { type: 'string' },
                value: {},
                factValue: {},
                result: { type: 'boolean' },
              },
            },
          },
        },
      },
    },
  },
} as const;
