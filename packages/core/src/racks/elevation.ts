/**
 * Rack elevations: every rack's hosts stacked bottom-up with their rack units, and the
 * rack's space and power at month 0 and after every purchase. The procurement schedule's
 * racks table (`RackUse`) is derived from these, so the sums exist once.
 */
import type { Finding } from '../diagnostics/types.js';
import { monthLabel } from '../forecast/growth.js';
import type { Role, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import type { Purchase, RackUse } from '../model/procurement.js';
import { inServiceAt, type RackElevation, type RackLoad, type RackUnit } from '../model/racks.js';

/** What a rack needs to be drawn: a scenario `Rack` or a procurement `RackUse` both fit. */
export interface RackDefinition {
  name: string;
  zone?: string;
  heightRu: number;
  powerBudgetWatts?: number | null;
}

/**
 * Space and power of `units` in a rack of `heightRu` with `budgetWatts`:
 *   usedRu = Σ heightRu; freeRu = heightRu - usedRu;
 *   powerTypicalWatts = Σ typical, powerMaxWatts = Σ max (null when a unit's model has no power);
 *   overBudget = powerMaxWatts > budget (see RackLoad.overBudget for the unknown cases).
 */
function load(heightRu: number, budgetWatts: number | null, units: readonly RackUnit[]): RackLoad {
  const usedRu = units.reduce((a, u) => a + u.heightRu, 0);
  const missing = units.some((u) => u.powerMaxWatts === null || u.powerTypicalWatts === null);
  const typical = units.reduce((a, u) => a + (u.powerTypicalWatts ?? 0), 0);
  const max = knownMaxWatts(units);
  const overBudget = budgetWatts === null ? null : max > budgetWatts ? true : missing ? null : false;
  return { usedRu, freeRu: heightRu - usedRu, powerTypicalWatts: missing ? null : typical, powerMaxWatts: missing ? null : max, overBudget };
}

/** Σ maximum draw of the units whose model has power data, watts. */
const knownMaxWatts = (units: readonly RackUnit[]): number => units.reduce((a, u) => a + (u.powerMaxWatts ?? 0), 0);

/** knownMaxWatts of the units in service in month m: the same additions in the same order, no filtered list. */
function knownMaxWattsAt(units: readonly RackUnit[], m: number): number {
  let a = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (inServiceAt(u, m)) a = a + (u.powerMaxWatts ?? 0);
  }
  return a;
}

/** The months units enter service in, in the order first met (new Set(units.map(inServiceMonthIndex))). */
function deliveryMonths(units: readonly RackUnit[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < units.length; i++) out.add(units[i]!.inServiceMonthIndex);
  return out;
}

/**
 * The elevation of every rack: `racks` (the procurement plan's racks, the added ones last,
 * when it is given; else the scenario's), each with the hosts placed in it stacked from
 * RU 1 in host order: `hosts` (the plan's hosts, in service from month 0), then each
 * purchase's `hosts` in purchase order, in service from its delivery month. Where a
 * purchased host goes is the schedule's decision (`Purchase.hosts`, `racksAdded`); nothing
 * is re-placed here. Hosts outside the listed racks (no rack declared) are left out.
 * A unit's heightRu is its model's (0 for an unknown model). `outOfService` gives the month
 * each retiring host leaves service (fleet/timeline.ts untilMonth): a retired host keeps its
 * place in the drawing, marked with that month, and leaves the rack's load from then on
 * (`afterPurchases` counts the hosts in service at the horizon's end). Source: headroom [model].
 */
