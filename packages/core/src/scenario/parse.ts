/**
 * parseScenario: YAML text -> normalized Scenario, or every diagnostic at once.
 *
 *   text --yaml--> document (syntax errors stop here, all of them reported)
 *        --zod---> typed values (every schema issue, positioned)
 *        --refs--> cross-references and cross-field rules (checked even when zod failed);
 *                  memory sizes written in decimal units (checkMemoryDecimal, a warning)
 *        --normalize--> Scenario (only when there is no error)
 */
import { isAlias, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic, Severity } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';
import { ScenarioFileSchema } from '../model/schema.js';
import { locate } from './locate.js';
import { normalize } from './normalize.js';
import { checkMemoryDecimal } from './memory-units.js';
import { checkReferences, type RawIssue } from './references.js';
import { checkDemandReferences } from './demand-references.js';
import { knownKeysAt } from './schema-walk.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { resolveInventories, type InventoryOptions } from './inventories.js';
import { resolveStateDirs, type StateDirOptions } from './state-dirs.js';
import { type HistoryOptions, mergeGrowthBy, resolveHistory } from './history-from.js';
import { explainYamlError, explanationText, type SyntaxExplanation } from './yaml-syntax.js';

export interface ParseOptions extends InventoryOptions, StateDirOptions, HistoryOptions {
  /** File name used in diagnostics' locations (default `scenario.yaml`). */
  fileName?: string;
  // From InventoryOptions (scenario/inventories.ts):
  //   inventories   texts of the files named by `hardware.<key>.inventory`, keyed by the path
  //                 as written (list them with scenarioInventoryPaths); the caller reads them
  //   cpuCatalogue  the CPU catalogue (parseCpuCatalogue) that fills in cores an inventory lacks
  // From StateDirOptions (scenario/state-dirs.ts):
  //   stateDirs     the `*.json` files of the directory named by `demand.storageFrom`, keyed by
  //                 the path as written (list them with scenarioStatePaths); the caller reads them
  // From HistoryOptions (scenario/history-from.ts):
  //   histories     the files and snapshot directories named by `demand.historyFrom`, keyed by the
  //                 path as written (list them with scenarioHistoryPaths); the caller reads them
}

/** `scenario` is present only when there is no error-severity diagnostic. */
export interface ParseResult {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
}

/**
 * Parses and validates a scenario file.
 * @param input the YAML source
 * @returns the normalized scenario and the diagnostics sorted by line and column; never
 *   throws for anything a user can type.
 */
