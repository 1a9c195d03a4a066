/**
 * `-f/--format` as every data-printing command spells it, and the machine formats of data
 * that several commands share: YAML of any JSON value, and a scenario file's diagnostics as
 * JSON, YAML, CSV or SARIF 2.1.0 (see sarif.ts).
 *
 * JSON and YAML print the same object; CSV only where the data are rows. No figure is computed
 * here: the objects are core's (Diagnostic, PlanResult, ...), serialised.
 */
import { Option } from 'commander';
import type { Diagnostic, Severity } from '@headroom/core';
import { escapeControl, escapeJsonText, hasControl } from './terminal-text.js';

/** The formats a command may offer. */
export type OutputFormat = 'text' | 'json' | 'yaml' | 'csv' | 'sarif' | 'markdown';

/** `-f, --format <format>` with its choices and default. */
export function formatOption(choices: readonly OutputFormat[], defaultFormat: OutputFormat, description = 'output format'): Option {
  return new Option('-f, --format <format>', description).choices(choices).default(defaultFormat);
}

/** JSON text (2-space indent, a final newline), control characters escaped for terminals. */
export function jsonText(value: unknown): string {
  return `${escapeJsonText(JSON.stringify(value, null, 2))}\n`;
}

/**
 * YAML text of a JSON value (yaml 2: block style, keys in the object's order, no anchors, no
 * folding). Text from input files stays neutral on a terminal, as in the JSON format: a string
 * holding a control character or a bidi override is written double-quoted, and the character
 * as a YAML escape (`\x1b`, `\u202e`), which reads back as the same string. Loaded on first use.
 */
export async function yamlText(value: unknown): Promise<string> {
  const yaml = await import('yaml');
  // yaml is CommonJS under Node: its exports are named unbundled, under `default` in the bundle
  const api = (yaml.Document ? yaml : (yaml as unknown as { default: typeof yaml }).default) as typeof yaml;
  // round-trip through JSON first: YAML prints exactly what the JSON format prints (no undefined, no class instances)
  const doc = new api.Document(JSON.parse(JSON.stringify(value)), { aliasDuplicateObjects: false });
  api.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && hasControl(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return escapeControl(doc.toString({ lineWidth: 0 }));
}

/** A file that could not be read, with the reason printed on stderr too. */
export interface UnreadableFile {
  file: string;
  message: string;
}

/**
 * The machine-readable result of checking scenario files (`validate -f json|yaml`, and what
 * `plan -f json` prints instead of a plan when the file has errors). `counts` are by severity.
 */
export interface DiagnosticsReport {
  kind: 'headroom.diagnostics';
  /** The files read and checked, in the order given. */
  files: string[];
  unreadable: UnreadableFile[];
  counts: Record<Severity, number>;
  diagnostics: Diagnostic[];
}

export function diagnosticsReport(files: readonly string[], diagnostics: readonly Diagnostic[], unreadable: readonly UnreadableFile[] = []): DiagnosticsReport {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return { kind: 'headroom.diagnostics', files: [...files], unreadable: [...unreadable], counts, diagnostics: [...diagnostics] };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; a leading =,+,-,@ is prefixed with ' so that spreadsheets do not run it. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Diagnostics as CSV rows: file, line, col, severity, code, message, hint, path (dotted). */
export function diagnosticsCsv(diagnostics: readonly Diagnostic[]): string {
  const rows = [['file', 'line', 'col', 'severity', 'code', 'message', 'hint', 'path']];
  for (const d of diagnostics) {
    rows.push([d.location.file, String(d.location.line), String(d.location.col), d.severity, d.code, d.message, d.hint ?? '', d.path.join('.')]);
  }
  return rows.map((r) => r.map((cell) => csvField(cell)).join(',')).join('\r\n') + '\r\n';
}
