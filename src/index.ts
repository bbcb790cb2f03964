// The library's public API: the pipeline stages that the HTTP and CLI adapters use.
export { loadPolicies } from './registry/load-policies.js';
export type { LoadResult } from './registry/load-policies.js';
export { PolicyRegistry } from './registry/policy-registry.js';
export { PolicyStore } from './registry/policy-store.js';
export { evaluate, chooseVersion } from './evaluate/evaluate.js';
export type { EvaluateResult, EvaluateContext } from './evaluate/evaluate.js';
export { readRequest } from './evaluate/request.js';
export { serializeDecision } from './evaluate/serialize-decision.js';
export { buildApp } from './http/app.js';
export type { AppOptions } from './http/app.js';
export { startServer, configFromEnv } from './http/server.js';
export { errorCodes, policyErrorCodes, requestErrorCodes } from './errors/codes.js';
export type { ErrorCode } from './errors/codes.js';
export { formatDiagnostic, formatJsonPath } from './errors/problem.js';
export type { Diagnostic, Problem, JsonPath } from './errors/problem.js';
export type { Decision, EvaluateRequest } from './model/evaluate-request.js';
export type { PolicyDocument } from './model/policy-document.js';
