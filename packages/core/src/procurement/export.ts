/**
 * The bill of materials as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a
 * comma, quote or line break quoted, quotes doubled) and as JSON. Units are in the column
 * names: prices in the plan's currency (`unit_price_EUR`), watts, BTU per hour, rack units.
 * Text cells that would start a formula are prefixed with a single quote (see csvField).
 */
import type { ProcurementPlan } from '../model/procurement.js';
import type { CostPlan } from '../model/cost.js';

/** Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. Text starting with = + - @, a tab or a carriage return (names come from the
 * scenario) is neutralised as OWASP's CSV-injection page advises: prefixed with a single
 * quote, so that Excel, LibreOffice and Google Sheets show it as text instead of running it.
 * Numbers are ours, and only finite ones are written (a non-finite number is an empty cell).
 */
export function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'number' && !Number.isFinite(v)) return '';
  let s = typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v);
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per purchase, in schedule order, after a header row. Empty cells: no price or power data. */
export function procurementCsv(plan: ProcurementPlan): string {
  const cur = plan.currency ?? 'unpriced';
  const header = [
    'order_by',
    'delivery_month',
    'late',
    'role',
    'hardware',
    'model',
    'quantity',
    `unit_price_${cur}`,
    `total_price_${cur}`,
    `cumulative_price_${cur}`,
    'height_RU',
    'power_typical_W',
    'power_max_W',
    'heat_typical_BTU_per_h',
    'cumulative_power_typical_W',
    'lead_time_weeks',
    'placement',
    'racks_added',
    'reason',
  ];
  const rows = plan.purchases.map((p) => [
    p.orderBy,
    p.deliveryMonth,
    p.late,
    p.role,
    p.hardware,
    p.model,
    p.quantity,
    p.currency === plan.currency ? p.unitPriceAmount : null,
    p.currency === plan.currency ? p.totalPriceAmount : null,
    p.cumulativePriceAmount,
    p.heightRuTotal,
    p.powerTypicalWatts,
    p.powerMaxWatts,
    p.heatTypicalBtuPerHour,
    p.cumulativePowerTypicalWatts,
    p.leadTimeWeeks,
    Object.entries(p.placement)
      .map(([r, n]) => `${r}:${n}`)
      .join(' '),
    p.racksAdded.map((r) => `${r.name} (${r.reason})`).join(' '),
    p.reasons.map((r) => `${r.resource} above ${r.threshold}`).join('; '),
  ]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The procurement plan as JSON text (2-space indent, trailing newline), with the whole bill under `cost` when given. */
export function procurementJson(plan: ProcurementPlan, cost?: CostPlan): string {
  return `${JSON.stringify(cost ? { ...plan, cost } : plan, null, 2)}\n`;
}
