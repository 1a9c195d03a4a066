/**
 * Formatting helpers: numbers from a PlanResult -> text with units. Formatting only: unit
 * conversion for display (bytes -> TB, MiB -> GiB, ratio -> %), rounding and grouping.
 * No capacity arithmetic happens here. Output does not depend on the locale or time zone.
 *
 * Storage sizes are shown in decimal units (1 TB = 10^12 bytes), as drive vendors and
 * `ceph df` in bytes divided by 10^12 count them; memory is shown in binary units
 * (1 GiB = 2^30 bytes), as Nova counts MEMORY_MB in MiB.
 */

/** Shown where a value is absent (null, undefined, NaN, infinite). */
export const MISSING = '—';

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/** The statement the report prints about its units. */
export const UNITS_NOTE =
  'Storage sizes are decimal: 1 TB = 10^12 bytes (not TiB). Memory sizes are binary: 1 GiB = 2^30 bytes. Placement values are in Placement units: VCPU count, MEMORY_MB in MiB, DISK_GB in GiB.';

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Fixed-point number with `,` thousands separators: `formatNumber(1234567.891, 1)` is
 * `"1,234,567.9"`. Locale-independent. Absent values give `MISSING`.
 */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (!isNumber(value)) return MISSING;
  const fixed = Math.abs(value).toFixed(digits);
  const [int = '0', frac] = fixed.split('.');
  const negative = value < 0 && Number(fixed) !== 0;
  return (negative ? '-' : '') + groupThousands(int) + (frac === undefined ? '' : `.${frac}`);
}

/**
 * A dimensionless factor with up to `maxDigits` decimals and at least one:
 * allocation ratio 4 -> "4.0", raw used rate 1.5 -> "1.5", 4/3 -> "1.33".
 */
export function formatFactor(value: number | null | undefined, maxDigits = 2): string {
  if (!isNumber(value)) return MISSING;
  let text = formatNumber(value, maxDigits);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '.0');
  else text += '.0';
  return text;
}

function scaled(value: number, base: number, units: readonly string[], digitsOption: number | undefined): string {
  if (!isNumber(value)) return MISSING;
  let exponent = 0;
  let magnitude = Math.abs(value);
  while (exponent < units.length - 1 && magnitude >= base) {
    magnitude /= base;
    exponent++;
  }
  // 999.96 TB would print as "1000.0 TB": move to the next unit instead.
  if (exponent < units.length - 1 && Number(magnitude.toFixed(digitsOption ?? 1)) >= base) {
    magnitude /= base;
    exponent++;
  }
  // Default precision: one decimal, two below 10 so that 3.84 PB does not print as 3.8 PB.
  const digits = digitsOption ?? (Number(magnitude.toFixed(1)) < 10 ? 2 : 1);
  const shown = exponent === 0 ? formatNumber(magnitude, 0) : formatNumber(magnitude, digits);
  return `${value < 0 ? '-' : ''}${shown} ${units[exponent]}`;
}

/**
 * Bytes in decimal units with one decimal, two below 10: `formatBytes(40e12)` is
 * `"40.0 TB"`, `formatBytes(552.96e12)` is `"553.0 TB"`, `formatBytes(3.84e15)` is
 * `"3.84 PB"`. `digits` fixes the number of decimals.
 */
export function formatBytes(bytes: number | null | undefined, digits?: number): string {
  if (!isNumber(bytes)) return MISSING;
  return scaled(bytes, 1000, DECIMAL_UNITS, digits);
}

/**
 * Bytes in binary units with one decimal, two below 10: `formatBinaryBytes(2 ** 40)` is
 * `"1.00 TiB"`, `formatBinaryBytes(24 * 2 ** 30)` is `"24.0 GiB"`. `digits` fixes the decimals.
 */
export function formatBinaryBytes(bytes: number | null | undefined, digits?: number): string {
  if (!isNumber(bytes)) return MISSING;
  return scaled(bytes, 1024, BINARY_UNITS, digits);
}

/** "960.00 GB" -> "960 GB", "7.60 TB" -> "7.6 TB"; numbers without a decimal point are kept. */
function trimZeros(text: string): string {
  return text.replace(/^(-?[\d,]+)\.(\d*?)0+ /, (_all, int: string, frac: string) => (frac ? `${int}.${frac} ` : `${int} `));
}

