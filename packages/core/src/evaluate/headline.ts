/**
 * The plan's headline: the four answers the report's first screen and the CLI summary give,
 * in order. Each answer is picked from figures the other phases computed (the horizon, the
 * procurement schedule, the failure matrix); nothing here re-computes capacity.
 *
 * 1. Does the planned cloud hold for the horizon (without purchases; with the scheduled ones)?
 * 2. What runs out first, and when? (else: what comes closest to its threshold)
 * 3. What must be ordered, by when, for how much?
 * 4. What happens when a rack fails?
 */
import type { FailureImpact, FailurePlan, ImpactHarm } from '../model/failure.js';
import type { HeadlineClosest, HeadlineOrders, HeadlineRack, HeadlineRackFailure, HeadlineRackHarm, HeadlineRunout, PlanHeadline } from '../model/headline.js';
import type { ProcurementPlan } from '../model/procurement.js';
import type { MonthRecord, ResourceInfo } from '../model/plan.js';

const HARM_RANK: Record<ImpactHarm, number> = { none: 0, degraded: 1, outage: 2 };

/** Inputs of `planHeadline`: the finished phases of the plan. */
export interface HeadlineInputs {
  horizonMonths: number;
  shows?: PlanHeadline['shows'];
  /** The horizon without purchases. */
  resources: readonly ResourceInfo[];
  months: readonly MonthRecord[];
  bottleneck: { resource: string; runwayMonths: number; month: string } | null;
  /** The bottleneck with the purchases delivered (the fleet timeline); null when nothing runs out or when not evaluated with purchases (then `procurement.uncovered` answers). */
  bottleneckWithPurchases?: { resource: string; runwayMonths: number; month: string } | null;
  errorFindings: number;
  procurement?: ProcurementPlan | undefined;
  failure?: FailurePlan | undefined;
  /** Rack names in scenario order. */
  racks: readonly string[];
}

function firstToRunOut(input: HeadlineInputs): HeadlineRunout | null {
  const b = input.bottleneck;
  if (!b) return null;
  const r = input.resources.find((x) => x.id === b.resource);
  const m = input.months[b.runwayMonths]?.resources[b.resource];
  return {
    resource: b.resource,
    label: r?.label ?? b.resource,
    monthIndex: b.runwayMonths,
    month: b.month,
    utilisationTolerated: m?.utilisationTolerated ?? null,
    threshold: r?.threshold ?? Number.NaN,
  };
}

function closest(input: HeadlineInputs): HeadlineClosest | null {
  const last = input.months[input.months.length - 1];
  if (!last) return null;
  let best: HeadlineClosest | null = null;
  for (const r of input.resources) {
    const u = last.resources[r.id]?.utilisationTolerated;
    if (u === null || u === undefined || !(r.threshold > 0)) continue;
    const share = u / r.threshold;
    if (best === null || share > best.thresholdShare) {
      best = { resource: r.id, label: r.label, month: last.month, utilisationTolerated: u, threshold: r.threshold, thresholdShare: share };
    }
  }
  return best;
}

function orders(p: ProcurementPlan): HeadlineOrders {
  const list = p.purchases;
  // ISO dates compare as strings; Array.prototype.sort is stable, so the schedule order breaks ties.
  const byOrderBy = list.map((_, i) => i).sort((a, b) => (list[a]!.orderBy < list[b]!.orderBy ? -1 : list[a]!.orderBy > list[b]!.orderBy ? 1 : 0));
  return {
    byOrderBy,
    hosts: list.reduce((n, o) => n + o.quantity, 0),
    firstOrderBy: byOrderBy.length > 0 ? list[byOrderBy[0]!]!.orderBy : null,
    late: list.filter((o) => o.late).length,
    unpriced: list.filter((o) => o.totalPriceAmount === null).length,
  };
}

function rackHarms(impacts: readonly FailureImpact[]): HeadlineRackHarm[] {
  const harms: HeadlineRackHarm[] = [];
  for (const i of impacts) {
    if (i.harm === 'none' || i.firstHarmMonth === null) continue;
    // The impact's worst harm, earliest first among equals; its own sentence.
    const worst = i.harms.filter((h) => h.harm === i.harm).sort((a, b) => a.month - b.month)[0];
    harms.push({ subsystem: i.subsystem, harm: i.harm, monthIndex: worst?.month ?? i.firstHarmMonth, message: worst?.message ?? i.message });
  }
  return harms.sort((a, b) => HARM_RANK[b.harm] - HARM_RANK[a.harm] || a.monthIndex - b.monthIndex);
}

