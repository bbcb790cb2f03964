/** The first index of a sorted list whose item passes a test that, once passed, stays passed (a binary search). */
export function firstIndex<T>(items: readonly T[], passes: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (passes(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** How many numbers of an ascending list are below `value`: firstIndex for numbers, with no test function to allocate per call. */
export function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) >= value) high = middle;
    else low = middle + 1;
  }
  return low;
}
