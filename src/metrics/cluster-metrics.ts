import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { processMetrics } from './service-metrics.js';
import type { ServiceMetrics } from './service-metrics.js';

// A scrape reaches one worker; that worker asks the primary, which gathers every
// worker's metrics (prom-client's AggregatorRegistry) and sends the sum back.
const SCRAPE = 'policy:metrics-scrape';
const SCRAPED = 'policy:metrics-scraped';
const SCRAPE_TIMEOUT_MS = 6_000; // longer than prom-client's own 5 s, so its error is the one reported

interface ScrapeMessage {
  readonly type: typeof SCRAPE;
  readonly id: number;
}
interface ScrapedMessage {
  readonly type: typeof SCRAPED;
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

const isMessage = <T extends { type: string }>(message: unknown, type: T['type']): message is T =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

/** In the primary: answer workers' scrape requests with the metrics of all workers together. */
export function aggregateWorkerMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isMessage<ScrapeMessage>(message, SCRAPE)) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: SCRAPED, id: message.id, text } satisfies ScrapedMessage),
      (error: unknown) => worker.isConnected() && worker.send({ type: SCRAPED, id: message.id, error: String(error) } satisfies ScrapedMessage),
    );
  });
}

/**
 * Where /metrics text comes from: this process's metrics, or in a cluster worker
 * the whole cluster's (falling back to this worker's own if the primary does not answer).
 */
export function metricsSource(metrics: ServiceMetrics, onFallback: (why: string) => void): () => Promise<string> {
  if (!cluster.isWorker || !process.send) return () => metrics.text();
  new AggregatorRegistry(); // installs prom-client's answer to the primary's requests in this worker
  AggregatorRegistry.setRegistries([metrics.registry, processMetrics()]);
  const pending = new Map<number, (answer: ScrapedMessage) => void>();
  let nextId = 0;
  process.on('message', (message: unknown) => {
    if (isMessage<ScrapedMessage>(message, SCRAPED)) pending.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve) => {
      const id = nextId++;
      const fallback = (why: string): void => {
        onFallback(why);
        void metrics.text().then(resolve);
      };
      const timer = setTimeout(() => {
        pending.delete(id);
        fallback('the primary did not answer in time');
      }, SCRAPE_TIMEOUT_MS);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        pending.delete(id);
        if (answer.text === undefined) fallback(answer.error ?? 'no text');
        else resolve(answer.text);
      });
      process.send?.({ type: SCRAPE, id } satisfies ScrapeMessage);
    });
}
