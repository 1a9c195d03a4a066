/**
 * The servers in service month by month, as the running cost reads them: count, Σ rack units,
 * Σ typical watts, and the models without power data.
 *
 * Straightforward (`inServiceByMonthPlain`): for each month m, for each host in timeline order
 * with fromMonth <= m < untilMonth, add 1, its model's heightRu and typicalWatts. O(months × hosts).
 *
 * Fast (`inServiceByMonth`): a host serves the months [max(fromMonth, 0), min(untilMonth, horizon));
 * hosts are counted per model and month with a difference array, then
 *   servers[m] = Σ over models of count(model, m)
 *   ru[m]      = Σ over models of count(model, m) × heightRu(model)
 *   watts[m]   = Σ over models with power of count(model, m) × typicalWatts(model)
 * O(hosts + months × models). Both give the same doubles when every sum is exact: every figure a
 * multiple of 2^-K and Σ over all hosts of |figure| below 2^(53-K) (then every partial sum, in any
 * order, is a double without rounding; integer watts and RU give K = 0). Otherwise the fast path
 * runs the straightforward loop. The models without power are listed in the order the
 * straightforward loop meets them: by the first month one of their hosts serves, then host order.
 * Source: headroom [model].
 */
import type { FleetHost } from '../model/fleet.js';
import type { Scenario } from '../model/scenario.js';

/** What the running cost reads of the fleet in service, per month of the horizon. */
export interface InServiceByMonth {
  servers: number[];
  watts: number[];
  ru: number[];
  /** Models of hosts in service with no power data, in first-met order. */
  noPower: Set<string>;
}

/** The finest binary fraction accepted by the exact path: figures that are not multiples of 2^-MAX_K use the loop. */
const MAX_K = 32;

/** The fewest binary fraction digits of v (v × 2^k an integer), or null beyond MAX_K or not finite. */
function fractionBits(v: number): number | null {
  if (!Number.isFinite(v)) return null;
  for (let k = 0; k <= MAX_K; k++) if (Number.isInteger(v * 2 ** k)) return k;
  return null;
}

/** The straightforward loop: O(months × hosts). */
export function inServiceByMonthPlain(scenario: Scenario, hosts: readonly FleetHost[], horizon: number): InServiceByMonth {
  const inService = (h: FleetHost, m: number): boolean => h.fromMonth <= m && (h.untilMonth === null || m < h.untilMonth);
  const servers = new Array<number>(horizon).fill(0);
  const watts = new Array<number>(horizon).fill(0);
  const ru = new Array<number>(horizon).fill(0);
  const noPower = new Set<string>();
  for (let m = 0; m < horizon; m++) {
    for (const h of hosts) {
      if (!inService(h, m)) continue;
      const hw = scenario.hardware[h.hardware];
      servers[m]! += 1;
      ru[m]! += hw?.heightRu ?? 0;
      if (hw?.power) watts[m]! += hw.power.typicalWatts;
      else noPower.add(h.hardware);
    }
  }
  return { servers, watts, ru, noPower };
}

/** The same figures from per-model counts when the sums are exact (module comment), else the loop. */
export function inServiceByMonth(scenario: Scenario, hosts: readonly FleetHost[], horizon: number): InServiceByMonth {
  // per model: a difference array of hosts in service, and the first (month, host index) met without power
  const models = new Map<string, { delta: number[]; ru: number; watts: number | null; first: number; firstHost: number }>();
  for (let i = 0; i < hosts.length; i++) {
    const h = hosts[i]!;
    const from = Math.max(h.fromMonth, 0);
    const until = h.untilMonth === null ? horizon : Math.min(h.untilMonth, horizon);
    if (!(from < until)) continue;
    let m = models.get(h.hardware);
    if (!m) {
      const hw = scenario.hardware[h.hardware];
      m = { delta: new Array<number>(horizon + 1).fill(0), ru: hw?.heightRu ?? 0, watts: hw?.power ? hw.power.typicalWatts : null, first: Infinity, firstHost: -1 };
      models.set(h.hardware, m);
    }
    m.delta[from]! += 1;
    m.delta[until]! -= 1;
    if (from < m.first) {
      m.first = from;
      m.firstHost = i;
    }
  }
  // exactness: every figure a multiple of 2^-K, Σ |figure| over the hosts below 2^(53-K)
  let bits = 0;
  let bound = 0;
  for (const m of models.values()) {
    let n = 0;
    for (let t = 0, c = 0; t < horizon; t++) {
      c += m.delta[t]!;
      n = Math.max(n, c);
    }
    for (const v of [m.ru, m.watts ?? 0]) {
      const k = fractionBits(v);
      if (k === null) return inServiceByMonthPlain(scenario, hosts, horizon);
      bits = Math.max(bits, k);
      bound += Math.abs(v) * n;
    }
  }
  // bound counts each model's busiest month for both figures: it is at least every month's Σ |ru| and Σ |watts|
  if (!(bound < 2 ** (53 - bits))) return inServiceByMonthPlain(scenario, hosts, horizon);
  const servers = new Array<number>(horizon).fill(0);
  const watts = new Array<number>(horizon).fill(0);
  const ru = new Array<number>(horizon).fill(0);
  for (const m of models.values()) {
    for (let t = 0, c = 0; t < horizon; t++) {
      c += m.delta[t]!;
      if (c === 0) continue;
      servers[t]! += c;
      ru[t]! += c * m.ru;
      if (m.watts !== null) watts[t]! += c * m.watts;
    }
  }
  const noPower = new Set(
    [...models]
      .filter(([, m]) => m.watts === null)
      .sort(([, a], [, b]) => a.first - b.first || a.firstHost - b.firstHost)
      .map(([name]) => name),
  );
  return { servers, watts, ru, noPower };
}
