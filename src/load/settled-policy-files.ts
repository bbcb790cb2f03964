import { setTimeout as delay } from 'node:timers/promises';
import { readPolicyFiles } from './policy-files.js';
import type { ReadResult } from './policy-files.js';
import { fileProblem } from '../errors/problem.js';
import { text } from '../messages/text.js';

/** How many times a changing tree is read again before the reload is refused (the next poll tries again). */
const MAX_READS = 8;

export interface SettledRead extends ReadResult {
  /** False when the files changed between every two reads: the result is a moment of a write in progress. */
  readonly settled: boolean;
}

/**
 * Reads the policies folder until two reads, `settleMs` apart, agree byte for
 * byte. A file caught half-written (an in-place write in several chunks) reads
 * differently the second time, so it is never the version served.
 */
export async function readSettledPolicyFiles(dir: string, settleMs: number): Promise<SettledRead> {
  let previous = await readPolicyFiles(dir);
  for (let reads = 1; reads < MAX_READS; reads++) {
    await delay(settleMs);
    const next = await readPolicyFiles(dir);
    if (next.fingerprint === previous.fingerprint) return { ...next, settled: true };
    previous = next;
  }
  const problem = fileProblem('FILES_CHANGING', text('policy.filesChanging', { reads: MAX_READS, ms: settleMs }), dir);
  // What a moment of a write says about the files is noise: the one problem is that they would not hold still.
  return { ...previous, files: [], problems: [problem], settled: false };
}
