import { readUtf8Text } from '../model/utf8-text.js';
import type { NotUtf8 } from '../model/utf8-text.js';

/** One line of an NDJSON batch, numbered from 1; a line longer than the limit keeps only its length, one that is not UTF-8 where it stops being so. */
export type NdjsonLine =
  | { readonly number: number; readonly text: string }
  | { readonly number: number; readonly tooLongBytes: number; readonly limitBytes: number }
  | { readonly number: number; readonly notUtf8: NotUtf8 };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into lines as it arrives, pulling the next chunk only when
 * the consumer asks for the next line, so a slow consumer holds the producer back
 * and memory stays bounded by the longest allowed line, whatever the stream's length.
 * A line over `maxLineBytes` is not kept: its bytes are counted and dropped, and it
 * is reported as too long. Every newline ends a line; a last line without one counts too.
 */
export async function* ndjsonLines(source: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<NdjsonLine> {
  let parts: Uint8Array[] = [];
  let pendingBytes = 0;
  let overflowing = false;
  let number = 0;
  const finish = (last: Uint8Array): NdjsonLine => {
    number++;
    const total = pendingBytes + last.length;
    const line: NdjsonLine = overflowing || total > maxLineBytes ? { number, tooLongBytes: total, limitBytes: maxLineBytes } : lineOf(number, parts, last);
    parts = [];
    pendingBytes = 0;
    overflowing = false;
    return line;
  };
  for await (const chunk of source) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      yield finish(chunk.subarray(start, end));
      start = end + 1;
    }
    const rest = chunk.subarray(start);
    pendingBytes += rest.length;
    if (pendingBytes > maxLineBytes) {
      overflowing = true;
      parts = [];
    } else if (rest.length > 0) parts.push(rest);
  }
  if (pendingBytes > 0) yield finish(new Uint8Array(0));
}

function lineOf(number: number, parts: readonly Uint8Array[], last: Uint8Array): NdjsonLine {
  const bytes = parts.length === 0 ? last : Buffer.concat([...parts, last]);
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
  const utf8 = readUtf8Text(bytes.subarray(0, end));
  return utf8.ok ? { number, text: utf8.text } : { number, notUtf8: utf8.at };
}
