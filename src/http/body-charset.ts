import { parse } from 'content-type';
import { problem } from '../errors/problem.js';
import type { Problem } from '../errors/problem.js';
import { text } from '../messages/text.js';
import { clip } from '../validate/schema-problems.js';

/** Charsets a body is read in: JSON is UTF-8 (RFC 8259 §8.1), and ASCII is a part of it. */
const READ_AS_UTF8 = new Set(['utf-8', 'utf8', 'us-ascii']);
/** A charset is echoed in the message only so far: enough to recognise it. */
const SHOWN_CHARSET_CHARACTERS = 40;

/**
 * A body declared in another charset (iso-8859-1, utf-16, ...) is refused, never
 * read as UTF-8: its letters outside ASCII would silently turn into others.
 * No charset means UTF-8.
 */
export function charsetProblem(contentType: string | undefined): Problem | null {
  if (!contentType?.includes(';')) return null; // no parameters: nothing to parse on the common path
  const charset = parse(contentType).parameters['charset'];
  if (charset === undefined || READ_AS_UTF8.has(charset.toLowerCase())) return null;
  return problem('UNSUPPORTED_MEDIA_TYPE', text('request.charset', { charset: clip(charset, SHOWN_CHARSET_CHARACTERS) }));
}
