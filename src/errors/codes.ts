// The one table of error codes. docs/error-codes.md is generated from it
// (`npm run docs:codes`) and a test fails when the two disagree.

export interface ErrorCodeEntry {
  /** Short title; also the problem-details `title`. */
  readonly title: string;
  /** HTTP status when the error answers a request; policy-file errors have none. */
  readonly status?: number;
  /** How to fix it, in plain words. */
  readonly fix: string;
}

export const policyErrorCodes = {
  FILE_UNREADABLE: { title: 'The file cannot be read', fix: 'Check that the file exists and is readable.' },
  FILE_TOO_LARGE: { title: 'The file is too large', fix: 'A policy file is a few kilobytes; split or shorten it.' },
  FILES_CHANGING: {
    title: 'The files kept changing while being read',
    fix: 'Nothing to do if a save was in progress: the service reads again within seconds. If it persists, find what keeps writing to the policies folder.',
  },
  FILE_MISPLACED: { title: 'The file is not where policies live', fix: 'Keep each version at policies/<id>/<version>.yaml.' },
  MODELINE_MISSING: {
    title: 'The first line does not name the schema',
    fix: 'Make the first line `# yaml-language-server: $schema=../../schemas/policy.schema.json` so your editor checks the file as you type.',
  },
  YAML_SYNTAX: { title: 'The YAML cannot be read', fix: 'Fix the indentation, quotes or punctuation at the place shown.' },
  YAML_TAB: { title: 'A line is indented with a tab', fix: 'Indent with spaces only, lined up with the line above; most editors turn tabs into spaces for .yaml files.' },
  YAML_DUPLICATE_KEY: { title: 'A key appears twice', fix: 'Keep one of the two entries; a key may appear only once in the same block.' },
  YAML_ALIAS: { title: 'Too many YAML aliases', fix: 'Write the values out instead of repeating them with * aliases.' },
  YAML_TAG: { title: 'A YAML tag is not allowed', fix: 'Remove the !tag; policy files use plain values only.' },
  SCHEMA_UNKNOWN_KEY: { title: 'Unknown key', fix: 'Remove the key or correct its spelling; your editor lists the keys allowed here.' },
  SCHEMA_MISSING_KEY: { title: 'A required key is missing', fix: 'Add the key named in the message.' },
  SCHEMA_WRONG_TYPE: { title: 'A value has the wrong type', fix: 'Write the kind of value the message asks for (text, number, list, ...).' },
  SCHEMA_INVALID_VALUE: { title: 'A value is not allowed', fix: 'Use one of the values or the format the message describes.' },
  ID_MISMATCH: { title: 'The id does not match the folder', fix: 'Make `id` the same as the name of the folder the file is in.' },
  VERSION_MISMATCH: { title: 'The version does not match the file name', fix: 'Make `version` the same as the file name without .yaml.' },
  INVALID_DATE: { title: 'Not a real date', fix: 'Write an existing date as YYYY-MM-DD.' },
  INVALID_DURATION: { title: 'Not a valid duration', fix: 'Write a duration such as P7D (7 days), PT15M (15 minutes) or PT8H (8 hours).' },
  INVALID_TIME_ZONE: { title: 'Unknown time zone', fix: 'Use an IANA time zone name such as UTC or Europe/Paris.' },
  INVALID_OPENING_HOURS: { title: 'Opening hours are not in order', fix: 'Each range must end after it starts, and the ranges of a day must not overlap.' },
  DUPLICATE_HOLIDAY: { title: 'A holiday is listed twice', fix: 'Keep one entry per date.' },
  CALENDAR_ALWAYS_OPEN_WITH_HOURS: { title: 'A 24/7 calendar has opening hours', fix: 'Remove openingHours and holidays, or remove alwaysOpen.' },
  CALENDAR_NEVER_OPEN: { title: 'A calendar is never open', fix: 'Give the calendar opening hours on at least one day, or set alwaysOpen: true.' },
  UNKNOWN_HOLIDAY_COUNTRY: { title: 'The public-holiday list has no such country or region', fix: 'Write the two-letter ISO code of the country (SE, DE, ...), and a region only where the list has it.' },
  UNKNOWN_HOLIDAY_NAME: { title: 'The public-holiday list has no holiday of that name', fix: 'Write the English name exactly as the message lists it, or a date as YYYY-MM-DD.' },
  CALENDAR_UNDEFINED: { title: 'A calendar is used but not defined', fix: 'Define the calendar under `calendars`, or correct its name.' },
  TIERS_NOT_ORDERED: { title: 'Rebate tiers are not in order', fix: 'List tiers from the highest threshold to the lowest, each strictly lower than the one before.' },
  REBATE_NOT_GROWING: { title: 'A rebate does not grow as uptime falls', fix: 'Each tier further down the list must pay a strictly higher rebate.' },
  NUMBER_TOO_PRECISE: { title: 'A number has too many decimals', fix: 'Use at most 6 decimals for percentages.' },
  CAUSE_COUNTED_AND_EXCLUDED: { title: 'A cause is both counted and excluded', fix: 'Keep the cause in only one of countedCauses and excludedCauses.' },
  UNKNOWN_CURRENCY: { title: 'Unknown currency', fix: 'Use an ISO 4217 currency code such as USD, EUR or SEK.' },
  CAP_TOO_PRECISE: { title: 'The cap has more decimals than the currency', fix: "Write the cap with at most the currency's number of decimals (2 for USD)." },
  RULE_DUPLICATE_ID: { title: 'Two rules have the same id', fix: 'Give every rule its own id.' },
  RULE_UNKNOWN_FACT: { title: 'A rule uses an unknown fact', fix: 'Use one of the facts listed in the message.' },
  RULE_UNKNOWN_OPERATOR: { title: 'A rule uses an unknown operator', fix: 'Use one of the operators listed in the message.' },
  RULE_PATH_INVALID: { title: 'A path is not a plain attribute path', fix: 'Write the path as $.name, $.name.inner or $.name[0]: attribute names and list positions only.' },
  RULE_NOT_RUNNABLE: {
    title: 'The rule engine cannot run this rule',
    fix: 'Start the condition with all, any or not (for example `when: { all: [ ... ] }`) and check the place shown.',
  },
  RULE_PATH_NOT_ALLOWED: { title: 'A path is used on a fact without attributes', fix: 'Use path only with the account fact.' },
  RULE_FACT_NOT_ALLOWED: {
    title: 'A rule reads a fact it cannot use',
    fix: 'A rule with outcome terms reads only account, period, currency, chargesAmount and priority; other rules cannot read priority. Rewrite the condition with the facts listed in the message.',
  },
  TERMS_CURRENCY_NOT_CAPPED: { title: 'A rule sets the cap of a currency the policy does not cap', fix: 'Add the currency under rebate.caps first, or remove it from the rule.' },
  TERMS_UNKNOWN_PRIORITY: { title: 'A rule sets targets for an unknown priority', fix: 'Use a priority listed under support.priorities.' },
  DUPLICATE_EFFECTIVE_DATE: { title: 'Two published versions start on the same day', fix: 'Give each published version its own effectiveFrom date, or keep one as a draft.' },
  DUPLICATE_VERSION: { title: 'One version is in two files', fix: 'Keep one file per version (for example 2.0.0.yaml, not also 2.0.0.yml).' },
  NO_POLICIES: {
    title: 'No policies would be left',
    fix: 'The policies folder is empty, missing or unmounted; restore it. The service keeps serving the last good policies meanwhile.',
  },
  POLICY_REMOVED: {
    title: 'A served policy would lose every version',
    fix: 'Restore the policy folder. To retire a policy on purpose, remove its folder and restart the service (see the README).',
  },
  RELOAD_FAILED: {
    title: 'The reload failed unexpectedly',
    fix: 'The last good policies keep serving. Save the file again; if the message repeats, report it to the developers.',
  },
  CASE_INVALID: { title: 'A scenario case is not valid', fix: 'Fix the case file at the place shown.' },
} as const satisfies Record<string, ErrorCodeEntry>;

