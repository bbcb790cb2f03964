// The policy file's JSON Schema. schemas/policy.schema.json is generated from this
// module (`npm run schemas`), so editors and the validator read the same rules and
// the TypeScript type of a policy document is derived from them, never written twice.
// Descriptions are read by legal in their editor's hover help: plain words only.

// A text people read may be written once, for every language, or once per
// language the service offers (the catalogs in src/messages/). A string's rules
// apply to a string and an object's to an object.
const languageTexts = {
  en: { type: 'string', minLength: 1, description: 'In English.' },
  sv: { type: 'string', minLength: 1, description: 'In Swedish (på svenska).' },
} as const;

const clause = {
  type: ['string', 'object'],
  minLength: 1,
  additionalProperties: false,
  minProperties: 1,
  properties: languageTexts,
  description:
    'Where this term comes from in the agreement, in words a customer can find, for example "Rebate schedule, row <97". Explanations quote it. Write it once, or once per language: { en: ..., sv: ... }.',
  examples: ['Rebate schedule, row <97', { en: 'Rebate schedule, row <97', sv: 'Rabattschema, rad <97' }],
} as const;

/** A text for people, once or once per language. */
const text = (description: string) => ({ type: ['string', 'object'], minLength: 1, additionalProperties: false, minProperties: 1, properties: languageTexts, description }) as const;

const duration = {
  type: 'string',
  pattern: '^P',
  valueKind: 'duration',
  description:
    'A length of time written as an ISO 8601 duration: P7D is 7 days, PT15M is 15 minutes, PT4H is 4 hours, PT8H is 8 hours, P1M is one calendar month.',
  examples: ['P7D', 'PT15M', 'PT4H', 'P1M'],
} as const;

const timeZone = {
  type: 'string',
  minLength: 1,
  description: 'A time zone by its IANA name, for example UTC or Europe/Paris.',
  examples: ['UTC', 'Europe/Paris'],
} as const;

const openingHours = {
  type: 'array',
  description:
    'Opening hours for the day as "HH:MM-HH:MM" ranges in the calendar\'s time zone. Use 24:00 for midnight at the end of the day. An empty list means closed all day.',
  items: {
    type: 'string',
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
    examples: ['09:00-17:00', '13:00-24:00'],
  },
  examples: [['09:00-17:00'], ['08:00-12:00', '13:00-17:00'], []],
} as const;

const target = {
  type: 'object',
  additionalProperties: false,
  required: ['within', 'calendar'],
  properties: {
    within: { ...duration, description: 'How long the provider has, counted on the calendar named below. PT8H on a business calendar is 8 working hours.' },
    calendar: { type: 'string', minLength: 1, description: 'The name of a calendar defined under `calendars` that the time is counted on.' },
  },
} as const;

const causeName = {
  type: 'string',
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  description: 'The name of a cause of downtime as services report it, in lower case with dashes, for example provider or customer-configuration.',
} as const;

const factName = {
  type: 'string',
  description:
    'A fact of the decision: account (the customer attributes a service sends, read with `path`), period, currency, chargesAmount, downtimeMinutes, uptimePercent, rebatePercent, claimStatus (missing, premature, in-window or late), incidentCount; and priority, for a rule with outcome terms that sets support targets. A rule with outcome terms reads only account, period, currency, chargesAmount and priority.',
} as const;

// A rule's condition nests (all / any / not), which a derived type cannot follow;
// it is typed loosely here and its shape is checked by validate/checks/rules.ts.
const conditionSchema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description:
    'A condition: all (every condition listed must hold), any (at least one must hold), not (the condition must not hold), or a test of one fact: fact, operator and value (and path for an attribute of account). A rule\'s `when` starts with all, any or not.',
  properties: {
    all: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' }, description: 'Every condition listed must hold.' },
    any: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' }, description: 'At least one condition listed must hold.' },
    not: { $ref: '#/$defs/condition', description: 'The condition must not hold.' },
    fact: factName,
    path: {
      type: 'string',
      pattern: '^\\$',
      description: 'Which attribute of the fact: $.plan for account.plan, $.limits.sms for an attribute inside it, $.tags[0] for the first item of a list. Names and list positions only.',
    },
    operator: {
      type: 'string',
      description:
        'equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive. Comparisons of numbers are exact decimals.',
    },
    value: { description: 'The value to compare with.' },
  },
};

