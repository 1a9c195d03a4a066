/**
 * The whole bill and its running cost: the scenario's `costs:` prices after normalize, and the
 * cost plan evaluate computes from them (cost/cost.ts). Plain JSON.
 */

/** A price as the scenario gives it: an amount in an ISO 4217 currency (like `hardware.<key>.price`). */
export interface Price {
  amount: number;
  currency: string;
}

/**
 * The `costs:` section after normalize. Every price is optional: an item the plan needs and
 * the scenario does not price is an unpriced line of the bill (`cost.unpriced`), never a zero.
 */
export interface CostPrices {
  /** `owned` (default): the servers and racks of the start month are already bought, only their running cost counts; `buy`: their CAPEX is booked in the first month. */
  initialFleet: 'owned' | 'buy';
  /** One rack (cabinet), bought with the racks the plan adds (and the initial ones with initialFleet buy). */
  rack?: Price;
  /** One rack PDU: a rack has one per power feed (racks[].powerFeeds, default A and B). */
  pdu?: Price;
  /** One top-of-rack switch (racks[].switches: default a pair per rack; a name shared by racks is one switch). */
  torSwitch?: Price;
  /** One optical transceiver: two per cabled server port (server end and switch end). */
  optic?: Price;
  /** One cable (or patch lead) per cabled server port. */
  cable?: Price;
  /** Spare parts and spare servers as a share of the server CAPEX, bought with it (0.05 = 5 %). */
  sparesShare?: number;
  /** Support and warranty, per server in service per year. */
  supportPerServerYear?: Price;
  /** Energy, per kWh drawn from the grid (the IT load × PUE). */
  energyPerKwh?: Price;
  /** Power usage effectiveness: facility power / IT power (>= 1). Absent: 1, the IT load alone. */
  pue?: number;
  /** Colocation or rack space, per rack in service per month. */
  colocationPerRackMonth?: Price;
  /** Colocation or rack space, per rack unit the servers occupy per month. */
  colocationPerRuMonth?: Price;
}

/** The items of the bill. */
export type CostItem = 'servers' | 'racks' | 'pdus' | 'tor-switches' | 'optics' | 'cables' | 'spares' | 'support' | 'energy' | 'colocation-racks' | 'colocation-ru';

/** One line of the bill over the horizon. */
export interface CostLine {
  item: CostItem;
  /** The hardware key for `servers` lines (one line per model); absent otherwise. */
  subject?: string;
  /** CAPEX (bought once, booked in the month it arrives) or OPEX (every month in service). */
  kind: 'capex' | 'opex';
  /** Quantity over the horizon, in `unit`. */
  quantity: number;
  /** `server`, `rack`, `PDU`, `switch`, `transceiver`, `cable`, `<currency> of server CAPEX` (spares), `server-year`, `kWh`, `rack-month`, `RU-month`. */
  unit: string;
  /** Price of one `unit`, in the plan's currency (spares: the share, currency per unit of server CAPEX); null when unpriced. */
  unitPriceAmount: number | null;
  /** quantity × unit price (spares: share × server CAPEX); null when unpriced: the totals leave it out. */
  amount: number | null;
  /** How the quantity was counted, in words. */
  basis: string;
  /** Why the line has no amount, or what it leaves out (hosts without power data); absent when complete. */
  unpriced?: string;
}

/** One month of the horizon: what it costs. */
export interface CostMonth {
  index: number;
  /** `YYYY-MM` */
  month: string;
  /** CAPEX booked this month (deliveries; with initialFleet buy, the initial fleet in month 0). */
  capexAmount: number;
  /** Running cost of this month: support, energy, colocation. */
  opexAmount: number;
  /** Σ capex + opex up to and including this month. */
  cumulativeAmount: number;
  /** Σ typical draw of the servers in service (IT load), watts; hosts without power data count 0. */
  powerTypicalWatts: number;
  /** powerTypicalWatts × PUE × 730 h / 1000: energy drawn this month, kWh. */
  energyKwh: number;
  serversInService: number;
  racksInService: number;
}

/** TCO over the horizon divided by a capacity at the horizon's last month (the whole TCO each time: not an allocation between resources). */
export interface UnitCosts {
  /** Per vCPU of Placement capacity (all hosts, allocation ratio applied); null without it. */
  perVcpuAmount: number | null;
  /** Per GiB of Placement MEMORY_MB capacity. */
  perRamGibAmount: number | null;
  /** Per TB (10^12 bytes) of usable Ceph capacity: each rule set's raw capacity × Σ share/rawUsedRate of its pools. */
  perUsableTbAmount: number | null;
  /** Per TB of safe usable: the same from each set's threshold level (tolerated failures removed, at its threshold). */
  perSafeUsableTbAmount: number | null;
  /** The capacities divided by: vCPU, GiB, TB, TB. */
  vcpu: number | null;
  ramGib: number | null;
  usableTb: number | null;
  safeUsableTb: number | null;
}

/** The whole bill, its running cost month by month and the TCO over the horizon. */
export interface CostPlan {
  /** The single currency of every amount; null when nothing is priced. */
  currency: string | null;
  initialFleet: 'owned' | 'buy';
  /** Hours in a month for the energy figures: 8,760 h / 12 = 730. */
  hoursPerMonth: number;
  /** PUE the energy lines use (1 when the scenario gives none). */
  pue: number;
  lines: CostLine[];
  months: CostMonth[];
  capexTotalAmount: number;
  opexTotalAmount: number;
  /** Total cost of ownership over the horizon: capexTotalAmount + opexTotalAmount (priced lines only). */
  tcoAmount: number;
  /** Lines without an amount (or incomplete): their items, so a reader sees what the totals leave out. */
  unpricedItems: CostItem[];
  unitCosts: UnitCosts;
}