export const requestErrorCodes = {
  REQUEST_MALFORMED: { title: 'The request body is not valid JSON', status: 400, fix: 'Send a JSON object with Content-Type: application/json.' },
  REQUEST_INVALID: { title: 'The request does not match its schema', status: 400, fix: 'Correct each field named in `errors`; the OpenAPI document describes every field.' },
  UNSUPPORTED_MEDIA_TYPE: { title: 'Unsupported content type', status: 415, fix: 'Send the body as application/json.' },
  BODY_TOO_LARGE: { title: 'The request body is too large', status: 413, fix: 'Send a smaller body; the limit is in the detail.' },
  ROUTE_NOT_FOUND: { title: 'No such route', status: 404, fix: 'See the OpenAPI document at /docs/json for the routes.' },
  POLICY_NOT_FOUND: { title: 'Unknown policy', status: 404, fix: 'Use a policy id listed by GET /v1/policies.' },
  VERSION_NOT_FOUND: { title: 'Unknown policy version', status: 404, fix: 'Use a version listed by GET /v1/policies/{id}.' },
  NO_VERSION_IN_FORCE: { title: 'No published version is in force', status: 422, fix: 'The date is before the first published version; name a version or use a later date.' },
  TOO_MANY_ITEMS: { title: 'Too many items', status: 422, fix: 'Split the request; the limit is in the detail.' },
  NOTHING_TO_DECIDE: { title: 'Nothing to decide', status: 422, fix: 'Send facts.period for a rebate decision or facts.tickets for support targets.' },
  UNKNOWN_CAUSE: { title: 'Unknown incident cause', status: 422, fix: 'Use a cause the policy lists as counted or excluded.' },
  UNKNOWN_PRIORITY: { title: 'Unknown ticket priority', status: 422, fix: 'Use a priority the policy lists.' },
  CURRENCY_NOT_ACCEPTED: { title: 'The policy has no cap for this currency', status: 422, fix: 'Send charges in a currency the policy caps, or ask legal to add its cap.' },
  AMOUNT_TOO_PRECISE: { title: 'The amount has more decimals than its currency', status: 422, fix: "Send the amount in the currency's minor units, e.g. 480.00 for USD." },
  END_BEFORE_START: { title: 'An interval ends before it starts', status: 422, fix: 'Send an end at or after the start.' },
  EVENT_BEFORE_OPENED: { title: 'A ticket event is before the ticket opened', status: 422, fix: 'Send actionAt and respondedAt at or after openedAt.' },
  DUPLICATE_ID: { title: 'The same id appears twice', status: 422, fix: 'Give every incident, maintenance window and ticket its own id.' },
  REQUEST_TIMEOUT: { title: 'The request took too long to arrive', status: 408, fix: 'Send the headers and the whole body promptly; the limits are HEADER_TIMEOUT_MS and REQUEST_TIMEOUT_MS.' },
  HTTP_MALFORMED: { title: 'The request is not valid HTTP', status: 400, fix: 'Send an HTTP/1.1 request: a request line, headers, and a body of the length announced.' },
  URL_MALFORMED: { title: 'The URL is not valid', status: 400, fix: 'Percent-encode the URL correctly (e.g. a space as %20).' },
  URI_TOO_LONG: { title: 'The URL is too long', status: 414, fix: 'Shorten the URL; ids and versions are at most 200 characters.' },
  HEADERS_TOO_LARGE: { title: 'The request headers are too large', status: 431, fix: 'Send fewer or shorter headers.' },
  DECISION_LOG_UNAVAILABLE: {
    title: 'The decision log cannot be written',
    status: 503,
    fix: 'No decision is given that cannot be logged (DECISION_LOG_REQUIRED). Retry later; the operator sees the write error on /readyz.',
  },
  INSTANT_OUT_OF_RANGE: { title: 'An instant or period is out of range', status: 422, fix: 'Send instants and periods from 1970 up to the year 3000.' },
} as const satisfies Record<string, ErrorCodeEntry>;

/**
 * Why a rebate is not payable: codes in a decision's `rebate.reasons`, not
 * errors. A policy's own rules add codes of their own, served beside these.
 */
export const decisionReasonCodes = {
  NO_REBATE_EARNED: { title: 'The month earns no rebate', fix: 'Nothing to fix: uptime was not below any tier\'s threshold, so nothing is owed.' },
  NO_CLAIM: { title: 'No claim was filed', fix: 'The customer registers a claim within the claim window the decision shows (claimWindow); the rebate is then payable.' },
  CLAIM_PREMATURE: { title: 'The claim was filed before the claim window opened', fix: 'File the claim again once the window opens (claimWindow.opensAt).' },
  CLAIM_LATE: { title: 'The claim was filed after the claim window closed', fix: 'A late claim is not payable under the policy; the window is in claimWindow.' },
} as const satisfies Record<string, ErrorCodeEntry>;

export type PolicyErrorCode = keyof typeof policyErrorCodes;
export type RequestErrorCode = keyof typeof requestErrorCodes;
export type ErrorCode = PolicyErrorCode | RequestErrorCode;

export const errorCodes: Readonly<Record<ErrorCode, ErrorCodeEntry>> = { ...policyErrorCodes, ...requestErrorCodes };
