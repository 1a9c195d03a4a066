/**
 * The whole bill and its running cost: what the plan buys beyond the servers (racks, PDUs,
 * top-of-rack switches, optics and cables per cabled port, spares) and what running it costs
 * (support, energy at the typical draw × PUE, colocation), CAPEX and OPEX month by month and
 * the total cost of ownership over the horizon. Pure: reads the fleet timeline evaluate built.
 *
 * Source: headroom [model]. The energy arithmetic is the usual one (kWh = W × h / 1000; PUE as
 * The Green Grid defines it, total facility power / IT equipment power, WP#49 "PUE: a
 * comprehensive examination of the metric"); 730 h is the mean month (8,760 h / 12).
 */
import type { Finding } from '../diagnostics/types.js';
import type { CostItem, CostLine, CostMonth, CostPlan, CostPrices, Price, UnitCosts } from '../model/cost.js';
import type { FleetHost } from '../model/fleet.js';
import type { NetworkPlan } from '../model/network.js';
import type { MonthRecord } from '../model/plan.js';
import type { Rack, Scenario } from '../model/scenario.js';
import { inServiceByMonth } from './in-service.js';

/** Mean hours in a month: 8,760 h a year / 12. */
export const HOURS_PER_MONTH = 730;

/** What the cost model reads: the fleet month by month, the network plan's cabled ports, the months' capacities, the pools' shares. */
export interface CostInput {
  /** Every host in service in some month (fleet timeline), purchased ones from their delivery month. */
  hosts: readonly FleetHost[];
  /** The scenario's racks, then the racks the purchases add (fleet timeline order). */
  racks: readonly Rack[];
  /** Months of the horizon, with each resource's capacity (for the unit costs). */
  months: readonly MonthRecord[];
  network?: NetworkPlan;
  /** Each Ceph pool's rule set (resource id), planned share and raw used rate (for usable TB). */
  pools: readonly { ruleSet: string; share: number; rawUsedRate: number }[];
}

const ITEM_LABEL: Record<CostItem, string> = {
  servers: 'servers',
  racks: 'racks',
  pdus: 'PDUs',
  'tor-switches': 'top-of-rack switches',
  optics: 'optics',
  cables: 'cables',
  spares: 'spares',
  support: 'support and warranty',
  energy: 'energy',
  'colocation-racks': 'colocation per rack',
  'colocation-ru': 'colocation per RU',
};

/** The item's words, for messages and the report. */
export function costItemLabel(item: CostItem): string {
  return ITEM_LABEL[item];
}

/**
 * The bill and the running cost of the fleet in `input` (cost/README in docs/formulas.md):
 * - servers: each bought host (purchased: delivery month; initial fleet with initialFleet buy:
 *   month 0) × its model's price; one line per model;
 * - racks: racks added (and the initial ones with buy) × costs.rack, in the month of their first host;
 * - PDUs: Σ over bought racks of their power feeds (one PDU per feed) × costs.pdu;
 * - top-of-rack switches: switch names first seen on a bought rack and on no owned rack × costs.torSwitch;
 * - optics: 2 × cabled ports of each bought server (ports with a link in the network plan; every
 *   NIC port without one) × costs.optic; cables: 1 per cabled port × costs.cable;
 * - spares: sparesShare × the priced server CAPEX of the month;
 * - support: servers in service × supportPerServerYear / 12, every month;
 * - energy: Σ typical W of servers in service × PUE × 730 h / 1000 = kWh × energyPerKwh;
 * - colocation: racks in service × colocationPerRackMonth; Σ heightRu of servers in service × colocationPerRuMonth.
 * TCO = Σ CAPEX + Σ OPEX over the horizon, priced lines only. A line with a quantity and no price
 * (or in another currency than the plan's) has amount null, its reason in `unpriced`, and is
 * listed in `unpricedItems` (and, when the scenario has a `costs:` section, in a `cost.unpriced`
 * finding; `cost.mixed_currency` always): the totals never count it as zero silently.
 * The plan's currency: the first priced bought server's, else the first costs price's.
 */
