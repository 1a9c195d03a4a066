/**
 * The layout comparison [model]: the scenario's storage hardware and stored data planned again
 * under each candidate layout (replicated 2/3/4; EC 2+1, 2+2, 4+2, 6+3, 8+2, 8+3 and the
 * scenario's own profiles; failure domain host or rack), each with the same arithmetic as the
 * plan itself (planCeph: usable, safe usable, runway, recovery, durability). A layout that
 * cannot be healthy stays in the list with its reason.
 */
import type { CephLayout, CephLayoutComparison, CephLayoutRow } from '../model/layouts.js';
import type { Host } from '../model/plan.js';
import type { CephPool, CephRule, Scenario } from '../model/scenario.js';
import { type CephPlanOptions, planCeph } from './ceph-plan.js';
import { buildCrushTree } from './crush.js';

const POOL = 'data';
const RULE = 'layout';
const BYTES_PER_TB = 1e12;

/** The replicated sizes and EC profiles compared (k, m), before the scenario's own. */
export const LAYOUT_REPLICATED_SIZES: readonly number[] = [2, 3, 4];
export const LAYOUT_EC_PROFILES: readonly (readonly [k: number, m: number])[] = [
  [2, 1],
  [2, 2],
  [4, 2],
  [6, 3],
  [8, 2],
  [8, 3],
];

/**
 * Ceph's default min_size: replicated size − floor(size / 2); erasure k + min(1, m − 1)
 * (OSDMonitor::prepare_pool_size, ErasureCode::get_min_size: k + 1 when m > 1).
 */
export function defaultMinSize(layout: Pick<CephLayout, 'type' | 'size' | 'k' | 'm'>): number {
  return layout.type === 'replicated' ? layout.size! - Math.floor(layout.size! / 2) : layout.k! + Math.min(1, layout.m! - 1);
}

/** The candidates: every replicated size and EC profile (the scenario's own EC profiles added), each with failure domain host, then rack. */
export function layoutCandidates(scenario: Scenario): CephLayout[] {
  const profiles = [...LAYOUT_EC_PROFILES];
  for (const p of scenario.ceph.pools) {
    if (p.type === 'erasure' && !profiles.some(([k, m]) => k === p.k && m === p.m)) profiles.push([p.k, p.m]);
  }
  const out: CephLayout[] = [];
  for (const failureDomain of ['host', 'rack'] as const) {
    for (const size of LAYOUT_REPLICATED_SIZES) out.push({ label: `replicated ${size}, ${failureDomain}`, type: 'replicated', size, k: null, m: null, failureDomain });
    for (const [k, m] of profiles) out.push({ label: `EC ${k}+${m}, ${failureDomain}`, type: 'erasure', size: null, k, m, failureDomain });
  }
  return out;
}

/** The device class holding the most stored bytes at month 0 (null: a rule over every OSD); ties go to the first pool's. */
function busiestClass(scenario: Scenario): string | null {
  const classOf = new Map((scenario.ceph.rules ?? []).map((r) => [r.name, r.deviceClass ?? null]));
  const stored = new Map<string | null, number>();
  for (const p of scenario.ceph.pools) {
    const c = classOf.get(p.rule ?? '') ?? null;
    stored.set(c, (stored.get(c) ?? 0) + (scenario.demand.storageBytes[p.name] ?? 0));
  }
  let best: [string | null, number] | null = null;
  for (const [c, s] of stored) if (best === null || s > best[1]) best = [c, s];
  return best?.[0] ?? null;
}

/** Σ of the storage hosts' prices; null when one has no price or the currencies differ. */
function storageCapex(scenario: Scenario, hosts: readonly string[], hardwareOf: (host: string) => string): { amount: number; currency: string } | null {
  let amount = 0;
  let currency: string | null = null;
  for (const h of hosts) {
    const price = scenario.hardware[hardwareOf(h)]?.price;
    if (!price || (currency !== null && price.currency !== currency)) return null;
    currency = price.currency;
    amount += price.amount;
  }
  return currency === null ? null : { amount, currency };
}