const percentAdjustment = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  description:
    'How the rebate percentage of a month that earns one changes: add (percentage points on top of the tier\'s) or atLeast (the tier\'s, but never less than this). Never more than 100, and a month that earns nothing still earns nothing.',
  properties: {
    add: { type: 'number', exclusiveMinimum: 0, maximum: 100, valueKind: 'percent', description: 'Percentage points added to the tier\'s rebate, for example 5.', examples: [5] },
    atLeast: { type: 'number', exclusiveMinimum: 0, maximum: 100, valueKind: 'percent', description: 'The lowest rebate a month that earns one gets, for example 15.', examples: [15] },
  },
} as const;

const targetOverride = {
  type: 'object',
  additionalProperties: false,
  required: ['within'],
  properties: {
    within: { ...duration, description: 'The target instead of the priority\'s own, for example PT15M.' },
    calendar: { type: 'string', minLength: 1, description: 'The calendar to count it on; leave out to keep the priority\'s own.' },
  },
} as const;

/** What a rule with outcome `terms` sets for the accounts or tickets it matches. */
const termsSet = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'The terms that apply instead of the policy\'s own, for what the condition matches.',
  properties: {
    rebatePercent: percentAdjustment,
    remedy: { enum: ['credit', 'refund'], description: 'How the rebate is paid instead of the tier\'s remedy.' },
    caps: {
      type: 'object',
      minProperties: 1,
      description: 'The cap per currency instead of the policy\'s, as a decimal amount in quotes, for example USD: "250.00". Only currencies the policy caps may be listed.',
      propertyNames: { pattern: '^[A-Z]{3}$' },
      additionalProperties: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$', valueKind: 'money' },
      examples: [{ USD: '250.00' }],
    },
    support: {
      type: 'object',
      minProperties: 1,
      description: 'Support targets per priority instead of the policy\'s, for example major: { action: { within: PT15M } }.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: { action: targetOverride, response: targetOverride },
      },
    },
  },
} as const;

