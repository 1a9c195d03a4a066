/** Calendar arithmetic for order dates, from the scenario's start month only (no clock). */

/**
 * Order-by date, `YYYY-MM-DD`: the first day of month `monthIndex` after `start` (`YYYY-MM`)
 * minus leadTimeWeeks × 7 days (fractional days rounded up: order earlier, not later).
 * Example: start 2027-01, month 15 = 2028-04-01; 12 weeks = 84 days: 2028-04-01 - 31 days
 * (March) = 2028-03-01, - 29 days (February 2028) = 2028-02-01, - the remaining 24 days =
 * 2028-01-08. Null when start is not `YYYY-MM`.
 */
export function orderByDate(start: string, monthIndex: number, leadTimeWeeks: number): { date: string; beforeStart: boolean } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(start);
  if (!m) return null;
  const startMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
  const deliveryMs = Date.UTC(Number(m[1]), Number(m[2]) - 1 + monthIndex, 1);
  const days = Math.ceil(leadTimeWeeks * 7);
  const orderMs = deliveryMs - days * 86_400_000;
  return { date: new Date(orderMs).toISOString().slice(0, 10), beforeStart: orderMs < startMs };
}
