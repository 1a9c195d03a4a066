/**
 * Safe usable [model]: how much raw data a pool's OSDs can hold so that, after losing the
 * tolerated failure domains (or any one OSD), Ceph can re-protect every PG and the survivors
 * stay under a fill ratio. Ceph's own procedure (mon-config-ref.rst, "Storage Capacity"):
 * plan for the OSDs expected to fail so that the cluster can recover to active+clean.
 */
import { type CapacityRuns, domainCapacityRuns, replaceCapacity, waterFillPerCopyBytes, waterFillRuns } from './water-fill.js';

/** A failure domain under a rule, with the sizes the re-protection needs (bytes). */
export interface DomainCapacity {
  name: string;
  rawBytes: number;
  /** The largest OSD of the domain: the worst single-OSD loss. */
  largestOsdBytes: number;
}

/** Which failure limits a pool: none (all domains up), the tolerated domain loss, or one OSD. */
export type BindingFailure = { kind: 'none' } | { kind: 'domains'; lost: string[] } | { kind: 'osd'; domain: string; osdBytes: number };

export interface ReprotectResult {
  /** r x D* with every domain up, at 100 % fill (bytes of raw data). */
  intactRawBytes: number;
  /** The most raw data whose copies can all be re-created after the worst tolerated failure, at 100 % fill of the survivors (bytes). */
  reprotectableRawBytes: number;
  binding: BindingFailure;
}

/** Domains with data room left (a domain with no bytes holds no copy). */
const live = (caps: readonly number[]): number => caps.filter((c) => c > 0).length;

/**
 * Per-copy capacity D* after a failure: the lost capacity is gone and every PG is
 * re-protected to min(r, domains left) copies, one per domain (with fewer domains than
 * copies, CRUSH places what it can and each survivor ends up holding one copy of every
 * PG). Never above the intact D*: data that cannot move does not fill anything.
 */
function afterLoss(caps: readonly number[], r: number, intactPerCopy: number): number {
  return Math.min(intactPerCopy, waterFillPerCopyBytes(caps, Math.min(r, live(caps))));
}

/** afterLoss on capacity runs (water-fill.ts waterFillRuns: the same double). */
function afterLossRuns(runs: CapacityRuns, r: number, intactPerCopy: number): number {
  return Math.min(intactPerCopy, waterFillRuns(runs, Math.min(r, runs.positive)));
}

/**
 * Re-protectable raw bytes of a pool with r copies or shards (size, or k+m) over its rule's
 * failure domains, at 100 % fill (multiply by a ratio: water-filling scales linearly):
 *
 *   intact        = r x D*(c)
 *   domain loss   = r x D*(c without the lost domains' capacity, min(r, domains left))
 *   one OSD loss  = r x D*(c with domain d reduced by its largest OSD), worst d
 *   reprotectable = min of the three
 *
 * `tolerated` holds the domain capacities left after the tolerated failures and what was
 * lost (hosts or domains), or null when no failure is tolerated. One OSD is always assumed to fail: Ceph marks it out after
 * mon_osd_down_out_interval and re-creates its data; when every domain already holds a copy
 * of every PG (domains = r) the other OSDs of its own domain take all of it. Up to 64
 * domains every OSD loss is tried; above, the domain left smallest and the one losing the
 * largest OSD (the candidates that bind).
 * Example: 3 hosts x 8 x 7.68 TB, size 3: intact 184.32 TB; a host lost leaves 2 hosts, no
 * re-protection possible, so no extra fill; an OSD lost leaves 53.76 TB in its host, which
 * must hold a full copy: 3 x 53.76 = 161.28 TB (7/8 of raw).
 */
export function reprotectableRaw(
  domains: readonly DomainCapacity[],
  r: number,
  tolerated: { survivors: readonly DomainCapacity[]; lost: readonly string[] } | null,
): ReprotectResult {
  // the capacities as runs of equal values: each water fill without a sort (the same doubles); NaN: the plain form
  const runs = domainCapacityRuns(domains);
  const survivorRuns = tolerated && runs ? domainCapacityRuns(tolerated.survivors) : null;
  if (runs && (!tolerated || survivorRuns)) return reprotectableByRuns(domains, r, tolerated, runs, survivorRuns);
  return reprotectablePlain(domains, r, tolerated);
}

/** reprotectableRaw on capacity runs: one domain's capacity reduced by its largest OSD is one run count moved. */
function reprotectableByRuns(
  domains: readonly DomainCapacity[],
  r: number,
  tolerated: { survivors: readonly DomainCapacity[]; lost: readonly string[] } | null,
  runs: CapacityRuns,
  survivorRuns: CapacityRuns | null,
): ReprotectResult {
  const intact = waterFillRuns(runs, r);
  let best = intact;
  let binding: BindingFailure = { kind: 'none' };
  if (tolerated && survivorRuns) {
    const d = afterLossRuns(survivorRuns, r, intact);
    if (d < best) {
      best = d;
      binding = { kind: 'domains', lost: [...tolerated.lost] };
    }
  }
  for (const i of osdLossCandidates(domains)) {
    const dom = domains[i]!;
    const reduced = Math.max(0, dom.rawBytes - dom.largestOsdBytes);
    const d = Number.isNaN(reduced)
      ? afterLoss(
          domains.map((c, j) => (j === i ? reduced : c.rawBytes)),
          r,
          intact,
        )
      : afterLossRuns(replaceCapacity(runs, dom.rawBytes, reduced), r, intact);
    if (d < best) {
      best = d;
      binding = { kind: 'osd', domain: dom.name, osdBytes: dom.largestOsdBytes };
    }
  }
  return { intactRawBytes: r * intact, reprotectableRawBytes: r * best, binding };
}

/** reprotectableRaw with a sorted copy of the capacities per water fill (the straightforward form; exported for the tests). */
export function reprotectablePlain(
  domains: readonly DomainCapacity[],
  r: number,
  tolerated: { survivors: readonly DomainCapacity[]; lost: readonly string[] } | null,
): ReprotectResult {
  const caps = domains.map((d) => d.rawBytes);
  const intact = waterFillPerCopyBytes(caps, r);
  let best = intact;
  let binding: BindingFailure = { kind: 'none' };

  if (tolerated) {
    const d = afterLoss(
      tolerated.survivors.map((s) => s.rawBytes),
      r,
      intact,
    );
    if (d < best) {
      best = d;
      binding = { kind: 'domains', lost: [...tolerated.lost] };
    }
  }

  for (const i of osdLossCandidates(domains)) {
    const dom = domains[i]!;
    const reduced = caps.map((c, j) => (j === i ? Math.max(0, c - dom.largestOsdBytes) : c));
    const d = afterLoss(reduced, r, intact);
    if (d < best) {
      best = d;
      binding = { kind: 'osd', domain: dom.name, osdBytes: dom.largestOsdBytes };
    }
  }
  return { intactRawBytes: r * intact, reprotectableRawBytes: r * best, binding };
}

/** Indices of the domains whose largest OSD is worth trying (all of them up to 64). */
function osdLossCandidates(domains: readonly DomainCapacity[]): number[] {
  if (domains.length <= 64) return domains.map((_, i) => i);
  let smallest = 0;
  let largestOsd = 0;
  domains.forEach((d, i) => {
    const left = d.rawBytes - d.largestOsdBytes;
    const s = domains[smallest]!;
    if (left < s.rawBytes - s.largestOsdBytes) smallest = i;
    if (d.largestOsdBytes > domains[largestOsd]!.largestOsdBytes) largestOsd = i;
  });
  return smallest === largestOsd ? [smallest] : [smallest, largestOsd];
}
