/**
 * `demand.historyFrom: [paths]`: history files and snapshot directories a scenario names,
 * fitted at parse time (history/fit-history.ts) into demand.growthBy. Core reads no files: the
 * caller lists the paths with scenarioHistoryPaths, reads them (relative to the scenario
 * file, confined to its folder) and passes them in `options.histories`, keyed by the path as
 * written.
 *
 *   files missing or unreadable, refused    -> history.not_provided / the refusal code at demand.historyFrom
 *   a file or series problem                -> history.* in the history file, at line:col
 *   a pool in the history the scenario lacks -> history.unmapped (warning) at demand.historyFrom
 * The fits go under demand.growthBy: an entry the scenario writes itself wins.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics/types.js';
import { fitHistory, growthByFromFits, type HistoryInput } from '../history/fit-history.js';
import type { DemandHistory, GrowthBy } from '../model/demand.js';
import type { InputRefusalCode } from './inventories.js';
import type { RawIssue } from './references.js';

/** One path as the caller read it: a file's text, a directory's *.json files, or why not. */
export type HistoryPathInput =
  | { file: { fileName: string; text: string } }
  | { files: { fileName: string; text: string }[] }
  | { error: string; code?: InputRefusalCode; hint?: string };

export interface HistoryOptions {
  histories?: Record<string, HistoryPathInput>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The paths of demand.historyFrom (a string or a list). Tolerant: [] for anything else. */
export function scenarioHistoryPaths(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: false });
  const demand = isMap(doc.contents) ? doc.contents.get('demand', true) : undefined;
  if (!isMap(demand)) return [];
  const from = demand.get('historyFrom', true);
  if (isScalar(from) && typeof from.value === 'string' && from.value !== '') return [from.value];
  if (isSeq(from)) return from.items.flatMap((i) => (isScalar(i) && typeof i.value === 'string' && i.value !== '' ? [i.value] : []));
  return [];
}

export interface ResolvedHistory {
  growthBy?: GrowthBy;
  history: DemandHistory[];
  issues: (RawIssue & { severity: Severity })[];
  fileDiagnostics: Diagnostic[];
}

/** Fits demand.historyFrom for the raw scenario. Never throws. */
export function resolveHistory(raw: Obj, options: HistoryOptions): ResolvedHistory {
  const out: ResolvedHistory = { history: [], issues: [], fileDiagnostics: [] };
  const demand = isObj(raw.demand) ? raw.demand : {};
  const from = demand.historyFrom;
  const paths = typeof from === 'string' ? [from] : Array.isArray(from) ? from.filter((p): p is string => typeof p === 'string') : [];
  if (paths.length === 0) return out;
  const at = (i: number): (string | number)[] => (typeof from === 'string' ? ['demand', 'historyFrom'] : ['demand', 'historyFrom', i]);
  const inputs: HistoryInput[] = [];
  paths.forEach((path, i) => {
    const input = options.histories && Object.hasOwn(options.histories, path) ? options.histories[path] : undefined;
    if (input === undefined) {
      out.issues.push({
        code: 'history.not_provided',
        severity: 'error',
        path: at(i),
        message: `the history "${path}" was not provided`,
        hint: 'parseScenario needs it in options.histories, keyed by the path as written (the CLI reads it relative to the scenario)',
      });
      return;
    }
    if ('error' in input) {
      out.issues.push({
        code: input.code ?? 'history.unreadable',
        severity: 'error',
        path: at(i),
        message: `history ${input.error}`,
        hint: input.hint ?? 'the path is relative to the scenario file: a Prometheus query_range JSON export, or a directory of dated `ceph df -f json` snapshots',
      });
      return;
    }
    inputs.push('file' in input ? { kind: 'file', ...input.file } : { kind: 'directory', path, files: input.files });
  });
  if (inputs.length === 0) return out;
  const horizon = typeof raw.horizonMonths === 'number' ? raw.horizonMonths : 24;
  const result = fitHistory(inputs, { horizonMonths: horizon });
  out.fileDiagnostics.push(...result.diagnostics);
  const pools = Array.isArray((raw.ceph as Obj | undefined)?.pools)
    ? ((raw.ceph as Obj).pools as unknown[]).flatMap((p) => (isObj(p) && typeof p.name === 'string' ? [p.name] : []))
    : [];
  const kept = result.fits.filter((f) => f.resource.kind !== 'pool' || pools.includes(f.resource.name));
  const dropped = result.fits.filter((f) => !kept.includes(f));
  if (dropped.length > 0) {
    out.issues.push({
      code: 'history.unmapped',
      severity: 'warning',
      path: at(0),
      message: `pool(s) ${dropped.map((f) => `"${f.resource.kind === 'pool' ? f.resource.name : f.key}"`).join(', ')} in the history are not scenario pools: not fitted into the plan`,
      hint: 'check the pool names against ceph.pools',
    });
  }
  if (kept.length === 0) return out;
  out.growthBy = growthByFromFits(kept);
  const computeSource = out.growthBy.compute?.fit?.series;
  out.history = kept.map((f) => ({
    key: f.key,
    growthByPath: f.resource.kind === 'compute' && f.source !== computeSource ? null : `demand.growthBy.${f.growthByPath.join('.')}`,
    unit: f.unit,
    source: f.source,
    points: f.points.map((p) => ({ tSeconds: p.tSeconds, value: p.value })),
    monthly: monthlyLast(f.points),
    band: bandPaths(f.fit, f.points[f.points.length - 1]!.tSeconds, horizon),
    fit: f.fit,
  }));
  return out;
}