export function parseScenario(input: string, options: ParseOptions = {}): ParseResult {
  const fileName = options.fileName ?? 'scenario.yaml';
  const diagnostics: Diagnostic[] = [];
  const encoding = checkEncoding(input, fileName);
  if (encoding) return { diagnostics: [encoding] };
  // Classic Mac line ends (CR alone): one character for one, so lines and columns stay true.
  const text = input.includes('\r') ? input.replace(/\r(?!\n)/g, '\n') : input;
  const deep = checkDepth(text, fileName);
  if (deep) return { diagnostics: withHints([deep]) };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, strict: true });

  const explained: SyntaxExplanation[] = [];
  for (const e of doc.errors) {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    const code =
      e.code === 'DUPLICATE_KEY'
        ? 'yaml.duplicate_key'
        : e.code === 'MULTIPLE_DOCS'
          ? 'yaml.multiple_documents'
          : e.code === 'RESOURCE_EXHAUSTION'
            ? 'yaml.too_deep'
            : 'yaml.syntax';
    // an indentation mistake or an unclosed { / [: at the mis-indented key or the opening bracket (yaml-syntax.ts)
    const why = code === 'yaml.syntax' ? explainYamlError(text, { code: e.code, message: e.message, line: pos.line, col: pos.col, offset: e.pos[0] }) : undefined;
    if (why) {
      explained.push(why);
      diagnostics.push({ code, severity: 'error', path: [], location: { file: fileName, line: why.line, col: why.col }, ...explanationText(why) });
      continue;
    }
    const message =
      code === 'yaml.multiple_documents'
        ? 'the file holds more than one YAML document (a second "---" or "..."): a scenario is one document'
        : code === 'yaml.too_deep'
          ? `the file nests deeper than the parser can follow (more than ${MAX_NESTING} levels)`
          : firstLine(e.message);
    diagnostics.push({ code, severity: 'error', message, path: [], location: { file: fileName, line: pos.line, col: pos.col } });
  }
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(withHints(dedupe(withoutEchoes(diagnostics, explained)))) };
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
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // alias explosions (a "billion laughs"): syntactically valid, too large to expand
    const alias = lastAlias(doc, lineCounter);
    diagnostics.push({
      code: 'yaml.alias_limit',
      severity: 'error',
      path: [],
      message: `the aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies of their anchors${e instanceof ReferenceError ? '' : `: ${(e as Error).message}`}`,
      location: { file: fileName, ...alias },
    });
    return { diagnostics: sortDiagnostics(withHints(diagnostics)) };
  }

  const at = (path: (string | number)[], key = false) => locate(doc, lineCounter, fileName, path, { key });
  const push = (i: RawIssue, severity: Severity = 'error') => {
    const d: Diagnostic = { code: i.code, severity, message: i.message, path: i.path, location: at(i.path, i.atKey) };
    if (i.hint !== undefined) d.hint = i.hint;
    diagnostics.push(d);
  };

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    push({ code: 'schema.invalid_type', path: [], message: 'a scenario is a YAML mapping (key: value lines) at the top level' });
    return { diagnostics: sortDiagnostics(withHints(diagnostics)) };
  }

  // jitless: zod would compile a fast path for each object schema on first use (new Function);
  // a scenario is parsed once per run, so compiling costs more than it saves (about 20 ms of CPU
  // at start-up for the reference pilot; test/bench.mjs --only-startup)
  const parsed = ScenarioFileSchema.safeParse(raw, { jitless: true });
  if (!parsed.success) for (const issue of parsed.error.issues) for (const i of fromZodIssue(issue, raw)) push(i);
  for (const i of checkReferences(raw as Record<string, unknown>)) push(i, i.severity);
  for (const i of checkDemandReferences(raw as Record<string, unknown>)) push(i, i.severity);
  for (const i of checkMemoryDecimal(raw as Record<string, unknown>)) push(i, i.severity);
  const inventories = resolveInventories(raw as Record<string, unknown>, parsed.success ? parsed.data : undefined, options);
  for (const i of inventories.issues) push(i, i.severity);
  diagnostics.push(...inventories.fileDiagnostics);
  const state = resolveStateDirs(raw as Record<string, unknown>, options);
  for (const i of state.issues) push(i, i.severity);
  diagnostics.push(...state.fileDiagnostics);
  const history = resolveHistory(raw as Record<string, unknown>, options);
  for (const i of history.issues) push(i, i.severity);
  diagnostics.push(...history.fileDiagnostics);

  const sorted = sortDiagnostics(withHints(dedupe(diagnostics)));
  if (!parsed.success || sorted.some((d) => d.severity === 'error')) return { diagnostics: sorted };
  const scenario = normalize(parsed.data, inventories.models, state.stored);
  if (history.growthBy) {
    scenario.demand.growthBy = mergeGrowthBy(history.growthBy, scenario.demand.growthBy);
    scenario.demand.history = history.history;
  }
  return { scenario, diagnostics: sorted };
}

/** Deepest nesting of mappings and lists a scenario may have (the real format needs about 8). */
export const MAX_NESTING = 64;
/** Alias expansions (`*name`) a scenario may have before it is taken for an alias bomb. */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Text that is not UTF-8 as read: NUL characters (UTF-16 read as UTF-8 has one in every other
 * byte; no YAML has one), or the two replacement characters a UTF-16 byte order mark decodes
 * to. `input.encoding` at the first such character.
 */
