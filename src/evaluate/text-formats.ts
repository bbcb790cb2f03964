import { Duration } from 'luxon';
import { describeInstant, formatInstant } from './instants.js';
import { BoundedCache } from '../model/bounded-cache.js';
import { locales } from '../messages/catalog.js';
import type { Language } from '../messages/languages.js';

/** How one language writes the values a sentence quotes: numbers, instants, dates, periods, durations. */
export interface ValueFormats {
  /** An exact decimal given as text ("99.0394", "24.00"), every digit kept. */
  decimal(text: string): string;
  /** An instant in a time zone, unambiguous on its own. */
  instant(ms: number, zone: string): string;
  /** The wall-clock reading of an instant with its weekday, the zone left to the context. */
  wallClock(ms: number, zone: string): string;
  /** The wall-clock reading with its weekday and the zone. */
  wallClockInZone(ms: number, zone: string): string;
  /** A calendar date YYYY-MM-DD. */
  date(isoDate: string): string;
  /** A service period YYYY-MM. */
  period(yearMonth: string): string;
  /** An ISO 8601 duration from a policy (P7D). */
  duration(iso: string): string;
}

/** English keeps the forms decisions have always had (RFC 3339, ISO dates and durations), byte for byte. */
const english: ValueFormats = {
  decimal: (value) => value,
  instant: formatInstant,
  wallClock: (ms, zone) => describeInstant(ms, zone).replace(` ${zone}`, ''),
  wallClockInZone: describeInstant,
  date: (isoDate) => isoDate,
  period: (yearMonth) => yearMonth,
  duration: (iso) => iso,
};

/** Formatters are built once per zone and options, never per request; results that recur are remembered. */
class IntlFormats implements ValueFormats {
  private readonly dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
  private readonly numberFormats = new Map<number, Intl.NumberFormat>();
  private readonly written = new BoundedCache<string, string>(4096);
  /** Amounts differ from request to request; kept apart so they do not push out the instants that recur. */
  private readonly decimals = new BoundedCache<string, string>(4096);

  constructor(private readonly locale: string) {}

  decimal(value: string): string {
    return this.decimals.getOrCompute(value, () => {
      const digits = value.split('.')[1]?.length ?? 0;
      let format = this.numberFormats.get(digits);
      if (!format) {
        format = new Intl.NumberFormat(this.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        this.numberFormats.set(digits, format);
      }
      // A numeric string is formatted exactly, digit for digit (Intl.NumberFormat v3).
      return format.format(value as unknown as number);
    });
  }

  instant(ms: number, zone: string): string {
    const seconds = ms % 60_000 !== 0;
    return this.write('instant', ms, zone, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), timeZoneName: 'short' });
  }

  wallClock(ms: number, zone: string): string {
    return this.write('wall', ms, zone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  wallClockInZone(ms: number, zone: string): string {
    return this.write('wallZone', ms, zone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  }

  date(isoDate: string): string {
    return this.write('date', Date.parse(`${isoDate}T00:00:00Z`), 'UTC', { day: 'numeric', month: 'long', year: 'numeric' });
  }

  period(yearMonth: string): string {
    return this.write('period', Date.parse(`${yearMonth}-01T00:00:00Z`), 'UTC', { month: 'long', year: 'numeric' });
  }

  duration(iso: string): string {
    return this.written.getOrCompute(`duration|${iso}`, () => {
      const read = Duration.fromISO(iso);
      return read.isValid ? read.reconfigure({ locale: this.locale }).toHuman() : iso;
    });
  }

  private write(kind: string, ms: number, zone: string, options: Intl.DateTimeFormatOptions): string {
    return this.written.getOrCompute(`${kind}|${zone}|${ms}`, () => {
      const id = `${kind}|${zone}|${options.second ?? ''}`;
      let format = this.dateTimeFormats.get(id);
      if (!format) {
        format = new Intl.DateTimeFormat(this.locale, { ...options, timeZone: zone });
        this.dateTimeFormats.set(id, format);
      }
      return format.format(ms);
    });
  }
}

const formats: Readonly<Record<Language, ValueFormats>> = { en: english, sv: new IntlFormats(locales.sv) };

export function formatsFor(language: Language): ValueFormats {
  return formats[language];
}
