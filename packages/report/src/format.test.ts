import { describe, expect, it } from 'vitest';
import {
  chartScale,
  formatBinaryBytes,
  formatBytes,
  formatDriveSize,
  formatFactor,
  formatMemorySize,
  formatMonth,
  formatMonthIndex,
  formatNumber,
  formatPercent,
  formatQuantity,
  MISSING,
} from './format.js';

describe('formatBytes (decimal, 1 TB = 10^12 bytes)', () => {
  it('40e12 bytes -> "40.0 TB" (40e12 / 10^12 = 40, one decimal)', () => {
    expect(formatBytes(40e12)).toBe('40.0 TB');
  });

  it('picks the unit by magnitude', () => {
    // 24 x 7.68e12 x 3 = 552.96e12 -> 552.96 TB -> one decimal "553.0 TB".
    expect(formatBytes(552.96e12)).toBe('553.0 TB');
    // below 10 in the chosen unit: two decimals, so 3.84 PB keeps its digits
    expect(formatBytes(1.2e15)).toBe('1.20 PB');
    expect(formatBytes(3.84e15)).toBe('3.84 PB');
    expect(formatBytes(8e12)).toBe('8.00 TB');
    expect(formatBytes(40e12, 0)).toBe('40 TB');
    expect(formatBytes(960e9)).toBe('960.0 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(0)).toBe('0 B');
  });

  it('moves to the next unit when rounding would print 1000', () => {
    // 999.96e12 / 10^12 = 999.96 -> "1000.0" at one decimal -> 0.99996 PB -> "1.00 PB".
    expect(formatBytes(999.96e12)).toBe('1.00 PB');
  });

  it('is TB, not TiB: 2^40 bytes is 1.10 TB', () => {
    // 2^40 = 1,099,511,627,776 bytes = 1.0995e12 -> "1.10 TB".
    expect(formatBytes(2 ** 40)).toBe('1.10 TB');
  });

  it('shows absent values as a dash', () => {
    expect(formatBytes(null)).toBe(MISSING);
    expect(formatBytes(Number.NaN)).toBe(MISSING);
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe(MISSING);
  });
});

describe('binary sizes (1 GiB = 2^30 bytes)', () => {
  it('formatBinaryBytes uses one decimal, two below 10', () => {
    expect(formatBinaryBytes(2 ** 40)).toBe('1.00 TiB');
    expect(formatBinaryBytes(24 * 2 ** 30)).toBe('24.0 GiB');
    expect(formatBinaryBytes(8 * 2 ** 30, 1)).toBe('8.0 GiB');
  });

  it('formatMemorySize keeps up to two decimals and drops trailing zeros', () => {
    expect(formatMemorySize(256 * 2 ** 30)).toBe('256 GiB');
    // 1,310,720 MiB / 1024 / 1024 = 1.25 TiB.
    expect(formatMemorySize(1_310_720 * 2 ** 20)).toBe('1.25 TiB');
    // 3,121,152 MiB = 2.9766 TiB -> "2.98 TiB".
    expect(formatMemorySize(3_121_152 * 2 ** 20)).toBe('2.98 TiB');
  });

  it('formatDriveSize writes catalogue sizes as vendors do', () => {
    expect(formatDriveSize(3.84e12)).toBe('3.84 TB');
    expect(formatDriveSize(7.68e12)).toBe('7.68 TB');
    expect(formatDriveSize(960e9)).toBe('960 GB');
    expect(formatDriveSize(100e9)).toBe('100 GB');
    expect(formatDriveSize(100)).toBe('100 B');
  });
});

describe('numbers, ratios, percentages', () => {
  it('groups thousands without a locale', () => {
    expect(formatNumber(1_048_576)).toBe('1,048,576');
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(-2280)).toBe('-2,280');
    expect(formatNumber(-0.004, 2)).toBe('0.00');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(undefined)).toBe(MISSING);
  });

  it('formats factors with at least one decimal', () => {
    expect(formatFactor(4)).toBe('4.0');
    expect(formatFactor(1.5)).toBe('1.5');
    expect(formatFactor(4 / 3)).toBe('1.33');
    expect(formatFactor(16)).toBe('16.0');
  });

  it('formats ratios as percentages', () => {
    expect(formatPercent(0.8, 0)).toBe('80%');
    expect(formatPercent(0.85, 0)).toBe('85%');
    // 0.7234 x 100 = 72.34 -> "72.3%".
    expect(formatPercent(0.7234)).toBe('72.3%');
    expect(formatPercent(null)).toBe(MISSING);
  });
});

