import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchedLines } from '../src/http/log-lines.js';

const line = (n: number): string => `{"msg":"line ${n}"}\n`;

async function eventually(read: () => string, expected: string): Promise<void> {
  for (let tries = 0; tries < 200 && read() !== expected; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(read()).toBe(expected);
}

describe('batched log lines', () => {
  it('hold lines until a batch is full, then write them in order; flush writes the rest', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-lines-')), 'out.log');
    const fd = openSync(file, 'w');
    const lines = new BatchedLines(fd, 3 * line(0).length);
    const read = (): string => readFileSync(file, 'utf8');
    lines.write(line(1));
    lines.write(line(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read()).toBe('');
    lines.write(line(3));
    await eventually(read, line(1) + line(2) + line(3));
    lines.write(line(4));
    lines.flush();
    await eventually(read, line(1) + line(2) + line(3) + line(4));
    closeSync(fd);
  });

  it('write what still waits when the process exits', () => {
    const script = `
      import { BatchedLines } from ${JSON.stringify(new URL('../dist/src/http/log-lines.js', import.meta.url).href)};
      const lines = new BatchedLines(1, 1 << 20);
      for (let n = 1; n <= 3; n++) lines.write('line ' + n + '\\n');
      process.exit(0);
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(output).toBe('line 1\nline 2\nline 3\n');
  });
});