function checkEncoding(text: string, fileName: string): Diagnostic | undefined {
  const bom16 = text.startsWith('\uFFFD\uFFFD') || text.startsWith('\u00FF\u00FE') || text.startsWith('\u00FE\u00FF') || text.startsWith('\uFFFE');
  const nul = text.indexOf('\u0000');
  if (!bom16 && nul < 0) return undefined;
  const offset = bom16 ? 0 : nul;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return {
    code: 'input.encoding',
    severity: 'error',
    path: [],
    message: bom16 ? 'the file is UTF-16 (it starts with a UTF-16 byte order mark): headroom reads UTF-8' : 'the file holds NUL characters: it is UTF-16 or binary, not UTF-8 text',
    location: { file: fileName, line, col: offset - before.lastIndexOf('\n') },
    hint: 'save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8 in.yaml > out.yaml)',
  };
}

/**
 * The nesting depth of the YAML text, measured without parsing (the parser recurses, and
 * 1,500 levels overflow its stack): block levels by indentation and "- " entries, flow levels
 * by unclosed [ and {, outside quotes and comments. `yaml.too_deep` at the first place that is
 * deeper than MAX_NESTING. An over-estimate only for block scalars indented in many steps.
 */
function checkDepth(text: string, fileName: string): Diagnostic | undefined {
  const indents: number[] = [];
  let flow = 0;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    start = end + 1;
    let i = 0;
    while (line[i] === ' ') i++;
    if (i === line.length || line[i] === '#') continue;
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= i) indents.pop();
      indents.push(i);
      // "- - - x": each dash is a level
      while (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
        i += 1;
        while (line[i] === ' ') i++;
        indents.push(i);
      }
    }
    let quote: string | undefined;
    for (let c = i; c < line.length; c++) {
      const ch = line[c]!;
      if (quote) {
        if (ch === quote) quote = undefined;
        else if (ch === '\\' && quote === '"') c++;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#' && (c === 0 || line[c - 1] === ' ')) break;
      else if (ch === '[' || ch === '{') {
        flow++;
        if (indents.length + flow > MAX_NESTING) return tooDeep(fileName, lineNo, c + 1);
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
    }
    if (indents.length + flow > MAX_NESTING) return tooDeep(fileName, lineNo, i + 1);
    if (start > text.length) break;
  }
  return undefined;
}

function tooDeep(file: string, line: number, col: number): Diagnostic {
  return {
    code: 'yaml.too_deep',
    severity: 'error',
    path: [],
    message: `the file nests mappings and lists more than ${MAX_NESTING} levels deep here`,
    location: { file, line, col },
  };
}

/** Where the last alias (`*name`) of the document is: an alias bomb's largest expansion is at its end. */
function lastAlias(doc: Document, lineCounter: LineCounter): { line: number; col: number } {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
    },
  });
  return offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
}

/**
 * The hint an error gets when the check that raised it gave none: what to do about it, in
 * general terms. Codes without one here say all in their message (see HINTLESS_CODES).
 */
