import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ndjsonLines } from '../src/batch/ndjson-lines.js';
import type { NdjsonLine } from '../src/batch/ndjson-lines.js';

async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...new Set(cuts.map((at) => at % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

/** The obvious reading of the whole text at once: the oracle for the streaming splitter. */
function wholeText(text: string, limit: number): NdjsonLine[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, index) => {
    const bytes = Buffer.byteLength(line);
    return bytes > limit ? { number: index + 1, tooLongBytes: bytes, limitBytes: limit } : { number: index + 1, text: line.replace(/\r$/, '') };
  });
}

async function collect(source: AsyncIterable<Uint8Array>, limit: number): Promise<NdjsonLine[]> {
  const lines: NdjsonLine[] = [];
  for await (const line of ndjsonLines(source, limit)) lines.push(line);
  return lines;
}

describe('ndjsonLines', () => {
  it('reads the same lines however the bytes are cut into chunks, dropping only lines over the limit', async () => {
    const line = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', '{"a":1}', 'åäö €', 'x\r'));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: 16 }), async (lines, trailingNewline, cuts, limit) => {
        const text = lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : '');
        expect(await collect(chunked(Buffer.from(text), cuts), limit)).toEqual(wholeText(text, limit));
      }),
    );
  });

  it('reads no further than the consumer asks', async () => {
    let chunksRead = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        chunksRead++;
        yield Buffer.from('{}\n{}\n');
      }
    }
    const lines = ndjsonLines(endless(), 100);
    for (let taken = 0; taken < 5; taken++) await lines.next();
    await lines.return(undefined);
    expect(chunksRead).toBe(3);
  });
});
