import type { Problem } from '../errors/problem.js';
import { chooseVersion } from '../evaluate/evaluate.js';
import { claimWindow } from '../evaluate/claim.js';
import { countedSpan } from '../evaluate/downtime.js';
import { readFacts } from '../evaluate/facts.js';
import { monthInterval } from '../evaluate/instants.js';
import type { Interval } from '../evaluate/instants.js';
import { DEFAULT_LANGUAGE } from '../messages/languages.js';
import type { EvaluateRequest } from '../model/evaluate-request.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import type { Span, Timeline } from './timeline-shape.js';


const instant = (ms: number): string => new Date(ms).toISOString();
const span = (interval: Interval): Span => ({ start: instant(interval.start), end: instant(interval.end) });

/**
 * The month of a request as spans, worked out by the same functions that count
 * downtime: an incident's counted span (before scheduled maintenance is taken out),
 * and whether each maintenance window was announced early enough to be excused.
 */
export function timelineOf(registry: PolicyRegistry, request: EvaluateRequest, now: number): { ok: true; timeline: Timeline | null } | { ok: false; problems: readonly Problem[] } {
  const choice = chooseVersion(registry, request, now);
  if (!choice.ok) return choice;
  const { policy } = choice;
  const read = readFacts(request.facts, policy, now);
  if (!read.ok) return read;
  const { facts } = read;
  if (facts.period === undefined) return { ok: true, timeline: null };
  const month = monthInterval(facts.period, policy.periodZone);
  const unused: string[] = [];
  return {
    ok: true,
    timeline: {
      period: span(month),
      claimWindow: span(claimWindow(policy, month)),
      claimFiledAt: facts.claimFiledAt === null ? null : instant(facts.claimFiledAt),
      incidents: facts.incidents.map((incident) => {
        const counted = countedSpan(policy, incident, month, unused, instant, DEFAULT_LANGUAGE);
        return { id: incident.id, cause: incident.cause, span: span(incident), reportedAt: incident.reportedAt === null ? null : instant(incident.reportedAt), counted: counted && span(counted) };
      }),
      maintenance: facts.maintenance.map((window) => ({ id: window.id, span: span(window), announcedAt: instant(window.announcedAt), scheduled: window.announcedAt <= policy.latestQualifyingAnnouncement(window.start) })),
    },
  };
}