/** Per rack of `rackNames` with a rack domain, its harms; one pass over the domains and one over the impacts: O(racks + domains + impacts). */
function rackFailure(f: FailurePlan, rackNames: readonly string[]): HeadlineRackFailure {
  const rackDomains = new Map<string, FailurePlan['domains'][number]>();
  for (const d of f.domains) if (d.kind === 'rack' && !rackDomains.has(d.name)) rackDomains.set(d.name, d);
  const impactsOf = new Map<string, FailureImpact[]>();
  for (const d of rackDomains.values()) impactsOf.set(d.id, []);
  for (const i of f.impacts) impactsOf.get(i.domain)?.push(i);
  const racks: HeadlineRack[] = [];
  for (const name of rackNames) {
    const domain = rackDomains.get(name);
    if (!domain) continue;
    const harms = rackHarms(impactsOf.get(domain.id)!);
    const harm = harms.reduce<ImpactHarm>((w, h) => (HARM_RANK[h.harm] > HARM_RANK[w] ? h.harm : w), 'none');
    const months = harms.map((h) => h.monthIndex);
    racks.push({
      rack: name,
      tolerated: domain.tolerated,
      harm,
      firstHarmMonthIndex: months.length > 0 ? Math.min(...months) : null,
      harms,
    });
  }
  let worst: HeadlineRack | null = null;
  for (const r of racks) {
    if (
      worst === null ||
      HARM_RANK[r.harm] > HARM_RANK[worst.harm] ||
      (HARM_RANK[r.harm] === HARM_RANK[worst.harm] && (r.firstHarmMonthIndex ?? Infinity) < (worst.firstHarmMonthIndex ?? Infinity))
    ) {
      worst = r;
    }
  }
  const key = (r: HeadlineRack): string => r.harms.map((x) => `${x.subsystem}:${x.harm}:${x.monthIndex}`).join(',');
  const worstKey = worst ? key(worst) : '';
  // subsystems and harms are words without ':' or ',': keys of lists of other lengths differ (the key not built)
  const worstSameAs = worst && worst.harm !== 'none' ? racks.filter((r) => r !== worst && r.harms.length === worst.harms.length && key(r) === worstKey).map((r) => r.rack) : [];
  return { racks, worst: worst?.rack ?? null, worstSameAs };
}

/**
 * The four first-screen answers, picked from the finished plan phases.
 * - holdsWithoutPurchases = (bottleneck without purchases === null); holdsWithPurchases =
 *   (bottleneck with the purchases delivered === null), or procurement.uncovered empty when
 *   the plan was evaluated without purchases.
 * - firstToRunOut = the bottleneck (shortest runway, tolerated failures removed), with its utilisation that month.
 * - closest = argmax over resources of utilisationTolerated(last month) / threshold, when nothing runs out.
 * - orders = the purchase indices by order-by date, Σ hosts, the earliest order-by date, late and unpriced counts.
 * - rackFailure = per rack domain of the failure matrix, the harmed subsystems (worst, then earliest
 *   first), the worst rack (outage > degraded > none, then the earliest first harm) and the
 *   racks whose harms match it subsystem by subsystem (same harm, same month).
 */
export function planHeadline(input: HeadlineInputs): PlanHeadline {
  return {
    horizonMonths: input.horizonMonths,
    shows: input.shows ?? 'with-purchases',
    holdsWithoutPurchases: input.bottleneck === null,
    holdsWithPurchases: !input.procurement
      ? null
      : input.shows !== 'without-purchases' && input.bottleneckWithPurchases !== undefined
        ? input.bottleneckWithPurchases === null
        : input.procurement.uncovered.length === 0,
    errorFindings: input.errorFindings,
    firstToRunOut: firstToRunOut(input),
    closest: input.bottleneck === null ? closest(input) : null,
    orders: input.procurement ? orders(input.procurement) : null,
    rackFailure: input.failure ? rackFailure(input.failure, input.racks) : null,
  };
}
