/** An upload that stopped before its end: nothing came for `stalledMs`, or (null) its connection broke off. */
export class UploadStopped extends Error {
  constructor(readonly stalledMs: number | null) {
    super(stalledMs === null ? 'the upload broke off' : `nothing arrived for ${stalledMs} ms`);
  }
}

/**
 * The items of an upload as they come, failing with UploadStopped when none comes
 * for `stallMs` (0: waits for ever), when `brokenOff` aborts, or when the stream
 * itself fails. Only the wait for the upload counts, not the time the consumer
 * takes over an item. The stream is left as it is: ending it early would close
 * the connection the answer still has to finish on.
 */
export async function* whileArriving<T>(source: AsyncIterable<T>, stallMs: number, brokenOff: AbortSignal): AsyncGenerator<T> {
  const items = source[Symbol.asyncIterator]();
  const broken = new Promise<never>((_resolve, reject) => {
    if (brokenOff.aborted) reject(new UploadStopped(null));
    else brokenOff.addEventListener('abort', () => reject(new UploadStopped(null)), { once: true });
  });
  broken.catch(() => undefined); // it may break off after the last item: nobody waits then
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stalled =
      stallMs > 0
        ? new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new UploadStopped(stallMs)), stallMs);
          })
        : broken;
    let next: IteratorResult<T>;
    try {
      next = await Promise.race([items.next(), broken, stalled]);
    } catch (error) {
      throw error instanceof UploadStopped ? error : new UploadStopped(null);
    } finally {
      clearTimeout(timer);
    }
    if (next.done) return;
    yield next.value;
  }
}
