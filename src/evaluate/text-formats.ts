import { Duration } from 'luxon';
import { describeInstant, formatInstant } from './instants.js';
import { textMemo } from '../model/byte-bounded-memo.js';
import type { ByteBoundedMemo } from '../model/byte-bounded-memo.js';
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
  wallClock: (ms, zone) => describeInstant(ms, zone, false),
  wallClockInZone: describeInstant,
  date: (isoDate) => isoDate,
  period: (yearMonth) => yearMonth,
  duration: (iso) => iso,
};

const dateParts = { day: 'numeric', month: 'long', year: 'numeric' } as const;
const clock = { ...dateParts, hour: '2-digit', minute: '2-digit' } as const;

/** The ways an instant is written, as Intl.DateTimeFormat options. */
const instantForms = {
  instant: { ...clock, timeZoneName: 'short' },
  instantWithSeconds: { ...clock, second: '2-digit', timeZoneName: 'short' },
  instantWithMilliseconds: { ...clock, second: '2-digit', fractionalSecondDigits: 3, timeZoneName: 'short' },
  wallClock: { ...clock, weekday: 'long' },
  wallClockInZone: { ...clock, weekday: 'long', timeZoneName: 'short' },
  date: dateParts,
  period: { month: 'long', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
type InstantForm = keyof typeof instantForms;

/** One form in one zone: its formatter, built once, and the instants it has written (they recur: period bounds, windows). */
interface ZoneForm {
  readonly format: Intl.DateTimeFormat;
  readonly written: ByteBoundedMemo<number, string>;
}

/** Formatters are built once per form and zone, never per request; results that recur are remembered. */
class IntlFormats implements ValueFormats {
  private readonly forms = new Map<InstantForm, Map<string, ZoneForm>>();
  private readonly numberFormats = new Map<number, Intl.NumberFormat>();
  private readonly durations = textMemo<string>(64 * 1024);
  /** Amounts differ from request to request; kept apart so they do not push out the instants that recur. */
  private readonly decimals = textMemo<string>(512 * 1024);

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

  /** Seconds and milliseconds only where the instant has them: a claim filed at 04:28:51.661 is not shown as 04:28:51. */
  instant(ms: number, zone: string): string {
    return this.write(ms % 60_000 === 0 ? 'instant' : ms % 1000 === 0 ? 'instantWithSeconds' : 'instantWithMilliseconds', ms, zone);
  }

  wallClock(ms: number, zone: string): string {
    return this.write('wallClock', ms, zone);
  }

  wallClockInZone(ms: number, zone: string): string {
    return this.write('wallClockInZone', ms, zone);
  }

  date(isoDate: string): string {
    return this.write('date', Date.parse(`${isoDate}T00:00:00Z`), 'UTC');
  }

  period(yearMonth: string): string {
    return this.write('period', Date.parse(`${yearMonth}-01T00:00:00Z`), 'UTC');
  }

  duration(iso: string): string {
    return this.durations.getOrCompute(iso, () => {
      const read = Duration.fromISO(iso);
      return read.isValid ? read.reconfigure({ locale: this.locale }).toHuman() : iso;
    });
  }

  private write(form: InstantForm, ms: number, zone: string): string {
    let zones = this.forms.get(form);
    if (!zones) this.forms.set(form, (zones = new Map()));
    let inZone = zones.get(zone);
    if (!inZone) zones.set(zone, (inZone = { format: new Intl.DateTimeFormat(this.locale, { ...instantForms[form], timeZone: zone }), written: textMemo<number>(128 * 1024) }));
    const { format, written } = inZone;
    return written.getOrCompute(ms, () => format.format(ms));
  }
}

const formats: Readonly<Record<Language, ValueFormats>> = { en: english, sv: new IntlFormats(locales.sv) };

export function formatsFor(language: Language): ValueFormats {
  return formats[language];
}
