// In-process speed: decisions per second without HTTP.
import { evaluate } from '../src/evaluate/evaluate.js';
import type { EvaluateRequest } from '../src/model/evaluate-request.js';
import type { PolicyRegistry } from '../src/registry/policy-registry.js';

/** Decisions per second for `requestFor(0)`, `requestFor(1)`, ... (the same request, or a new one each time). */
export async function decisionsPerSecond(registry: PolicyRegistry, requestFor: (index: number) => EvaluateRequest, seconds: number): Promise<{ perSecond: number; msPerDecision: number }> {
  const context = { now: Date.parse('2026-11-15T00:00:00Z'), decisionId: 'bench' };
  for (let i = 0; i < 200; i++) await evaluate(registry, requestFor(i), context); // warm up
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let count = 0;
  while (performance.now() < deadline) {
    const result = await evaluate(registry, requestFor(count), context);
    if (!result.ok) throw new Error(`benchmark case refused: ${result.problems[0]?.message}`);
    count++;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: count / elapsed, msPerDecision: (elapsed * 1000) / count };
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

/** Memory at checkpoints while making `total` decisions: flat when nothing leaks. */
export async function memoryOver(registry: PolicyRegistry, request: EvaluateRequest, total: number, checkpoints: number): Promise<MemoryReading[]> {
  const context = { now: Date.parse('2026-11-15T00:00:00Z'), decisionId: 'bench' };
  const readings: MemoryReading[] = [];
  const step = Math.ceil(total / checkpoints);
  for (let done = 0; done < total; done++) {
    if (done % step === 0) readings.push(readMemory(done));
    await evaluate(registry, request, context);
  }
  readings.push(readMemory(total));
  return readings;
}