describe('months', () => {
  it('YYYY-MM -> "Jan 2027"', () => {
    expect(formatMonth('2027-01')).toBe('Jan 2027');
    expect(formatMonth('2028-12')).toBe('Dec 2028');
  });

  it('returns anything else unchanged', () => {
    expect(formatMonth('2027-13')).toBe('2027-13');
    expect(formatMonth('soon')).toBe('soon');
  });

  it('looks month indices up in the plan, without date arithmetic', () => {
    const months = [
      { index: 0, month: '2027-11' },
      { index: 1, month: '2027-12' },
      { index: 2, month: '2028-01' },
    ];
    expect(formatMonthIndex(months, 2)).toBe('Jan 2028');
    expect(formatMonthIndex(months, 7)).toBe('month 7');
  });
});

describe('formatQuantity', () => {
  it('formats by the unit a resource or finding names', () => {
    expect(formatQuantity(2280, 'vCPU')).toBe('2,280 vCPU');
    expect(formatQuantity(256, 'VCPU')).toBe('256 vCPU');
    expect(formatQuantity(8192, 'MiB')).toBe('8 GiB');
    expect(formatQuantity(80, 'GiB')).toBe('80 GiB');
    // memory stays in GiB, never TiB: 27,482,163 MiB / 1,024 = 26,838.0498 GiB
    expect(formatQuantity(27_482_163, 'MiB')).toBe('26,838.05 GiB');
    expect(formatQuantity(1_310_720, 'MiB')).toBe('1,280 GiB');
    expect(formatQuantity(40e12, 'bytes')).toBe('40.0 TB');
    expect(formatQuantity(0.8221, 'ratio')).toBe('82.2%');
    expect(formatQuantity(3, 'failure domains')).toBe('3 failure domains');
    expect(formatQuantity(2.5, undefined)).toBe('2.50');
    expect(formatQuantity(undefined, 'bytes')).toBe(MISSING);
  });
});

describe('chartScale', () => {
  it('charts memory in GiB and storage in TB', () => {
    expect(chartScale('MiB')).toEqual({ factor: 1 / 1024, unit: 'GiB' });
    expect(chartScale('bytes')).toEqual({ factor: 1e-12, unit: 'TB' });
    expect(chartScale('vCPU')).toEqual({ factor: 1, unit: 'vCPU' });
  });
});

describe('formatMibAsGib', () => {
  it('shows MiB as GiB so two memory figures compare at a glance', async () => {
    const { formatMibAsGib } = await import('./format.js');
    expect(formatMibAsGib(1_523_712)).toBe('1,488 GiB'); // 1,523,712 / 1024 = 1,488
    expect(formatMibAsGib(1_536)).toBe('1.5 GiB'); // 1,536 / 1024 = 1.5
    expect(formatMibAsGib(null)).not.toContain('GiB');
  });
});

describe('formatExplained (values in the formula boxes)', () => {
  it('bytes as decimal and binary sizes; MiB with their GiB; bit/s as Gbit/s; bytes/s; seconds with h and min', async () => {
    const { formatExplained } = await import('./format.js');
    // 33.792e12 bytes = 33.79 TB; / 2^40 = 30.733 TiB; 8e12 = 8 TB = 7.28 TiB
    expect(formatExplained(33.792e12, 'bytes')).toBe('33.79 TB (30.73 TiB)');
    expect(formatExplained(8e12, 'bytes')).toBe('8 TB (7.28 TiB)');
    expect(formatExplained(512, 'bytes')).toBe('512 bytes');
    // 507,904 MiB / 1024 = 496 GiB
    expect(formatExplained(507_904, 'MiB')).toBe('507,904 MiB (496 GiB)');
    expect(formatExplained(100e9, 'bit/s')).toBe('100 Gbit/s');
    expect(formatExplained(700e6, 'bytes/s')).toBe('700.0 MB/s');
    // 4,464.3 s = 74.4 min -> 1 h 14 min
    expect(formatExplained(4464.3, 's')).toBe('4,464.3 s (1 h 14 min)');
    expect(formatExplained(20, 's')).toBe('20 s');
  });
  it('ratios as factors, with the percentage below 1; months, counts, currencies and text', async () => {
    const { formatExplained } = await import('./format.js');
    expect(formatExplained(0.55, '')).toBe('0.55 (55.0%)');
    expect(formatExplained(0.8157508722, '')).toBe('0.8158 (81.6%)');
    expect(formatExplained(4, '')).toBe('4.0');
    expect(formatExplained(1.5, '')).toBe('1.5');
    expect(formatExplained(15, 'months')).toBe('15 months');
    expect(formatExplained(3, 'hosts')).toBe('3 hosts');
    expect(formatExplained(90_000, 'EUR')).toBe('90,000 EUR');
    expect(formatExplained(496, 'vCPU')).toBe('496 vCPU');
    expect(formatExplained('2028-01-08', '')).toBe('2028-01-08');
  });
});
