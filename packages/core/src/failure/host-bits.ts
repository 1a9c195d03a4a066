/**
 * Host numbers by subsystem bits (failure/analyze.ts): per host number, one bit per subsystem
 * whose hosts it is (compute, control, Ceph, OSD host, monitor).
 */

/**
 * The numbers of `all` whose host has `bit` in `member`, in the order of `all`: `all` itself
 * when every one has it (no copy), else a new Int32Array (possibly a view of a longer one).
 * One pass over `all`: O(|all|).
 */
export function withBit(all: readonly number[], member: Uint8Array, bit: number): ArrayLike<number> {
  const L = all.length;
  let j = 0;
  while (j < L && member[all[j]!]! & bit) j++;
  if (j === L) return all;
  // all[j] lacks the bit, so at most L − 1 are picked
  const out = new Int32Array(L - 1);
  for (let i = 0; i < j; i++) out[i] = all[i]!;
  let n = j;
  for (j++; j < L; j++) if (member[all[j]!]! & bit) out[n++] = all[j]!;
  return n === out.length ? out : out.subarray(0, n);
}

/**
 * Which of `all`'s hosts has `bit` in `member`, when at most one does: -1 when none, the
 * number of that host when exactly one (counted with its repeats: `withBit`'s list then has
 * length 1), -2 when two or more entries do. What `withBit(all, member, bit)` tells by its
 * length and first entry, without building the list; stops at the second. O(|all|).
 */
export function aloneWithBit(all: readonly number[], member: Uint8Array, bit: number): number {
  let one = -1;
  for (let j = 0; j < all.length; j++) {
    const h = all[j]!;
    if (member[h]! & bit) {
      if (one >= 0) return -2;
      one = h;
    }
  }
  return one;
}
