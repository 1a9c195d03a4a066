/**
 * A directory of dated `ceph df -f json` snapshots -> one history series per pool (stored
 * bytes: `stored`, or `bytes_used` before Nautilus; ceph-state/df.ts).
 *
 * Each snapshot's time: from `manifest.json` in the directory when it names the file
 * ({ "<file name>": "<ISO date or date-time>" }), else from a date in the file name
 * (`df-2026-03-01.json`, `2026-03-01T06:00.json`; UTC). A snapshot with neither is skipped
 * with `history.no_date`; a file that is not a `ceph df` output is skipped silently (a
 * directory may hold other outputs). Series are in time order (file names need not sort).
 */
import { parseCephDf } from '../ceph-state/df.js';
import { detectCephCommand } from '../ceph-state/detect.js';
import { parseCephJsonText } from '../ceph-state/json.js';
import type { ParsedHistory } from './prometheus.js';
import { type HistorySeries, resourceKey } from './series.js';

const DATE_IN_NAME = /(\d{4})-(\d{2})-(\d{2})(?:[T_ ](\d{2})[:-]?(\d{2}))?/;

/** Unix seconds of an ISO date or date-time (UTC when no zone is given), or undefined. */
export function parseSnapshotTime(text: string): number | undefined {
  const m = DATE_IN_NAME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text.trim()) && /^\d{4}-\d{2}-\d{2}T/.test(text.trim());
  const ms = zoned ? Date.parse(text.trim()) : Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
  if (!Number.isFinite(ms) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  return ms / 1000;
}

const baseName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/** Reads the snapshots of one directory (files as the caller read them, `fileName` as shown). */
export function parseCephDfSnapshots(files: readonly { fileName: string; text: string }[]): ParsedHistory {
  const out: ParsedHistory = { series: [], ignored: [], diagnostics: [] };
  const manifestFile = files.find((f) => baseName(f.fileName) === 'manifest.json');
  const manifest: Record<string, string> = {};
  if (manifestFile) {
    const parsed = parseCephJsonText(manifestFile.text, manifestFile.fileName, 'a manifest { "<file>": "<date>" }');
    const v = parsed.value;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, d] of Object.entries(v)) if (typeof d === 'string') manifest[k] = d;
    } else
      out.diagnostics.push({
        code: 'history.invalid',
        severity: 'error',
        path: [],
        message: 'manifest.json is not an object { "<file name>": "<date>" }',
        location: { file: manifestFile.fileName, line: 1, col: 1 },
      });
  }
  const byPool = new Map<string, HistorySeries>();
  const snapshots: { t: number; fileName: string; pools: { name: string; storedBytes?: number }[]; field: string }[] = [];
  for (const f of files) {
    if (f === manifestFile) continue;
    const probe = parseCephJsonText(f.text, f.fileName, 'ceph df -f json');
    if (probe.value === undefined) {
      out.diagnostics.push(...probe.diagnostics.map((d) => (d.code === 'ceph.json.invalid' ? { ...d, code: 'history.invalid' } : d)));
      continue;
    }
    if (detectCephCommand(probe.value) !== 'df') continue;
    const name = baseName(f.fileName);
    const dated = Object.hasOwn(manifest, name) ? manifest[name]! : name;
    const t = parseSnapshotTime(dated);
    if (t === undefined) {
      out.diagnostics.push({
        code: 'history.no_date',
        severity: 'warning',
        path: [],
        location: { file: f.fileName, line: 1, col: 1 },
        message: `ceph df snapshot ${name} has no date: skipped`,
        hint: 'put the date in the file name (df-2026-03-01.json) or in manifest.json ({ "<file>": "2026-03-01" })',
      });
      continue;
    }
    const df = parseCephDf(f.text, f.fileName);
    out.diagnostics.push(...df.diagnostics);
    if (df.data) snapshots.push({ t, fileName: f.fileName, pools: df.data.pools, field: df.data.nautilusOrLater ? 'stored' : 'bytes_used' });
  }
  snapshots.sort((a, b) => a.t - b.t);
  for (const s of snapshots) {
    for (const p of s.pools) {
      let series = byPool.get(p.name);
      if (!series) {
        const resource = { kind: 'pool' as const, name: p.name };
        series = {
          resource,
          key: resourceKey(resource),
          unit: 'bytes',
          source: `ceph df pools[name=${p.name}].stats.${s.field} in ${files.length} file(s)`,
          measure: 'ceph df stored',
          location: { file: s.fileName, line: 1, col: 1 },
          points: [],
        };
        byPool.set(p.name, series);
      }
      series.points.push({ tSeconds: s.t, value: p.storedBytes ?? Number.NaN });
    }
  }
  out.series.push(...byPool.values());
  return out;
}
