/** Damerau-free Levenshtein distance (insert, delete, substitute), O(a x b). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/**
 * The closest candidate to a misspelt name, if it is close enough to be a likely typo
 * (distance <= max(2, a third of its length)), case-insensitively. Deterministic: ties go
 * to the first candidate.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** `did you mean "x"?` when there is a close candidate; otherwise the list of valid names (up to 8). */
export function didYouMean(name: string, candidates: string[]): string | undefined {
  const s = suggest(name, candidates);
  if (s !== undefined) return `did you mean "${s}"?`;
  if (candidates.length === 0) return undefined;
  const shown = candidates
    .slice(0, 8)
    .map((c) => `"${c}"`)
    .join(', ');
  return `known: ${shown}${candidates.length > 8 ? ', ...' : ''}`;
}