/**
 * A catalogue size as a vendor writes it: decimal units, up to two decimals, trailing
 * zeros dropped: 3.84e12 -> "3.84 TB", 960e9 -> "960 GB", 7.68e12 -> "7.68 TB".
 */
export function formatDriveSize(bytes: number | null | undefined): string {
  if (!isNumber(bytes)) return MISSING;
  return trimZeros(formatBytes(bytes, 2));
}

/** Memory size in binary units, trailing zeros dropped: 256 GiB -> "256 GiB", 1.5 TiB -> "1.5 TiB". */
export function formatMemorySize(bytes: number | null | undefined): string {
  if (!isNumber(bytes)) return MISSING;
  return trimZeros(formatBinaryBytes(bytes, 2));
}

/** A ratio (0..1) as a percentage: `formatPercent(0.8)` is `"80.0%"`; `formatPercent(0.8, 0)` is `"80%"`. */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (!isNumber(ratio)) return MISSING;
  return `${formatNumber(ratio * 100, digits)}%`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `YYYY-MM` -> `"Jan 2027"`. Anything else is returned unchanged (the caller escapes it). */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const name = MONTH_NAMES[Number(match[2]) - 1];
  return name === undefined ? month : `${name} ${match[1]}`;
}

/** `YYYY-MM-DD` -> `"8 Jan 2028"`. Anything else is returned unchanged (the caller escapes it). */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const name = MONTH_NAMES[Number(match[2]) - 1];
  return name === undefined ? date : `${Number(match[3])} ${name} ${match[1]}`;
}

/** An amount of money with grouping and its currency code: 578000, "EUR" -> "578,000 EUR"; null -> MISSING. */
export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (!isNumber(amount)) return MISSING;
  return `${formatNumber(amount)} ${currency ?? ''}`.trim();
}

/** Label of the horizon month with 0-based `index`, looked up in the plan's months (no date arithmetic). */
export function formatMonthIndex(months: readonly { index: number; month: string }[], index: number): string {
  const record = months.find((m) => m.index === index) ?? months[index];
  return record ? formatMonth(record.month) : `month ${index}`;
}

/** "1 month", "9 months". */
export function formatMonthCount(count: number): string {
  return `${formatNumber(count)} ${count === 1 ? 'month' : 'months'}`;
}

/**
 * A value in the unit a ResourceInfo or Finding names: `vCPU`/`VCPU` counts, `MiB`/`GiB`
 * always as GiB with up to two decimals (1,310,720 MiB -> "1,280 GiB", never TiB: one unit per table), `bytes` as decimal
 * sizes with one decimal (40e12 -> "40.0 TB"), `ratio` as a percentage, anything else as a
 * number followed by the unit.
 */
export function formatQuantity(value: number | null | undefined, unit: string | undefined): string {
  if (!isNumber(value)) return MISSING;
  switch (unit) {
    case 'vCPU':
    case 'VCPU':
      return `${formatNumber(value, Number.isInteger(value) ? 0 : 1)} vCPU`;
    // always GiB (never TiB), so that a table or a finding keeps one unit: "26,838.05 GiB"
    case 'MiB':
    case 'MEMORY_MB':
      return gibText(value / 1024);
    case 'GiB':
    case 'DISK_GB':
      return gibText(value);
    case 'bytes':
    case 'B':
      return formatBytes(value);
    case 'ratio':
      return formatPercent(value);
    case undefined:
    case '':
      return formatNumber(value, Number.isInteger(value) ? 0 : 2);
    default:
      return `${formatNumber(value, Number.isInteger(value) ? 0 : 2)} ${unit}`;
  }
}

/** GiB with grouping and up to two decimals, trailing zeros dropped: 26,838.0498 -> "26,838.05 GiB", 8 -> "8 GiB". */
function gibText(gib: number): string {
  return trimZeros(`${formatNumber(gib, Number.isInteger(gib) ? 0 : 2)} GiB`);
}

/** MiB (Placement MEMORY_MB) shown as whole GiB with grouping: 1,523,712 MiB -> "1,488 GiB". */
export function formatMibAsGib(mib: number | null | undefined): string {
  return isNumber(mib) ? `${formatNumber(mib / 1024, Number.isInteger(mib / 1024) ? 0 : 1)} GiB` : MISSING;
}

