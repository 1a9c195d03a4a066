/**
 * A larger loss never harms later than a smaller loss it contains.
 *
 * Losing more hosts leaves more instances to re-place on fewer hosts, more copies missing on
 * fewer CRUSH domains, fewer controllers: an optimal scheduler can only do worse. headroom's
 * control and Ceph arithmetic has this property by construction; first-fit decreasing, a
 * heuristic, can in rare cases pack a larger displaced set into fewer hosts. headroom does
 * not report that luck: a loss whose hosts (lost and drained, of the subsystem's role)
 * contain those of a loss that harms earlier inherits that earlier harm, marked `from`.
 */
import { harmSeverity, makeImpact } from './harm.js';
import type { FailureDomain, FailureImpact } from '../model/failure.js';

/** A domain with an impact, its stopped hosts (host numbers), its first month of harm, and its place in the order losses are settled. */
interface Loss {
  d: FailureDomain;
  set: ArrayLike<number>;
  /** The first month of harm of its impact (+∞ when unharmed), kept in step with `impacts`. */
  month: number;
  /** Rank among the harmed losses of the same size: domain order for those harmed at the start, then the order they became harmed. */
  seq: number;
}

/**
 * Applies the containment rule to the impacts of one subsystem.
 *
 * Losses are settled smallest first (stopped-host count, then domain order), so harm flows up
 * chains of containment. A loss B inherits from the harmed loss A ⊆ B (A ≠ B) with the
 * earliest first month, if that month is before B's own; ties go to the smaller A, then to
 * the one harmed first (domain order, then the order losses became harmed by inheriting).
 *
 * Cost: each harmed loss A is filed under one anchor host, the host of A that the fewest
 * losses stop; the candidates for B are the losses filed under B's hosts, each checked in
 * O(|A|). Total O(Σ|B| + Σ_A |A| × losses stopping A's anchor): linear in the hosts for a
 * topology where a host is in a bounded number of domains (its host, rack, zone, switches,
 * feeds, the largest-hosts group, maintenance). Losses that stop no host of the role (none
 * in practice) are a candidate for every loss. Losses smaller than the smallest harmed loss
 * contain none and are not visited (when only zones harm, only the zones and larger losses
 * are); the work arrays by host number come from a ContainmentScratch reused across calls.
 * @param impacts impacts of one subsystem by domain id (replaced in place by corrected copies)
 * @param stopped the hosts of the subsystem's role a domain stops (lost and drained)
 */
export function inheritContainedHarm(domains: readonly FailureDomain[], impacts: Map<string, FailureImpact>, stopped: (d: FailureDomain) => ReadonlySet<string>): void {
  // the same rule on host numbers: each host name numbered in first-appearance order
  const number = new Map<string, number>();
  const sets = domains.map((d) =>
    Array.from(stopped(d), (h) => {
      let n = number.get(h);
      if (n === undefined) {
        n = number.size;
        number.set(h, n);
      }
      return n;
    }),
  );
  inheritContainedHarmWith(domains, impacts, (_d, i) => sets[i]!, number.size);
}

/**
 * One-host losses that are not among inheritContainedHarmWith's domains (evaluate/epochs.ts
 * does not build them): each stops exactly its host, and none can inherit (no domain stops
 * exactly that host, none stops no host), so they only pass their harm on. Hosts by number.
 */
export interface OneHostLosses {
  /** The first month of harm of the host's loss; undefined when the host has no harmed loss here. */
  month(host: number): number | undefined;
  /** The host's loss: its impact and a domain that names it (id, kind, name). */
  loss(host: number): { d: FailureDomain; impact: FailureImpact };
}

/**
 * `inheritContainedHarm` on host numbers 0 .. hostCount − 1: `stopped(d, i)` gives the
 * distinct numbers of the hosts domain `d` (at index `i` of `domains`) stops; `rank(d, i)`
 * each domain's place in the domain order (default: its index in `domains`; the one-host
 * losses of `hosts` take `hosts`' ranks, and host domains come before every other domain);
 * `hosts` the one-host losses not built as domains (candidates for the losses that contain
 * their host); `has(i)` (optional) is false only when `impacts` holds no impact for
 * `domains[i]` (the caller knows which domains it filed impacts for): those are skipped
 * without a lookup, which changes nothing (a domain without an impact is skipped anyway).
 */
