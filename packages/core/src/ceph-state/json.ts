/**
 * Ceph `-f json` text -> value, or positioned diagnostics. Never throws.
 *
 * Old releases (Jewel, Luminous) print non-finite floats with printf("%f"), so a JSON dump can
 * hold bare `-nan`, `nan`, `inf` or `-inf` tokens (e.g. `"utilization": -nan` for an OSD with
 * no statfs yet; src/common/Formatter.cc JSONFormatter::dump_float). That is not JSON: each
 * such token outside a string is read as null, with one `ceph.json.nan` warning positioned at
 * the first one. Any other syntax error is `ceph.json.invalid` at file:line:col (a text that
 * stops inside a value says it looks truncated).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { findJsonError, lineCol } from '../hardware/import/json-text.js';

export interface CephJsonResult {
  value?: unknown;
  diagnostics: Diagnostic[];
}

const NON_FINITE = /^-?(nan|inf)(?![A-Za-z0-9_])/i;

/** Replaces bare nan/inf tokens outside strings by `null` (same length not kept: positions of the first are reported). */
function replaceNonFinite(text: string): { text: string; firstOffset: number; count: number } {
  let out = '';
  let inString = false;
  let firstOffset = -1;
  let count = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c === '-' || c === 'n' || c === 'N' || c === 'i' || c === 'I') {
      const prev = text[i - 1];
      if (prev !== undefined && /[A-Za-z0-9_.]/.test(prev)) continue;
      const m = NON_FINITE.exec(text.slice(i, i + 5));
      if (m) {
        if (firstOffset < 0) firstOffset = i;
        count++;
        out += text.slice(last, i) + 'null';
        last = i + m[0].length;
        i = last - 1;
      }
    }
  }
  return { text: out + text.slice(last), firstOffset, count };
}

/**
 * Parses the JSON output of a `ceph ... -f json` command.
 * @param text the file's text (a leading byte order mark is ignored)
 * @param fileName named in every diagnostic's location
 * @param what the command expected, for messages (`ceph osd df -f json`)
 */
export function parseCephJsonText(text: string, fileName: string, what: string): CephJsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const diagnostics: Diagnostic[] = [];
  const fixed = replaceNonFinite(body);
  if (fixed.count > 0) {
    const at = lineCol(body, fixed.firstOffset);
    diagnostics.push({
      code: 'ceph.json.nan',
      severity: 'warning',
      path: [],
      message: `${fixed.count} bare nan/inf value(s) (not JSON; old Ceph releases print them for undefined ratios): read as unknown`,
      location: { file: fileName, ...at },
      hint: 'harmless for utilization or var; a size or ratio read as unknown is reported where it is used',
    });
  }
  try {
    return { value: JSON.parse(fixed.text) as unknown, diagnostics };
  } catch (error) {
    const found = findJsonError(body) ?? { offset: 0, message: (error as Error).message, truncated: false };
    const at = lineCol(body, found.offset);
    diagnostics.push({
      code: 'ceph.json.invalid',
      severity: 'error',
      path: [],
      message: found.truncated
        ? `the file ends inside a JSON value: it looks truncated (expected the whole output of \`${what}\`)`
        : `not valid JSON: ${found.message} (expected the output of \`${what}\`)`,
      location: { file: fileName, ...at },
      hint: found.truncated ? 'capture the whole output again (a copy or a transfer was cut short)' : (found.hint ?? `run \`${what}\` again and save its output unchanged`),
    });
    return { diagnostics };
  }
}

/** A `ceph.json.wrong_command` error: the JSON is fine but is not the expected command's output. */
export function wrongCommand(fileName: string, expected: string, found: string): Diagnostic {
  return {
    code: 'ceph.json.wrong_command',
    severity: 'error',
    path: [],
    message: `expected the output of \`${expected}\`, but ${found}`,
    location: { file: fileName, line: 1, col: 1 },
    hint: `run \`${expected}\` and save its output to this file`,
  };
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
