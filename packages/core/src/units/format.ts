/**
 * Formatting of canonical quantities for people. Decimal (TB = 10^12 bytes, as drives are
 * sold) and binary (TiB = 2^40 bytes, what `ceph df` prints) are never mixed: the caller
 * says which, and the unit symbol printed says which.
 */
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
  return `${value.toLocaleString('en-US', { maximumFractionDigits })} ${unit}`;
}
