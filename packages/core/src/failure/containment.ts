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
  if (![...impacts.values()].some((i) => i.firstHarmMonth !== null)) return; // nothing to inherit
  const losses: Loss[] = domains.filter((d) => impacts.has(d.id)).map((d) => ({ d, set: stopped(d), seq: 0 }));
  losses.sort((a, b) => a.set.size - b.set.size); // stable: domain order among equal sizes
  losses.forEach((x, i) => (x.seq = i));
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
  let nextSeq = losses.length;
  for (const big of losses) {
    let best: Loss | undefined;
    const consider = (small: Loss): void => {
      if (small === big) return;
      const m = month(small);
      if (m >= month(big) || !within(small.set, big.set)) return;
      if (!best) best = small;
      else {
        const b = month(best);
        if (m < b || (m === b && (small.set.size < best.set.size || (small.set.size === best.set.size && small.seq < best.seq)))) best = small;
      }
    };
    for (const small of everywhere) consider(small);
    for (const h of big.set) for (const small of filed.get(h) ?? []) consider(small);
    if (!best) continue;
    const from = impacts.get(best.d.id)!;
    const own = impacts.get(big.d.id)!;
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
