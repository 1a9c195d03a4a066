/**
 * Quantities with units, as typed in scenario files: "7.68 TB", "512 GiB", "25 Gbit/s",
 * "450 W", "12 kW". Parsed by a private mathjs instance (units only), converted to the
 * canonical unit of their kind:
 *
 * | kind      | canonical        | accepted units                                   |
 * |-----------|------------------|--------------------------------------------------|
 * | `bytes`   | bytes (integer)  | B with SI prefixes (kB, MB, GB, TB, PB = 10^3n)   |
 * |           |                  | or binary prefixes (KiB, MiB, GiB, TiB = 2^10n)  |
 * | `bitrate` | bits per second  | bit/s, b/s, kbit/s..Tbit/s, Gb/s, Mbps, Gbps      |
 * | `power`   | watts            | W, kW, MW                                         |
 * | `byterate`| bytes per second | B/s with SI or binary prefixes: MB/s, GB/s, MiB/s |
 * | `voltage` | volts            | V, kV (a circuit's voltage; line-to-line for three-phase) |
 * | `current` | amperes          | A (a breaker rating)                              |
 *
 * Decimal and binary never mix silently: "512 GB" is 512 x 10^9 bytes, "512 GiB" is
 * 512 x 2^30 bytes. Bits are refused where bytes belong (and bytes where bits belong):
 * "512 Gb" of memory is a typo, not 64 GB. "KB" is refused as ambiguous (kB or KiB?).
 * A recovery throughput is a byte rate ("100 MB/s" = 10^8 bytes per second); a link speed
 * is a bit rate ("25 Gbit/s"): each refuses the other.
 */
import mathjsBundle from 'mathjs/lib/browser/math.js';
import type { MathJsInstance, Unit } from 'mathjs';

export type QuantityKind = 'bytes' | 'bitrate' | 'power' | 'byterate' | 'voltage' | 'current';

export interface QuantityError {
  /** Diagnostic code: `schema.missing_unit`, `schema.invalid_unit`, `schema.invalid_quantity`, `schema.too_small`. */
  code: 'schema.missing_unit' | 'schema.invalid_unit' | 'schema.invalid_quantity' | 'schema.too_small';
  message: string;
  hint?: string;
}

export type QuantityResult = { ok: true; value: number } | { ok: false; error: QuantityError };

const EXAMPLES: Record<QuantityKind, string> = {
  bytes: '"512 GiB" or "3.84 TB"',
  bitrate: '"25 Gbit/s"',
  power: '"450 W" or "12 kW"',
  byterate: '"100 MB/s" or "150 MiB/s"',
  voltage: '"230 V" or "400 V"',
  current: '"32 A"',
};
const KIND_WORDS: Record<QuantityKind, string> = {
  bytes: 'a size in bytes',
  bitrate: 'a link speed in bits per second',
  power: 'a power in watts',
  byterate: 'a throughput in bytes per second',
  voltage: 'a voltage in volts',
  current: 'a current in amperes',
};

const MISSING_UNIT_EXAMPLE: Record<Exclude<QuantityKind, 'bytes'>, string> = { bitrate: 'Gbit/s', power: 'W', byterate: 'MB/s', voltage: 'V', current: 'A' };

let instance: MathJsInstance | undefined;

/** The private mathjs instance: units only, plus kbit..Tbit and kbps..Tbps (mathjs has `b` but not `Gbit`/`Gbps`). */
function math(): MathJsInstance {
  if (instance) return instance;
  const m = mathjsBundle.create({
    unitDependencies: mathjsBundle.unitDependencies,
    createUnitDependencies: mathjsBundle.createUnitDependencies,
  } as never) as MathJsInstance;
  for (const [prefix, factor] of [
    ['k', 1e3],
    ['M', 1e6],
    ['G', 1e9],
    ['T', 1e12],
  ] as const) {
    m.createUnit(`${prefix}bit`, `${factor} b`);
    m.createUnit(`${prefix}bps`, `${factor} b/s`);
  }
  instance = m;
  return m;
}

const BYTE_UNITS = new Set(['B', 'bytes']);
const BIT_UNITS = new Set(['b', 'bits', 'bit', 'kbit', 'Mbit', 'Gbit', 'Tbit']);
const BPS_UNITS = new Set(['kbps', 'Mbps', 'Gbps', 'Tbps']);

/** Names of the physical dimension a mathjs unit has, for messages ("a frequency"). */
function describeDimension(u: Unit): string {
  const m = math();
  const probes: [string, string][] = [
    ['1 Hz', 'a frequency'],
    ['1 B', 'a size in bytes'],
    ['1 b/s', 'a data rate in bytes per second'],
    ['1 W', 'a power'],
    ['1 m', 'a length'],
    ['1 s', 'a time'],
    ['1 kg', 'a mass'],
    ['1 V', 'a voltage'],
    ['1 A', 'a current'],
  ];
  if (unitNames(u).some((p) => BIT_UNITS.has(p.name))) return unitNames(u).length === 1 ? 'a size in bits' : 'a data rate in bits';
  for (const [probe, words] of probes) if (u.equalBase(m.unit(probe))) return words;
  return 'another kind of quantity';
}

