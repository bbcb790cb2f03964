import { say } from '../messages/catalog.js';
import type { MessageKey } from '../messages/catalog.js';
import type { Language } from '../messages/languages.js';
import type { DecisionReasonCode, ErrorCode } from './codes.js';

/** A code's short title (the problem-details `title`), from the catalog of a language. */
export function codeTitle(code: ErrorCode | DecisionReasonCode, language: Language): string {
  return say(language, `code.${code}.title` as MessageKey);
}

/** How to fix what a code reports, in plain words, from the catalog of a language. */
export function codeFix(code: ErrorCode | DecisionReasonCode, language: Language): string {
  return say(language, `code.${code}.fix` as MessageKey);
}
