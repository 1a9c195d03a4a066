/**
 * `ceph osd df [tree] -f json` and `ceph osd crush tree -f json` -> OSDs and CRUSH buckets.
 *
 * Semantics (src/osd/OSDMap.cc OSDUtilizationDumper, src/crush/CrushTreeDumper.h):
 *  - `kb`, `kb_used`, `kb_avail` are KiB (statfs total, used, available): x 1024 here, at the boundary.
 *  - `crush_weight` is the OSD's CRUSH weight, by convention its size in TiB (2^40 bytes).
 *  - `reweight` is the override weight 0..1 (`ceph osd reweight`); 0 means out.
 *  - `utilization` is a percent (0..100), not a fraction.
 *  - A down-and-out OSD reports kb = 0 (its statfs is gone): its installed capacity is read
 *    from crush_weight x 2^40 instead, and said so.
 *  - `type_id` of a bucket type differs between releases (root is 10 or 11): match on `type`.
 *  - `osd df` without `tree` has OSD nodes only (no hosts, no root).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { COMMAND_LINE, detectCephCommand } from './detect.js';
import { isObj, num, parseCephJsonText, str, wrongCommand, type Obj } from './json.js';

export const TIB_BYTES = 2 ** 40;
export const KIB_BYTES = 1024;

export interface CephOsd {
  id: number;
  name: string;
  deviceClass?: string;
  /** CRUSH weight (by convention TiB). */
  crushWeight: number;
  /** statfs total, bytes (kb x 1024); 0 for a down-and-out OSD. */
  totalBytes: number;
  /** statfs available, bytes (kb_avail x 1024). */
  availBytes: number;
  /** statfs used, bytes (kb_used x 1024), or total - avail when kb_used is missing. */
  usedBytes: number;
  /** Installed size, bytes: totalBytes, or crushWeight x 2^40 when the OSD reports kb = 0. */
  installedBytes: number;
  installedFrom: 'kb' | 'crush_weight';
  reweight: number;
  /** `utilization` as printed: a percent; undefined when printed as nan. */
  utilizationPercent?: number;
  /** `status` (`up`/`down`, Nautilus and later); undefined in older outputs. */
  status?: string;
}

export interface CephBucket {
  id: number;
  name: string;
  /** Bucket type name (`root`, `datacenter`, `rack`, `host`, ...). */
  type: string;
  children: number[];
}

export interface CephOsdTree {
  osds: CephOsd[];
  buckets: CephBucket[];
}

export interface ParsedOutput<T> {
  data?: T;
  diagnostics: Diagnostic[];
}

function readNodes(nodes: unknown[], withSizes: boolean, fileName: string, diagnostics: Diagnostic[]): CephOsdTree {
  const osds: CephOsd[] = [];
  const buckets: CephBucket[] = [];
  nodes.forEach((n, index) => {
    if (!isObj(n)) return;
    const id = num(n.id);
    const type = str(n.type);
    if (id === undefined || type === undefined) return;
    if (type !== 'osd') {
      const children = Array.isArray(n.children) ? n.children.filter((c): c is number => typeof c === 'number') : [];
      buckets.push({ id, name: str(n.name) ?? String(id), type, children });
      return;
    }
    osds.push(readOsd(n, id, withSizes, fileName, index, diagnostics));
  });
  return { osds, buckets };
}

function readOsd(n: Obj, id: number, withSizes: boolean, fileName: string, index: number, diagnostics: Diagnostic[]): CephOsd {
  const crushWeight = num(n.crush_weight) ?? 0;
  const kb = withSizes ? num(n.kb) : undefined;
  const kbAvail = withSizes ? num(n.kb_avail) : undefined;
  const kbUsed = withSizes ? num(n.kb_used) : undefined;
  if (withSizes && (kb === undefined || kbAvail === undefined)) {
    diagnostics.push({
      code: 'ceph.json.invalid_field',
      severity: 'warning',
      path: ['nodes', index],
      message: `osd.${id}: kb or kb_avail is missing or not a number: its size is read from crush_weight, its usage as unknown (0)`,
      location: { file: fileName, line: 1, col: 1 },
    });
  }
  const totalBytes = (kb ?? 0) * KIB_BYTES;
  const availBytes = (kbAvail ?? 0) * KIB_BYTES;
  const usedBytes = kbUsed !== undefined ? kbUsed * KIB_BYTES : Math.max(0, totalBytes - availBytes);
  const osd: CephOsd = {
    id,
    name: str(n.name) ?? `osd.${id}`,
    crushWeight,
    totalBytes,
    availBytes,
    usedBytes,
    installedBytes: totalBytes > 0 ? totalBytes : crushWeight * TIB_BYTES,
    installedFrom: totalBytes > 0 ? 'kb' : 'crush_weight',
    reweight: num(n.reweight) ?? 1,
  };
  const cls = str(n.device_class);
  if (cls) osd.deviceClass = cls;
  const util = num(n.utilization);
  if (util !== undefined) osd.utilizationPercent = util;
  const status = str(n.status);
  if (status) osd.status = status;
  return osd;
}

/**
 * Parses `ceph osd df [tree] -f json`. Errors: `ceph.json.invalid` (not JSON, truncated),
 * `ceph.json.wrong_command` (another command's output); warning `ceph.json.nan`.
 */
export function parseOsdDf(text: string, fileName: string): ParsedOutput<CephOsdTree> {
  const r = parseCephJsonText(text, fileName, COMMAND_LINE['osd df']);
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  const kind = detectCephCommand(r.value);
  if (kind !== 'osd df' || !isObj(r.value)) {
    return { diagnostics: [...r.diagnostics, wrongCommand(fileName, COMMAND_LINE['osd df'], found(kind))] };
  }
  const data = readNodes(r.value.nodes as unknown[], true, fileName, r.diagnostics);
  return { data, diagnostics: r.diagnostics };
}

/** Parses `ceph osd crush tree -f json` (an object with `nodes`, or a bare array before Mimic). */
export function parseCrushTree(text: string, fileName: string): ParsedOutput<CephOsdTree> {
  const r = parseCephJsonText(text, fileName, COMMAND_LINE['osd crush tree']);
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  const kind = detectCephCommand(r.value);
  if (kind !== 'osd crush tree') return { diagnostics: [...r.diagnostics, wrongCommand(fileName, COMMAND_LINE['osd crush tree'], found(kind))] };
  const nodes = Array.isArray(r.value) ? r.value : ((r.value as Obj).nodes as unknown[]);
  return { data: readNodes(nodes, false, fileName, r.diagnostics), diagnostics: r.diagnostics };
}

/** How a wrong-command message describes what the file holds. */
export function found(kind: string): string {
  return kind === 'unknown' ? 'the file holds JSON of another shape' : `the file holds the output of \`${COMMAND_LINE[kind as keyof typeof COMMAND_LINE]}\``;
}