/** How a chart shows values of a unit: the display unit and the factor from the plan's unit to it. */
export interface ChartScale {
  /** Multiply a plan value by this to get the charted value. */
  factor: number;
  /** Unit of the charted value, for the axis title. */
  unit: string;
}

/** Display scale for charts: MiB -> GiB, GiB -> GiB, bytes -> TB (decimal), counts unchanged. */
export function chartScale(unit: string): ChartScale {
  switch (unit) {
    case 'MiB':
    case 'MEMORY_MB':
      return { factor: 1 / 1024, unit: 'GiB' };
    case 'bytes':
    case 'B':
      return { factor: 1e-12, unit: 'TB' };
    default:
      return { factor: 1, unit };
  }
}

/** Bits per second in Gbit/s (10^9 bit/s), up to two decimals: 25e9 -> "25 Gbit/s", 3.529e9 -> "3.53 Gbit/s". */
export function formatBitrate(bps: number | null | undefined): string {
  if (!isNumber(bps)) return MISSING;
  const gbit = bps / 1e9;
  const text = formatNumber(gbit, Number.isInteger(gbit) ? 0 : gbit < 10 ? 2 : 1);
  return `${text} Gbit/s`;
}

/** Seconds as hours and minutes: 4464 -> "1 h 14 min"; 620 -> "10 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNumber(seconds)) return MISSING;
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${formatNumber(h)} h ${m} min` : `${m} min`;
}

/**
 * A value of an explanation (PlanResult.explanations) in its unit, for the formula popover:
 * bytes as decimal and binary sizes with two decimals ("33.79 TB (30.73 TiB)"), MiB with their GiB
 * ("507,904 MiB (496 GiB)"), bit/s as Gbit/s, bytes/s as MB/s-style decimal sizes per second,
 * seconds with hours and minutes, months as a count, ratios ('' unit) as a factor with the
 * percentage below 1 ("0.55 (55.0%)"), anything else as a number and its unit word. Text
 * values (a month, a date, a rule) are returned as they are.
 */
export function formatExplained(value: number | string, unit: string): string {
  if (typeof value === 'string') return value;
  if (!isNumber(value)) return MISSING;
  switch (unit) {
    case 'bytes':
      return Math.abs(value) >= 1000 ? `${formatDriveSize(value)} (${formatMemorySize(value)})` : `${formatNumber(value)} bytes`;
    case 'MiB':
      return `${formatNumber(value, Number.isInteger(value) ? 0 : 1)} MiB (${formatMemorySize(value * 2 ** 20)})`;
    case 'GiB':
      return `${formatNumber(value, Number.isInteger(value) ? 0 : 1)} GiB`;
    case 'bit/s':
      return formatBitrate(value);
    case 'bytes/s':
      return `${formatBytes(value)}/s`;
    case 's':
      return value >= 60 ? `${formatNumber(value, Number.isInteger(value) ? 0 : 1)} s (${formatDuration(value)})` : `${formatNumber(value, Number.isInteger(value) ? 0 : 1)} s`;
    case 'months':
      return formatMonthCount(value);
    case '': {
      const factor = formatFactor(value, 4);
      return value > 0 && value < 1 ? `${factor} (${formatPercent(value)})` : factor;
    }
    default:
      return formatQuantity(value, unit);
  }
}

const YEAR_SCALES: readonly [number, string][] = [
  [1e12, 'trillion'],
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
];

/**
 * "1 in N years" for a mean time between data-loss events (CephPoolDurability.oneInYears), as
 * core's formatOneInYears writes it for the CLI: 348,568,789 -> "1 in 348.6 million years";
 * 12.34 -> "1 in 12 years"; from 10^15 on in powers of ten; absent -> "never (no failure rate)".
 */
export function formatOneInYears(years: number | null | undefined): string {
  if (!isNumber(years) || !Number.isFinite(years)) return 'never (no failure rate)';
  if (years >= 1e15) return `1 in ${years.toExponential(2)} years`;
  for (const [base, word] of YEAR_SCALES) if (years >= base) return `1 in ${formatNumber(years / base, 1)} ${word} years`;
  return `1 in ${formatNumber(years, years < 10 ? 1 : 0)} years`;
}
