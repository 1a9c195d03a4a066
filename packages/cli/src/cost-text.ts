/** One line about plan.cost for the text summary (the whole bill and running cost, computed in core). */
import type { PlanResult } from '@headroom/core';

const amount = (n: number): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);

/**
 * `TCO 1,039,776 EUR over 24 months (CAPEX 561,096, running 478,680); unpriced: energy;
 * headroom bom --table cost for the bill`; undefined when nothing is priced and nothing unpriced.
 */
export function costSummary(plan: PlanResult): string | undefined {
  const c = plan.cost;
  if (!c || (c.currency === null && c.unpricedItems.length === 0)) return undefined;
  const money =
    c.currency === null
      ? 'nothing priced'
      : `TCO ${amount(c.tcoAmount)} ${c.currency} over ${c.months.length} months (CAPEX ${amount(c.capexTotalAmount)}, running ${amount(c.opexTotalAmount)})`;
  const unpriced = c.unpricedItems.length > 0 ? `; unpriced: ${c.unpricedItems.join(', ')}` : '';
  return `${money}${unpriced}; headroom bom --table cost for the bill`;
}
