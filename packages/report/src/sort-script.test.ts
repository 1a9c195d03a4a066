import { describe, expect, it } from 'vitest';
import { SORT_KEY_SOURCE, SORT_SCRIPT } from './sort-script.js';

type Key = [number, number, number, string];
// The parser and comparator evaluated from the very text the report embeds.
const { sortKey, compareKeys } = new Function(`${SORT_KEY_SOURCE}\nreturn { sortKey, compareKeys };`)() as {
  sortKey: (text: string) => Key;
  compareKeys: (a: Key, b: Key, dir: 1 | -1) => number;
};

/** `texts` sorted the way the script sorts a column (stable: ties keep their order). */
function sorted(texts: string[], dir: 1 | -1 = 1): string[] {
  return texts
    .map((t, i) => ({ t, i, k: sortKey(t) }))
    .sort((a, b) => compareKeys(a.k, b.k, dir) || a.i - b.i)
    .map((x) => x.t);
}

describe('sortKey', () => {
  it('months: year × 12 + month index (Jan = 0), with or without a trailing note', () => {
    // Apr 2028: 2028 × 12 + 3 = 24,339; Dec 2028: 2028 × 12 + 11 = 24,347
    expect(sortKey('Apr 2028 (15 months)')).toEqual([0, 24339, 0, 'Apr 2028 (15 months)']);
    expect(sortKey('Dec 2028')[1]).toBe(24347);
    // ISO dates on the same scale: 2028-01 = 2028 × 12 + 0 = 24,336; the 8th adds 7/31 of a month
    expect(sortKey('2028-01')[1]).toBe(24336);
    expect(sortKey('2028-01-08')[1]).toBeCloseTo(24336 + 7 / 31, 9);
  });

  it('"beyond X" and "> X" take X with the after flag', () => {
    expect(sortKey('beyond Dec 2028')).toEqual([0, 24347, 1, 'Dec 2028']);
    expect(sortKey('> 24 months')).toEqual([0, 24, 1, '24 months']);
  });

  it('numbers: thousands separators, sign, percent, units with SI and binary prefixes', () => {
    expect(sortKey('4,788 vCPU')[1]).toBe(4788);
    expect(sortKey('1,234,567.5')[1]).toBe(1234567.5);
    expect(sortKey('20.7%')[1]).toBe(20.7);
    expect(sortKey('−12')[1]).toBe(-12); // U+2212 minus
    expect(sortKey('-3.5 W')[1]).toBe(-3.5);
    expect(sortKey('45,000 EUR')[1]).toBe(45000); // "E" of EUR is not exa: no unit it prefixes follows
    // 2.98 TiB = 2.98 × 1024^4 = 2.98 × 1,099,511,627,776 = 3,276,544,650,772.48 bytes
    expect(sortKey('2.98 TiB')[1]).toBeCloseTo(3276544650772.48, 1);
    expect(sortKey('3,000 GB')[1]).toBe(3e12);
    expect(sortKey('25 Gbit/s')[1]).toBe(25e9);
    expect(sortKey('12 kW')[1]).toBe(12000);
    expect(sortKey('512 MiB')[1]).toBe(512 * 1024 * 1024);
  });

  it('durations in seconds: 6 h 2 min = 21,720 s, 34 min = 2,040 s', () => {
    expect(sortKey('6 h 2 min')[1]).toBe(6 * 3600 + 2 * 60);
    expect(sortKey('34 min')[1]).toBe(2040);
  });

  it('no value ranks 2, text ranks 1, numbers rank 0', () => {
    for (const t of ['', '—', '-', '–', '  ']) expect(sortKey(t)[0]).toBe(2);
    expect(sortKey('compute-01')[0]).toBe(1);
    expect(sortKey('3 hosts like control-01')[0]).toBe(0);
  });
});

describe('compareKeys', () => {
  it('orders units by magnitude, not by the number shown', () => {
    expect(sorted(['3,000 GB', '2.98 TiB', '900 GB', '1.5 PB'])).toEqual(['900 GB', '3,000 GB', '2.98 TiB', '1.5 PB']);
  });

  it('months in time order, "beyond" after its month, no value last in both directions', () => {
    const runway = ['beyond Dec 2028', 'Oct 2028 (21 months)', '—', 'Apr 2028 (15 months)', 'Dec 2028'];
    expect(sorted(runway)).toEqual(['Apr 2028 (15 months)', 'Oct 2028 (21 months)', 'Dec 2028', 'beyond Dec 2028', '—']);
    expect(sorted(runway, -1)).toEqual(['beyond Dec 2028', 'Dec 2028', 'Oct 2028 (21 months)', 'Apr 2028 (15 months)', '—']);
  });

  it('text with numeric collation, numbers before text', () => {
    expect(sorted(['compute-10', 'compute-2', 'Compute-1', '7'])).toEqual(['7', 'Compute-1', 'compute-2', 'compute-10']);
  });

  it('durations, percentages', () => {
    expect(sorted(['6 h 2 min', '34 min', '1 h'])).toEqual(['34 min', '1 h', '6 h 2 min']);
    expect(sorted(['99.3%', '116.0%', '20.7%'])).toEqual(['20.7%', '99.3%', '116.0%']);
  });

  it('is stable: equal keys keep their order', () => {
    const rows = ['80%', '90%', '80%', '90%'].map((t, i) => `${t}`.padEnd(3 + i, ' '));
    // whitespace is collapsed, so all 80% are equal and keep their order (index 0 before 2)
    expect(sorted(rows).map((t) => rows.indexOf(t))).toEqual([0, 2, 1, 3]);
  });
});

describe('SORT_SCRIPT', () => {
  it('is one small self-contained script: < 3 KB, no network, no eval, parses', () => {
    expect(Buffer.byteLength(SORT_SCRIPT, 'utf8')).toBeLessThan(3 * 1024);
    expect(SORT_SCRIPT).toContain(SORT_KEY_SOURCE);
    expect(SORT_SCRIPT).not.toMatch(/fetch|XMLHttpRequest|import\(|eval|new Function|innerHTML|src=|https?:/);
    expect(SORT_SCRIPT).not.toMatch(/<\/script|<!--/i);
    expect(() => new Function(SORT_SCRIPT)).not.toThrow(SyntaxError);
  });
});