export function planCost(scenario: Scenario, input: CostInput): { plan: CostPlan; findings: Finding[] } {
  const prices: CostPrices = scenario.costs ?? { initialFleet: 'owned' };
  const horizon = input.months.length;
  const findings: Finding[] = [];
  const buyInitial = prices.initialFleet === 'buy';
  const bought = input.hosts.filter((h) => h.purchased || buyInitial);
  const boughtMonth = (h: FleetHost): number => (h.purchased ? h.fromMonth : 0);

  // the plan's currency: the priced bought server of the earliest month, the first in fleet order on ties
  let currency: string | null = null;
  let currencyMonth = Infinity;
  for (const h of bought) {
    const p = scenario.hardware[h.hardware]?.price;
    if (p && boughtMonth(h) < currencyMonth) {
      currency = p.currency;
      currencyMonth = boughtMonth(h);
    }
  }
  const priceKeys: (keyof CostPrices)[] = ['rack', 'pdu', 'torSwitch', 'optic', 'cable', 'supportPerServerYear', 'energyPerKwh', 'colocationPerRackMonth', 'colocationPerRuMonth'];
  if (currency === null) {
    for (const k of priceKeys) {
      const p = prices[k] as Price | undefined;
      if (p) {
        currency = p.currency;
        break;
      }
    }
  }
  /** The amount of one unit in the plan's currency, or why there is none. */
  const priceOf = (p: Price | undefined, key: string): { amount: number } | { unpriced: string } => {
    const path = key.startsWith('hardware.') ? key : `costs.${key}`;
    if (!p) return { unpriced: `no price (${path})` };
    if (p.currency !== currency) {
      findings.push({ code: 'cost.mixed_currency', severity: 'warning', subject: path, message: `${path} is priced in ${p.currency}, not ${currency}: left out of the totals` });
      return { unpriced: `priced in ${p.currency}, not ${currency}` };
    }
    return { amount: p.amount };
  };

  const capex = new Array<number>(horizon).fill(0);
  const opex = new Array<number>(horizon).fill(0);
  const lines: CostLine[] = [];
  const at = (m: number): number => Math.min(Math.max(0, m), Math.max(0, horizon - 1));
  /** Adds a line from per-month quantities and a unit price. */
  const addLine = (
    item: CostItem,
    kind: 'capex' | 'opex',
    unit: string,
    byMonth: number[],
    price: { amount: number } | { unpriced: string },
    basis: string,
    subject?: string,
  ): CostLine => {
    const quantity = byMonth.reduce((a, b) => a + b, 0);
    const line: CostLine = { item, ...(subject === undefined ? {} : { subject }), kind, quantity, unit, unitPriceAmount: null, amount: null, basis };
    if ('amount' in price) {
      line.unitPriceAmount = price.amount;
      line.amount = quantity * price.amount;
      const book = kind === 'capex' ? capex : opex;
      byMonth.forEach((q, m) => {
        book[m] = book[m]! + q * price.amount;
      });
    } else if (quantity > 0) {
      line.unpriced = price.unpriced;
    }
    lines.push(line);
    return line;
  };

  // servers, one line per model
  // bought servers per model (first-appearance order) and month
  const boughtByModel = new Map<string, number[]>();
  for (const h of bought) {
    let byMonth = boughtByModel.get(h.hardware);
    if (!byMonth) {
      byMonth = new Array<number>(horizon).fill(0);
      boughtByModel.set(h.hardware, byMonth);
    }
    byMonth[at(boughtMonth(h))]! += 1;
  }
  const serverCapex = new Array<number>(horizon).fill(0);
  for (const [key, byMonth] of boughtByModel) {
    const hw = scenario.hardware[key];
    const line = addLine(
      'servers',
      'capex',
      'server',
      byMonth,
      priceOf(hw?.price, `hardware.${key}.price`),
      `${buyInitial ? 'initial fleet and purchases' : 'purchases'} of ${hw?.model ?? key}`,
      key,
    );
    if (line.unitPriceAmount !== null)
      byMonth.forEach((q, m) => {
        serverCapex[m] = serverCapex[m]! + q * line.unitPriceAmount!;
      });
  }

  // racks: the month of their first host; the initial ones bought only with initialFleet buy
  const initialRacks = new Set(scenario.racks.map((r) => r.name));
  const firstHost = new Map<string, number>();
  for (const h of input.hosts) firstHost.set(h.rack, Math.min(firstHost.get(h.rack) ?? Infinity, h.fromMonth));
  const rackMonth = (r: Rack): number => (initialRacks.has(r.name) ? 0 : (firstHost.get(r.name) ?? horizon));
  const boughtRacks = input.racks.filter((r) => (buyInitial || !initialRacks.has(r.name)) && rackMonth(r) < horizon);
  const perMonth = (items: readonly { month: number; n: number }[]): number[] => {
    const out = new Array<number>(horizon).fill(0);
    for (const x of items) out[at(x.month)]! += x.n;
    return out;
  };
  addLine(
    'racks',
    'capex',
    'rack',
    perMonth(boughtRacks.map((r) => ({ month: rackMonth(r), n: 1 }))),
    priceOf(prices.rack, 'rack'),
    buyInitial ? 'every rack' : 'racks the purchases add',
  );
  addLine(
    'pdus',
    'capex',
    'PDU',
    perMonth(boughtRacks.map((r) => ({ month: rackMonth(r), n: (r.powerFeeds ?? ['A', 'B']).length }))),
    priceOf(prices.pdu, 'pdu'),
    'one per power feed of each bought rack',
  );
  const boughtSet = new Set(boughtRacks);
  const ownedSwitches = new Set(input.racks.filter((r) => !boughtSet.has(r)).flatMap((r) => r.switches ?? [`${r.name}-tor-a`, `${r.name}-tor-b`]));
  const switchMonth = new Map<string, number>();
  for (const r of boughtRacks) {
    for (const s of r.switches ?? [`${r.name}-tor-a`, `${r.name}-tor-b`]) {
      if (!ownedSwitches.has(s)) switchMonth.set(s, Math.min(switchMonth.get(s) ?? Infinity, rackMonth(r)));
    }
  }
  addLine(
    'tor-switches',
    'capex',
    'switch',
    perMonth([...switchMonth.values()].map((month) => ({ month, n: 1 }))),
    priceOf(prices.torSwitch, 'torSwitch'),
    'each top-of-rack switch of a bought rack (a name shared by racks counts once)',
  );

  // cabled ports per bought server: the network plan's ports with a link, else every NIC port
  const cabled = new Map<string, number>();
  for (const r of input.network?.roles ?? []) cabled.set(`${r.role}/${r.hardware}`, r.ports.filter((p) => p.link !== null).length);
  let portsGuessed = false;
  // per role, then model: the ports of one server
  const portsByRole = new Map<string, Map<string, number>>();
  const portsOf = (h: FleetHost): number => {
    let byModel = portsByRole.get(h.role);
    if (!byModel) {
      byModel = new Map();
      portsByRole.set(h.role, byModel);
    }
    let n = byModel.get(h.hardware);
    if (n === undefined) {
      const known = cabled.get(`${h.role}/${h.hardware}`);
      if (known === undefined) portsGuessed = true;
      n = known ?? (scenario.hardware[h.hardware]?.nics ?? []).reduce((a, x) => a + x.ports, 0);
      byModel.set(h.hardware, n);
    }
    return n;
  };
  const ports = new Array<number>(horizon).fill(0);
  for (const h of bought) ports[at(boughtMonth(h))]! += portsOf(h);
  const portBasis = portsGuessed
    ? "cabled server port (the network plan's; every NIC port of models it does not cover)"
    : "cabled server port (the network plan's bonds and ports)";
  addLine(
    'optics',
    'capex',
    'transceiver',
    ports.map((n) => 2 * n),
    priceOf(prices.optic, 'optic'),
    `two per ${portBasis}`,
  );
  addLine('cables', 'capex', 'cable', ports, priceOf(prices.cable, 'cable'), `one per ${portBasis}`);

  // spares: a share of the priced server CAPEX, in the same months
  const sparesBase = serverCapex.reduce((a, b) => a + b, 0);
  if (prices.sparesShare === undefined) {
    lines.push({
      item: 'spares',
      kind: 'capex',
      quantity: sparesBase,
      unit: `${currency ?? 'currency'} of server CAPEX`,
      unitPriceAmount: null,
      amount: null,
      basis: 'a share of the server CAPEX',
      ...(sparesBase > 0 ? { unpriced: 'no share (costs.sparesShare)' } : {}),
    });
  } else {
    const share = prices.sparesShare;
    serverCapex.forEach((a, m) => {
      capex[m] = capex[m]! + a * share;
    });
    // dimensionally a price: `share` of the currency per unit of server CAPEX
    lines.push({
      item: 'spares',
      kind: 'capex',
      quantity: sparesBase,
      unit: `${currency ?? 'currency'} of server CAPEX`,
      unitPriceAmount: share,
      amount: sparesBase * share,
      basis: `${share * 100} % of the server CAPEX`,
    });
  }

  // running cost, month by month, of the servers and racks in service
  const pue = prices.pue ?? 1;
  // servers, RU and watts per month from per-model counts (cost/in-service.ts)
  const { servers, watts, ru, noPower } = inServiceByMonth(scenario, input.hosts, horizon);
  // racks in service in month m: those whose first month (rackMonth) is at or before m
  const racks = new Array<number>(horizon).fill(0);
  for (const r of input.racks) {
    const from = rackMonth(r);
    if (from < horizon) racks[Math.max(0, from)]! += 1;
  }
  for (let m = 1; m < horizon; m++) racks[m]! += racks[m - 1]!;
  const kwh = watts.map((w) => (w * pue * HOURS_PER_MONTH) / 1000);
  const support = priceOf(prices.supportPerServerYear, 'supportPerServerYear');
  const supportLine = addLine(
    'support',
    'opex',
    'server-year',
    servers.map((n) => n / 12),
    support,
    'servers in service × months / 12',
  );
  // the sum of n / 12 drifts in floating point (22.000000000000004): the total is Σ n / 12, once
  const serverMonths = servers.reduce((a, b) => a + b, 0);
  supportLine.quantity = serverMonths / 12;
  if (supportLine.unitPriceAmount !== null) supportLine.amount = (serverMonths * supportLine.unitPriceAmount) / 12;
  const energy = addLine(
    'energy',
    'opex',
    'kWh',
    kwh,
    priceOf(prices.energyPerKwh, 'energyPerKwh'),
    `typical draw of the servers in service × PUE ${pue}${prices.pue === undefined ? ' (costs.pue not set: the IT load alone)' : ''} × ${HOURS_PER_MONTH} h a month`,
  );
  if (noPower.size > 0) energy.unpriced = `${[...noPower].join(', ')} ${noPower.size === 1 ? 'has' : 'have'} no power data: not counted`;
  const colocation: CostLine[] = [];
  if (prices.colocationPerRackMonth || !prices.colocationPerRuMonth)
    colocation.push(addLine('colocation-racks', 'opex', 'rack-month', racks, priceOf(prices.colocationPerRackMonth, 'colocationPerRackMonth'), 'racks in service each month'));
  if (prices.colocationPerRuMonth)
    colocation.push(
      addLine('colocation-ru', 'opex', 'RU-month', ru, priceOf(prices.colocationPerRuMonth, 'colocationPerRuMonth'), 'rack units of the servers in service each month'),
    );
  // without either colocation price the rack line says it is unpriced; with one, the other is not needed
  if (!prices.colocationPerRackMonth && !prices.colocationPerRuMonth && colocation[0])
    colocation[0].unpriced = 'no price (costs.colocationPerRackMonth or costs.colocationPerRuMonth)';

  const months: CostMonth[] = [];
  let cumulative = 0;
  for (let m = 0; m < horizon; m++) {
    cumulative += capex[m]! + opex[m]!;
    months.push({
      index: m,
      month: input.months[m]!.month,
      capexAmount: capex[m]!,
      opexAmount: opex[m]!,
      cumulativeAmount: cumulative,
      powerTypicalWatts: watts[m]!,
      energyKwh: kwh[m]!,
      serversInService: servers[m]!,
      racksInService: racks[m]!,
    });
  }
  const capexTotal = capex.reduce((a, b) => a + b, 0);
  const opexTotal = opex.reduce((a, b) => a + b, 0);
  const unpricedItems = [...new Set(lines.filter((l) => l.unpriced !== undefined).map((l) => l.item))];
  // the finding only when the scenario prices its bill (a `costs:` section): without one, every
  // plan would carry it; the lines still say `unpriced` and the totals leave them out
  if (unpricedItems.length > 0 && scenario.costs !== undefined) {
    findings.push({
      code: 'cost.unpriced',
      severity: 'info',
      subject: 'costs',
      message: `the bill leaves out what has no price: ${lines
        .filter((l) => l.unpriced !== undefined)
        .map((l) => `${ITEM_LABEL[l.item]}${l.subject ? ` ${l.subject}` : ''} (${l.unpriced})`)
        .join('; ')}`,
    });
  }
  const tco = capexTotal + opexTotal;
  return {
    plan: {
      currency,
      initialFleet: prices.initialFleet,
      hoursPerMonth: HOURS_PER_MONTH,
      pue,
      lines,
      months,
      capexTotalAmount: capexTotal,
      opexTotalAmount: opexTotal,
      tcoAmount: tco,
      unpricedItems,
      unitCosts: unitCosts(tco, input),
    },
    findings,
  };
}

