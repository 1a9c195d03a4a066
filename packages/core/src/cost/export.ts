/**
 * The whole bill as CSV (`headroom bom --table cost`) and the month-by-month cost
 * (`--table months`): RFC 4180 like the purchase table (procurement/export.ts), units in the
 * column names (`amount_EUR`, `energy_kWh`, `it_load_W`).
 */
import type { CostPlan } from '../model/cost.js';
import { csvField } from '../procurement/export.js';

const table = (header: string[], rows: (string | number | boolean | null)[][]): string => [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

/** One row per line of the bill: item, model, CAPEX/OPEX, quantity and its unit, unit price, amount (empty: unpriced), how it was counted, why unpriced. */
export function costCsv(cost: CostPlan): string {
  const cur = cost.currency ?? 'unpriced';
  return table(
    ['item', 'hardware', 'kind', 'quantity', 'quantity_unit', `unit_price_${cur}`, `amount_${cur}`, 'basis', 'unpriced'],
    cost.lines.map((l) => [l.item, l.subject ?? null, l.kind, l.quantity, l.unit, l.unitPriceAmount, l.amount, l.basis, l.unpriced ?? null]),
  );
}

/** One row per month: CAPEX, OPEX, cumulative, servers and racks in service, IT load (typical draw) and energy. */
export function costMonthsCsv(cost: CostPlan): string {
  const cur = cost.currency ?? 'unpriced';
  return table(
    ['month', `capex_${cur}`, `opex_${cur}`, `cumulative_${cur}`, 'servers_in_service', 'racks_in_service', 'it_load_typical_W', 'energy_kWh'],
    cost.months.map((m) => [m.month, m.capexAmount, m.opexAmount, m.cumulativeAmount, m.serversInService, m.racksInService, m.powerTypicalWatts, m.energyKwh]),
  );
}
