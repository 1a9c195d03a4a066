/** Issue 15: control characters from input are shown escaped on the terminal. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@headroom/core';
import { memoryIo } from '../../../test/helpers/memory-io.js';
import { excerpt, formatDiagnostic, formatDiagnostics, MAX_DIAGNOSTICS_PER_FILE } from './format-diagnostics.js';
import { run, type CliDeps } from './main.js';
import { escapeControl, escapeControlLines, escapeJsonText, escapeStrings } from './terminal-text.js';

const ROOT = join(import.meta.dirname, '../../..');
const core = () => import('../../core/src/index.js');
const deps: Partial<CliDeps> = { loadCore: core, loadNetworkCore: core };
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('escapeControl', () => {
  it('shows ESC, NUL, BEL, CR, DEL, C1 and bidi overrides as visible escapes; keeps \\n and \\t', () => {
    expect(escapeControl('a\u001b[2Jb\u0000c\u0007d\re\u007ff\u009bg\u202eh\ti\nj')).toBe('a\\x1b[2Jb\\x00c\\x07d\\x0de\\x7ff\\x9bg\\u202eh\ti\nj');
  });

  it('escapeStrings copies only what changes; escapeJsonText keeps the JSON value', () => {
    const clean = { a: ['x', 1], b: { c: 'y' } };
    expect(escapeStrings(clean)).toBe(clean);
    expect(escapeStrings({ a: ['\u001bx'], n: 1 })).toEqual({ a: ['\\x1bx'], n: 1 });
    const json = JSON.stringify({ s: 'a\u009bb\u202e' });
    expect(escapeJsonText(json)).not.toMatch(/[\u009b\u202e]/);
    expect(JSON.parse(escapeJsonText(json))).toEqual({ s: 'a\u009bb\u202e' });
  });
});

const diag = (over: Partial<Diagnostic> & { line: number; col: number; endCol?: number }): Diagnostic => ({
  code: 'schema.invalid_type',
  severity: 'error',
  path: [],
  message: 'm',
  location: { file: 'f.yaml', line: over.line, col: over.col, ...(over.endCol ? { endCol: over.endCol } : {}) },
  ...(over.message ? { message: over.message } : {}),
  ...(over.hint ? { hint: over.hint } : {}),
});

describe('issue 15: diagnostics escape control characters and cut long lines', () => {
  it('an ESC and a NUL in the message, the hint and the quoted line are escaped; the caret follows', () => {
    const source = 'name: "\u001b]0;pwned\u0007"\u0000 x: 1\n';
    const out = formatDiagnostic(diag({ line: 1, col: 21, endCol: 22, message: 'bad \u001b[31mred', hint: 'h\u0000' }), source);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('bad \\x1b[31mred');
    expect(out).toContain('1 | name: "\\x1b]0;pwned\\x07"\\x00 x: 1');
    const [, quoted, caret] = out.split('\n');
    expect(quoted!.slice(quoted!.indexOf('| ') + 2).indexOf('x: 1')).toBe(caret!.slice(caret!.indexOf('| ') + 2).indexOf('^'));
  });

  it('a 50 MB line is cut to 200 characters around the column, with the caret on the spot', () => {
    const long = `${'a'.repeat(1_000_000)}X${'b'.repeat(1_000_000)}`;
    const shown = excerpt(long, 1_000_001, 1_000_002);
    expect(shown.text.length).toBeLessThanOrEqual(202);
    expect(shown.text[shown.col - 1]).toBe('X');
    expect(shown.endCol).toBe(shown.col + 1);
    const out = formatDiagnostic(diag({ line: 1, col: 1_000_001 }), long);
    expect(out.length).toBeLessThan(700);
  });

  it(`at most ${MAX_DIAGNOSTICS_PER_FILE} diagnostics per file are printed, then a count of the rest`, () => {
    const many = Array.from({ length: 40_000 }, (_, i) => diag({ line: i + 1, col: 1 }));
    const out = formatDiagnostics(many, new Map([['f.yaml', '']]));
    expect(out.match(/^f\.yaml:\d+:1: error/gm)).toHaveLength(50);
    expect(out).toContain('f.yaml: 39950 more (39950 errors, 0 warnings) not shown');
  });
});

describe('issue 15: `plan` and `validate` print no raw control character from the scenario', () => {
  const pilot = readFileSync(join(ROOT, 'scenarios/reference-pilot.yaml'), 'utf8');
  it('plan (text and json): a name with ESC ] ... BEL and NUL is printed escaped', async () => {
    const text = pilot.replace(/^name: .*$/m, 'name: "Pilot \\e]0;pwned\\a \\0 \\x9b end"');
    for (const format of ['text', 'json']) {
      const io = memoryIo({ 's.yaml': text });
      const code = await run(['plan', 's.yaml', '--format', format], io, deps);
      expect(code).toBeLessThan(2);
      expect(io.out()).not.toMatch(RAW_CONTROL);
      expect(io.out()).toContain(format === 'text' ? 'Pilot \\x1b]0;pwned\\x07 \\x00 \\x9b end' : 'Pilot \\u001b]0;pwned\\u0007 \\u0000 \\u009b end');
    }
  }, 30_000);

  it('validate: an unknown key holding ESC is escaped in the message and the excerpt', async () => {
    const text = pilot.replace(/^name: .*$/m, 'name: x\n"\\e[2Jkey": 1');
    const io = memoryIo({ 's.yaml': text });
    expect(await run(['validate', 's.yaml'], io, deps)).toBe(2);
    expect(io.out()).not.toMatch(RAW_CONTROL);
    expect(io.out()).toContain('\\x1b[2Jkey');
  }, 30_000);
});

describe('escapeControlLines (CSV on a terminal)', () => {
  it('keeps the CRLF record separator and escapes a lone CR, ESC and NUL inside a cell', () => {
    // "a\r\nb\u001b[31m\rc\u0000\r\n": records "a" and "b<ESC>[31m<CR>c<NUL>", then the final CRLF
    expect(escapeControlLines('a\r\nb\u001b[31m\rc\u0000\r\n')).toBe('a\r\nb\\x1b[31m\\x0dc\\x00\r\n');
  });
});