export function rackElevations(
  scenario: Scenario,
  hosts: readonly Host[],
  procurement?: { racks: readonly RackDefinition[]; purchases: readonly Purchase[] } | null,
  outOfService: ReadonlyMap<string, number> = new Map(),
): RackElevation[] {
  const racks: readonly RackDefinition[] = procurement?.racks ?? scenario.racks;
  const purchases = procurement?.purchases ?? [];
  const added = new Map<string, NonNullable<RackElevation['added']>>();
  for (const p of purchases) {
    for (const r of p.racksAdded) {
      if (!added.has(r.name)) added.set(r.name, { monthIndex: p.deliveryMonthIndex, month: p.deliveryMonth, reason: r.reason });
    }
  }
  const labels = new Map<number, string>();
  const label = (m: number): string => {
    let out = labels.get(m);
    if (out === undefined) {
      out = monthLabel(scenario.start, m);
      labels.set(m, out);
    }
    return out;
  };
  // Each rack's units stacked as its hosts come (the plan's hosts, then each purchase's, in
  // order): one pass, O(racks + hosts), no intermediate record per host. A unit of a rack not
  // listed is made and never read.
  const byRack = new Map<string, { units: RackUnit[]; next: number }>();
  const put = (host: string, role: Role, hardware: string, rack: string, monthIndex: number, purchased: boolean): void => {
    let r = byRack.get(rack);
    if (!r) {
      r = { units: [], next: 1 };
      byRack.set(rack, r);
    }
    const hw = scenario.hardware[hardware];
    const heightRu = hw?.heightRu ?? 0;
    const out = outOfService.get(host);
    r.units.push({
      host,
      role,
      hardware,
      model: hw?.model ?? hardware,
      bottomRu: r.next,
      heightRu,
      powerTypicalWatts: hw?.power?.typicalWatts ?? null,
      powerMaxWatts: hw?.power?.maxWatts ?? null,
      inServiceMonthIndex: monthIndex,
      inServiceMonth: label(monthIndex),
      purchased,
      outOfServiceMonthIndex: out ?? null,
      outOfServiceMonth: out !== undefined ? label(out) : null,
    });
    r.next += heightRu;
  };
  for (let i = 0; i < hosts.length; i++) {
    const h = hosts[i]!;
    put(h.name, h.role, h.hardware, h.rack, 0, false);
  }
  for (const p of purchases) {
    for (let i = 0; i < p.hosts.length; i++) {
      const h = p.hosts[i]!;
      put(h.name, p.role, p.hardware, h.rack, p.deliveryMonthIndex, true);
    }
  }
  return racks.map((r) => {
    const units = byRack.get(r.name)?.units ?? [];
    // the units in service at month 0 and at the end: the whole list when every unit is (same units, same order)
    let allAt0 = true;
    let allAtEnd = true;
    for (const u of units) {
      if (!inServiceAt(u, 0)) allAt0 = false;
      if (u.outOfServiceMonthIndex !== null) allAtEnd = false;
    }
    const budget = r.powerBudgetWatts ?? null;
    return {
      name: r.name,
      zone: r.zone ?? null,
      heightRu: r.heightRu,
      powerBudgetWatts: budget,
      added: added.get(r.name) ?? null,
      units,
      month0: load(r.heightRu, budget, allAt0 ? units : units.filter((u) => inServiceAt(u, 0))),
      afterPurchases: load(r.heightRu, budget, allAtEnd ? units : units.filter((u) => u.outOfServiceMonthIndex === null)),
      hostsWithoutPower: units.filter((u) => u.powerMaxWatts === null).map((u) => u.host),
    };
  });
}

/**
 * The procurement plan's summary of a rack after every purchase (`ProcurementPlan.racks`),
 * read off its elevation.
 */
export function rackUse(e: RackElevation): RackUse {
  const use: RackUse = {
    name: e.name,
    added: e.added !== null,
    heightRu: e.heightRu,
    usedRu: e.afterPurchases.usedRu,
    powerBudgetWatts: e.powerBudgetWatts,
    powerTypicalWatts: e.afterPurchases.powerTypicalWatts,
    powerMaxWatts: e.afterPurchases.powerMaxWatts,
  };
  if (e.zone !== null) use.zone = e.zone;
  return use;
}

/**
 * rackElevations(scenario, hosts, { racks, purchases }).map(rackUse) without drawing the
 * elevations: per rack, the sums of its `afterPurchases` load (every unit: no host leaves
 * service) over the same hosts in the same order (the scenario's hosts, then each purchase's
 * in purchase order), so the same doubles: usedRu = Σ heightRu, typical = Σ typical watts,
 * max = Σ maximum watts, both null when one of the rack's hosts has no power data.
 * O(hosts + racks), no unit records (the procurement schedule's rack table at 10,000 hosts).
 */