export function inheritContainedHarmWith(
  domains: readonly FailureDomain[],
  impacts: Map<string, FailureImpact>,
  stopped: (d: FailureDomain, i: number) => ArrayLike<number>,
  hostCount: number,
  rank?: (d: FailureDomain, i: number) => number,
  hosts?: OneHostLosses & { rank(host: number): number; anyHarmed: boolean },
  scratch: ContainmentScratch = new ContainmentScratch(),
  has?: (i: number) => boolean,
): void {
  if (!hosts?.anyHarmed && !anyHarm(impacts)) return; // nothing to inherit
  const INF = Number.POSITIVE_INFINITY;
  let maxRank = -1;
  // the smallest harmed loss (a one-host loss of `hosts`: 1): a smaller loss contains none, so
  // inherits nothing and is never harmed here, and is skipped (no Loss is made for it)
  let smallest = hosts?.anyHarmed ? 1 : INF;
  // the domains with an impact, in domain order, in the scratch's candidate arrays
  let n = 0;
  const { at, sets, months, seqs } = scratch.candidates(domains.length);
  for (let i = 0; i < domains.length; i++) {
    if (has && !has(i)) continue;
    const d = domains[i]!;
    const impact = impacts.get(d.id);
    if (!impact) continue;
    const seq = rank ? rank(d, i) : i;
    if (seq > maxRank) maxRank = seq;
    const set = stopped(d, i);
    const month = impact.firstHarmMonth ?? INF;
    if (month !== INF && set.length < smallest) smallest = set.length;
    at[n] = i;
    sets[n] = set;
    months[n] = month;
    seqs[n] = seq;
    n++;
  }
  const losses: Loss[] = [];
  for (let k = 0; k < n; k++) if (sets[k]!.length >= smallest) losses.push({ d: domains[at[k]!]!, set: sets[k]!, month: months[k]!, seq: seqs[k]! });
  sets.length = 0; // hold no set past the call
  losses.sort((a, b) => a.set.length - b.set.length); // stable: domain order among equal sizes
  const { stoppedBy, mark, filedAt } = scratch.ready(hostCount);
  // how many of those losses stop each host: a harmed loss is filed under its rarest host (any
  // host of it would do: the best candidate is the least by (month, size, seq), whatever the
  // order candidates are met in; the rarest keeps the lists short)
  for (let b = 0; b < losses.length; b++) {
    const set = losses[b]!.set;
    for (let j = 0; j < set.length; j++) stoppedBy[set[j]!]!++;
  }
  const lists: Loss[][] = []; // filedAt[h] - 1: the list of anchor host h
  const anchors: number[] = [];
  const everywhere: Loss[] = []; // harmed losses that stop no host: contained in every loss
  const file = (x: Loss): void => {
    const set = x.set;
    if (set.length === 0) {
      everywhere.push(x);
      return;
    }
    let anchor = set[0]!;
    for (let j = 1; j < set.length; j++) if (stoppedBy[set[j]!]! < stoppedBy[anchor]!) anchor = set[j]!;
    const at = filedAt[anchor]!;
    if (at > 0) lists[at - 1]!.push(x);
    else {
      lists.push([x]);
      anchors.push(anchor);
      filedAt[anchor] = lists.length;
    }
  };
  for (let b = 0; b < losses.length; b++) if (losses[b]!.month !== INF) file(losses[b]!);
  // mark[h] = the stamp of the loss being settled when h is one of its hosts (containment in O(|A|))
  let nextSeq = maxRank + 1;
  // the loss being settled and the best candidate so far (one `consider` for every loss, not a closure each)
  let big: Loss | undefined;
  let bigSet: ArrayLike<number> = [];
  let bigMonth = INF;
  let stamp = 0;
  let best: Loss | undefined;
  let bestMonth = INF;
  let bestSize = 0;
  let bestSeq = 0;
  let bestOne: { d: FailureDomain; impact: FailureImpact } | undefined; // a one-host loss of `hosts`
  const consider = (small: Loss): void => {
    if (small === big) return;
    const m = small.month;
    const set = small.set;
    if (m >= bigMonth || set.length > bigSet.length) return;
    if (best || bestOne ? !(m < bestMonth || (m === bestMonth && (set.length < bestSize || (set.length === bestSize && small.seq < bestSeq)))) : false) return;
    for (let j = 0; j < set.length; j++) if (mark[set[j]!] !== stamp) return;
    best = small;
    bestOne = undefined;
    bestMonth = m;
    bestSize = set.length;
    bestSeq = small.seq;
  };
  for (let b = 0; b < losses.length; b++) {
    const loss = losses[b]!;
    big = loss;
    bigSet = loss.set;
    stamp = scratch.nextStamp();
    for (let j = 0; j < bigSet.length; j++) mark[bigSet[j]!] = stamp;
    bigMonth = loss.month;
    best = undefined;
    bestMonth = INF;
    bestSize = 0;
    bestSeq = 0;
    bestOne = undefined;
    for (const small of everywhere) consider(small);
    for (let j = 0; j < bigSet.length; j++) {
      const at = filedAt[bigSet[j]!]!;
      if (at > 0) for (const small of lists[at - 1]!) consider(small);
    }
    if (hosts?.anyHarmed)
      for (let j = 0; j < bigSet.length; j++) {
        const h = bigSet[j]!;
        const m = hosts.month(h);
        if (m === undefined || m >= bigMonth) continue;
        const seq = hosts.rank(h);
        if (!best && !bestOne ? true : m < bestMonth || (m === bestMonth && (1 < bestSize || (1 === bestSize && seq < bestSeq)))) {
          bestOne = hosts.loss(h);
          best = undefined;
          bestMonth = m;
          bestSize = 1;
          bestSeq = seq;
        }
      }
    const found = best as Loss | undefined; // set by `consider` (which TypeScript does not follow)
    if (!found && !bestOne) continue;
    const own = impacts.get(loss.d.id)!;
    const from = found ? impacts.get(found.d.id)! : bestOne!.impact;
    const source = found ? found.d : bestOne!.d;
    const firstMonth = from.firstHarmMonth!;
    const inherited = from.harms
      .filter((h) => h.month === firstMonth)
      .map((h) => ({
        ...h,
        severity: harmSeverity(h.harm, loss.d.tolerated),
        from: h.from ?? source.id,
        message: `${h.message} (Losing ${source.kind} ${source.name} alone already does this from that month, and this loss contains it.)`,
      }));
    const kept = own.harms.filter((h) => !inherited.some((i) => i.code === h.code));
    const { compute, control, ceph, network, power } = own;
    const detail = { compute, control, ceph, network, power };
    for (const k of Object.keys(detail) as (keyof typeof detail)[]) if (detail[k] === undefined) delete detail[k];
    const next = makeImpact(loss.d, own.subsystem, `${own.message} ${inherited[0]?.message ?? ''}`.trim(), [...kept, ...inherited], detail);
    impacts.set(loss.d.id, next);
    loss.month = next.firstHarmMonth ?? INF;
    if (own.firstHarmMonth === null) {
      // now harmed: a candidate for the larger losses that follow, after the harmed ones of its size
      loss.seq = nextSeq++;
      file(loss);
    }
  }
  // the scratch back to zeros for the next call
  for (let b = 0; b < losses.length; b++) {
    const set = losses[b]!.set;
    for (let j = 0; j < set.length; j++) stoppedBy[set[j]!] = 0;
  }
  for (const h of anchors) filedAt[h] = 0;
}

