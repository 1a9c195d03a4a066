/**
 * `ceph df [detail] -f json` -> cluster totals, per-class totals and per-pool usage with the
 * MAX AVAIL Ceph printed.
 *
 * Semantics (src/mon/PGMap.cc PGMapDigest::dump_cluster_stats, dump_object_stat_sum):
 *  - every size is bytes (`kb_used` is the only KiB field and is not read).
 *  - `max_avail` = avail_raw / raw used rate, bytes of client data (see storage/max-avail.ts).
 *  - Nautilus and later: `stored` is client bytes, `bytes_used` raw bytes (all replicas), and
 *    `percent_used` a fraction of used / (used + avail_raw).
 *  - Before Nautilus (no `stored`): `bytes_used` is client bytes, `raw_bytes_used` raw bytes,
 *    and `percent_used` was printed as a percent. Both are normalised here:
 *    storedBytes / rawUsedBytes, percentUsedFraction.
 */
import { COMMAND_LINE, detectCephCommand } from './detect.js';
import { isObj, num, parseCephJsonText, str, wrongCommand, type Obj } from './json.js';
import { found, type ParsedOutput } from './osd-df.js';

export interface CephDfPool {
  id: number;
  name: string;
  /** Client bytes (`stored`, or `bytes_used` before Nautilus). */
  storedBytes?: number;
  /** Raw bytes over all replicas (`bytes_used`, or `raw_bytes_used` before Nautilus). */
  rawUsedBytes?: number;
  objects?: number;
  /** MAX AVAIL as Ceph printed it, bytes. */
  maxAvailBytes?: number;
  /** `avail_raw` (df detail, Nautilus and later): the rule's raw avail, bytes. */
  availRawBytes?: number;
  /** `percent_used` as a fraction 0..1 (divided by 100 for pre-Nautilus outputs). */
  percentUsedFraction?: number;
}

export interface CephDfTotals {
  totalBytes?: number;
  availBytes?: number;
  usedRawBytes?: number;
}

export interface CephDf {
  /** `stored` present: Nautilus (14) or later. */
  nautilusOrLater: boolean;
  /** `ceph df detail` (pool stats carry quota_objects / quota_bytes). */
  detail: boolean;
  totals: CephDfTotals;
  byClass: Record<string, CephDfTotals>;
  pools: CephDfPool[];
}

const totals = (s: Obj): CephDfTotals => {
  const t: CephDfTotals = {};
  const total = num(s.total_bytes);
  if (total !== undefined) t.totalBytes = total;
  const avail = num(s.total_avail_bytes);
  if (avail !== undefined) t.availBytes = avail;
  const used = num(s.total_used_raw_bytes) ?? num(s.total_used_bytes);
  if (used !== undefined) t.usedRawBytes = used;
  return t;
};

/** Parses `ceph df [detail] -f json`. Errors: `ceph.json.invalid`, `ceph.json.wrong_command`. */
export function parseCephDf(text: string, fileName: string): ParsedOutput<CephDf> {
  const r = parseCephJsonText(text, fileName, COMMAND_LINE.df);
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  const kind = detectCephCommand(r.value);
  if (kind !== 'df' || !isObj(r.value)) return { diagnostics: [...r.diagnostics, wrongCommand(fileName, COMMAND_LINE.df, found(kind))] };
  const v = r.value;
  const rawPools = (v.pools as unknown[]).filter(isObj);
  const nautilusOrLater = rawPools.some((p) => isObj(p.stats) && 'stored' in p.stats);
  const pools: CephDfPool[] = [];
  for (const p of rawPools) {
    const s = isObj(p.stats) ? p.stats : {};
    const pool: CephDfPool = { id: num(p.id) ?? -1, name: str(p.name) ?? String(p.id) };
    const stored = nautilusOrLater ? num(s.stored) : num(s.bytes_used);
    if (stored !== undefined) pool.storedBytes = stored;
    const raw = nautilusOrLater ? num(s.bytes_used) : num(s.raw_bytes_used);
    if (raw !== undefined) pool.rawUsedBytes = raw;
    const objects = num(s.objects);
    if (objects !== undefined) pool.objects = objects;
    const maxAvail = num(s.max_avail);
    if (maxAvail !== undefined) pool.maxAvailBytes = maxAvail;
    const availRaw = num(s.avail_raw);
    if (availRaw !== undefined) pool.availRawBytes = availRaw;
    const pct = num(s.percent_used);
    if (pct !== undefined) pool.percentUsedFraction = nautilusOrLater ? pct : pct / 100;
    pools.push(pool);
  }
  const byClass: Record<string, CephDfTotals> = {};
  if (isObj(v.stats_by_class)) for (const [c, s] of Object.entries(v.stats_by_class)) if (isObj(s)) byClass[c] = totals(s);
  const detail = rawPools.some((p) => isObj(p.stats) && ('quota_objects' in p.stats || 'quota_bytes' in p.stats));
  return { data: { nautilusOrLater, detail, totals: totals(v.stats as Obj), byClass, pools }, diagnostics: r.diagnostics };
}
