/** Issue 15: CSV cells from the scenario cannot start a spreadsheet formula (OWASP CSV injection). */
import { describe, expect, it } from 'vitest';
import { csvField } from './export.js';

describe('csvField (issue 15: CSV injection)', () => {
  it('prefixes text starting with = + - @ tab or CR with a single quote', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves ordinary text and our numbers alone (a negative number stays a number)', () => {
    expect(csvField('Dell PowerEdge R760')).toBe('Dell PowerEdge R760');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(1.23456)).toBe('1.235');
  });

  it('writes no NaN or Infinity: a non-finite number is an empty cell', () => {
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
  });
});
