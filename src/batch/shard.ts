import { text } from '../messages/text.js';
import type { Text } from '../messages/text.js';

/** Which lines of a batch this run answers: those whose 0-based index % count == index. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export type ShardResult = { readonly ok: true; readonly shard: Shard } | { readonly ok: false; readonly message: Text };

export const WHOLE_BATCH: Shard = { index: 0, count: 1 };

export function selects(shard: Shard, lineIndex: number): boolean {
  return lineIndex % shard.count === shard.index;
}

function shardOf(index: number, count: number, what: string): ShardResult {
  if (!Number.isInteger(count) || count < 1) return { ok: false, message: text('batch.shardCount', { what }) };
  if (!Number.isInteger(index) || index < 0 || index >= count) return { ok: false, message: text('batch.shardIndex', { what, last: String(count - 1) }) };
  return { ok: true, shard: { index, count } };
}

/** `--shard i/n`. */
export function parseShard(written: string): ShardResult {
  const match = /^(\d+)\/(\d+)$/.exec(written.trim());
  if (!match) return { ok: false, message: text('batch.shardForm', { given: JSON.stringify(written) }) };
  return shardOf(Number(match[1]), Number(match[2]), `--shard ${written}`);
}

/**
 * The shard a Kubernetes Indexed Job gives each pod: JOB_COMPLETION_INDEX (set by
 * Kubernetes) of SHARD_COUNT (set in the Job, equal to its completions). The whole
 * batch when neither is set.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv): ShardResult {
  const index = env['JOB_COMPLETION_INDEX'];
  const count = env['SHARD_COUNT'];
  if (index === undefined && count === undefined) return { ok: true, shard: WHOLE_BATCH };
  if (index === undefined || count === undefined) return { ok: false, message: text('batch.shardEnv') };
  return shardOf(Number(index), Number(count), `JOB_COMPLETION_INDEX=${index} SHARD_COUNT=${count}`);
}
