// The one table of error codes. Each code's title and how to fix it are
// sentences, kept in the message catalogs (src/messages/<language>.json, keys
// code.<CODE>.title and code.<CODE>.fix); docs/error-codes.md is generated from
// the table and the English catalog, and a test fails when they disagree.

export interface ErrorCodeEntry {
  /** HTTP status when the error answers a request; policy-file errors have none. */
  readonly status?: number;
}

export const policyErrorCodes = {
  FILE_UNREADABLE: {},
  FILE_TOO_LARGE: {},
  FILE_NOT_UTF8: {},
  FILES_CHANGING: {},
  FILE_MISPLACED: {},
  MODELINE_MISSING: {},
  YAML_SYNTAX: {},
  JSON_SYNTAX: {},
  YAML_TAB: {},
  YAML_DUPLICATE_KEY: {},
  YAML_ALIAS: {},
  YAML_TAG: {},
  SCHEMA_UNKNOWN_KEY: {},
  SCHEMA_MISSING_KEY: {},
  SCHEMA_WRONG_TYPE: {},
  SCHEMA_INVALID_VALUE: {},
  ID_MISMATCH: {},
  VERSION_MISMATCH: {},
  INVALID_DATE: {},
  INVALID_DURATION: {},
  INVALID_TIME_ZONE: {},
  INVALID_OPENING_HOURS: {},
  DUPLICATE_HOLIDAY: {},
  CALENDAR_ALWAYS_OPEN_WITH_HOURS: {},
  CALENDAR_NEVER_OPEN: {},
  UNKNOWN_HOLIDAY_COUNTRY: {},
  UNKNOWN_HOLIDAY_NAME: {},
  CALENDAR_UNDEFINED: {},
  TIERS_NOT_ORDERED: {},
  REBATE_NOT_GROWING: {},
  NUMBER_TOO_PRECISE: {},
  CAUSE_COUNTED_AND_EXCLUDED: {},
  UNKNOWN_CURRENCY: {},
  CAP_TOO_PRECISE: {},
  RULE_DUPLICATE_ID: {},
  RULE_UNKNOWN_FACT: {},
  RULE_UNKNOWN_OPERATOR: {},
  RULE_PATH_INVALID: {},
  RULE_NOT_RUNNABLE: {},
  RULE_PATH_NOT_ALLOWED: {},
  RULE_FACT_NOT_ALLOWED: {},
  TERMS_CURRENCY_NOT_CAPPED: {},
  TERMS_UNKNOWN_PRIORITY: {},
  DUPLICATE_EFFECTIVE_DATE: {},
  DUPLICATE_VERSION: {},
  NO_POLICIES: {},
  POLICY_REMOVED: {},
  RELOAD_FAILED: {},
  CASE_INVALID: {},
} as const satisfies Record<string, ErrorCodeEntry>;

export const requestErrorCodes = {
  REQUEST_MALFORMED: { status: 400 },
  REQUEST_INVALID: { status: 400 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  BODY_TOO_LARGE: { status: 413 },
  ROUTE_NOT_FOUND: { status: 404 },
  POLICY_NOT_FOUND: { status: 404 },
  VERSION_NOT_FOUND: { status: 404 },
  NO_VERSION_IN_FORCE: { status: 422 },
  TOO_MANY_ITEMS: { status: 422 },
  NOTHING_TO_DECIDE: { status: 422 },
  UNKNOWN_CAUSE: { status: 422 },
  UNKNOWN_PRIORITY: { status: 422 },
  CURRENCY_NOT_ACCEPTED: { status: 422 },
  AMOUNT_TOO_PRECISE: { status: 422 },
  END_BEFORE_START: { status: 422 },
  EVENT_BEFORE_OPENED: { status: 422 },
  DUPLICATE_ID: { status: 422 },
  REQUEST_TIMEOUT: { status: 408 },
  HTTP_MALFORMED: { status: 400 },
  URL_MALFORMED: { status: 400 },
  URI_TOO_LONG: { status: 414 },
  HEADERS_TOO_LARGE: { status: 431 },
  DECISION_LOG_UNAVAILABLE: { status: 503 },
  INSTANT_OUT_OF_RANGE: { status: 422 },
} as const satisfies Record<string, ErrorCodeEntry>;

/** Problems of a policy file that do not refuse it: shown by validate and on load, while the version serves. */
export const policyWarningCodes = {
  TEXT_LANGUAGE_MISSING: {},
} as const satisfies Record<string, ErrorCodeEntry>;

/**
 * Why a rebate is not payable: codes in a decision's `rebate.reasons`, not
 * errors. A policy's own rules add codes of their own, served beside these.
 */
export const decisionReasonCodes = {
  NO_REBATE_EARNED: {},
  NO_CLAIM: {},
  CLAIM_PREMATURE: {},
  CLAIM_LATE: {},
} as const satisfies Record<string, ErrorCodeEntry>;

export type PolicyErrorCode = keyof typeof policyErrorCodes;
export type PolicyWarningCode = keyof typeof policyWarningCodes;
export type RequestErrorCode = keyof typeof requestErrorCodes;
export type ErrorCode = PolicyErrorCode | PolicyWarningCode | RequestErrorCode;
export type DecisionReasonCode = keyof typeof decisionReasonCodes;

export const errorCodes: Readonly<Record<ErrorCode, ErrorCodeEntry>> = { ...policyErrorCodes, ...policyWarningCodes, ...requestErrorCodes };
