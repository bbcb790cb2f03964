import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Decision, EvaluateRequest } from '../model/evaluate-request.js';

/** One NDJSON line: enough to replay the decision later under any version. */
export interface DecisionLogEntry {
  readonly decisionId: string;
  readonly time: string;
  readonly policy: Decision['policy'];
  readonly request: EvaluateRequest;
  readonly decision: Decision;
}

/**
 * Appends one line per decision. Each line is written whole in one append, so a
 * crash can at worst cut the last line short; readers skip such a line.
 */
export class DecisionLog {
  private readonly stream: WriteStream;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'a' });
  }

  append(entry: DecisionLogEntry): void {
    this.stream.write(`${JSON.stringify(entry)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}

export interface ReadLog {
  readonly entries: DecisionLogEntry[];
  /** Line numbers that could not be read (a line cut short by a crash). */
  readonly unreadable: number[];
}

export async function readDecisionLog(path: string): Promise<ReadLog> {
  const entries: DecisionLogEntry[] = [];
  const unreadable: number[] = [];
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      entries.push(JSON.parse(line) as DecisionLogEntry);
    } catch {
      unreadable.push(index + 1);
    }
  });
  return { entries, unreadable };
}
