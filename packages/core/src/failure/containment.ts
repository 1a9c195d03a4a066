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

/** A domain with an impact, its stopped hosts, and its place in the order losses are settled. */
interface Loss {
  d: FailureDomain;
  set: ReadonlySet<string>;
  /** Rank among the harmed losses of the same size: domain order for those harmed at the start, then the order they became harmed. */
  seq: number;
}

/** True when every host of `small` is in `big`. O(|small|). */
function within(small: ReadonlySet<string>, big: ReadonlySet<string>): boolean {
  if (small.size > big.size) return false;
  for (const h of small) if (!big.has(h)) return false;
  return true;
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
 * in practice) are a candidate for every loss.
 * @param impacts impacts of one subsystem by domain id (replaced in place by corrected copies)
 * @param stopped the hosts of the subsystem's role a domain stops (lost and drained)
 */
export function inheritContainedHarm(domains: readonly FailureDomain[], impacts: Map<string, FailureImpact>, stopped: (d: FailureDomain) => ReadonlySet<string>): void {
  inheritContainedHarmWith(domains, impacts, stopped);
}

/**
 * One-host losses that are not among inheritContainedHarmWith's domains (evaluate/epochs.ts
 * does not build them): each stops exactly its host, and none can inherit (no domain stops
 * exactly that host, none stops no host), so they only pass their harm on.
 */
export interface OneHostLosses {
  /** The first month of harm of the host's loss; undefined when the host has no harmed loss here. */
  month(host: string): number | undefined;
  /** The host's loss: its impact and a domain that names it (id, kind, name). */
  loss(host: string): { d: FailureDomain; impact: FailureImpact };
}

/**
 * `inheritContainedHarm`, with `rank(d)` giving each domain's place in the domain order
 * (default: its index in `domains`; the one-host losses of `hosts` take `hosts`' ranks, and
 * host domains come before every other domain) and `hosts` the one-host losses not built as
 * domains (candidates for the losses that contain their host).
 */
export function inheritContainedHarmWith(
  domains: readonly FailureDomain[],
  impacts: Map<string, FailureImpact>,
  stopped: (d: FailureDomain) => ReadonlySet<string>,
  rank?: (d: FailureDomain, i: number) => number,
  hosts?: OneHostLosses & { rank(host: string): number; anyHarmed: boolean },
): void {
  if (!hosts?.anyHarmed && ![...impacts.values()].some((i) => i.firstHarmMonth !== null)) return; // nothing to inherit
  const losses: Loss[] = [];
  let maxRank = -1;
  domains.forEach((d, i) => {
    if (!impacts.has(d.id)) return;
    const seq = rank ? rank(d, i) : i;
    maxRank = Math.max(maxRank, seq);
    losses.push({ d, set: stopped(d), seq });
  });
  losses.sort((a, b) => a.set.size - b.set.size); // stable: domain order among equal sizes
  const month = (x: Loss): number => impacts.get(x.d.id)?.firstHarmMonth ?? Number.POSITIVE_INFINITY;
  // how many losses stop each host: a harmed loss is filed under its rarest host
  const stoppedBy = new Map<string, number>();
  for (const x of losses) for (const h of x.set) stoppedBy.set(h, (stoppedBy.get(h) ?? 0) + 1);
  const filed = new Map<string, Loss[]>();
  const everywhere: Loss[] = []; // harmed losses that stop no host: contained in every loss
  const file = (x: Loss): void => {
    let anchor: string | undefined;
    for (const h of x.set) if (anchor === undefined || stoppedBy.get(h)! < stoppedBy.get(anchor)!) anchor = h;
    if (anchor === undefined) everywhere.push(x);
    else {
      const list = filed.get(anchor);
      if (list) list.push(x);
      else filed.set(anchor, [x]);
    }
  };
  for (const x of losses) if (month(x) !== Number.POSITIVE_INFINITY) file(x);
  let nextSeq = maxRank + 1;
  for (const big of losses) {
    const own = impacts.get(big.d.id)!;
    const bigMonth = own.firstHarmMonth ?? Number.POSITIVE_INFINITY;
    let best: { m: number; size: number; seq: number; d: FailureDomain; impact: () => FailureImpact } | undefined;
    const better = (m: number, size: number, seq: number): boolean => !best || m < best.m || (m === best.m && (size < best.size || (size === best.size && seq < best.seq)));
    const consider = (small: Loss): void => {
      if (small === big) return;
      const m = month(small);
      if (m >= bigMonth || !within(small.set, big.set)) return;
      if (better(m, small.set.size, small.seq)) best = { m, size: small.set.size, seq: small.seq, d: small.d, impact: () => impacts.get(small.d.id)! };
    };
    for (const small of everywhere) consider(small);
    for (const h of big.set) for (const small of filed.get(h) ?? []) consider(small);
    if (hosts?.anyHarmed)
      for (const h of big.set) {
        const m = hosts.month(h);
        if (m === undefined || m >= bigMonth) continue;
        const seq = hosts.rank(h);
        if (better(m, 1, seq)) {
          const { d, impact } = hosts.loss(h);
          best = { m, size: 1, seq, d, impact: () => impact };
        }
      }
    if (!best) continue;
    const from = best.impact();
    const firstMonth = from.firstHarmMonth!;
    const source = best.d;
    const inherited = from.harms
      .filter((h) => h.month === firstMonth)
      .map((h) => ({
        ...h,
        severity: harmSeverity(h.harm, big.d.tolerated),
        from: h.from ?? source.id,
        message: `${h.message} (Losing ${source.kind} ${source.name} alone already does this from that month, and this loss contains it.)`,
      }));
    const kept = own.harms.filter((h) => !inherited.some((i) => i.code === h.code));
    const { compute, control, ceph, network, power } = own;
    const detail = { compute, control, ceph, network, power };
    for (const k of Object.keys(detail) as (keyof typeof detail)[]) if (detail[k] === undefined) delete detail[k];
    impacts.set(big.d.id, makeImpact(big.d, own.subsystem, `${own.message} ${inherited[0]?.message ?? ''}`.trim(), [...kept, ...inherited], detail));
    if (own.firstHarmMonth === null) {
      // now harmed: a candidate for the larger losses that follow, after the harmed ones of its size
      big.seq = nextSeq++;
      file(big);
    }
  }
}
