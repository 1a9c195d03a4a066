/** One line about plan.procurement for the text summary; undefined without a procurement: section. */
import type { PlanResult, SimulationResult } from '@headroom/core';

const amount = (n: number): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);

/**
 * `7 purchases, 578,000 EUR; first: order 2 × cmp-dl380g11 by 2028-01-08 (in service 2028-04);
 * headroom bom for the list`, or `no purchase needed within the horizon`.
 */
export function procurementSummary(plan: PlanResult): string | undefined {
  const p = plan.procurement;
  if (!p) return undefined;
  if (p.purchases.length === 0) return 'no purchase needed within the horizon';
  const first = [...p.purchases].sort((a, b) => a.orderBy.localeCompare(b.orderBy))[0]!;
  const n = p.purchases.length;
  const late = p.purchases.filter((x) => x.late).length;
  return (
    `${n} ${n === 1 ? 'purchase' : 'purchases'}${p.currency ? `, ${amount(p.capexTotalAmount)} ${p.currency}` : ''}; ` +
    `first: order ${first.quantity} × ${first.hardware} by ${first.orderBy} (in service ${first.deliveryMonth})` +
    `${late > 0 ? `; ${late} already late` : ''}; headroom bom for the list`
  );
}

/**
 * The text of `headroom simulate`: P10 / P50 / P90 of the CAPEX (with its currency code), the
 * hosts bought per role, the first delivery month (`YYYY-MM`) and the first order-by date
 * (`YYYY-MM-DD`); "none" where that share of the runs buys nothing within the horizon.
 */
export function simulationText(sim: SimulationResult, growth: { low: number; likely: number; high: number }): string {
  const nf = new Intl.NumberFormat('en-US');
  const cell = (v: string): string => v.padStart(12);
  const num = (name: string, p: { p10: number; p50: number; p90: number }): string => `  ${name.padEnd(26)}${[p.p10, p.p50, p.p90].map((v) => cell(nf.format(v))).join('')}`;
  const date = (name: string, p: { p10: string | null; p50: string | null; p90: string | null }): string =>
    `  ${name.padEnd(26)}${[p.p10, p.p50, p.p90].map((v) => cell(v ?? 'none')).join('')}`;
  return (
    [
      `${nf.format(sim.runs)} runs, seed ${sim.seed}, monthly growth triangular(${growth.low}, ${growth.likely}, ${growth.high}); nearest-rank percentiles`,
      ...((sim.bandedGrowths ?? []).length > 0 ? [`  drawn from their P10-P90 bands at one quantile per run: ${sim.bandedGrowths.join(', ')}`] : []),
      `  ${''.padEnd(26)}${['P10', 'P50', 'P90'].map(cell).join('')}`,
      num(`CAPEX total${sim.currency ? ` (${sim.currency})` : ''}`, sim.capexTotalAmount),
      num('compute hosts bought', sim.hosts.compute),
      num('storage hosts bought', sim.hosts.storage),
      date('first delivery (month)', sim.firstDeliveryMonth),
      date('first order by', sim.firstOrderBy),
    ].join('\n') + '\n'
  );
}
