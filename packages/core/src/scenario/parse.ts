/**
 * parseScenario: YAML text -> normalized Scenario, or every diagnostic at once.
 *
 *   text --yaml--> document (syntax errors stop here, all of them reported)
 *        --zod---> typed values (every schema issue, positioned)
 *        --refs--> cross-references and cross-field rules (checked even when zod failed);
 *                  memory sizes written in decimal units (checkMemoryDecimal, a warning)
 *        --normalize--> Scenario (only when there is no error)
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic, Severity } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';
import { ScenarioFileSchema } from '../model/schema.js';
import { locate } from './locate.js';
import { normalize } from './normalize.js';
import { checkMemoryDecimal } from './memory-units.js';
import { checkReferences, type RawIssue } from './references.js';
import { knownKeysAt } from './schema-walk.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { resolveInventories, type InventoryOptions } from './inventories.js';
import { resolveStateDirs, type StateDirOptions } from './state-dirs.js';

export interface ParseOptions extends InventoryOptions, StateDirOptions {
  /** File name used in diagnostics' locations (default `scenario.yaml`). */
  fileName?: string;
  // From InventoryOptions (scenario/inventories.ts):
  //   inventories   texts of the files named by `hardware.<key>.inventory`, keyed by the path
  //                 as written (list them with scenarioInventoryPaths); the caller reads them
  //   cpuCatalogue  the CPU catalogue (parseCpuCatalogue) that fills in cores an inventory lacks
  // From StateDirOptions (scenario/state-dirs.ts):
  //   stateDirs     the `*.json` files of the directory named by `demand.storageFrom`, keyed by
  //                 the path as written (list them with scenarioStatePaths); the caller reads them
}

/** `scenario` is present only when there is no error-severity diagnostic. */
export interface ParseResult {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
}

/**
 * Parses and validates a scenario file.
 * @param text the YAML source
 * @returns the normalized scenario and the diagnostics sorted by line and column; never
 *   throws for anything a user can type.
 */
export function parseScenario(text: string, options: ParseOptions = {}): ParseResult {
  const fileName = options.fileName ?? 'scenario.yaml';
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, strict: true });
  const diagnostics: Diagnostic[] = [];

  for (const e of doc.errors) {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    diagnostics.push({
      code: e.code === 'DUPLICATE_KEY' ? 'yaml.duplicate_key' : 'yaml.syntax',
      severity: 'error',
      message: firstLine(e.message),
      path: [],
      location: { file: fileName, line: pos.line, col: pos.col },
    });
  }
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(diagnostics) };
  for (const w of doc.warnings) {
    const pos = w.linePos?.[0] ?? { line: 1, col: 1 };
    diagnostics.push({
      code: 'yaml.warning',
      severity: 'warning',
      message: firstLine(w.message),
      path: [],
      location: { file: fileName, line: pos.line, col: pos.col },
    });
  }

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // alias explosions and the like: the document is syntactically valid but unusable
    diagnostics.push({
      code: 'yaml.syntax', severity: 'error', message: (e as Error).message, path: [],
      location: { file: fileName, line: 1, col: 1 },
    });
    return { diagnostics: sortDiagnostics(diagnostics) };
  }

  const at = (path: (string | number)[], key = false) => locate(doc, lineCounter, fileName, path, { key });
  const push = (i: RawIssue, severity: Severity = 'error') => {
    const d: Diagnostic = { code: i.code, severity, message: i.message, path: i.path, location: at(i.path, i.atKey) };
    if (i.hint !== undefined) d.hint = i.hint;
    diagnostics.push(d);
  };

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    push({ code: 'schema.invalid_type', path: [], message: 'a scenario is a YAML mapping (key: value lines) at the top level' });
    return { diagnostics: sortDiagnostics(diagnostics) };
  }

  const parsed = ScenarioFileSchema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) for (const i of fromZodIssue(issue, raw)) push(i);
  for (const i of checkReferences(raw as Record<string, unknown>)) push(i, i.severity);
  for (const i of checkMemoryDecimal(raw as Record<string, unknown>)) push(i, i.severity);
  const inventories = resolveInventories(raw as Record<string, unknown>, parsed.success ? parsed.data : undefined, options);
  for (const i of inventories.issues) push(i, i.severity);
  diagnostics.push(...inventories.fileDiagnostics);
  const state = resolveStateDirs(raw as Record<string, unknown>, options);
  for (const i of state.issues) push(i, i.severity);
  diagnostics.push(...state.fileDiagnostics);

  const sorted = sortDiagnostics(dedupe(diagnostics));
  if (!parsed.success || sorted.some((d) => d.severity === 'error')) return { diagnostics: sorted };
  return { scenario: normalize(parsed.data, inventories.models, state.stored), diagnostics: sorted };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '...' : v}"`;
  return String(v);
}