export function rackUses(scenario: Scenario, hosts: readonly Host[], racks: readonly RackDefinition[], purchases: readonly Purchase[]): RackUse[] {
  const added = new Set<string>();
  for (const p of purchases) for (const r of p.racksAdded) added.add(r.name);
  const sums = new Map<string, RackSums>();
  for (const r of racks) if (!sums.has(r.name)) sums.set(r.name, { usedRu: 0, typical: 0, max: 0, missing: false });
  // each model's figures read once (the same values as per host)
  const draws = new Map<string, ModelDraw>();
  addHosts(sums, hosts, scenario.hardware, draws);
  for (const p of purchases) addPurchased(sums, p.hosts, drawOf(scenario.hardware, p.hardware, draws));
  return racks.map((r) => {
    const s = sums.get(r.name)!;
    const use: RackUse = {
      name: r.name,
      added: added.has(r.name),
      heightRu: r.heightRu,
      usedRu: s.usedRu,
      powerBudgetWatts: r.powerBudgetWatts ?? null,
      powerTypicalWatts: s.missing ? null : s.typical,
      powerMaxWatts: s.missing ? null : s.max,
    };
    const zone = r.zone ?? null;
    if (zone !== null) use.zone = zone;
    return use;
  });
}

/** rackUses' running sums of one rack. */
interface RackSums {
  usedRu: number;
  typical: number;
  max: number;
  missing: boolean;
}

/** A model's height and power figures (0 / null for a model not in the hardware table). */
interface ModelDraw {
  heightRu: number;
  typical: number | null;
  max: number | null;
}

/** `hardware`'s figures from `table`, made once per model into `draws`. */
function drawOf(table: Scenario['hardware'], hardware: string, draws: Map<string, ModelDraw>): ModelDraw {
  let d = draws.get(hardware);
  if (d === undefined) {
    const hw = table[hardware];
    d = { heightRu: hw?.heightRu ?? 0, typical: hw?.power?.typicalWatts ?? null, max: hw?.power?.maxWatts ?? null };
    draws.set(hardware, d);
  }
  return d;
}

/** Adds one host of figures `d` to its rack's sums (none: a rack not listed). */
function addDraw(s: RackSums | undefined, d: ModelDraw): void {
  if (s === undefined) return;
  s.usedRu = s.usedRu + d.heightRu;
  s.typical = s.typical + (d.typical ?? 0);
  s.max = s.max + (d.max ?? 0);
  if (d.typical === null || d.max === null) s.missing = true;
}

/** addDraw for each host of `hosts`, in order (a loop of its own). */
function addHosts(sums: ReadonlyMap<string, RackSums>, hosts: readonly Host[], table: Scenario['hardware'], draws: Map<string, ModelDraw>): void {
  for (let i = 0; i < hosts.length; i++) {
    const h = hosts[i]!;
    addDraw(sums.get(h.rack), drawOf(table, h.hardware, draws));
  }
}

/** addDraw for each host of one purchase (model figures `d`), in order. */
function addPurchased(sums: ReadonlyMap<string, RackSums>, hosts: Purchase['hosts'], d: ModelDraw): void {
  for (let i = 0; i < hosts.length; i++) addDraw(sums.get(hosts[i]!.rack), d);
}

/**
 * `rack.power_exceeded` (warning) for each rack whose maximum draw exceeds its power budget,
 * from the first month it does (0 with the scenario's hosts, else the delivery month of the
 * purchase that tips it over). value = maximum draw then (of the hosts with power data),
 * limit = budget, watts. A rack whose draw is unknown and not over with the known part gets none.
 */
export function rackPowerFindings(elevations: readonly RackElevation[]): Finding[] {
  const out: Finding[] = [];
  for (const e of elevations) {
    const budget = e.powerBudgetWatts;
    if (budget === null) continue;
    // the draw only grows at a delivery: the months to check are the delivery months
    const months = [...deliveryMonths(e.units)].sort((a, b) => a - b);
    const month = months.find((m) => knownMaxWattsAt(e.units, m) > budget);
    if (month === undefined) continue;
    const max = knownMaxWattsAt(e.units, month);
    const unknown = e.units.filter((u) => inServiceAt(u, month) && u.powerMaxWatts === null).map((u) => u.host);
    const what = month === 0 ? 'with the hosts in service at the start' : `after the ${e.units.find((u) => u.inServiceMonthIndex === month)?.inServiceMonth ?? ''} delivery`;
    out.push({
      code: 'rack.power_exceeded',
      severity: 'warning',
      subject: `rack ${e.name}`,
      message: `rack ${e.name} can draw ${unknown.length > 0 ? 'more than ' : ''}${max} W at maximum ${what}, over its ${budget} W power budget (${max - budget} W over)${unknown.length > 0 ? `; ${unknown.join(', ')} without power data not counted` : ''}`,
      ...(month === 0 ? {} : { month }),
      value: max,
      limit: budget,
      unit: 'W',
      source: 'headroom [model]: sum of the hardware maximum draw (power.max) per rack vs the rack powerBudget',
    });
  }
  return out;
}