function unitNames(u: Unit): { name: string; power: number }[] {
  // mathjs Unit keeps its factors in `units`: [{unit: {name}, prefix: {name}, power}]
  const parts = (u as unknown as { units: { unit: { name: string }; power: number }[] }).units;
  return parts.map((p) => ({ name: p.unit.name, power: p.power }));
}

function isKind(u: Unit, kind: QuantityKind): boolean {
  const parts = unitNames(u);
  switch (kind) {
    case 'bytes':
      return parts.length === 1 && parts[0]!.power === 1 && BYTE_UNITS.has(parts[0]!.name);
    case 'bitrate':
      if (parts.length === 1) return parts[0]!.power === 1 && BPS_UNITS.has(parts[0]!.name);
      return parts.length === 2 && parts[0]!.power === 1 && BIT_UNITS.has(parts[0]!.name) && parts[1]!.power === -1 && parts[1]!.name === 's';
    case 'power':
      return parts.length === 1 && parts[0]!.power === 1 && parts[0]!.name === 'W';
    case 'voltage':
      return parts.length === 1 && parts[0]!.power === 1 && parts[0]!.name === 'V';
    case 'current':
      return parts.length === 1 && parts[0]!.power === 1 && parts[0]!.name === 'A';
    case 'byterate':
      return parts.length === 2 && parts[0]!.power === 1 && BYTE_UNITS.has(parts[0]!.name) && parts[1]!.power === -1 && parts[1]!.name === 's';
  }
}

const CANONICAL: Record<QuantityKind, string> = { bytes: 'B', bitrate: 'b/s', power: 'W', byterate: 'B/s', voltage: 'V', current: 'A' };

/**
 * Parses one quantity typed by a user into the canonical unit of `kind` (see the table
 * above). Bytes are rounded to a whole byte. Negative values are refused; zero is allowed.
 *
 * @param input the YAML value: a string such as "3.84 TB"; a bare number is refused with
 *   `schema.missing_unit`, naming the units expected.
 * @returns `{ok: true, value}` in bytes, bits/s or watts, or `{ok: false, error}` with a
 *   diagnostic code, message and hint. Never throws. Power, voltage and current keep their
 *   fractions ("7.4 kW" = 7400 W, "16.5 A" = 16.5 A); bytes and rates are whole numbers.
 */
export function parseQuantity(input: unknown, kind: QuantityKind): QuantityResult {
  const expected = `${KIND_WORDS[kind]}, e.g. ${EXAMPLES[kind]}`;
  if (typeof input === 'number') {
    return fail(
      'schema.missing_unit',
      `${input} has no unit: expected ${expected}`,
      kind === 'bytes' ? `add the unit: "${input} GB" (10^9 bytes) or "${input} GiB" (2^30 bytes)` : `add the unit, e.g. "${input} ${MISSING_UNIT_EXAMPLE[kind]}"`,
    );
  }
  if (typeof input !== 'string' || input.trim() === '') {
    return fail('schema.invalid_quantity', `expected ${expected}`);
  }
  const text = input.trim();
  if (/(^|[\d\s])KB(\/s)?$/.test(text)) {
    return fail('schema.invalid_unit', `"${text}": KB is ambiguous`, 'write kB (1000 bytes) or KiB (1024 bytes)');
  }
  let u: Unit;
  try {
    u = math().unit(text);
  } catch {
    return fail('schema.invalid_quantity', `"${text}" is not a quantity: expected ${expected}`, 'units are case-sensitive: GB and GiB, Gbit/s, W and kW');
  }
  if (!isKind(u, kind)) {
    const dim = describeDimension(u);
    let hint: string | undefined;
    if (kind === 'bytes' && unitNames(u).some((p) => BIT_UNITS.has(p.name))) {
      hint = 'that is bits (b); sizes are in bytes: write B, e.g. GB or GiB';
    } else if (kind === 'bitrate' && u.equalBase(math().unit('1 b/s'))) {
      hint = 'link speeds are in bits per second: write e.g. "25 Gbit/s", not bytes per second';
    } else if (kind === 'byterate' && unitNames(u).some((p) => BIT_UNITS.has(p.name) || BPS_UNITS.has(p.name))) {
      hint = 'throughputs are in bytes per second: write e.g. "100 MB/s" (800 Mbit/s = 100 MB/s)';
    }
    return fail('schema.invalid_unit', `"${text}" is ${dim}: expected ${expected}`, hint);
  }
  const value = u.toNumber(CANONICAL[kind]);
  if (!Number.isFinite(value)) return fail('schema.invalid_quantity', `"${text}" is not a finite quantity`);
  if (value < 0) return fail('schema.too_small', `"${text}" is negative: expected ${KIND_WORDS[kind]} >= 0`);
  return { ok: true, value: kind === 'bytes' || kind === 'bitrate' || kind === 'byterate' ? Math.round(value) : value };
}

function fail(code: QuantityError['code'], message: string, hint?: string): QuantityResult {
  return { ok: false, error: hint === undefined ? { code, message } : { code, message, hint } };
}
