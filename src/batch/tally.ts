import { Decimal } from 'decimal.js';
import type { Decision } from '../model/evaluate-request.js';

/** What a part of a batch came to; plain data, so it crosses from a worker thread as is. */
export interface TallyPart {
  readonly decisions: number;
  readonly refused: number;
  readonly eligible: number;
  /** Currency -> the exact decimal sum of the amounts payable. */
  readonly payable: Readonly<Record<string, string>>;
}

/** Sums of a batch: counts, eligible months, and the payable total per currency in exact decimals. */
export class Tally {
  decisions = 0;
  refused = 0;
  eligible = 0;
  private readonly payable = new Map<string, { sum: Decimal; scale: number }>();

  addDecision(decision: Decision): void {
    this.decisions++;
    const rebate = decision.rebate;
    if (!rebate) return;
    if (rebate.eligible) this.eligible++;
    if (rebate.amount !== null && rebate.currency !== null) this.addPayable(rebate.currency, rebate.amount);
  }

  addRefusal(): void {
    this.refused++;
  }

  add(part: TallyPart): void {
    this.decisions += part.decisions;
    this.refused += part.refused;
    this.eligible += part.eligible;
    for (const [currency, amount] of Object.entries(part.payable)) this.addPayable(currency, amount);
  }

  part(): TallyPart {
    return { decisions: this.decisions, refused: this.refused, eligible: this.eligible, payable: Object.fromEntries([...this.payable].map(([currency, { sum, scale }]) => [currency, sum.toFixed(scale)])) };
  }

  /** The sum payable per currency, currencies in alphabetical order, each sum with the scale of its amounts ("1234.50"). */
  payableSums(): { readonly currency: string; readonly amount: string }[] {
    return [...this.payable].sort(([a], [b]) => a.localeCompare(b)).map(([currency, { sum, scale }]) => ({ currency, amount: sum.toFixed(scale) }));
  }

  private addPayable(currency: string, amount: string): void {
    // Amounts come in their currency's minor units ("24.00"); the sum keeps that scale.
    const scale = amount.split('.')[1]?.length ?? 0;
    const known = this.payable.get(currency);
    this.payable.set(currency, { sum: (known?.sum ?? new Decimal(0)).plus(amount), scale: Math.max(scale, known?.scale ?? 0) });
  }
}
