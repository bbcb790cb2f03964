import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { SingleBar } from 'cli-progress';
import { Piscina } from 'piscina';
import type { BatchWorkerData, ChunkResult, ChunkTask } from '../../batch/batch-worker.js';
import { ndjsonLines } from '../../batch/ndjson-lines.js';
import type { NdjsonLine } from '../../batch/ndjson-lines.js';
import { parseShard, selects, shardFromEnv } from '../../batch/shard.js';
import type { Shard } from '../../batch/shard.js';
import { Tally } from '../../batch/tally.js';
import { formatDiagnosticIn } from '../../errors/problem.js';
import { DEFAULT_BODY_LIMIT } from '../../http/app.js';
import { say } from '../../messages/catalog.js';
import { formatsFor } from '../../evaluate/text-formats.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { render, text } from '../../messages/text.js';
import type { Text } from '../../messages/text.js';
import { loadPolicies } from '../../registry/load-policies.js';
import type { Output } from '../output.js';

export interface BatchOptions {
  readonly policies: string;
  readonly out?: string;
  readonly shard?: string;
  readonly threads?: string;
}

/** Lines sent to a worker thread at once: enough to make messaging cheap, few enough to keep memory flat. */
const CHUNK_LINES = 256;
/** Chunks in flight per thread: keeps every thread busy while the output is written in order. */
const CHUNKS_PER_THREAD = 4;

const WORKER_FILE = fileURLToPath(new URL('../../batch/batch-worker.js', import.meta.url));

/**
 * `policy evaluate --batch`: every line of an NDJSON file answered as POST
 * /v1/evaluations answers it, over a pool of worker threads, written in order to
 * --out (or stdout) with backpressure; a summary on stderr at the end.
 */
export async function evaluateBatchCommand(inFile: string, options: BatchOptions, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const fail = (message: Text): number => {
    output.err(render(language, message));
    return 1;
  };
  const shard = options.shard === undefined ? shardFromEnv(process.env) : parseShard(options.shard);
  if (!shard.ok) return fail(shard.message);
  const threads = options.threads === undefined ? availableParallelism() : Number(options.threads);
  if (!Number.isInteger(threads) || threads < 1) return fail(text('batch.threads', { given: options.threads ?? '' }));
  const { diagnostics } = await loadPolicies(options.policies);
  if (diagnostics.length > 0) {
    diagnostics.forEach((diagnostic) => output.err(formatDiagnosticIn(diagnostic, language)));
    return 1;
  }
  const input = createReadStream(inFile);
  const sink = options.out === undefined ? process.stdout : createWriteStream(options.out);
  const opened = await openBoth(input, sink, inFile, options.out);
  if (opened !== null) return fail(opened);

  const pool = new Piscina<ChunkTask, ChunkResult>({ filename: WORKER_FILE, workerData: { policiesDir: options.policies, language } satisfies BatchWorkerData, minThreads: threads, maxThreads: threads });
  const progress = process.stderr.isTTY ? new SingleBar({ format: 'batch |{bar}| {percentage}% | {decisions} answered', stream: process.stderr }) : undefined;
  const started = performance.now();
  try {
    const tally = await runBatch({ input, sink, pool, shard: shard.shard, threads, progress, bytes: (await stat(inFile)).size });
    if (sink !== process.stdout) await new Promise<void>((resolve) => sink.end(resolve));
    progress?.stop();
    summarize(output, language, tally, shard.shard, (performance.now() - started) / 1000);
    return 0;
  } catch (error) {
    progress?.stop();
    return fail(text('batch.stopped', { reason: (error as Error).message }));
  } finally {
    await pool.destroy();
  }
}

/**
 * Waits until the input and output files are open; a message when either cannot be.
 * Both are watched from the start: the output may open first (an input that is a
 * pipe opens only once its writer comes), and an event already past is never seen.
 */
