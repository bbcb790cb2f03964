import { writeSync } from 'node:fs';
import pino from 'pino';
import type { DestinationStream } from 'pino';

const MAX_EXIT_WRITE_TRIES = 1000;

/**
 * Log lines for a file descriptor, gathered in a list and handed to pino's
 * asynchronous destination as one string once `batchChars` wait (or at flush).
 * That destination appends each string it is given to the text it holds and
 * measures that text's UTF-8 length again: fed line by line with kilobytes
 * waiting, it cost every request microseconds. Fed a batch, it does so once per
 * batch. What still waits when the process exits is written before it does.
 */
export class BatchedLines implements DestinationStream {
  private readonly destination: ReturnType<typeof pino.destination>;
  private lines: string[] = [];
  private chars = 0;

  constructor(
    private readonly fd: number,
    private readonly batchChars: number,
  ) {
    this.destination = pino.destination({ dest: fd, sync: false, minLength: 0 });
    process.once('exit', () => this.writeAtExit());
  }

  write(line: string): boolean {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= this.batchChars) this.destination.write(this.take());
    return true;
  }

  /** Writes what waits, in the background (after whatever the destination is writing now). */
  flush(): void {
    if (this.lines.length > 0) this.destination.write(this.take());
  }

  private take(): string {
    const batch = this.lines.join('');
    this.lines = [];
    this.chars = 0;
    return batch;
  }

  /** The destination's own lines first, then these: no event loop is left for a write in the background. */
  private writeAtExit(): void {
    try {
      this.destination.flushSync();
    } catch {
      // Closed or never opened: it holds nothing more to write.
    }
    if (this.lines.length === 0) return;
    const bytes = Buffer.from(this.take());
    // A pipe may take part of it at a time, or none for a moment (EAGAIN): a bounded number of tries.
    for (let written = 0, tries = 0; written < bytes.length && tries < MAX_EXIT_WRITE_TRIES; tries++) {
      try {
        written += writeSync(this.fd, bytes, written);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      }
    }
  }
}
