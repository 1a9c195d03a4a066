/**
 * Comparisons of lists item by item (`===`: the same objects or the same strings), for the
 * carries that extend an epoch's work to the next epoch of a growing fleet: an epoch's host list
 * begins with the previous epoch's Host objects, so the work for that prefix is kept.
 * Each is O(the compared length); none allocates.
 */

/** The length of the longest common prefix of `a` and `b`: min(|a|, |b|) when one begins with the other. */
export function commonPrefix<T>(a: readonly T[], b: readonly T[]): number {
  const m = Math.min(a.length, b.length);
  let k = 0;
  while (k < m && a[k] === b[k]) k++;
  return k;
}

/** True when `list` begins with the items of `prefix`, in order (an empty prefix: true). */
export function startsWith<T>(list: readonly T[], prefix: readonly T[]): boolean {
  return list.length >= prefix.length && commonPrefix(prefix, list) === prefix.length;
}

/** True when `a` and `b` hold the same items in the same order. */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && commonPrefix(a, b) === a.length);
}
