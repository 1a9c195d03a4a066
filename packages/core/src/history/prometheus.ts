/**
 * A Prometheus `query_range` export -> history series (history/series.ts). The HTTP API's
 * response (https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries):
 *   { "status": "success", "data": { "resultType": "matrix",
 *     "result": [ { "metric": { "__name__": ..., labels }, "values": [ [ <unix s>, "<value>" ], ... ] } ] } }
 * The `data` object alone is accepted too. Values are strings (Prometheus prints NaN and ±Inf
 * so); they are read with Number() and checked in history/validate.ts. Never throws.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { findJsonError, lineCol } from '../hardware/import/json-text.js';
import { type HistorySeries, type IgnoredSeries, mapPrometheusSeries, resourceKey, seriesName } from './series.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface ParsedHistory {
  series: HistorySeries[];
  ignored: IgnoredSeries[];
  diagnostics: Diagnostic[];
}

/** Offsets of each `"metric":` key in the text, in order: the k-th is the k-th result's (labels never hold a key). */
function metricOffsets(text: string): number[] {
  const out: number[] = [];
  const re = /"metric"\s*:/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** True when the text looks like a Prometheus API response or its `data` object. */
export function isPrometheusRange(value: unknown): boolean {
  const data = isObj(value) && isObj(value.data) ? value.data : value;
  return isObj(data) && typeof data.resultType === 'string' && Array.isArray(data.result);
}

/**
 * Parses a query_range export. `history.invalid` (error, the file is skipped) when it is not
 * JSON, not a success, or not a matrix; every series is mapped (mapPrometheusSeries) or listed
 * in `ignored` with a `history.unmapped` warning. Samples keep their raw value (NaN when not a
 * number) for history/validate.ts to judge.
 */
export function parsePrometheusRange(text: string, fileName: string): ParsedHistory {
  const out: ParsedHistory = { series: [], ignored: [], diagnostics: [] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fail = (message: string, offset = 0, hint?: string): ParsedHistory => {
    out.diagnostics.push({ code: 'history.invalid', severity: 'error', path: [], message, location: { file: fileName, ...lineCol(body, offset) }, ...(hint ? { hint } : {}) });
    return out;
  };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const found = findJsonError(body);
    return fail(
      `not valid JSON: ${found?.message ?? (error as Error).message}`,
      found?.offset ?? 0,
      'export with: curl -G <prometheus>/api/v1/query_range --data-urlencode query=... -d start=... -d end=... -d step=1d',
    );
  }
  if (isObj(value) && value.status !== undefined && value.status !== 'success')
    return fail(`the response's status is "${String(value.status)}", not "success": ${String(value.error ?? '')}`);
  const data = isObj(value) && isObj(value.data) ? value.data : value;
  if (!isObj(data) || !Array.isArray(data.result))
    return fail('not a Prometheus query_range response (no data.result)', 0, 'a query_range response: {"status":"success","data":{"resultType":"matrix","result":[...]}}');
  if (data.resultType !== 'matrix')
    return fail(
      `resultType "${String(data.resultType)}", not "matrix": an instant query has one sample per series, a range query is needed`,
      0,
      'use /api/v1/query_range, not /api/v1/query',
    );
  const offsets = metricOffsets(body);
  data.result.forEach((r, k) => {
    const location = { file: fileName, ...lineCol(body, offsets[k] ?? 0) };
    const metric: Record<string, string> = {};
    if (isObj(r) && isObj(r.metric)) for (const [key, v] of Object.entries(r.metric)) if (typeof v === 'string') metric[key] = v;
    const source = seriesName(metric);
    if (!isObj(r) || !Array.isArray(r.values)) {
      out.diagnostics.push({ code: 'history.invalid', severity: 'error', path: [], message: `series ${source} has no "values" list: skipped`, location });
      return;
    }
    const mapped = mapPrometheusSeries(metric);
    if ('reason' in mapped) {
      out.ignored.push({ source, location, reason: mapped.reason });
      out.diagnostics.push({ code: 'history.unmapped', severity: 'warning', path: [], message: `series ${source} is ignored: ${mapped.reason}`, location });
      return;
    }
    const points = r.values.map((pair) => {
      const [t, v] = Array.isArray(pair) ? pair : [];
      return { tSeconds: typeof t === 'number' ? t : Number.NaN, value: typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN };
    });
    out.series.push({
      resource: mapped.resource,
      key: resourceKey(mapped.resource),
      unit: mapped.unit,
      source: `${source} in ${fileName}`,
      measure: mapped.measure,
      location,
      points,
    });
  });
  return out;
}
