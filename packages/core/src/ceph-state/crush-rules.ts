/**
 * `ceph osd crush rule dump -f json` -> rules: what each takes (root, device class) and its
 * failure domain.
 *
 * Semantics (src/crush/CrushWrapper.cc CrushWrapper::dump_rule): `steps` are
 * `{op: take, item, item_name}`, `{op: chooseleaf_firstn|chooseleaf_indep|choose_*, num, type}`,
 * `{op: emit}`. A device-class rule takes the class's shadow tree, named `<root>~<class>`
 * (`default~hdd`). `type` is 1 replicated, 3 erasure (`ruleset` before Luminous).
 */
import { COMMAND_LINE, detectCephCommand } from './detect.js';
import { isObj, num, parseCephJsonText, str, wrongCommand } from './json.js';
import { found, type ParsedOutput } from './osd-df.js';

export interface CephStateRuleTake {
  /** The bucket taken, without its class suffix (`default`). */
  root: string;
  deviceClass?: string;
}

export interface CephStateRule {
  id: number;
  name: string;
  type: 'replicated' | 'erasure';
  takes: CephStateRuleTake[];
  /** Bucket type of the first choose/chooseleaf step (`host`), undefined when none. */
  failureDomain?: string;
}

/** Splits a take's item name: `default~hdd` -> root default, class hdd. */
export function splitTake(itemName: string): CephStateRuleTake {
  const at = itemName.indexOf('~');
  return at < 0 ? { root: itemName } : { root: itemName.slice(0, at), deviceClass: itemName.slice(at + 1) };
}

/** Parses `ceph osd crush rule dump -f json`. Errors: `ceph.json.invalid`, `ceph.json.wrong_command`. */
export function parseCrushRuleDump(text: string, fileName: string): ParsedOutput<CephStateRule[]> {
  const r = parseCephJsonText(text, fileName, COMMAND_LINE['osd crush rule dump']);
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  const kind = detectCephCommand(r.value);
  if (kind !== 'osd crush rule dump') return { diagnostics: [...r.diagnostics, wrongCommand(fileName, COMMAND_LINE['osd crush rule dump'], found(kind))] };
  return { data: readRules(r.value as unknown[]), diagnostics: r.diagnostics };
}

/** The rules of a rule dump, or of `osd crush dump`'s `rules` (the same dumper). */
function readRules(list: readonly unknown[]): CephStateRule[] {
  const rules: CephStateRule[] = [];
  for (const raw of list) {
    if (!isObj(raw)) continue;
    const id = num(raw.rule_id) ?? -1;
    const rule: CephStateRule = { id, name: str(raw.rule_name) ?? `rule ${id}`, type: num(raw.type) === 3 ? 'erasure' : 'replicated', takes: [] };
    for (const s of raw.steps as unknown[]) {
      if (!isObj(s)) continue;
      const op = str(s.op) ?? '';
      if (op === 'take') {
        const take = splitTake(str(s.item_name) ?? String(num(s.item)));
        const cls = str(s.item_class);
        if (cls && !take.deviceClass) take.deviceClass = cls;
        rule.takes.push(take);
      } else if (op.startsWith('choose') && rule.failureDomain === undefined) {
        const t = str(s.type);
        if (t) rule.failureDomain = t;
      }
    }
    rules.push(rule);
  }
  return rules;
}

/** Parses `ceph osd crush dump -f json`: its `rules`, read as a rule dump. */
export function parseCrushDumpRules(text: string, fileName: string): ParsedOutput<CephStateRule[]> {
  const r = parseCephJsonText(text, fileName, COMMAND_LINE['osd crush dump']);
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  const kind = detectCephCommand(r.value);
  if (kind !== 'osd crush dump' || !isObj(r.value)) return { diagnostics: [...r.diagnostics, wrongCommand(fileName, COMMAND_LINE['osd crush dump'], found(kind))] };
  return { data: readRules(r.value.rules as unknown[]), diagnostics: r.diagnostics };
}

/** One row of `ceph osd pool autoscale-status -f json`. */
export interface CephAutoscaleRow {
  poolId: number;
  pool: string;
  /** The CRUSH root the pool's rule takes (a class's shadow root has its own id). */
  crushRootId: number;
  /** Sum of the statfs totals (kb x 1024) of the OSDs under that root, bytes. */
  subtreeCapacityBytes: number;
}

/**
 * Parses `ceph osd pool autoscale-status -f json` (src/pybind/mgr/pg_autoscaler/module.py:
 * `subtree_capacity` is root_map[root].capacity, the sum of osd_stats kb x 1024 over the
 * OSDs of the pool's CRUSH root; `crush_root_id` is that root, a shadow root per class).
 */
export function parseAutoscaleStatus(text: string, fileName: string): ParsedOutput<CephAutoscaleRow[]> {
  const r = parseCephJsonText(text, fileName, COMMAND_LINE['osd pool autoscale-status']);
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  const kind = detectCephCommand(r.value);
  if (kind !== 'osd pool autoscale-status') return { diagnostics: [...r.diagnostics, wrongCommand(fileName, COMMAND_LINE['osd pool autoscale-status'], found(kind))] };
  const rows: CephAutoscaleRow[] = [];
  for (const p of r.value as unknown[]) {
    if (!isObj(p)) continue;
    const poolId = num(p.pool_id);
    const crushRootId = num(p.crush_root_id);
    const cap = num(p.subtree_capacity);
    if (poolId === undefined || crushRootId === undefined || cap === undefined) continue;
    rows.push({ poolId, pool: str(p.pool_name) ?? String(poolId), crushRootId, subtreeCapacityBytes: cap });
  }
  return { data: rows, diagnostics: r.diagnostics };
}

/** Object copies of one pool (`ceph pg dump pools -f json`, stat_sum). */
export interface CephPoolCopies {
  poolId: number;
  /** num_object_copies: objects x size (x k+m shards for EC). */
  objectCopies: number;
  /** num_objects_degraded: copies missing or stale while PGs are degraded. */
  degradedCopies: number;
}

/** Parses `ceph pg dump pools -f json`: object copies and degraded copies per pool. */
export function parsePgDumpPools(text: string, fileName: string): ParsedOutput<CephPoolCopies[]> {
  const r = parseCephJsonText(text, fileName, COMMAND_LINE['pg dump pools']);
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  const kind = detectCephCommand(r.value);
  if (kind !== 'pg dump pools') return { diagnostics: [...r.diagnostics, wrongCommand(fileName, COMMAND_LINE['pg dump pools'], found(kind))] };
  const list = Array.isArray(r.value) ? r.value : isObj(r.value) && Array.isArray(r.value.pool_stats) ? r.value.pool_stats : [];
  const rows: CephPoolCopies[] = [];
  for (const p of list as unknown[]) {
    if (!isObj(p) || !isObj(p.stat_sum)) continue;
    const poolId = num(p.poolid);
    if (poolId === undefined) continue;
    rows.push({ poolId, objectCopies: num(p.stat_sum.num_object_copies) ?? 0, degradedCopies: num(p.stat_sum.num_objects_degraded) ?? 0 });
  }
  return { data: rows, diagnostics: r.diagnostics };
}
