import { setTimeout as delay } from 'node:timers/promises';
import { readPolicyFiles } from './policy-files.js';
import type { ReadResult } from './policy-files.js';

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
  const problem = {
    file: dir,
    line: 1,
    col: 1,
    path: [],
    code: 'FILES_CHANGING',
    message: `the policy files changed between each of ${MAX_READS} reads ${settleMs} ms apart; the reload waits for writing to finish`,
  } as const;
  // What a moment of a write says about the files is noise: the one problem is that they would not hold still.
  return { ...previous, files: [], problems: [problem], settled: false };
}