type ZodIssue = z.core.$ZodIssue;

/** Maps one zod issue to headroom's coded diagnostics (one issue may give several). */
function fromZodIssue(issue: ZodIssue, raw: unknown): RawIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const value = valueAt(raw, path);
  const key = path[path.length - 1];
  const branch = unionBranch(issue, value);
  if (branch) return branch.flatMap((i) => fromZodIssue({ ...i, path: [...issue.path, ...i.path] } as ZodIssue, raw));
  switch (issue.code) {
    case 'custom': {
      const params = (issue.params ?? {}) as { code?: string; hint?: string };
      const r: RawIssue = { code: params.code ?? 'schema.invalid_value', path, message: issue.message };
      if (params.hint) r.hint = params.hint;
      return [r];
    }
    case 'invalid_type':
    case 'invalid_union': {
      if (value === undefined) {
        return [{ code: 'schema.required', path, message: `missing required key "${String(key)}"` }];
      }
      if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const close = typeof value === 'string' ? didYouMean(value, options) : undefined;
        return [{
          code: 'schema.invalid_value', path, message: `${describe(value)} is not a valid ${issue.discriminator}`,
          hint: `${close?.startsWith('did') ? close + ' ' : ''}one of: ${options.join(', ')}`,
        }];
      }
      const expected = issue.code === 'invalid_type' ? issue.expected : 'another type';
      return [{ code: 'schema.invalid_type', path, message: `expected ${article(expected)}, got ${describe(value)}` }];
    }
    case 'unrecognized_keys': {
      const known = knownKeysAt(ScenarioFileSchema, path, raw);
      return issue.keys.map((k) => {
        const r: RawIssue = { code: 'schema.unknown_key', path: [...path, k], atKey: true, message: `unknown key "${k}"` };
        const hint = didYouMean(k, known.filter((c) => !(value && typeof value === 'object' && c in value)));
        if (hint) r.hint = hint;
        return r;
      });
    }
    case 'invalid_value': {
      if (value === undefined) return [{ code: 'schema.required', path, message: `missing required key "${String(key)}"` }];
      if (path.length === 1 && path[0] === 'schemaVersion') {
        return [{ code: 'schema.version_unsupported', path, message: `schemaVersion ${describe(value)} is not supported`, hint: 'this headroom reads schemaVersion: 1' }];
      }
      const values = issue.values.map((v) => String(v));
      const r: RawIssue = { code: 'schema.invalid_value', path, message: `${describe(value)} is not allowed here`, hint: `one of: ${values.join(', ')}` };
      if (typeof value === 'string') {
        const s = didYouMean(value, values);
        if (s?.startsWith('did')) r.hint = `${s} (one of: ${values.join(', ')})`;
      }
      return [r];
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
      if (issue.origin === 'array') {
        return [{ code: small ? 'schema.too_small' : 'schema.too_big', path, message: `needs ${small ? 'at least' : 'at most'} ${bound} item(s)` }];
      }
      const rel = small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
      return [{ code: small ? 'schema.too_small' : 'schema.too_big', path, message: `${describe(value)} is out of range: must be ${rel} ${bound}` }];
    }
    case 'invalid_format':
      return [{ code: 'schema.invalid_format', path, message: `${describe(value)}: expected ${issue.message.replace(/^Invalid string: must match pattern .*$/, 'another format')}` }];
    case 'invalid_key':
      return [{ code: 'schema.invalid_format', path, message: `key "${String(key)}" is not a valid name: letters, digits, ".", "_" and "-"` }];
    default:
      return [{ code: 'schema.invalid_value', path, message: issue.message }];
  }
}

/**
 * A mapping that matches no member of a plain union (a hardware entry: written out, or
 * `inventory:`) reports the issues of the member it is closest to: the one with the fewest
 * issues (the first on a tie), so a typo reads as a typo in the intended shape.
 */
function unionBranch(issue: ZodIssue, value: unknown): ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union' || ('discriminator' in issue && issue.discriminator)) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const branches = ((issue as { errors?: ZodIssue[][] }).errors ?? []).filter((b) => b.length > 0);
  if (branches.length === 0) return undefined;
  return branches.reduce((best, b) => (b.length < best.length ? b : best));
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.code}|${d.path.join('.')}|${d.location.line}:${d.location.col}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Sorts diagnostics by file, line, column, then code (stable, deterministic). */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      a.location.line - b.location.line ||
      a.location.col - b.location.col ||
      a.code.localeCompare(b.code),
  );
}

export type { Document };