/**
 * TCO / capacity in the horizon's last month: vCPU (compute.vcpu capacity), GiB (compute.memory
 * MiB / 1,024), usable TB (Σ over rule sets of capacity raw × usable factor / 10^12) and safe
 * usable TB (the same from each set's thresholdLevel). A set's usable factor is Σ share / rawUsedRate
 * over its pools ÷ Σ share (the raw split as the pools' shares plan it). Null when a capacity is 0.
 */
export function unitCosts(tco: number, input: CostInput): UnitCosts {
  const last = input.months[input.months.length - 1];
  const res = last?.resources ?? {};
  const vcpu = res['compute.vcpu']?.capacity ?? null;
  const ramGib = res['compute.memory'] ? res['compute.memory'].capacity / 1024 : null;
  let usable = 0;
  let safe = 0;
  let anyStorage = false;
  for (const [id, r] of Object.entries(res)) {
    if (!id.startsWith('storage.')) continue;
    const pools = input.pools.filter((p) => p.ruleSet === id && p.rawUsedRate > 0);
    const shares = pools.reduce((a, p) => a + p.share, 0);
    const factor = shares > 0 ? pools.reduce((a, p) => a + p.share / p.rawUsedRate, 0) / shares : pools.length > 0 ? 1 / pools[0]!.rawUsedRate : 0;
    if (factor === 0) continue;
    anyStorage = true;
    usable += (r.capacity * factor) / 1e12;
    safe += (r.thresholdLevel * factor) / 1e12;
  }
  const per = (x: number | null): number | null => (x !== null && x > 0 ? tco / x : null);
  return {
    perVcpuAmount: per(vcpu),
    perRamGibAmount: per(ramGib),
    perUsableTbAmount: anyStorage ? per(usable) : null,
    perSafeUsableTbAmount: anyStorage ? per(safe) : null,
    vcpu,
    ramGib,
    usableTb: anyStorage ? usable : null,
    safeUsableTb: anyStorage ? safe : null,
  };
}
