/**
 * From history files to fitted growths: read every file (Prometheus query_range exports,
 * ceph df snapshot directories), merge the series of one resource, check them, fit them
 * (history/fit.ts) and say what was ignored and why. Pure: the caller reads the files.
 *
 * Checks, per resource (a coded diagnostic naming the file and the series; the series is
 * then not fitted rather than given an invented rate):
 *   a value NaN, infinite, negative or not a number  -> history.bad_value      (error, not fitted)
 *   times not strictly increasing (or repeated)       -> history.out_of_order   (error, not fitted)
 *   fewer than 3 points (in the window)               -> history.too_few_points (error, not fitted)
 *   two measures for one resource (ceph_pool_stored
 *     and ceph df; Placement usage in two units)      -> history.mixed_units    (error, not fitted)
 *   a drop to under half the previous value           -> history.reset          (warning: the fit starts after the last drop)
 *   a step more than 3 × the median step              -> history.gap            (warning: the fit spans it)
 * Series of one resource from one measure (Placement usage per hostname) are summed per
 * timestamp (a host absent at a time counts 0).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { BandedGrowth, GrowthBy } from '../model/demand.js';
import { parseCephDfSnapshots } from './ceph-df-snapshots.js';
import { fitGrowth, type GrowthFit, type HistoryPoint } from './fit.js';
import { isPrometheusRange, type ParsedHistory, parsePrometheusRange } from './prometheus.js';
import { growthByPath, type HistoryResource, type HistorySeries, type IgnoredSeries } from './series.js';

/** One input: a Prometheus export (a file), or a directory of ceph df snapshots (its files). */
export type HistoryInput = { kind: 'file'; fileName: string; text: string } | { kind: 'directory'; path: string; files: { fileName: string; text: string }[] };

export interface FitOptions {
  /** Months planned ahead of the last sample: the rates' P10 / P90 paths end there (default 24). */
  horizonMonths?: number;
  /** Unix seconds: only samples at or after it (a change point, or the window's start). */
  sinceSeconds?: number;
}

/** The fit of one resource. */
export interface ResourceFit {
  key: string;
  resource: HistoryResource;
  unit: string;
  /** The series fitted (after merging), for messages and the scenario's fit note. */
  source: string;
  /** demand.growthBy path the fit goes to: ['pools', 'volumes'], ['compute'], ['floatingIps']. */
  growthByPath: string[];
  /** The samples fitted (in the window, after the last reset), for charts. */
  points: HistoryPoint[];
  fit: GrowthFit;
}

export interface HistoryFitResult {
  fits: ResourceFit[];
  /** Series read but not fitted (unmapped, or refused by a check), and why. */
  ignored: IgnoredSeries[];
  diagnostics: Diagnostic[];
}

/** Reads one input. A file is a Prometheus export, or a single ceph df snapshot when it is one. */
export function parseHistoryInput(input: HistoryInput): ParsedHistory {
  if (input.kind === 'directory') return parseCephDfSnapshots(input.files);
  let value: unknown;
  try {
    value = JSON.parse(input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text);
  } catch {
    return parsePrometheusRange(input.text, input.fileName); // reports the JSON error at line:col
  }
  return isPrometheusRange(value) ? parsePrometheusRange(input.text, input.fileName) : parseCephDfSnapshots([{ fileName: input.fileName, text: input.text }]);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Merges the series of one key from one measure: values summed per timestamp. */
function merge(group: HistorySeries[]): HistoryPoint[] {
  if (group.length === 1) return group[0]!.points;
  const sums = new Map<number, number>();
  for (const s of group) for (const p of s.points) sums.set(p.tSeconds, (sums.get(p.tSeconds) ?? 0) + p.value);
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([tSeconds, value]) => ({ tSeconds, value }));
}