export const policySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://contract-terms.example/schemas/policy.schema.json',
  title: 'Contract terms policy',
  description:
    'One version of a service agreement\'s terms. Legal edits this file; the service reads every number and rule from it. The file lives at policies/<id>/<version>.yaml.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'status', 'effectiveFrom', 'title', 'changeNote', 'period', 'downtime', 'maintenance', 'rebate', 'claim', 'calendars', 'support'],
  properties: {
    $schema: { type: 'string', description: 'Optional link to this schema, for editors that do not read the first-line comment.' },
    id: {
      type: 'string',
      pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
      description: 'The policy\'s name, the same in every version and the same as its folder name, in lower case with dashes.',
      examples: ['clicksend-sla'],
    },
    version: {
      type: 'string',
      pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$',
      description: 'This version\'s label, the same as the file name without .yaml. Write it in quotes, for example "1.0.0".',
      examples: ['1.0.0', '2.0.0'],
    },
    status: {
      enum: ['draft', 'published'],
      description: 'draft: only used when a request names this version (to preview and test it). published: used for every period from its effective date on. Publishing a draft is changing this word.',
    },
    effectiveFrom: {
      type: 'string',
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      valueKind: 'date',
      description: 'The first day these terms apply, as YYYY-MM-DD in quotes. A service period uses the published version in force on its first day.',
      examples: ['2020-01-01'],
    },
    title: text('A short title for people; once, or once per language: { en: ..., sv: ... }.'),
    changeNote: { type: 'string', minLength: 1, description: 'What changed in this version and why, in a sentence or two.' },
    source: { type: 'string', description: 'Optional: the agreement document this version encodes.' },
    period: {
      type: 'object',
      additionalProperties: false,
      required: ['timeZone'],
      description: 'The service period: a calendar month (written YYYY-MM in requests).',
      properties: {
        timeZone: { ...timeZone, description: 'The time zone whose calendar months are the service periods, and in which the claim window opens and closes.' },
        clause,
      },
    },
    downtime: {
      type: 'object',
      additionalProperties: false,
      required: ['monthMinutes', 'countFrom', 'countedCauses', 'excludedCauses'],
      description: 'What counts as downtime and how uptime is measured.',
      properties: {
        monthMinutes: {
          type: 'integer',
          minimum: 1,
          description: 'The minutes of a month that uptime is measured against, whatever the calendar month\'s real length: 30 days of 1,440 minutes for a 30-day month.',
          examples: [40320],
        },
        countFrom: {
          enum: ['report', 'start'],
          description: 'report: an incident counts only from the moment the customer reported it (an unreported incident counts nothing). start: it counts from its start.',
        },
        countedCauses: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: causeName,
          description: 'Causes whose downtime counts against the provider.',
          examples: [['provider']],
        },
        excludedCauses: {
          type: 'array',
          uniqueItems: true,
          items: causeName,
          description: 'Causes whose downtime never counts. Every cause a service may report must be in one of the two lists; an unknown cause is refused.',
          examples: [['customer-coding', 'customer-configuration']],
        },
        clause,
      },
    },
    maintenance: {
      type: 'object',
      additionalProperties: false,
      required: ['noticePeriod'],
      description: 'Scheduled maintenance: downtime inside a window announced early enough does not count.',
      properties: {
        noticePeriod: { ...duration, description: 'How long before its start a maintenance window must be announced to count as scheduled. Announced exactly this long before still qualifies.' },
        clause,
      },
    },
    rebate: {
      type: 'object',
      additionalProperties: false,
      required: ['tiers', 'caps'],
      description: 'The rebate schedule and its cap.',
      properties: {
        tiers: {
          type: 'array',
          minItems: 1,
          description: 'Rebate tiers from the mildest to the most severe. Uptime strictly below a tier\'s threshold earns its rebate; the most severe matching tier wins. Thresholds must fall and rebates grow down the list.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['uptimeBelow', 'rebatePercent', 'remedy'],
            properties: {
              uptimeBelow: { type: 'number', exclusiveMinimum: 0, maximum: 100, valueKind: 'percent', description: 'Monthly uptime percentage that must be strictly undercut. Exactly this value does not match.', examples: [97.5] },
              rebatePercent: { type: 'number', exclusiveMinimum: 0, maximum: 100, valueKind: 'percent', description: 'The rebate, as a percentage of the period\'s charges.', examples: [10] },
              remedy: { enum: ['credit', 'refund'], description: 'How this tier is paid: account credit or refund.' },
              clause,
            },
          },
        },
        caps: {
          type: 'object',
          minProperties: 1,
          description: 'The most a period can pay, per accepted currency (ISO 4217 code), as a decimal amount in quotes. A currency not listed here is refused, never paid uncapped.',
          propertyNames: { pattern: '^[A-Z]{3}$' },
          additionalProperties: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$', valueKind: 'money' },
          examples: [{ USD: '100.00', EUR: '95.00' }],
        },
        capClause: clause,
      },
    },
    claim: {
      type: 'object',
      additionalProperties: false,
      required: ['opensAfterPeriodEnd', 'windowLength'],
      description: 'When a customer must register a claim. The window opens this long after the period ends and stays open for windowLength (it closes just before that instant).',
      properties: {
        opensAfterPeriodEnd: { ...duration, description: 'Time from the end of the service period to the opening of the claim window. P0D opens it at once.' },
        windowLength: { ...duration, description: 'How long the claim window stays open. P1M is the whole next calendar month.' },
        clause,
      },
    },
    calendars: {
      type: 'object',
      minProperties: 1,
      description: 'Named calendars that support targets are counted on.',
      propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['timeZone'],
        properties: {
          timeZone: { ...timeZone, description: 'The time zone the opening hours and holidays are read in.' },
          alwaysOpen: { type: 'boolean', description: 'true for a 24/7 calendar: every minute counts. Leave out openingHours then.' },
          openingHours: {
            type: 'object',
            additionalProperties: false,
            description: 'Weekly opening hours. A day left out is closed.',
            properties: {
              monday: openingHours,
              tuesday: openingHours,
              wednesday: openingHours,
              thursday: openingHours,
              friday: openingHours,
              saturday: openingHours,
              sunday: openingHours,
            },
          },
          publicHolidays: {
            type: 'object',
            additionalProperties: false,
            required: ['country'],
            description:
              'Public holidays that recur every year, from a maintained list of holidays by country (date-holidays). They close the calendar all day, from the year before effectiveFrom on. A date listed under holidays wins over them.',
            properties: {
              country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'The country, as its two-letter ISO code, for example SE.', examples: ['SE', 'DE'] },
              region: { type: 'string', minLength: 1, description: 'Optional: a state or region of the country, by its code, for example BY for Bavaria in DE.' },
              kinds: {
                type: 'array',
                minItems: 1,
                uniqueItems: true,
                items: { enum: ['public', 'bank', 'optional', 'school', 'observance'] },
                description: 'Which kinds of the list\'s holidays count: public (the default), bank, optional, school, observance.',
                examples: [['public'], ['public', 'bank']],
              },
              include: {
                type: 'array',
                description: 'Holidays of the list, by their English name, that count although their kind is not listed, or that count as a partial day: for example Midsummer Eve closed, or New Year\'s Eve open 09:00-13:00.',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['name'],
                  properties: {
                    name: { type: 'string', minLength: 1, description: 'The holiday\'s English name as the list has it, for example Midsummer Eve.', examples: ['Midsummer Eve', "New Year's Eve"] },
                    openingHours: { ...openingHours, description: 'For a partial day: the hours that are open that day. Leave out to close the whole day.' },
                  },
                },
              },
              exclude: {
                type: 'array',
                uniqueItems: true,
                description: 'Holidays of the list that do not count: by English name (every year, for example Epiphany) or by date (that year only, as YYYY-MM-DD).',
                items: { type: 'string', minLength: 1 },
                examples: [['Epiphany', '2027-05-01']],
              },
            },
          },
          holidays: {
            type: 'array',
            description: 'Days that differ from the weekly hours: closed all day, or open only the hours listed (a partial day). A date listed here wins over publicHolidays.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['date'],
              properties: {
                date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', valueKind: 'date', description: 'The day, as YYYY-MM-DD in quotes.' },
                name: text('The holiday\'s name, for people: once, or once per language ({ en: Christmas Eve, sv: julafton }). A date the public holidays already name keeps their name when this is left out.'),
                openingHours: { ...openingHours, description: 'For a partial day: the hours that are open that day. Leave out to close the whole day.' },
              },
            },
          },
          clause,
        },
      },
    },
    support: {
      type: 'object',
      additionalProperties: false,
      required: ['priorities'],
      description: 'Support response targets.',
      properties: {
        priorities: {
          type: 'object',
          minProperties: 1,
          description: 'Ticket priorities by name. A ticket with a priority not listed here is refused.',
          propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['action', 'response'],
            properties: {
              description: text('What kind of problem has this priority, for people; once, or once per language: { en: ..., sv: ... }.'),
              action: { ...target, description: 'When the provider must take action.' },
              response: { ...target, description: 'When the provider must respond to the customer.' },
              clause,
            },
          },
        },
      },
    },
    rules: {
      type: 'array',
      description: 'Extra rules of legal\'s own. Each has a condition over the facts of the decision and an outcome.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'when', 'then'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'The rule\'s name, unique in the file, lower case with dashes.' },
          description: { type: 'string' },
          when: { $ref: '#/$defs/condition' },
          then: {
            type: 'object',
            additionalProperties: false,
            required: ['outcome'],
            properties: {
              outcome: {
                enum: ['ineligible', 'note', 'terms'],
                description: 'ineligible: the rebate is not payable. note: the reason is only reported. terms: the terms under `set` apply to the accounts or tickets the condition matches.',
              },
              code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', description: 'A stable code for services, in capitals with underscores (ineligible and note).' },
              message: text('The reason, in words a customer can read (ineligible and note); once, or once per language: { en: ..., sv: ... }.'),
              set: termsSet,
            },
            if: { properties: { outcome: { const: 'terms' } } },
            then: { required: ['set'], properties: { set: {} } },
            else: { required: ['code', 'message'], properties: { code: {}, message: {} } },
          },
          clause,
        },
      },
    },
  },
  $defs: { condition: conditionSchema },
} as const;
