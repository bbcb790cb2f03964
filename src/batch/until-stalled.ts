/** A stream that sent nothing for too long. */
export class UploadStalled extends Error {
  constructor(readonly ms: number) {
    super(`nothing arrived for ${ms} ms`);
  }
}

/**
 * The items of a stream as they come, failing with UploadStalled when none comes
 * for `ms` (0: waits for ever). Only the wait for the stream counts, not the time
 * the consumer takes over an item. The stream itself is left as it is: ending it
 * early would close the connection the answer still has to finish on.
 */
export async function* untilStalled<T>(source: AsyncIterable<T>, ms: number): AsyncGenerator<T> {
  if (ms <= 0) return yield* source;
  const items = source[Symbol.asyncIterator]();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new UploadStalled(ms)), ms);
    });
    const next = await Promise.race([items.next(), stalled]).finally(() => clearTimeout(timer));
    if (next.done) return;
    yield next.value;
  }
}
