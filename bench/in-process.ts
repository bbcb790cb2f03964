// In-process speed: microseconds per decision without HTTP, and memory over many decisions.
import { evaluate } from '../src/evaluate/evaluate.js';
import type { EvaluateRequest } from '../src/model/evaluate-request.js';
import type { PolicyRegistry } from '../src/registry/policy-registry.js';

const context = { now: Date.parse('2026-11-15T00:00:00Z'), decisionId: 'bench' };

export interface Timing {
  readonly decisions: number;
  /** The median time of one decision: what a request usually pays, unmoved by a GC pause. */
  readonly medianMicros: number;
  readonly perSecond: number;
}

/** Times every decision of `requestFor(0)`, `requestFor(1)`, ... for `seconds` (after a warm-up). */
export async function timeDecisions(registry: PolicyRegistry, requestFor: (index: number) => EvaluateRequest, seconds: number): Promise<Timing> {
  for (let i = 0; i < 500; i++) await evaluate(registry, requestFor(i), context); // warm up
  const times: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  for (let index = 0; performance.now() < deadline; index++) {
    const request = requestFor(index);
    const before = performance.now();
    const result = await evaluate(registry, request, context);
    times.push(performance.now() - before);
    if (!result.ok) throw new Error(`benchmark case refused: ${result.problems[0]?.message}`);
  }
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { decisions: times.length, medianMicros: (times[times.length >> 1] ?? 0) * 1000, perSecond: times.length / elapsed };
}

export interface MemoryReading {
  readonly decisions: number;
  readonly rssMiB: number;
  /** Live heap after a full collection (when node runs with --expose-gc), the surest sign of a leak. */
  readonly heapMiB: number;
}

function readMemory(decisions: number): MemoryReading {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { decisions, rssMiB: rss / 2 ** 20, heapMiB: heapUsed / 2 ** 20 };
}

/** Memory at checkpoints while making `total` decisions, each on its own request: flat when nothing leaks. */
export async function memoryOver(registry: PolicyRegistry, requestFor: (index: number) => EvaluateRequest, total: number, checkpoints: number): Promise<MemoryReading[]> {
  const readings: MemoryReading[] = [];
  const step = Math.ceil(total / checkpoints);
  for (let done = 0; done < total; done++) {
    if (done % step === 0) readings.push(readMemory(done));
    await evaluate(registry, requestFor(done), context);
  }
  readings.push(readMemory(total));
  return readings;
}
