/**
 * A state directory named in a scenario (`demand.storageFrom: path`): a running cluster's
 * `ceph ... -f json` outputs, whatever the files are named. Month-0 stored bytes per pool come
 * from its `ceph df` (`stored`, or `bytes_used` before Nautilus: ceph-state/df.ts). Core reads
 * no files: the caller lists the paths with scenarioStatePaths, reads each directory's `*.json`
 * files (relative to the scenario file) and passes them in `options.stateDirs`, keyed by the
 * path as written.
 *
 *   files missing           -> state.not_provided  at demand.storageFrom
 *   directory unreadable    -> state.unreadable    at demand.storageFrom
 *   a file not JSON         -> ceph.json.invalid   in that file, at line:col
 *                              + state.invalid      at demand.storageFrom
 *   no `ceph df` output     -> state.no_df         at demand.storageFrom
 *   a scenario pool not in  -> state.pool_missing  (warning) at demand.storageFrom; month 0
 *     `ceph df`                                     is 0 unless demand.storage gives it
 *
 * Explicit `demand.storage` entries win over the directory. Pools in `ceph df` that the
 * scenario does not define are ignored. Files of other commands (osd df, osd dump, ...) are
 * skipped.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics/types.js';
import { parseCephDf } from '../ceph-state/df.js';
import { detectCephCommand } from '../ceph-state/detect.js';
import { parseCephJsonText } from '../ceph-state/json.js';
import type { InputRefusalCode } from './inventories.js';
import type { RawIssue } from './references.js';

/** A state directory as the caller read it: its `*.json` files (name to show, text), or why it could not be read. */
export type StateDirInput = { files: { fileName: string; text: string }[] } | { error: string; code?: InputRefusalCode; hint?: string };

export interface StateDirOptions {
  stateDirs?: Record<string, StateDirInput>;
}

/** Month-0 stored bytes of one pool taken from a state directory, with where it came from. */
export interface StateStored {
  bytes: number;
  source: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The state directories a scenario names (`demand.storageFrom`). Tolerant: [] for anything else. */
export function scenarioStatePaths(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: false });
  const demand = isMap(doc.contents) ? doc.contents.get('demand', true) : undefined;
  if (!isMap(demand)) return [];
  const from = demand.get('storageFrom', true);
  return isScalar(from) && typeof from.value === 'string' && from.value !== '' ? [from.value] : [];
}

export interface ResolvedStateDirs {
  /** Stored bytes per scenario pool found in `ceph df`. */
  stored: Record<string, StateStored>;
  issues: (RawIssue & { severity: Severity })[];
  fileDiagnostics: Diagnostic[];
}

/** Reads `demand.storageFrom` for the pools the raw scenario defines. Never throws. */
export function resolveStateDirs(raw: Obj, options: StateDirOptions): ResolvedStateDirs {
  const out: ResolvedStateDirs = { stored: {}, issues: [], fileDiagnostics: [] };
  const demand = isObj(raw.demand) ? raw.demand : {};
  const path = demand.storageFrom;
  if (typeof path !== 'string' || path === '') return out;
  const at: (string | number)[] = ['demand', 'storageFrom'];
  const issue = (code: string, severity: Severity, message: string, hint?: string): void => {
    out.issues.push({ code, severity, path: at, message, ...(hint ? { hint } : {}) });
  };
  const input = options.stateDirs && Object.hasOwn(options.stateDirs, path) ? options.stateDirs[path] : undefined;
  if (input === undefined) {
    issue(
      'state.not_provided',
      'error',
      `the files of state directory "${path}" were not provided`,
      'parseScenario needs them in options.stateDirs, keyed by the path as written (the CLI reads the directory relative to the scenario)',
    );
    return out;
  }
  if ('error' in input && input.code) {
    issue(input.code, 'error', `state directory ${input.error}`, input.hint);
    return out;
  }
  if ('error' in input) {
    issue(
      'state.unreadable',
      'error',
      `cannot read state directory "${path}": ${input.error}`,
      'the path is relative to the scenario file; the directory holds `ceph df -f json` and other `ceph ... -f json` outputs',
    );
    return out;
  }
  let df: { fileName: string; pools: { name: string; storedBytes?: number }[]; nautilus: boolean } | undefined;
  let broken: Diagnostic | undefined;
  for (const f of input.files) {
    const probe = parseCephJsonText(f.text, f.fileName, 'a ceph command with -f json');
    if (probe.value === undefined) {
      out.fileDiagnostics.push(...probe.diagnostics);
      broken ??= probe.diagnostics.find((d) => d.severity === 'error');
      continue;
    }
    if (detectCephCommand(probe.value) !== 'df' || df) continue;
    const parsed = parseCephDf(f.text, f.fileName);
    out.fileDiagnostics.push(...parsed.diagnostics);
    if (parsed.data) df = { fileName: f.fileName, pools: parsed.data.pools, nautilus: parsed.data.nautilusOrLater };
  }
  if (broken) {
    issue(
      'state.invalid',
      'error',
      `state directory "${path}" has a file that is not valid JSON: ${broken.message}`,
      `see ${broken.location.file}:${broken.location.line}:${broken.location.col}`,
    );
    return out;
  }
  if (!df) {
    issue(
      'state.no_df',
      'error',
      `state directory "${path}" holds no \`ceph df -f json\` output (${input.files.length} .json file(s) read)`,
      'add the output of `ceph df -f json` (or `ceph df detail -f json`) to the directory',
    );
    return out;
  }
  const field = df.nautilus ? 'stored' : 'bytes_used';
  const pools = Array.isArray((raw.ceph as Obj | undefined)?.pools) ? ((raw.ceph as Obj).pools as unknown[]) : [];
  const missing: string[] = [];
  for (const p of pools) {
    if (!isObj(p) || typeof p.name !== 'string') continue;
    const got = df.pools.find((d) => d.name === p.name);
    if (got?.storedBytes === undefined) {
      missing.push(p.name);
      continue;
    }
    out.stored[p.name] = { bytes: got.storedBytes, source: `ceph df: ${df.fileName} pools[name=${p.name}].stats.${field}` };
  }
  const explicit = isObj(demand.storage) ? demand.storage : {};
  const unresolved = missing.filter((m) => !Object.hasOwn(explicit, m));
  if (unresolved.length > 0) {
    issue(
      'state.pool_missing',
      'warning',
      `pool(s) ${unresolved.map((m) => `"${m}"`).join(', ')} not in ${df.fileName}: stored data at month 0 is 0`,
      'give it in demand.storage, or check the pool names against `ceph df`',
    );
  }
  return out;
}
