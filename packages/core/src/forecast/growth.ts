/**
 * Demand growth over the horizon, and the calendar labels of horizon months.
 */
import type { Growth } from '../model/scenario.js';

/**
 * Demand multiplier at month t (t = 0 is the start month: factor 1, no growth):
 *   compound: (1 + perMonth)^t        linear: 1 + perMonth × t
 * perMonth is a dimensionless fraction per month (0.03 = 3 %/month).
 * Examples: compound 0.1, t = 5 -> 1.1^5 = 1.61051; linear 0.1, t = 5 -> 1.5.
 * Source: headroom [model] (the scenario's demand.growth).
 */
export function growthFactor(growth: Growth, t: number): number {
  return growth.kind === 'compound' ? (1 + growth.perMonth) ** t : 1 + growth.perMonth * t;
}

/**
 * `YYYY-MM` label of month `index` counted from `start` (`YYYY-MM`, month 0 = start):
 * monthLabel('2027-11', 3) = '2028-02'. A start that is not `YYYY-MM` yields `M<index>`.
 */
export function monthLabel(start: string, index: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(start);
  if (!m) return `M${index}`;
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + index;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}
