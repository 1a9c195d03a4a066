import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@headroom/core';
import { caretLine, countDiagnostics, formatDiagnostic, formatDiagnostics, sortDiagnostics, sourceLine } from './format-diagnostics.js';

const source = ['schemaVersion: 1', 'hardware:', '  cmp:', '    memory: { size: 512 GHz, ecc: true }', 'nodes:', '  - { role: compute, hardware: cmp-r76O, count: -1 }', ''].join(
  '\n',
);

function diag(partial: Partial<Diagnostic> & Pick<Diagnostic, 'location'>): Diagnostic {
  return { code: 'schema.invalid_unit', severity: 'error', message: 'not a size', path: [], ...partial };
}

describe('formatDiagnostic', () => {
  it('prints file:line:col: severity code: message, the source line and a caret under the column', () => {
    // "    memory: { size: 512 GHz, ecc: true }": "512" starts at column 21 (1-based).
    const d = diag({
      message: 'memory size "512 GHz" is not a size',
      location: { file: 'a.yaml', line: 4, col: 21 },
      hint: 'write a size with a unit, e.g. 512 GiB',
    });
    expect(formatDiagnostic(d, source)).toBe(
      [
        'a.yaml:4:21: error schema.invalid_unit: memory size "512 GHz" is not a size',
        ' 4 |     memory: { size: 512 GHz, ecc: true }',
        '   |                     ^',
        '  hint: write a size with a unit, e.g. 512 GiB',
      ].join('\n'),
    );
  });

  it('spans the caret from col to endCol (exclusive) on the same line', () => {
    const d = diag({ location: { file: 'a.yaml', line: 4, col: 21, endLine: 4, endCol: 28 } });
    const lines = formatDiagnostic(d, source).split('\n');
    expect(lines[2]).toBe('   |                     ^^^^^^^');
    // the carets sit under "512 GHz"
    const text = lines[1]!.slice(' 4 | '.length);
    const caret = lines[2]!.slice('   | '.length);
    expect(text.slice(caret.indexOf('^'), caret.length)).toBe('512 GHz');
  });

  it('uses a single caret when the range ends on another line', () => {
    const d = diag({ location: { file: 'a.yaml', line: 6, col: 52, endLine: 7, endCol: 1 } });
    const lines = formatDiagnostic(d, source).split('\n');
    expect(lines[1]).toBe(' 6 |   - { role: compute, hardware: cmp-r76O, count: -1 }');
    expect(lines[2]).toBe(`   | ${' '.repeat(51)}^`);
  });

  it('omits the source lines when the source or the line is missing', () => {
    const d = diag({ location: { file: 'a.yaml', line: 40, col: 1 } });
    expect(formatDiagnostic(d, source)).toBe('a.yaml:40:1: error schema.invalid_unit: not a size');
    expect(formatDiagnostic(d, undefined)).toBe('a.yaml:40:1: error schema.invalid_unit: not a size');
  });

  it('keeps tabs before the column so the caret lines up', () => {
    expect(caretLine('\tkey: x', 7)).toBe('\t     ^');
  });

  it('places the caret past the end of the line (error at end of line)', () => {
    expect(caretLine('ab', 4)).toBe('   ^');
  });

  it('strips the carriage return of CRLF files', () => {
    expect(sourceLine('a: 1\r\nb: 2\r\n', 2)).toBe('b: 2');
    expect(sourceLine('a: 1\r\nb: 2\r\n', 3)).toBe('');
    expect(sourceLine('a: 1\r\nb: 2\r\n', 4)).toBeUndefined();
    expect(sourceLine('a', 0)).toBeUndefined();
  });

  it('colours only when asked', () => {
    const d = diag({ location: { file: 'a.yaml', line: 4, col: 21 } });
    expect(formatDiagnostic(d, source, { color: true })).toContain('\u001b[31m');
    expect(formatDiagnostic(d, source, { color: false })).not.toContain('\u001b[');
  });
});

describe('sortDiagnostics / formatDiagnostics', () => {
  const diagnostics = [
    diag({ code: 'schema.too_small', location: { file: 'b.yaml', line: 2, col: 5 } }),
    diag({ code: 'ref.unknown_hardware', location: { file: 'a.yaml', line: 6, col: 33 } }),
    diag({ code: 'schema.too_small', location: { file: 'a.yaml', line: 6, col: 50 } }),
    diag({ code: 'schema.invalid_unit', location: { file: 'a.yaml', line: 4, col: 21 } }),
  ];

  it('sorts by file (in the given order), line, col', () => {
    const sorted = sortDiagnostics(diagnostics, ['b.yaml', 'a.yaml']);
    expect(sorted.map((d) => `${d.location.file}:${d.location.line}:${d.location.col}`)).toEqual(['b.yaml:2:5', 'a.yaml:4:21', 'a.yaml:6:33', 'a.yaml:6:50']);
    expect(sortDiagnostics(diagnostics).map((d) => d.location.file)).toEqual(['a.yaml', 'a.yaml', 'a.yaml', 'b.yaml']);
  });

  it('formats every diagnostic with the source of its own file', () => {
    const text = formatDiagnostics(
      diagnostics,
      new Map([
        ['a.yaml', source],
        ['b.yaml', 'x: 1\ny:  -1\n'],
      ]),
    );
    expect(text).toContain('a.yaml:4:21: error schema.invalid_unit');
    expect(text).toContain(' 2 | y:  -1\n   |     ^\n');
    expect(text.indexOf('a.yaml:4:21')).toBeLessThan(text.indexOf('b.yaml:2:5'));
    expect(formatDiagnostics([], new Map())).toBe('');
  });

  it('counts per severity', () => {
    expect(countDiagnostics([])).toBe('no problems');
    expect(countDiagnostics(diagnostics)).toBe('4 errors, 0 warnings');
    expect(countDiagnostics([{ severity: 'warning' }, { severity: 'info' }, { severity: 'error' }])).toBe('1 error, 1 warning, 1 info');
  });
});