/** Options of compareLayouts. */
export interface CompareLayoutsOptions extends CephPlanOptions {
  /** Compare on the OSDs of this device class; default: the class whose pools store the most. */
  deviceClass?: string | null;
}

/** What planLayout needs besides the layout: the compared OSDs' class, the stored data and the price. */
export interface LayoutContext {
  deviceClass: string | null;
  storedBytesMonth0: number;
  capex: { amount: number; currency: string } | null;
  options: CephPlanOptions;
}

/** The OSDs compared on, their hosts and their price (see compareLayouts). */
export function layoutContext(
  scenario: Scenario,
  hosts: readonly Host[],
  options: CompareLayoutsOptions = {},
): LayoutContext & { pools: string[]; storageHosts: string[]; racks: number; osdCount: number; rawBytes: number } {
  const deviceClass = options.deviceClass === undefined ? busiestClass(scenario) : options.deviceClass;
  const classOf = new Map((scenario.ceph.rules ?? []).map((r) => [r.name, r.deviceClass ?? null]));
  const pools = scenario.ceph.pools.filter((p) => (classOf.get(p.rule ?? '') ?? null) === deviceClass).map((p) => p.name);
  const tree = buildCrushTree(scenario, hosts);
  const osds = tree.osds.filter((o) => deviceClass === null || o.deviceClass === deviceClass);
  const storageHosts = [...new Set(osds.map((o) => o.host))];
  const hardwareOf = new Map(tree.hosts.map((h) => [h.name, h.hardware]));
  const { deviceClass: _class, ...planOptions } = options;
  return {
    deviceClass,
    pools,
    storageHosts,
    racks: new Set(osds.map((o) => o.rack)).size,
    osdCount: osds.length,
    rawBytes: osds.reduce((s, o) => s + o.sizeBytes, 0),
    storedBytesMonth0: pools.reduce((s, p) => s + (scenario.demand.storageBytes[p] ?? 0), 0),
    capex: storageCapex(scenario, storageHosts, (h) => hardwareOf.get(h) ?? ''),
    options: planOptions,
  };
}

/**
 * One layout on `hosts`: the data as one pool `data` on one rule `layout`, planned by planCeph.
 *   writeAmplification = size, or (k + m) / k
 *   fewestDomains      = n + max(tolerated hosts, tolerated racks): the smallest cluster (one host
 *                        per rack) that is active+clean again after the tolerated loss
 *   healthyAfterLoss   = domains left >= n (re-protection possible), servesIoAfterLoss = left >= min_size
 *   capexPerUsableTb   = Σ storage host prices / (usable / 10^12), the same over safe usable
 * and the pool's usable, safe usable, runway to safe usable, recovery times and durability as
 * the plan computes them.
 */
