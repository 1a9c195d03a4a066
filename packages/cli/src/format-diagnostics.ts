/**
 * Compiler-style printing of scenario diagnostics:
 *
 *   scenarios/pilot.yaml:12:19: error schema.invalid_unit: memory size "512 GHz" is not a size
 *      12 |     memory: { size: 512 GHz, ecc: true }
 *         |                     ^^^^^^^
 *     hint: write a size with a unit, e.g. 512 GiB
 *
 * Columns are 1-based, as editors show them; `endCol` (when on the same line) is exclusive,
 * as in the `yaml` package's linePos ranges and LSP.
 */
import type { Diagnostic, Severity } from '@headroom/core';
import { createStyle, type Style } from './style.js';
import { escapeControl } from './terminal-text.js';

/** At most this many diagnostics are printed per file; the rest are counted. */
export const MAX_DIAGNOSTICS_PER_FILE = 50;
/** A quoted source line is cut to this many characters around the column. */
export const MAX_EXCERPT_CHARS = 200;

export interface FormatDiagnosticsOptions {
  /** ANSI colour (decide with shouldUseColor). Default false. */
  color?: boolean;
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

function severityStyle(style: Style, severity: Severity): (text: string) => string {
  switch (severity) {
    case 'error':
      return (t) => style.bold(style.red(t));
    case 'warning':
      return (t) => style.bold(style.yellow(t));
    case 'info':
      return (t) => style.bold(style.cyan(t));
  }
}

/**
 * Sorts diagnostics by file, then line, then column. Files listed in `fileOrder` come first,
 * in that order (the order the user named them); other files follow by name. Stable.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[], fileOrder: readonly string[] = []): Diagnostic[] {
  const rank = new Map(fileOrder.map((file, index) => [file, index] as const));
  const fileRank = (file: string): number => rank.get(file) ?? fileOrder.length;
  return [...diagnostics].sort((a, b) => {
    const fa = a.location.file;
    const fb = b.location.file;
    return fileRank(fa) - fileRank(fb) || (fa < fb ? -1 : fa > fb ? 1 : 0) || a.location.line - b.location.line || a.location.col - b.location.col;
  });
}

/** The text of 1-based line `line` of `source` (without its line break), or undefined. */
export function sourceLine(source: string, line: number): string | undefined {
  if (line < 1) return undefined;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  let end = source.indexOf('\n', start);
  if (end === -1) end = source.length;
  if (start > source.length) return undefined;
  const text = source.slice(start, end);
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/** `source` with classic Mac line ends (CR alone) read as line feeds, as parseScenario reads them. */
let lastSource: string | undefined;
let lastNormalized = '';
function normalizeLineEnds(source: string): string {
  if (source === lastSource) return lastNormalized;
  lastSource = source;
  lastNormalized = /\r(?!\n)/.test(source) ? source.replace(/\r(?!\n)/g, '\n') : source;
  return lastNormalized;
}

/**
 * The caret line under `text` for a 1-based column `col`, spanning to `endCol` (exclusive)
 * when given. Tabs before the column are kept so the caret lines up in a terminal.
 */
export function caretLine(text: string, col: number, endCol?: number): string {
  const start = Math.max(1, col);
  const pad = Array.from(text.slice(0, start - 1), (ch) => (ch === '\t' ? '\t' : ' ')).join('');
  const padding = pad + ' '.repeat(Math.max(0, start - 1 - text.length));
  const width = endCol !== undefined && endCol > start ? endCol - start : 1;
  return padding + '^'.repeat(width);
}

/**
 * The part of a source line shown under a diagnostic: at most MAX_EXCERPT_CHARS characters
 * around the column (a cut is marked with "…"), control characters escaped (escapeControl),
 * with the column and end column moved to match, so the caret still points at the spot.
 */
export function excerpt(text: string, col: number, endCol?: number): { text: string; col: number; endCol?: number } {
  const index = Math.max(0, Math.min(col - 1, text.length));
  let start = 0;
  let end = text.length;
  if (text.length > MAX_EXCERPT_CHARS) {
    start = Math.max(0, Math.min(index - MAX_EXCERPT_CHARS / 2, text.length - MAX_EXCERPT_CHARS));
    end = start + MAX_EXCERPT_CHARS;
  }
  const lead = start > 0 ? '…' : '';
  const before = lead + escapeControl(text.slice(start, index));
  const shown = before + escapeControl(text.slice(index, end)) + (end < text.length ? '…' : '');
  const out: { text: string; col: number; endCol?: number } = { text: shown, col: before.length + 1 };
  if (endCol !== undefined && endCol > col) {
    const endIndex = Math.min(endCol - 1, end);
    out.endCol = before.length + escapeControl(text.slice(index, Math.max(index, endIndex))).length + 1;
  }
  return out;
}

/** Diagnostics that say a file is in no format headroom reads: its content is never quoted. */
const UNKNOWN_FORMAT = new Set(['inventory.unknown_format', 'inventory.empty']);
/** Diagnostics that say a file is not valid JSON: quoted only when the file starts like JSON. */
const INVALID_JSON = new Set(['inventory.invalid_json', 'ceph.json.invalid', 'netdata.invalid_json', 'openstack.json.invalid']);

/**
 * Whether a diagnostic may quote a line of its file. A file that is in no format headroom
 * reads may be anything the process can read (a key, a password file), and diagnostics end
 * up in CI logs: such a file is named, positioned and described, never quoted. A JSON error
 * quotes its line only when the file starts with `{` or `[`, i.e. was meant to be JSON.
 */
export function mayQuote(diagnostic: Diagnostic, source: string): boolean {
  if (UNKNOWN_FORMAT.has(diagnostic.code)) return false;
  if (INVALID_JSON.has(diagnostic.code)) return /^\uFEFF?\s*[[{]/.test(source);
  return true;
}

/**
 * One diagnostic as text: the `file:line:col: severity code: message` header, the source
 * line with a caret under the column (when `source` has that line and mayQuote allows it),
 * then `hint:`. No trailing newline.
 */
export function formatDiagnostic(diagnostic: Diagnostic, source: string | undefined, options: FormatDiagnosticsOptions = {}): string {
  const style = createStyle(options.color ?? false);
  const { file, line, col, endLine, endCol } = diagnostic.location;
  const lines = [
    `${style.bold(`${escapeControl(file)}:${line}:${col}:`)} ${severityStyle(style, diagnostic.severity)(diagnostic.severity)} ` +
      `${style.dim(escapeControl(diagnostic.code))}: ${style.bold(escapeControl(diagnostic.message))}`,
  ];
  const text = source === undefined || !mayQuote(diagnostic, source) ? undefined : sourceLine(normalizeLineEnds(source), line);
  if (text !== undefined) {
    const gutter = String(line);
    const blank = ' '.repeat(gutter.length);
    const sameLine = endLine === undefined || endLine === line;
    const shown = excerpt(text, col, sameLine ? endCol : undefined);
    lines.push(`${style.dim(` ${gutter} |`)} ${shown.text}`);
    lines.push(`${style.dim(` ${blank} |`)} ${style.green(caretLine(shown.text, shown.col, shown.endCol))}`);
  }
  if (diagnostic.hint) lines.push(`  ${style.cyan('hint:')} ${escapeControl(diagnostic.hint)}`);
  return lines.join('\n');
}

/** Counts per severity, e.g. "2 errors, 1 warning" ("no problems" when empty; info only when present). */
export function countDiagnostics(diagnostics: readonly { severity: Severity }[]): string {
  if (diagnostics.length === 0) return 'no problems';
  const count = (severity: Severity): number => diagnostics.filter((d) => d.severity === severity).length;
  const parts = SEVERITY_ORDER.filter((s) => s !== 'info' || count('info') > 0).map((severity) => {
    const n = count(severity);
    return severity === 'info' ? `${n} info` : `${n} ${severity}${n === 1 ? '' : 's'}`;
  });
  return parts.join(', ');
}

/**
 * All diagnostics, sorted (see sortDiagnostics), each formatted by formatDiagnostic and
 * followed by a blank line; at most MAX_DIAGNOSTICS_PER_FILE per file, then one line that
 * counts the rest. `sources` maps a file name (as in `location.file`) to its text; its
 * insertion order is the file order. Returns '' for no diagnostics.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, options: FormatDiagnosticsOptions = {}): string {
  const shown = new Map<string, number>();
  const omitted = new Map<string, Diagnostic[]>();
  let out = '';
  const flush = (file: string): void => {
    const rest = omitted.get(file);
    if (!rest) return;
    out += `${escapeControl(file)}: ${rest.length} more (${countDiagnostics(rest)}) not shown; the first ${MAX_DIAGNOSTICS_PER_FILE} are above: fix them and run again\n\n`;
    omitted.delete(file);
  };
  let current: string | undefined;
  for (const d of sortDiagnostics(diagnostics, [...sources.keys()])) {
    const file = d.location.file;
    if (current !== undefined && current !== file) flush(current);
    current = file;
    const n = shown.get(file) ?? 0;
    if (n >= MAX_DIAGNOSTICS_PER_FILE) {
      const rest = omitted.get(file);
      if (rest) rest.push(d);
      else omitted.set(file, [d]);
      continue;
    }
    shown.set(file, n + 1);
    out += `${formatDiagnostic(d, sources.get(file), options)}\n\n`;
  }
  if (current !== undefined) flush(current);
  return out;
}
