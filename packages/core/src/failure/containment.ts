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
import type { FailureDomain, FailureImpact } from './types.js';

/**
 * Applies the containment rule to the impacts of one subsystem.
 * @param impacts impacts of one subsystem by domain id (replaced in place by corrected copies)
 * @param stopped the hosts of the subsystem's role a domain stops (lost and drained)
 */
export function inheritContainedHarm(domains: readonly FailureDomain[], impacts: Map<string, FailureImpact>, stopped: (d: FailureDomain) => ReadonlySet<string>): void {
  if (![...impacts.values()].some((i) => i.firstHarmMonth !== null)) return; // nothing to inherit
  const withImpact = domains.filter((d) => impacts.has(d.id)).map((d) => ({ d, set: stopped(d) }));
  withImpact.sort((a, b) => a.set.size - b.set.size); // smaller losses first, so harm flows up chains
  const month = (id: string): number => impacts.get(id)?.firstHarmMonth ?? Number.POSITIVE_INFINITY;
  // the losses that harm (in size order; a loss that inherits harm joins them)
  const harmed = withImpact.filter((x) => month(x.d.id) !== Number.POSITIVE_INFINITY);
  for (const big of withImpact) {
    let best: (typeof withImpact)[number] | undefined;
    for (const small of harmed) {
      if (small.set.size > big.set.size) break;
      if (small.d.id === big.d.id || small.set.size > big.set.size) continue;
      if (month(small.d.id) >= Math.min(month(big.d.id), best ? month(best.d.id) : Number.POSITIVE_INFINITY)) continue;
      let contained = true;
      for (const h of small.set) if (!big.set.has(h)) contained = false;
      if (contained) best = small;
    }
    if (!best) continue;
    const own = impacts.get(big.d.id)!;
    const from = impacts.get(best.d.id)!;
    const firstMonth = from.firstHarmMonth!;
    const inherited = from.harms
      .filter((h) => h.month === firstMonth)
      .map((h) => ({
        ...h,
        severity: harmSeverity(h.harm, big.d.tolerated),
        from: h.from ?? best.d.id,
        message: `${h.message} (Losing ${best.d.kind} ${best.d.name} alone already does this from that month, and this loss contains it.)`,
      }));
    const kept = own.harms.filter((h) => !inherited.some((i) => i.code === h.code));
    const { compute, control, ceph, network, power } = own;
    const detail = { compute, control, ceph, network, power };
    for (const k of Object.keys(detail) as (keyof typeof detail)[]) if (detail[k] === undefined) delete detail[k];
    impacts.set(big.d.id, makeImpact(big.d, own.subsystem, `${own.message} ${inherited[0]?.message ?? ''}`.trim(), [...kept, ...inherited], detail));
    if (own.firstHarmMonth === null) {
      // now harmed: a candidate for the larger losses that follow (keep `harmed` in size order)
      const at = harmed.findIndex((x) => x.set.size > big.set.size);
      harmed.splice(at < 0 ? harmed.length : at, 0, big);
    }
  }
}
