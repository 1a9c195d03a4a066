import { describe, expect, it } from 'vitest';
import { fmtGiB, fmtInUnit, fmtNumber, fmtPercent, fmtTB } from '../units/format.js';

describe('message number formatting (deterministic, no locale)', () => {
  it('groups thousands and trims decimals', () => {
    expect(fmtNumber(520192)).toBe('520,192');
    expect(fmtNumber(1234567.891)).toBe('1,234,567.89');
    expect(fmtNumber(0.5)).toBe('0.5');
    expect(fmtNumber(-1500)).toBe('-1,500');
  });
  it('labels binary and decimal units explicitly', () => {
    expect(fmtGiB(512 * 2 ** 30)).toBe('512 GiB'); // 549,755,813,888 bytes
    expect(fmtGiB(64e9)).toBe('59.6 GiB'); // 64 GB = 64e9 / 2^30 = 59.60 GiB
    expect(fmtTB(68e12)).toBe('68 TB');
    expect(fmtPercent(0.825)).toBe('82.5 %');
    expect(fmtInUnit(520192, 'MiB')).toBe('508 GiB'); // 520,192 MiB / 1024 = 508 GiB
    expect(fmtInUnit(3.84e12, 'bytes')).toBe('3.84 TB');
  });
});
