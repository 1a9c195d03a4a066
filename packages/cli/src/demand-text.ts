/**
 * The percentile plans in the text summary (PlanResult.demandPercentiles: fitted growths with
 * P10 / P90 rates): the first order-by date, the bottleneck month and the purchases on each
 * path, and the P90 date as "order by … to be 90 % sure". Reads only the PlanResult.
 */
import type { PlanResult } from '@headroom/core';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `2027-11-09` -> `9 Nov 2027`. */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** Lines for the summary; none without percentile plans. */
export function demandPercentileLines(plan: PlanResult, bold: (s: string) => string = (s) => s): string[] {
  const d = plan.demandPercentiles;
  if (!d) return [];
  const [p10, p50, p90] = d.plans;
  if (!p10 || !p50 || !p90) return [];
  const fitted = d.bands.filter((b) => b.fit).length;
  const three = (f: (p: NonNullable<typeof p10>) => string): string => [p10, p50, p90].map(f).join(' / ');
  const label = (id: string): string => plan.resources.find((r) => r.id === id)?.label ?? id;
  const lines = [
    `${bold('Demand paths:')} P10 / P50 / P90 of ${d.bands.length} growth${d.bands.length === 1 ? '' : 's'} with a band${fitted > 0 ? ` (${fitted} fitted from history, 80 % prediction interval)` : ''}`,
    `  runs out       ${three((p) => (p.bottleneck ? `${p.bottleneck.month}` : 'never'))}${p50.bottleneck ? ` (${label(p50.bottleneck.resource)}, without purchases)` : ''}`,
  ];
  if (plan.procurement) {
    lines.push(`  purchases      ${three((p) => String(p.purchases.length))}`);
    lines.push(`  first order by ${three((p) => p.firstOrderBy ?? 'none')}${p90.firstOrderBy ? `: order by ${formatDay(p90.firstOrderBy)} to be 90 % sure` : ''}`);
  }
  return lines;
}
