// A worker thread of `policy evaluate --batch` (run by piscina): loads the policies
// once, then answers chunks of lines with the same answerLine() the HTTP batch uses.
import { workerData } from 'piscina';
import type { Language } from '../messages/languages.js';
import { loadPolicies } from '../registry/load-policies.js';
import type { PolicyRegistry } from '../registry/policy-registry.js';
import { answerLine } from './answer-line.js';
import type { NdjsonLine } from './ndjson-lines.js';
import { Tally } from './tally.js';
import type { TallyPart } from './tally.js';

export interface BatchWorkerData {
  readonly policiesDir: string;
  /** The language of a line that names none, as `policy evaluate` answers a case file that names none. */
  readonly language: Language;
}

export interface ChunkTask {
  readonly lines: readonly NdjsonLine[];
  /** The one instant the whole batch is judged at (for tickets without asOf). */
  readonly now: number;
}

export interface ChunkResult {
  /** One NDJSON text per line, in the order of the lines. */
  readonly texts: readonly string[];
  readonly tally: TallyPart;
}

let registry: Promise<PolicyRegistry> | undefined;

function policies(): Promise<PolicyRegistry> {
  // The main thread loaded the same folder without a problem before starting the pool.
  registry ??= loadPolicies((workerData as BatchWorkerData).policiesDir).then((loaded) => {
    if (loaded.diagnostics.length > 0) throw new Error(`the policies changed while the batch ran: ${loaded.diagnostics.length} problem(s)`);
    return loaded.registry;
  });
  return registry;
}

export default async function answerChunk({ lines, now }: ChunkTask): Promise<ChunkResult> {
  const loaded = await policies();
  const tally = new Tally();
  const texts: string[] = [];
  for (const line of lines) {
    const answer = await answerLine(loaded, line, now, (workerData as BatchWorkerData).language);
    if (answer.decision) tally.addDecision(answer.decision);
    else tally.addRefusal();
    texts.push(answer.text);
  }
  return { texts, tally: tally.part() };
}
