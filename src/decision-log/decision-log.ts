import { closeSync, constants, openSync, writeSync } from 'node:fs';
import type { Decision } from '../model/evaluate-request.js';

/** The file holds customers' facts: only the service's own user may read it. */
const FILE_MODE = 0o600;

export interface DecisionLogHealth {
  readonly path: string;
  /** Whether a decision that cannot be logged is refused (503) rather than given unlogged. */
  readonly required: boolean;
  readonly written: number;
  readonly failedWrites: number;
  /** True from a failed write until the next successful one. */
  readonly failing: boolean;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
}

export type AppendResult = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly failedWrites: number; readonly newlyFailing: boolean };

export type OpenResult = { readonly ok: true; readonly log: DecisionLog } | { readonly ok: false; readonly message: string };

/**
 * Appends one NDJSON line per decision, written to the file (the kernel's page
 * cache) before the decision is answered: a killed process loses no answered
 * decision, and a graceful stop has nothing left to flush. A write that fails
 * (a full disk) is counted and reported, never thrown; see `required`.
 */
export class DecisionLog {
  private written = 0;
  private failedWrites = 0;
  private failing = false;
  private lastError: string | null = null;
  private lastErrorAt: string | null = null;
  /** A failed write may have left part of a line; the next line starts on a fresh one. */
  private mayHaveCutLine = false;
  private fd: number | null;

  private constructor(
    readonly path: string,
    readonly required: boolean,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Opens (creating, mode 0600) the file for appending; a missing folder or no permission is a message, not a throw. */
  static open(path: string, options: { readonly required?: boolean } = {}): OpenResult {
    try {
      const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, FILE_MODE);
      return { ok: true, log: new DecisionLog(path, options.required ?? false, fd) };
    } catch (error) {
      return { ok: false, message: `cannot open the decision log ${path}: ${describeError(error)}` };
    }
  }

  /** Writes the line of one decision; `decision` is its serialized JSON (one line). */
  append(decisionId: string, policy: Decision['policy'], request: unknown, decision: string): AppendResult {
    const line = `${this.mayHaveCutLine ? '\n' : ''}{"decisionId":${JSON.stringify(decisionId)},"time":"${new Date().toISOString()}","policy":${JSON.stringify(policy)},"request":${JSON.stringify(request)},"decision":${decision}}\n`;
    try {
      if (this.fd === null) throw new Error('the decision log is closed');
      writeWhole(this.fd, Buffer.from(line));
    } catch (error) {
      const newlyFailing = !this.failing;
      this.failing = true;
      this.failedWrites++;
      this.mayHaveCutLine = this.fd !== null;
      this.lastError = describeError(error);
      this.lastErrorAt = new Date().toISOString();
      return { ok: false, error: this.lastError, failedWrites: this.failedWrites, newlyFailing };
    }
    this.written++;
    this.failing = false;
    this.mayHaveCutLine = false;
    return { ok: true };
  }

  health(): DecisionLogHealth {
    const { path, required, written, failedWrites, failing, lastError, lastErrorAt } = this;
    return { path, required, written, failedWrites, failing, lastError, lastErrorAt };
  }

  /** Every line is already written; this only gives back the file. */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      closeSync(fd);
    } catch {
      // Nothing is left to write, so a close error loses nothing.
    }
  }
}

function writeWhole(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

function describeError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EISDIR') return 'it is a folder';
  return code ? `${code} ${message}` : String(message ?? error);
}
