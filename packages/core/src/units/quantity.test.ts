import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuantity } from './quantity.js';
import { formatBytes } from './format.js';

const ok = (input: unknown, kind: Parameters<typeof parseQuantity>[1]) => {
  const r = parseQuantity(input, kind);
  if (!r.ok) throw new Error(`expected ok for ${String(input)}: ${r.error.message}`);
  return r.value;
};
const code = (input: unknown, kind: Parameters<typeof parseQuantity>[1]) => {
  const r = parseQuantity(input, kind);
  return r.ok ? 'ok' : r.error.code;
};

describe('parseQuantity: sizes', () => {
  it('decimal and binary prefixes differ', () => {
    expect(ok('512 GB', 'bytes')).toBe(512e9); // 512 x 10^9
    expect(ok('512 GiB', 'bytes')).toBe(549_755_813_888); // 512 x 2^30 = 512 x 1,073,741,824
    expect(ok('3.84 TB', 'bytes')).toBe(3_840_000_000_000); // drives are sold in decimal TB
    expect(ok('1.5 TiB', 'bytes')).toBe(1_649_267_441_664); // 1.5 x 2^40 = 1.5 x 1,099,511,627,776
    expect(ok('960GB', 'bytes')).toBe(960e9); // no space is fine
    expect(ok('4 KiB', 'bytes')).toBe(4096);
    expect(ok('0 GiB', 'bytes')).toBe(0);
  });
  it('refuses a bare number, naming the units', () => {
    const r = parseQuantity(512, 'bytes');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('schema.missing_unit');
      expect(r.error.hint).toContain('512 GiB');
      expect(r.error.hint).toContain('512 GB');
    }
  });
  it('refuses another dimension: 512 GHz is a frequency', () => {
    const r = parseQuantity('512 GHz', 'bytes');
    expect(r.ok || r.error.code).toBe('schema.invalid_unit');
    expect(r.ok || r.error.message).toContain('frequency');
  });
  it('refuses bits where bytes belong (512 Gb of memory is a typo, not 64 GB)', () => {
    expect(code('512 Gb', 'bytes')).toBe('schema.invalid_unit');
  });
  it('refuses the ambiguous KB', () => {
    expect(code('12 KB', 'bytes')).toBe('schema.invalid_unit');
  });
  it('refuses negative, unparsable and wrong-case units', () => {
    expect(code('-5 GB', 'bytes')).toBe('schema.too_small');
    expect(code('lots', 'bytes')).toBe('schema.invalid_quantity');
    expect(code('512 gib', 'bytes')).toBe('schema.invalid_quantity');
    expect(code(true, 'bytes')).toBe('schema.invalid_quantity');
  });
});

describe('parseQuantity: link speeds and power', () => {
  it('bits per second in every common spelling', () => {
    expect(ok('25 Gbit/s', 'bitrate')).toBe(25e9);
    expect(ok('25 Gb/s', 'bitrate')).toBe(25e9);
    expect(ok('10 Gbps', 'bitrate')).toBe(10e9);
    expect(ok('100 Mbit/s', 'bitrate')).toBe(100e6);
  });
  it('refuses bytes per second for a link speed (25 GB/s would be 200 Gbit/s)', () => {
    const r = parseQuantity('25 GB/s', 'bitrate');
    expect(r.ok || r.error.code).toBe('schema.invalid_unit');
    expect(r.ok || r.error.hint).toContain('bits per second');
  });
  it('watts and kilowatts', () => {
    expect(ok('450 W', 'power')).toBe(450);
    expect(ok('12 kW', 'power')).toBe(12_000);
    expect(code('12 kWh', 'power')).not.toBe('ok');
  });
});

describe('parseQuantity: throughputs (bytes per second)', () => {
  it('decimal and binary byte rates', () => {
    expect(ok('100 MB/s', 'byterate')).toBe(100e6); // 100 x 10^6 bytes per second
    expect(ok('1.2 GB/s', 'byterate')).toBe(1.2e9);
    expect(ok('150 MiB/s', 'byterate')).toBe(157_286_400); // 150 x 2^20 = 150 x 1,048,576
    expect(ok('0 MB/s', 'byterate')).toBe(0);
  });
  it('refuses bits per second, with a hint that converts (800 Mbit/s = 100 MB/s)', () => {
    for (const text of ['800 Mbit/s', '1 Gbps', '25 Gb/s']) {
      const r = parseQuantity(text, 'byterate');
      expect(r.ok || r.error.code).toBe('schema.invalid_unit');
      expect(r.ok || r.error.hint).toContain('bytes per second');
    }
  });
  it('refuses a size without /s, a bare number, the ambiguous KB/s', () => {
    expect(code('100 MB', 'byterate')).toBe('schema.invalid_unit');
    expect(code(100, 'byterate')).toBe('schema.missing_unit');
    expect(code('100 KB/s', 'byterate')).toBe('schema.invalid_unit');
    const r = parseQuantity(100, 'byterate');
    expect(r.ok || r.error.hint).toContain('100 MB/s');
  });
});

describe('units round-trip (property)', () => {
  it('n GiB and n x 1024 MiB parse to the same bytes; n TB = n x 10^12', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        expect(ok(`${n} GiB`, 'bytes')).toBe(ok(`${n * 1024} MiB`, 'bytes'));
        expect(ok(`${n} TB`, 'bytes')).toBe(n * 1e12);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it('formatBytes output parses back to within its printed precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 52 }), fc.constantFrom('decimal' as const, 'binary' as const), (n, sys) => {
        const back = ok(formatBytes(n, sys), 'bytes');
        // three significant digits at least: relative error below 0.5 % (or exact bytes)
        expect(Math.abs(back - n) / n).toBeLessThan(0.005);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('formatBytes', () => {
  it('says which system it prints', () => {
    expect(formatBytes(3.84e12)).toBe('3.84 TB');
    expect(formatBytes(3.84e12, 'binary')).toBe('3.49 TiB'); // 3.84e12 / 2^40 = 3.4925
    expect(formatBytes(240e12)).toBe('240.0 TB');
    expect(formatBytes(512)).toBe('512 B');
  });
});

describe('parseQuantity: voltage and current (feed circuits)', () => {
  it('volts and amperes, fractions kept', () => {
    expect(ok('230 V', 'voltage')).toBe(230);
    expect(ok('0.4 kV', 'voltage')).toBeCloseTo(400, 9); // 0.4 × 1000
    expect(ok('32 A', 'current')).toBe(32);
    expect(ok('16.5 A', 'current')).toBe(16.5);
    expect(ok('7.4 kW', 'power')).toBe(7400);
  });
  it('the wrong dimension or no unit is refused', () => {
    expect(code('32 W', 'current')).toBe('schema.invalid_unit');
    expect(code('32 A', 'voltage')).toBe('schema.invalid_unit');
    expect(code(230, 'voltage')).toBe('schema.missing_unit');
  });
});
