import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, selects, shardFromEnv } from '../src/batch/shard.js';
import { Tally } from '../src/batch/tally.js';
import type { Decision } from '../src/model/evaluate-request.js';

describe('shards', () => {
  it('give every line to exactly one shard of n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.nat(10_000), (count, line) => {
        const owners = Array.from({ length: count }, (_, index) => index).filter((index) => {
          const shard = parseShard(`${index}/${count}`);
          return shard.ok && selects(shard.shard, line);
        });
        expect(owners).toEqual([line % count]);
      }),
    );
  });

  it('come from --shard i/n or from JOB_COMPLETION_INDEX and SHARD_COUNT, and refuse anything else', () => {
    expect(parseShard('1/4')).toEqual({ ok: true, shard: { index: 1, count: 4 } });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '3', SHARD_COUNT: '4' })).toEqual({ ok: true, shard: { index: 3, count: 4 } });
    expect(shardFromEnv({})).toEqual({ ok: true, shard: { index: 0, count: 1 } });
    for (const bad of ['4/4', '1/0', 'a/b', '1', '-1/4', '1.5/4']) expect(parseShard(bad).ok).toBe(false);
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '4', SHARD_COUNT: '4' }).ok).toBe(false);
    expect(shardFromEnv({ SHARD_COUNT: '4' }).ok).toBe(false);
  });
});

const decision = (eligible: boolean, amount: string, currency: string) => ({ rebate: { eligible, amount, currency } }) as unknown as Decision;

describe('a batch tally', () => {
  it('sums payable amounts exactly, per currency, however the batch is split into parts (oracle: integer cents)', () => {
    const month = fc.record({ cents: fc.nat(100_000_000), eligible: fc.boolean(), currency: fc.constantFrom('USD', 'EUR', 'SEK') });
    fc.assert(
      fc.property(fc.array(month, { maxLength: 60 }), fc.nat(60), (months, split) => {
        const [whole, first, second] = [new Tally(), new Tally(), new Tally()];
        months.forEach((m, index) => {
          const d = decision(m.eligible, (m.cents / 100).toFixed(2), m.currency);
          whole.addDecision(d);
          (index < split ? first : second).addDecision(d);
        });
        const joined = new Tally();
        joined.add(first.part());
        joined.add(second.part());
        const cents = new Map<string, bigint>();
        for (const m of months) cents.set(m.currency, (cents.get(m.currency) ?? 0n) + BigInt(m.cents));
        const expected = [...cents].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sum]) => `${currency} ${sum / 100n}.${String(sum % 100n).padStart(2, '0')}`);
        for (const tally of [whole, joined]) {
          expect(tally.payableSums().map(({ currency, amount }) => `${currency} ${amount}`)).toEqual(expected);
          expect(tally.eligible).toBe(months.filter((m) => m.eligible).length);
          expect(tally.decisions).toBe(months.length);
        }
      }),
    );
  });
});