/** Reads, checks and fits every input (see the module docstring). Never throws. */
export function fitHistory(inputs: readonly HistoryInput[], options: FitOptions = {}): HistoryFitResult {
  const horizon = Math.max(1, Math.floor(options.horizonMonths ?? 24));
  const all: HistorySeries[] = [];
  const out: HistoryFitResult = { fits: [], ignored: [], diagnostics: [] };
  for (const input of inputs) {
    const parsed = parseHistoryInput(input);
    all.push(...parsed.series);
    out.ignored.push(...parsed.ignored);
    out.diagnostics.push(...parsed.diagnostics);
  }
  const keys = [...new Set(all.map((s) => s.key))];
  for (const key of keys) {
    const group = all.filter((s) => s.key === key);
    const first = group[0]!;
    const refuse = (code: string, message: string, hint: string, at = first): void => {
      out.diagnostics.push({ code, severity: 'error', path: [], message: `${at.source}: ${message}: not fitted`, location: at.location, hint });
      for (const s of group) out.ignored.push({ source: s.source, location: s.location, reason: message });
    };
    const measures = [...new Set(group.map((s) => `${s.measure} (${s.unit})`))];
    if (measures.length > 1) {
      refuse('history.mixed_units', `${key} comes from ${measures.join(' and ')}`, 'give one source per resource: either the Prometheus export or the ceph df snapshots');
      continue;
    }
    // Each series on its own: values and order.
    let bad = false;
    for (const s of group) {
      const i = s.points.findIndex((p) => !Number.isFinite(p.value) || p.value < 0 || !Number.isFinite(p.tSeconds));
      if (i >= 0) {
        const p = s.points[i]!;
        refuse(
          'history.bad_value',
          `sample ${i + 1} (${Number.isFinite(p.tSeconds) ? new Date(p.tSeconds * 1000).toISOString() : 'no time'}) is ${Number.isNaN(p.value) ? 'NaN or not a number' : p.value < 0 ? `negative (${p.value})` : 'infinite'}`,
          'remove the sample, or export a range without it',
          s,
        );
        bad = true;
        break;
      }
      const j = s.points.findIndex((p, k) => k > 0 && p.tSeconds <= s.points[k - 1]!.tSeconds);
      if (j >= 0) {
        refuse(
          'history.out_of_order',
          `sample ${j + 1} is not after sample ${j} (${s.points[j]!.tSeconds} <= ${s.points[j - 1]!.tSeconds} s)`,
          'sort the samples by time; one sample per time',
          s,
        );
        bad = true;
        break;
      }
    }
    if (bad) continue;
    let points = merge(group).filter((p) => options.sinceSeconds === undefined || p.tSeconds >= options.sinceSeconds);
    // A drop to under half: a counter reset or a wiped pool; fit after the last one.
    let lastDrop = -1;
    points.forEach((p, k) => {
      if (k > 0 && points[k - 1]!.value > 0 && p.value < points[k - 1]!.value / 2) lastDrop = k;
    });
    if (lastDrop > 0) {
      const at = points[lastDrop]!;
      out.diagnostics.push({
        code: 'history.reset',
        severity: 'warning',
        path: [],
        location: first.location,
        message: `${first.source}: drops from ${points[lastDrop - 1]!.value} to ${at.value} at ${new Date(at.tSeconds * 1000).toISOString()} (a reset or a wiped pool): fitted from there on`,
        hint: 'if the drop is real (data deleted), the fit after it is what you want; else fix the export',
      });
      points = points.slice(lastDrop);
    }
    if (points.length < 3) {
      refuse(
        'history.too_few_points',
        `${points.length} usable point(s)${options.sinceSeconds !== undefined || lastDrop > 0 ? ' in the window' : ''}, 3 are needed for a fit and its interval`,
        'export a longer range, or a finer step',
      );
      continue;
    }
    const steps = points.slice(1).map((p, k) => p.tSeconds - points[k]!.tSeconds);
    const step = median(steps);
    const gap = steps.findIndex((d) => d > 3 * step);
    if (gap >= 0) {
      out.diagnostics.push({
        code: 'history.gap',
        severity: 'warning',
        path: [],
        location: first.location,
        message: `${first.source}: no sample for ${(steps[gap]! / 86400).toFixed(1)} days after ${new Date(points[gap]!.tSeconds * 1000).toISOString()} (the usual step is ${(step / 86400).toFixed(2)} days): the fit spans the gap`,
      });
    }
    out.fits.push({
      key,
      resource: first.resource,
      unit: first.unit,
      source: group.length > 1 ? `${first.measure} summed over ${group.length} series` : first.source,
      growthByPath: growthByPath(first.resource),
      points,
      fit: fitGrowth(points, horizon),
    });
  }
  return out;
}

/**
 * The demand.growthBy entries of the fits: per pool, floating IPs, and compute (one rate for
 * every flavor: of the Placement classes fitted, the one with the highest P90 rate, the one
 * that runs out first if all else is equal; the others are shown, not written). Each growth is
 * the chosen model's with its P10 / P90 rates (clamped above −1, as the schema demands) and a
 * fit note.
 */
export function growthByFromFits(fits: readonly ResourceFit[]): GrowthBy {
  const out: GrowthBy = {};
  const banded = (f: ResourceFit): BandedGrowth => {
    const r = f.fit.rates;
    const clamp = (x: number): number => Math.max(-0.99, Math.min(10, x));
    return {
      kind: f.fit.chosen,
      perMonth: clamp(r.p50),
      p10: clamp(Math.min(r.p10, r.p50)),
      p90: clamp(Math.max(r.p90, r.p50)),
      fit: {
        model: f.fit.chosen,
        r2: f.fit.chosen === 'compound' ? f.fit.compound!.r2Values : f.fit.linear.r2,
        points: f.fit.points,
        from: f.fit.from,
        to: f.fit.to,
        series: f.source,
      },
    };
  };
  const compute = fits.filter((f) => f.resource.kind === 'compute').sort((a, b) => b.fit.rates.p90 - a.fit.rates.p90)[0];
  if (compute) out.compute = banded(compute);
  for (const f of fits) {
    if (f.resource.kind === 'pool') {
      out.pools ??= {};
      out.pools[f.resource.name] = banded(f);
    }
    if (f.resource.kind === 'floatingIps') out.floatingIps = banded(f);
  }
  return out;
}
