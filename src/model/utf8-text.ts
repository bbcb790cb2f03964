import { isUtf8 } from 'node:buffer';

/** Where bytes stop being UTF-8: the byte's offset from 0, and its line and column (from 1) in the text before it. */
export interface NotUtf8 {
  readonly byte: number;
  readonly line: number;
  readonly col: number;
}

export type Utf8Text = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly at: NotUtf8 };

const BYTE_ORDER_MARK = /^\uFEFF/;
const REPLACEMENT = '\uFFFD';
/** U+FFFD written in UTF-8: a replacement character the bytes really hold, not one the decoder put in. */
const ENCODED_REPLACEMENT = [0xef, 0xbf, 0xbd];

/**
 * The text of bytes that must be UTF-8 (a JSON body, a policy file), without a
 * leading byte-order mark; or where they stop being UTF-8. Decoding them anyway
 * would turn every letter of a Latin-1 or Windows-1252 file into U+FFFD without a word.
 */
export function readUtf8Text(bytes: Uint8Array): Utf8Text {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoded = buffer.toString('utf8');
  if (isUtf8(buffer)) return { ok: true, text: decoded.replace(BYTE_ORDER_MARK, '') };
  return { ok: false, at: firstBadByte(buffer, decoded) };
}

/** Up to the first bad byte the decoding is exact, so the decoded text before it has exactly its bytes. */
function firstBadByte(bytes: Buffer, decoded: string): NotUtf8 {
  for (let at = decoded.indexOf(REPLACEMENT); at !== -1; at = decoded.indexOf(REPLACEMENT, at + 1)) {
    const byte = Buffer.byteLength(decoded.slice(0, at));
    if (!ENCODED_REPLACEMENT.every((value, index) => bytes[byte + index] === value)) {
      const before = decoded.slice(0, at).split('\n');
      return { byte, line: before.length, col: (before[before.length - 1] ?? '').length + 1 };
    }
  }
  return { byte: bytes.length, line: 1, col: 1 }; // not reached: bytes that are not UTF-8 decode to at least one U+FFFD of their own
}
