import type { FastifyBaseLogger } from 'fastify';
import type { DecisionLog } from '../decision-log/decision-log.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import type { Decision } from '../model/evaluate-request.js';

/** While the log keeps failing, one line per this many failed writes, not one per request. */
const FAILURES_PER_LOG_LINE = 1000;

/** Writes one decision to the log; false when it could not be written and the log is required, so the decision must not be given. */
export type LogDecision = (log: FastifyBaseLogger, request: unknown, decisionId: string, policy: Decision['policy'], serialized: string) => boolean;

/** The one way both the single and the batch endpoint log a decision: failures are counted, logged sparingly, never thrown. */
export function decisionLogging(decisionLog: DecisionLog | undefined, metrics: ServiceMetrics): LogDecision {
  return (log, request, decisionId, policy, serialized) => {
    if (!decisionLog) return true;
    const result = decisionLog.append(decisionId, policy, request, serialized);
    if (result.ok) return true;
    metrics.decisionLogFailed();
    if (result.newlyFailing || result.failedWrites % FAILURES_PER_LOG_LINE === 0) {
      log.error({ decisionLog: decisionLog.path, error: result.error, failedWrites: result.failedWrites, required: decisionLog.required }, 'cannot write the decision log');
    }
    return !decisionLog.required;
  };
}
