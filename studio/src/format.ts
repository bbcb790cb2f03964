import { Duration } from 'luxon';
import { language, t } from './i18n.js';
import type { MessageKey } from './i18n.js';

/** A decimal as written (exact: never through a binary float), with the reader's decimal separator. */
export function decimal(value: string | number): string {
  const separator = new Intl.NumberFormat(language()).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return String(value).replace('.', separator);
}

/** An ISO 8601 duration in words of the reader's language: P7D reads "7 days", PT8H "8 hours". */
export function duration(iso: string): string {
  const parsed = Duration.fromISO(iso);
  if (!parsed.isValid) return iso;
  const parts = Object.fromEntries(Object.entries(parsed.toObject()).filter(([, amount]) => amount !== 0));
  if (Object.keys(parts).length === 0) return t('duration.none');
  return Duration.fromObject(parts, { locale: language() }).toHuman({ listStyle: 'long' });
}

/** A message of a catalog chosen by a value, with a fallback to the value itself when the catalog has no such key. */
export function named(prefix: string, value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}