export function planLayout(scenario: Scenario, hosts: readonly Host[], layout: CephLayout, ctx: LayoutContext): CephLayoutRow {
  const { storageSource: _ignored, ...demand } = scenario.demand;
  const minSize = defaultMinSize(layout);
  const pool: CephPool =
    layout.type === 'replicated'
      ? { name: POOL, type: 'replicated', size: layout.size!, minSize, share: 1, rule: RULE, bulk: false }
      : { name: POOL, type: 'erasure', k: layout.k!, m: layout.m!, minSize, share: 1, rule: RULE, bulk: false };
  const rule: CephRule = { name: RULE, type: layout.type, failureDomain: layout.failureDomain, ...(ctx.deviceClass === null ? {} : { deviceClass: ctx.deviceClass }) };
  const variant: Scenario = {
    ...scenario,
    ceph: { ...scenario.ceph, failureDomain: layout.failureDomain, pools: [pool], rules: [rule], fill: { osds: [] } },
    demand: { ...demand, storageBytes: { [POOL]: ctx.storedBytesMonth0 } },
  };
  const { plan } = planCeph(variant, hosts, ctx.options);
  const p = plan.pools[0]!;
  const d = plan.durability?.[0];
  const width = p.copies;
  const fewest = width + Math.max(scenario.policy.tolerate.hosts, scenario.policy.tolerate.racks);
  const healthyAfterLoss = p.clean && p.failureDomainCountAfterFailure >= width;
  const servesIoAfterLoss = p.failureDomainCountAfterFailure >= minSize;
  const fd = layout.failureDomain;
  const reason = !p.clean
    ? `${p.failureDomainCount} ${fd}s for ${width} copies or shards: PGs never go active+clean`
    : !healthyAfterLoss
      ? `after the tolerated loss ${p.failureDomainCountAfterFailure} ${fd}s are left for ${width} copies or shards: PGs stay degraded until the hardware returns${servesIoAfterLoss ? '' : `, and below min_size ${minSize} I/O blocks`}`
      : null;
  // A layout whose PGs cannot go clean has no durability of its own (its PGs run undersized): none is given.
  const dur = p.clean ? d : undefined;
  const rack = dur?.correlated.find((c) => c.subject.startsWith('rack ')) ?? null;
  const hostCase = plan.recovery.cases.find((c) => c.failure === 'host');
  const perTb = (bytes: number): number | null => (ctx.capex && bytes > 0 ? ctx.capex.amount / (bytes / BYTES_PER_TB) : null);
  return {
    ...layout,
    width,
    tolerated: layout.type === 'replicated' ? width - 1 : layout.m!,
    minSize,
    writeAmplification: p.rawUsedRate,
    domains: p.failureDomainCount,
    domainsAfterFailure: p.failureDomainCountAfterFailure,
    fewestDomains: fewest,
    fewestHosts: fewest,
    clean: p.clean,
    healthyAfterLoss,
    servesIoAfterLoss,
    reason,
    usableBytes: p.usableBytes,
    safeUsableBytes: p.safeUsableBytes,
    storedBytesMonth0: ctx.storedBytesMonth0,
    storedBytesPeak: d?.storedBytes ?? ctx.storedBytesMonth0,
    runwayMonths: p.runwayToSafeUsableMonths,
    annualLossProbability: dur?.annualLossProbability ?? null,
    oneInYears: dur?.oneInYears ?? null,
    nines: dur?.nines ?? null,
    expectedBytesLostPerYear: dur?.expectedBytesLostPerYear ?? null,
    worstRack: rack ? { subject: rack.subject, pgFractionLost: rack.pgFractionLost, pgFractionInactive: rack.pgFractionInactive } : null,
    osdRecoverySeconds: dur?.recoveryHours == null ? null : dur.recoveryHours * 3600,
    hostRecoverySeconds: hostCase?.totalSeconds ?? null,
    capexPerUsableTb: perTb(p.usableBytes),
    capexPerSafeUsableTb: p.clean ? perTb(p.safeUsableBytes) : null,
    horizon: null,
  };
}

/**
 * Compares the layouts on the scenario's storage hosts (`hosts`, the month-0 fleet) and its
 * stored data: the pools on the OSDs of the compared device class become one pool `data`
 * holding their month-0 stored bytes, growing as the scenario says, on one rule `layout`;
 * planLayout plans it per candidate (layoutCandidates).
 */
export function compareLayouts(scenario: Scenario, hosts: readonly Host[], options: CompareLayoutsOptions = {}): CephLayoutComparison {
  const ctx = layoutContext(scenario, hosts, options);
  return {
    deviceClass: ctx.deviceClass,
    hardware: null,
    pools: ctx.pools,
    storedBytesMonth0: ctx.storedBytesMonth0,
    storageHosts: ctx.storageHosts.length,
    racks: ctx.racks,
    osdCount: ctx.osdCount,
    rawBytes: ctx.rawBytes,
    tolerate: { hosts: scenario.policy.tolerate.hosts, racks: scenario.policy.tolerate.racks },
    capex: ctx.capex,
    horizonSizing: null,
    rows: layoutCandidates(scenario).map((layout) => planLayout(scenario, hosts, layout, ctx)),
  };
}
