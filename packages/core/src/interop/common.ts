/**
 * Shared pieces of the round-trip importers and exporters (Kolla-Ansible, NetBox, Redfish,
 * cephadm): positioned diagnostics, JSON and YAML text read without throwing, and the small
 * type guards for parsed documents. Pure: text in, values and diagnostics out.
 */
import { LineCounter, parseAllDocuments, parseDocument, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics/types.js';
import { findJsonError, lineCol } from '../hardware/import/json-text.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export { lineCol };

/** One diagnostic at a 0-based offset of `text` (1-based line:col in the result). */
export function diagAt(code: string, severity: Severity, file: string, text: string, offset: number, message: string, hint?: string): Diagnostic {
  return { code, severity, message, path: [], location: { file, ...lineCol(text, offset) }, ...(hint ? { hint } : {}) };
}

/** A diagnostic at 1-based line:col. */
export function diagLine(code: string, severity: Severity, file: string, line: number, col: number, message: string, hint?: string): Diagnostic {
  return { code, severity, message, path: [], location: { file, line, col }, ...(hint ? { hint } : {}) };
}

/** Text without a leading byte order mark, with CRLF line ends made LF. */
export function cleanText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
}

export type ParsedText<T> = { ok: true; value: T } | { ok: false; diagnostic: Diagnostic };

/**
 * JSON text -> value, or `interop.json.invalid` / `interop.json.truncated` at the first
 * character that cannot continue the document. Never throws.
 */
export function parseJson(text: string, file: string): ParsedText<unknown> {
  const clean = cleanText(text);
  if (clean.trim() === '') return { ok: false, diagnostic: diagLine('interop.empty', 'error', file, 1, 1, 'the file is empty') };
  try {
    return { ok: true, value: JSON.parse(clean) as unknown };
  } catch {
    const found = findJsonError(clean);
    const offset = found?.offset ?? 0;
    const truncated = found?.truncated ?? false;
    return {
      ok: false,
      diagnostic: diagAt(
        truncated ? 'interop.json.truncated' : 'interop.json.invalid',
        'error',
        file,
        clean,
        offset,
        truncated ? 'the JSON ends inside a value (a cut-off download?)' : `not valid JSON here${found?.message ? `: ${found.message}` : ''}`,
        truncated ? 'fetch or export the file again' : found?.hint,
      ),
    };
  }
}

/** A YAML document with the line counter its node ranges need. */
export interface YamlText {
  doc: Document;
  lines: LineCounter;
  text: string;
}

/**
 * YAML text -> one document, or `interop.yaml.syntax` at the parser's first error. Never
 * throws. `maxAliasCount` is kept low: these files are configuration, not data.
 */
export function parseYaml(text: string, file: string): ParsedText<YamlText> {
  const clean = cleanText(text);
  const lines = new LineCounter();
  try {
    const doc = parseDocument(clean, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
    const err = doc.errors[0];
    if (err) return { ok: false, diagnostic: diagAt('interop.yaml.syntax', 'error', file, clean, err.pos[0], `not valid YAML: ${err.message.split('\n')[0]}`) };
    return { ok: true, value: { doc, lines, text: clean } };
  } catch (error) {
    return { ok: false, diagnostic: diagLine('interop.yaml.syntax', 'error', file, 1, 1, `not valid YAML: ${String(error)}`) };
  }
}

/** Every document of a multi-document YAML stream (cephadm specs are `---`-separated). */
export function parseYamlStream(text: string, file: string): ParsedText<YamlText[]> {
  const clean = cleanText(text);
  const lines = new LineCounter();
  try {
    const docs = parseAllDocuments(clean, { lineCounter: lines, prettyErrors: false });
    if (!Array.isArray(docs)) return { ok: true, value: [] };
    for (const doc of docs) {
      const err = doc.errors[0];
      if (err) return { ok: false, diagnostic: diagAt('interop.yaml.syntax', 'error', file, clean, err.pos[0], `not valid YAML: ${err.message.split('\n')[0]}`) };
    }
    return { ok: true, value: docs.map((doc) => ({ doc, lines, text: clean })) };
  } catch (error) {
    return { ok: false, diagnostic: diagLine('interop.yaml.syntax', 'error', file, 1, 1, `not valid YAML: ${String(error)}`) };
  }
}

/** 1-based line:col of the key `key` of the top-level mapping (of the value when `value`), or 1:1. */
export function yamlKeyPos(y: YamlText, key: string, value = false): { line: number; col: number } {
  const contents = y.doc.contents;
  if (isMap(contents)) {
    for (const p of contents.items) {
      if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) {
        const node = (value && p.value ? p.value : p.key) as Node;
        if (node.range) return y.lines.linePos(node.range[0]);
      }
    }
  }
  return { line: 1, col: 1 };
}

/** Ansible's YAML booleans as Kolla-Ansible writes them ("yes", "no", true, "True"), else undefined. */
export function ansibleBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (['yes', 'true', 'on', '1'].includes(s)) return true;
  if (['no', 'false', 'off', '0'].includes(s)) return false;
  return undefined;
}
