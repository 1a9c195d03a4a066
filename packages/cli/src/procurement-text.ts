/** One line about plan.procurement for the text summary; undefined without a procurement: section. */
import type { PlanResult } from '@headroom/core';

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