async function openBoth(input: ReadStream, sink: Writable, inFile: string, outFile: string | undefined): Promise<Text | null> {
  const opened = (stream: ReadStream | Writable): Promise<Error | null> => once(stream, 'ready').then(
    () => null,
    (error: unknown) => error as Error,
  );
  const [inputOpened, sinkOpened] = [opened(input), outFile === undefined ? Promise.resolve(null) : opened(sink)];
  const inputError = await inputOpened;
  if (inputError) return text('batch.unreadable', { file: inFile, reason: inputError.message });
  const sinkError = await sinkOpened;
  if (sinkError) {
    input.destroy();
    return text('batch.unwritable', { file: outFile ?? '', reason: sinkError.message });
  }
  return null;
}

interface BatchRun {
  readonly input: ReadStream;
  readonly sink: Writable;
  readonly pool: Piscina<ChunkTask, ChunkResult>;
  readonly shard: Shard;
  readonly threads: number;
  readonly progress: SingleBar | undefined;
  /** The input's size, for the progress bar. */
  readonly bytes: number;
}

/** Reads, dispatches and writes in order, holding at most threads x CHUNKS_PER_THREAD chunks. */
async function runBatch({ input, sink, pool, shard, threads, progress, bytes }: BatchRun): Promise<Tally> {
  const tally = new Tally();
  const now = Date.now();
  // Each chunk with how far the input had been read when it was sent, for the progress bar.
  const inFlight: { task: Promise<ChunkResult>; readTo: number }[] = [];
  let failure: Error | undefined;
  sink.on('error', (error) => (failure ??= error));
  progress?.start(bytes, 0, { decisions: 0 });
  const writeNext = async (): Promise<void> => {
    const { task, readTo } = inFlight.shift() as (typeof inFlight)[number];
    const result = await task;
    tally.add(result.tally);
    if (failure) throw failure;
    if (!sink.write(`${result.texts.join('\n')}\n`)) await once(sink, 'drain'); // rejects on the sink's 'error'
    if (failure) throw failure;
    progress?.update(readTo, { decisions: tally.decisions + tally.refused });
  };
  const dispatch = (lines: NdjsonLine[]): void => {
    const task = pool.run({ lines, now });
    task.catch(() => undefined); // awaited in order by writeNext; this only keeps a later failure from going unhandled meanwhile
    inFlight.push({ task, readTo: input.bytesRead });
  };
  let chunk: NdjsonLine[] = [];
  for await (const line of ndjsonLines(input, DEFAULT_BODY_LIMIT)) {
    if (!selects(shard, line.number - 1)) continue;
    chunk.push(line);
    if (chunk.length < CHUNK_LINES) continue;
    dispatch(chunk);
    chunk = [];
    while (inFlight.length >= threads * CHUNKS_PER_THREAD) await writeNext();
  }
  if (chunk.length > 0) dispatch(chunk);
  while (inFlight.length > 0) await writeNext();
  return tally;
}

function summarize(output: Output, language: Language, tally: Tally, shard: Shard, seconds: number): void {
  const answered = tally.decisions + tally.refused;
  const perSecond = seconds > 0 ? Math.round(tally.decisions / seconds) : tally.decisions;
  const part = shard.count === 1 ? '' : say(language, 'batch.summaryShard', { index: String(shard.index), count: String(shard.count) });
  const counts = { answered: String(answered), decisions: String(tally.decisions), refused: String(tally.refused), perSecond: String(perSecond) };
  const formats = formatsFor(language);
  output.err(say(language, 'batch.summary', { ...counts, shard: part, seconds: formats.decimal(seconds.toFixed(1)) }));
  output.err(say(language, 'batch.eligible', { eligible: String(tally.eligible) }));
  const sums = tally.payableSums().map(({ currency, amount }) => `${currency} ${formats.decimal(amount)}`);
  output.err(say(language, 'batch.payable', { payable: sums.length > 0 ? sums.join(', ') : say(language, 'cli.nothing') }));
}
