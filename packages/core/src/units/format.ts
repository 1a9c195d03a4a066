/**
 * Formatting of canonical quantities for people. Decimal (TB = 10^12 bytes, as drives are
 * sold) and binary (TiB = 2^40 bytes, what `ceph df` prints) are never mixed: the caller
 * says which, and the unit symbol printed says which.
 */
/*
 * Fixed-unit formatting for finding messages and role-check strings. Deterministic (no
 * locale, no Intl): the same number always prints the same way on every machine.
 */
export const MIB = 1024 ** 2;
export const GIB = 1024 ** 3;
export const TB = 1e12;

/**
 * A number rounded to at most `maxDecimals` decimals, trailing zeros removed, thousands
 * grouped with commas: 520192 -> "520,192", 0.8333 -> "0.83", 68e12/1e12 -> "68".
 */
export function fmtNumber(value: number, maxDecimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  const [intPart = '0', fracPart] = rounded.toFixed(maxDecimals).split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = fracPart?.replace(/0+$/, '') ?? '';
  return `${sign}${grouped}${frac ? `.${frac}` : ''}`;
}

/** Bytes as binary gibibytes: 512 × 2^30 bytes -> "512 GiB". */
export function fmtGiB(bytes: number): string {
  return `${fmtNumber(bytes / GIB)} GiB`;
}

/** Bytes as decimal terabytes: 68e12 bytes -> "68 TB". */
export function fmtTB(bytes: number): string {
  return `${fmtNumber(bytes / TB)} TB`;
}

/** A ratio as a percentage for messages only: 0.825 -> "82.5 %". */
export function fmtPercent(ratio: number): string {
  return `${fmtNumber(ratio * 100, 1)} %`;
}

/**
 * A value in a resource unit, for messages: bytes print as TB (decimal), MiB as GiB
 * (27,481,654 MiB reads better as 26,837.55 GiB), others as "<n> <unit>".
 */
export function fmtInUnit(value: number, unit: string): string {
  if (unit === 'bytes') return fmtTB(value);
  if (unit === 'MiB') return fmtGiB(value * MIB);
  return `${fmtNumber(value)} ${unit}`;
}

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/**
 * Formats a byte count with the largest unit that keeps the number >= 1, three significant
 * digits or more: 3.84e12 -> "3.84 TB" (decimal) or "3.49 TiB" (binary).
 * @param bytes non-negative byte count
 * @param system `decimal` (powers of 1000, default) or `binary` (powers of 1024)
 */
export function formatBytes(bytes: number, system: 'decimal' | 'binary' = 'decimal'): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const base = system === 'decimal' ? 1000 : 1024;
  const units = system === 'decimal' ? DECIMAL : BINARY;
  let value = Math.abs(bytes);
  let i = 0;
  while (value >= base && i < units.length - 1) {
    value /= base;
    i++;
  }
  const sign = bytes < 0 ? '-' : '';
  const digits = i === 0 ? 0 : value >= 100 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${units[i]}`;
}

/** Formats a number with a unit symbol, grouping thousands: (520192, 'MiB') -> "520,192 MiB". */
export function formatQuantity(value: number, unit: string, maximumFractionDigits = 2): string {
  return `${fmtNumber(value, maximumFractionDigits)} ${unit}`;
}
