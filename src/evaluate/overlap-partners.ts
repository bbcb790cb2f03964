import { countBelow, firstIndex } from '../model/first-index.js';

/** An interval of time that belongs to one item (an incident, by its place in the request). */
export interface OwnedSpan {
  readonly start: number;
  readonly end: number;
  readonly owner: number;
}

/** The items a span shares time with: how many, and the lowest owners among them, ascending. */
export interface Partners {
  readonly count: number;
  readonly lowest: readonly number[];
}

/**
 * Of each span, the other spans it shares time with (a positive length in
 * common: spans that only touch share none), by count and by its `named`
 * lowest owners; in the order the spans are given. It costs O(n log n) however
 * many pairs overlap: thousands of incidents that all share time cost no work
 * per pair. In the order of starts, a span's partners are the earlier spans
 * still open when it starts, and the later ones that start before it ends (a
 * run of places in that order).
 */
export function overlapPartners(spans: readonly OwnedSpan[], named: number): Partners[] {
  if (spans.length <= PAIRS_UP_TO) return partnersByPairs(spans, named);
  const order = spans.map((_, index) => index).sort((a, b) => bySpanOrder(spans[a] as OwnedSpan, spans[b] as OwnedSpan));
  const starts = order.map((index) => (spans[index] as OwnedSpan).start);
  const ends = spans.map((span) => span.end).sort((a, b) => a - b);
  const laterLowest = new RangeLowest(order.map((index) => (spans[index] as OwnedSpan).owner), named);
  const open = new OpenSpans();
  const partners = new Array<Partners>(spans.length);
  order.forEach((index, place) => {
    const span = spans[index] as OwnedSpan;
    const pastLater = countBelow(starts, span.end);
    // It shares time with every earlier span but those that ended by its start (each of which started before it).
    const endedBefore = firstIndex(ends, (end) => end > span.start);
    const earlier = open.lowestStillOpen(span.start, named);
    partners[index] = { count: place - endedBefore + (pastLater - place - 1), lowest: lowestOf(earlier, laterLowest.of(place + 1, pastLater), named) };
    open.add(span);
  });
  return partners;
}

/** Up to this many spans (120 pairs) every pair is looked at: that allocates less than the tables below, and a month's incidents rarely share time in larger groups. */
const PAIRS_UP_TO = 16;

function partnersByPairs(spans: readonly OwnedSpan[], named: number): Partners[] {
  return spans.map((span) => {
    let count = 0;
    const lowest: number[] = [];
    for (const other of spans) {
      if (other === span || other.end <= span.start || span.end <= other.start) continue;
      count++;
      let at = lowest.length;
      while (at > 0 && (lowest[at - 1] as number) > other.owner) at--;
      if (at < named) lowest.splice(at, 0, other.owner);
      if (lowest.length > named) lowest.pop();
    }
    return { count, lowest };
  });
}

/** Spans by start, then end, then owner: the order incidents usually come in already. */
export function bySpanOrder(a: OwnedSpan, b: OwnedSpan): number {
  return a.start - b.start || a.end - b.end || a.owner - b.owner;
}

/** The `named` lowest of two ascending lists, each value once. */
function lowestOf(a: readonly number[], b: readonly number[], named: number): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < named && (i < a.length || j < b.length)) {
    const next = j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number)) ? (a[i++] as number) : (b[j++] as number);
    if (merged[merged.length - 1] !== next) merged.push(next);
  }
  return merged;
}

/** No owner: an empty slot of the table. */
const NONE = -1;

/**
 * The lowest owners of any run of places, from a sparse table of the lowest of
 * every run of 2^k places, kept in flat integer arrays of `named` slots a place
 * (small lists would be thousands of objects for the garbage collector).
 */
class RangeLowest {
  private readonly levels: Int32Array[] = [];

  constructor(
    owners: readonly number[],
    private readonly named: number,
  ) {
    const first = new Int32Array(owners.length * named).fill(NONE);
    owners.forEach((owner, place) => (first[place * named] = owner));
    this.levels.push(first);
    for (let width = 2; width <= owners.length; width *= 2) {
      const below = this.levels[this.levels.length - 1] as Int32Array;
      const level = new Int32Array((owners.length - width + 1) * named).fill(NONE);
      for (let place = 0; place + width <= owners.length; place++) this.merge(below, place, below, place + width / 2, level, place);
      this.levels.push(level);
    }
  }

  /** The lowest owners of the places [from, to). */
  of(from: number, to: number): number[] {
    if (to <= from) return [];
    const level = Math.floor(Math.log2(to - from));
    const rows = this.levels[level] as Int32Array;
    // Two runs of 2^level places that cover [from, to) between them, overlapping or not.
    const lowest = new Int32Array(this.named);
    this.merge(rows, from, rows, to - 2 ** level, lowest, 0);
    return [...lowest].filter((owner) => owner !== NONE);
  }

  /** Slots `into` of `target` get the lowest owners of slots `a` of `left` and `b` of `right`, each once. */
  private merge(left: Int32Array, a: number, right: Int32Array, b: number, target: Int32Array, into: number): void {
    const { named } = this;
    let [i, j, k] = [a * named, b * named, into * named];
    const [leftEnd, rightEnd, targetEnd] = [i + named, j + named, k + named];
    let last = NONE;
    while (k < targetEnd) {
      const fromLeft = i < leftEnd ? (left[i] as number) : NONE;
      const fromRight = j < rightEnd ? (right[j] as number) : NONE;
      if (fromLeft === NONE && fromRight === NONE) break;
      const takeLeft = fromRight === NONE || (fromLeft !== NONE && fromLeft <= fromRight);
      const next = takeLeft ? fromLeft : fromRight;
      if (takeLeft) i++;
      else j++;
      if (next !== last) target[k++] = last = next;
    }
    for (; k < targetEnd; k++) target[k] = NONE;
  }
}

/**
 * The spans met so far, by owner in a binary min-heap. A span that has ended is
 * dropped when it comes up: starts only grow, so it never shares time again.
 */
class OpenSpans {
  private readonly heap: OwnedSpan[] = [];

  add(span: OwnedSpan): void {
    const { heap } = this;
    heap.push(span);
    for (let at = heap.length - 1; at > 0; ) {
      const parent = (at - 1) >> 1;
      if ((heap[parent] as OwnedSpan).owner <= span.owner) break;
      heap[at] = heap[parent] as OwnedSpan;
      heap[parent] = span;
      at = parent;
    }
  }

  /** The `named` lowest owners of the spans still open at `start` (ending after it), ascending. */
  lowestStillOpen(start: number, named: number): number[] {
    const kept: OwnedSpan[] = [];
    while (kept.length < named && this.heap.length > 0) {
      const lowest = this.takeLowest();
      if (lowest.end > start) kept.push(lowest);
    }
    for (const span of kept) this.add(span);
    return kept.map((span) => span.owner);
  }

  private takeLowest(): OwnedSpan {
    const { heap } = this;
    const top = heap[0] as OwnedSpan;
    const last = heap.pop() as OwnedSpan;
    if (heap.length === 0) return top;
    heap[0] = last;
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let lowest = at;
      if (left < heap.length && (heap[left] as OwnedSpan).owner < (heap[lowest] as OwnedSpan).owner) lowest = left;
      if (right < heap.length && (heap[right] as OwnedSpan).owner < (heap[lowest] as OwnedSpan).owner) lowest = right;
      if (lowest === at) break;
      const moved = heap[lowest] as OwnedSpan;
      heap[lowest] = heap[at] as OwnedSpan;
      heap[at] = moved;
      at = lowest;
    }
    return top;
  }
}