export const DEFAULT_HINTS: Readonly<Record<string, string>> = {
  'yaml.syntax': 'look at the caret and the line above it: indentation (spaces, not tabs), a missing ":" or closing quote/bracket; quote values that hold ": " or " #"',
  'yaml.duplicate_key': 'a key may appear once per mapping: remove one, or merge their values',
  'yaml.multiple_documents': 'remove the second "---" (or "..."), or split the file into one scenario per file',
  'yaml.too_deep': `a scenario needs a handful of levels: look for runaway [ or {, or indentation that keeps growing; the limit is ${MAX_NESTING}`,
  'yaml.alias_limit': `anchors (&name) and aliases (*name) may repeat a value, but not expand past ${MAX_ALIAS_COUNT} copies: write the values out, or share fewer`,
  'schema.required': 'add the key (see `headroom schema` for what it takes)',
  'schema.invalid_type': 'see `headroom schema` for the type of this key; quote text that looks like a number or a date',
  'schema.too_small': 'the value is below the documented minimum: see `headroom schema` for the range',
  'schema.too_big': "the value is above the documented maximum, which fits a real cloud: see `headroom schema` and the README's Limits",
  'schema.invalid_format': 'see `headroom schema` for the format (months are YYYY-MM, names letters, digits, ".", "_", "-")',
  'ref.duplicate_name': 'names are keys other entries refer to: give each one a different name',
  'ref.duplicate_member': 'list each member once',
  'ref.unknown_hardware': 'define it under hardware:, or fix the spelling',
  'ref.unknown_rack': 'define it under racks:, or fix the spelling',
  'ref.unknown_flavor': 'define it under openstack.flavors:, or fix the spelling',
  'ref.unknown_pool': 'define it under ceph.pools:, or fix the spelling',
  'schema.invalid_unit': 'write the quantity in a unit of its kind: sizes in B, kB, MB, GB, TB, KiB, MiB, GiB, TiB; speeds in Gbit/s; power in W or kW',
  'net.address.invalid': 'write an IPv4 or IPv6 address, e.g. 10.0.0.1 or 2001:db8::1 (no prefix length)',
  'net.gateway.outside': 'the gateway must be a usable address of the subnet (not its network or broadcast address): fix the gateway or the subnet',
  'net.range.outside': "keep the range inside the subnet's usable addresses, or widen the subnet",
  'net.port.reused': 'a port belongs to one bond, or carries networks directly, not both: give each bond its own ports',
};

/** Gives every diagnostic without a hint the DEFAULT_HINTS one for its code, when there is one. */
function withHints(diagnostics: Diagnostic[]): Diagnostic[] {
  for (const d of diagnostics) {
    if (d.hint === undefined && d.severity === 'error') {
      const hint = DEFAULT_HINTS[d.code];
      if (hint) d.hint = hint;
    }
  }
  return diagnostics;
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
        return [
          {
            code: 'schema.invalid_value',
            path,
            message: `${describe(value)} is not a valid ${issue.discriminator}`,
            hint: `${close?.startsWith('did') ? close + ' ' : ''}one of: ${options.join(', ')}`,
          },
        ];
      }
      const expected = issue.code === 'invalid_type' ? issue.expected : 'another type';
      return [{ code: 'schema.invalid_type', path, message: `expected ${article(expected)}, got ${describe(value)}` }];
    }
    case 'unrecognized_keys': {
      const known = knownKeysAt(ScenarioFileSchema, path, raw);
      return issue.keys.map((k) => {
        const r: RawIssue = { code: 'schema.unknown_key', path: [...path, k], atKey: true, message: `unknown key "${k}"` };
        const hint = didYouMean(
          k,
          known.filter((c) => !(value && typeof value === 'object' && c in value)),
        );
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
      return [
        { code: 'schema.invalid_format', path, message: `${describe(value)}: expected ${issue.message.replace(/^Invalid string: must match pattern .*$/, 'another format')}` },
      ];
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

/**
 * The parser's other syntax errors on the lines around an explained one (one mistake breaks
 * the grammar in several places: "All mapping items must start at the same column" and
 * "Nested mappings are not allowed" on the same key) are echoes of it: dropped.
 */
function withoutEchoes(ds: Diagnostic[], explained: readonly SyntaxExplanation[]): Diagnostic[] {
  if (explained.length === 0) return ds;
  const at = new Set(explained.map((e) => `${e.line}:${e.col}`));
  return ds.filter((d) => d.code !== 'yaml.syntax' || at.has(`${d.location.line}:${d.location.col}`) || !explained.some((e) => Math.abs(d.location.line - e.line) <= 1));
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
    (a, b) => a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.location.col - b.location.col || a.code.localeCompare(b.code),
  );
}

export type { Document };