const monthOf = (tSeconds: number): string => new Date(tSeconds * 1000).toISOString().slice(0, 7);

/** The last sample of each calendar month (UTC), in time order. */
export function monthlyLast(points: readonly { tSeconds: number; value: number }[]): { month: string; value: number }[] {
  const out: { month: string; value: number }[] = [];
  for (const p of points) {
    const m = monthOf(p.tSeconds);
    if (out.length > 0 && out[out.length - 1]!.month === m) out[out.length - 1]!.value = p.value;
    else out.push({ month: m, value: p.value });
  }
  return out;
}

/**
 * The P10 / P50 / P90 paths of a fit for months 1 .. horizon after the month of the last
 * sample, from the chosen model's fitted level there: compound level × (1 + r_q)^m, linear
 * level × (1 + g_q · m) (history/fit.ts: the rates whose paths reach the prediction bounds at
 * the horizon). Example: level 100, compound P50 0.05: month 2 = 100 × 1.05² = 110.25.
 */
export function bandPaths(fit: DemandHistory['fit'], lastSeconds: number, horizon: number): DemandHistory['band'] {
  const level = fit.chosen === 'compound' && fit.compound ? fit.compound.level : fit.linear.level;
  const at = (r: number, m: number): number => (fit.chosen === 'compound' ? level * (1 + r) ** m : level * (1 + r * m));
  const [y, mo] = monthOf(lastSeconds).split('-').map(Number) as [number, number];
  return Array.from({ length: Math.max(1, Math.floor(horizon)) }, (_, i) => {
    const m = i + 1;
    const total = y * 12 + (mo - 1) + m;
    const month = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
    return { month, p10: at(fit.rates.p10, m), p50: at(fit.rates.p50, m), p90: at(fit.rates.p90, m) };
  });
}

/** The scenario's own growthBy over the fitted one: a key written in the scenario wins. */
export function mergeGrowthBy(fitted: GrowthBy, own: GrowthBy | undefined): GrowthBy {
  const o = own ?? {};
  const out: GrowthBy = { ...fitted, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) };
  if (fitted.pools || o.pools) out.pools = { ...fitted.pools, ...o.pools };
  if (fitted.flavors || o.flavors) out.flavors = { ...fitted.flavors, ...o.flavors };
  return out;
}