/**
 * Work arrays of inheritContainedHarmWith, by host number, reused from one call to the next
 * (analyze.ts: the three subsystems of an epoch, and the epochs of one planEpochs call): zeros
 * between calls (each call puts back the entries it wrote), except `mark`, whose stamps only
 * grow, so an entry left from an earlier call never equals the stamp being compared.
 */
export class ContainmentScratch {
  private stoppedBy = new Int32Array(0);
  private mark = new Int32Array(0);
  private filedAt = new Int32Array(0);
  private stamp = 0;
  private at = new Int32Array(0);
  private months = new Float64Array(0);
  private seqs = new Float64Array(0);
  private readonly sets: ArrayLike<number>[] = [];

  /** Arrays for the domains with an impact (domain index, stopped hosts, first month of harm, rank), at least `domainCount` long; `sets` empty. */
  candidates(domainCount: number): { at: Int32Array; sets: ArrayLike<number>[]; months: Float64Array; seqs: Float64Array } {
    if (this.at.length < domainCount) {
      const n = Math.max(domainCount, 2 * this.at.length);
      this.at = new Int32Array(n);
      this.months = new Float64Array(n);
      this.seqs = new Float64Array(n);
    }
    this.sets.length = 0;
    return { at: this.at, sets: this.sets, months: this.months, seqs: this.seqs };
  }

  /** The arrays, at least `hostCount` long. */
  ready(hostCount: number): { stoppedBy: Int32Array; mark: Int32Array; filedAt: Int32Array } {
    if (this.mark.length < hostCount) {
      const n = Math.max(hostCount, 2 * this.mark.length);
      this.stoppedBy = new Int32Array(n);
      this.mark = new Int32Array(n);
      this.filedAt = new Int32Array(n);
      this.stamp = 0;
    }
    if (this.stamp > 2 ** 30) {
      this.mark.fill(0);
      this.stamp = 0;
    }
    return { stoppedBy: this.stoppedBy, mark: this.mark, filedAt: this.filedAt };
  }

  /** A stamp no entry of `mark` holds. */
  nextStamp(): number {
    return ++this.stamp;
  }
}

/** True when some impact has a harm. */
function anyHarm(impacts: ReadonlyMap<string, FailureImpact>): boolean {
  for (const i of impacts.values()) if (i.firstHarmMonth !== null) return true;
  return false;
}
