/** STUB — being written. */
export function formatBytes(bytes: number, system: 'decimal' | 'binary' = 'decimal'): string {
  return `${bytes} B (${system})`;
}
export function formatQuantity(value: number, unit: string): string {
  return `${value} ${unit}`;
}
