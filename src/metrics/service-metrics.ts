import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Decision } from '../model/evaluate-request.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';

export type ReloadOutcome = 'accepted' | 'refused';
/** `none` for a decision without a rebate part (tickets only). */
export type Eligibility = 'eligible' | 'ineligible' | 'none';

/** Request latencies from a cache hit (well under a millisecond) to a thousand-incident month (seconds). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];


let processRegistry: Registry | undefined;

/** Process metrics (event-loop lag, memory, GC): one set per process, however many apps it builds. */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * What one service process counts, in its own registry (tests build many apps in
 * one process). The methods are the hooks the rest of the service calls; counts
 * that other modules own (cache bytes, decision-log errors) come through them.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly decisions = new Counter({ name: 'policy_decisions_total', help: 'Decisions served, by policy, version and rebate eligibility.', labelNames: ['policy', 'version', 'eligibility'], registers: [this.registry] });
  private readonly refusals = new Counter({ name: 'policy_requests_refused_total', help: 'Requests (and batch lines) answered with a problem, by error code.', labelNames: ['code'], registers: [this.registry] });
  private readonly latency = new Histogram({ name: 'http_request_duration_seconds', help: 'Time to answer an HTTP request, by method, route and status.', labelNames: ['method', 'route', 'status'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly reloads = new Counter({ name: 'policy_reloads_total', help: 'Policy reloads, accepted or refused.', labelNames: ['outcome'], registers: [this.registry] });
  private readonly decisionLogErrors = new Counter({ name: 'decision_log_errors_total', help: 'Failures writing the decision log.', registers: [this.registry] });
  private readonly cacheLookups = new Counter({ name: 'decision_cache_lookups_total', help: 'Decision cache lookups, by result (hit or miss).', labelNames: ['result'], registers: [this.registry] });
  private readonly cacheByteSources: (() => number)[] = [];
  private policySource: (() => PolicyRegistry) | undefined;

  constructor() {
    const sources = this.cacheByteSources;
    new Gauge({
      name: 'cache_bytes',
      help: 'Bytes held by the in-memory caches.',
      registers: [this.registry],
      collect() {
        this.set(sources.reduce((total, source) => total + source(), 0));
      },
    });
    const policies = (): PolicyRegistry | undefined => this.policySource?.();
    new Gauge({
      name: 'policy_version_info',
      help: 'One series per loaded policy version, labelled with its sha256; the value is always 1.',
      labelNames: ['policy', 'version', 'status', 'sha256'],
      // Every worker of a cluster reports the same versions: one series each, not their count.
      aggregator: 'max',
      registers: [this.registry],
      collect() {
        this.reset();
        const registry = policies();
        for (const id of registry?.ids() ?? []) {
          for (const { ref, status } of registry?.versions(id) ?? []) this.set({ policy: id, version: ref.version, status, sha256: ref.sha256 }, 1);
        }
      },
    });
  }

  /** A decision served, by its policy version and rebate eligibility (undefined for a decision without a rebate part). */
  decided(policy: Decision['policy'], eligible: boolean | undefined): void {
    this.decisions.inc({ policy: policy.id, version: policy.version, eligibility: eligibilityOf(eligible) });
  }

  refused(code: string): void {
    this.refusals.inc({ code });
  }

  answered(method: string, route: string, status: number, seconds: number): void {
    this.latency.observe({ method, route, status: String(status) }, seconds);
  }

  reloaded(outcome: ReloadOutcome): void {
    this.reloads.inc({ outcome });
  }

  decisionLogFailed(): void {
    this.decisionLogErrors.inc();
  }

  cacheLookup(hit: boolean): void {
    this.cacheLookups.inc({ result: hit ? 'hit' : 'miss' });
  }

  /** A cache that can tell its size in bytes adds itself here; the gauge sums them at each scrape. */
  countCacheBytes(source: () => number): void {
    this.cacheByteSources.push(source);
  }

  /** The loaded versions the info gauge lists, read at each scrape so a reload shows at once. */
  describePolicies(source: () => PolicyRegistry): void {
    this.policySource = source;
  }

  /** This process's metrics with the process-wide ones, in Prometheus text format. */
  async text(): Promise<string> {
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }
}

export function eligibilityOf(eligible: boolean | undefined): Eligibility {
  return eligible === undefined ? 'none' : eligible ? 'eligible' : 'ineligible';
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
