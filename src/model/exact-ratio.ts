import type { Decimal } from 'decimal.js';
import { ExactDecimal } from './values.js';

/**
 * A non-negative rational number as two integers, for values that are exact
 * ratios by definition (uptime = (M - D) * 100 / M, an amount in minor units
 * over 10^digits). Comparing two takes two integer products, where a decimal
 * would first have to divide; json-rules-engine is handed the decimal only when
 * it actually runs (see toDecimal).
 */
export class ExactRatio {
  constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {
    if (denominator <= 0n || numerator < 0n) throw new RangeError('an exact ratio has a non-negative numerator over a positive denominator');
  }

  /** -1, 0 or 1 as this is below, equal to or above `other`. */
  compare(other: ExactRatio): number {
    const left = this.numerator * other.denominator;
    const right = other.numerator * this.denominator;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  /**
   * The value as a 40-digit decimal (ExactDecimal's precision): exact for the
   * ratios of minor units, and for uptime close enough that it decides every
   * comparison with a term as the ratio does (see ExactDecimal).
   */
  toDecimal(): Decimal {
    return new ExactDecimal(this.numerator.toString()).dividedBy(this.denominator.toString());
  }

  /** Rounded half up to `digits` decimals, as an integer count of 10^-digits. */
  roundedUnits(digits: number): bigint {
    const scaled = this.numerator * 10n ** BigInt(digits) * 2n + this.denominator;
    return scaled / (2n * this.denominator);
  }

  /** Rounded half up to `digits` decimals, trailing zeros dropped, as a decimal string ("99.0394", "100"). */
  toRoundedText(digits: number): string {
    return unitsToText(this.roundedUnits(digits), digits, false);
  }

  /** Rounded half up to exactly `digits` decimals ("24.00"). */
  toFixed(digits: number): string {
    return unitsToText(this.roundedUnits(digits), digits, true);
  }

  /** A decimal string with at most ~21 digits ("480.00", "5", "0.125") as a ratio; null for anything else. */
  static fromDecimalText(text: string): ExactRatio | null {
    const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) return null;
    const fraction = match[2] ?? '';
    return new ExactRatio(BigInt(`${match[1]}${fraction}`), 10n ** BigInt(fraction.length));
  }

  static ofUnits(units: bigint, digits: number): ExactRatio {
    return new ExactRatio(units, 10n ** BigInt(digits));
  }
}

/** An integer count of 10^-digits as decimal text: 2400n, 2 -> "24.00" (fixed) or "24" (trailing zeros dropped). */
export function unitsToText(units: bigint, digits: number, fixed: boolean): string {
  const text = units.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  let fraction = text.slice(text.length - digits);
  if (!fixed) fraction = fraction.replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}
