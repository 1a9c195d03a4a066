/**
 * Which `ceph ... -f json` command printed a parsed document, from its shape alone (file
 * names vary between collectors). Shapes, from the Ceph sources' dumpers:
 *  - `osd crush rule dump`: an array of rules with `rule_id` and `steps` (CrushWrapper::dump_rules)
 *  - `osd df [tree]`: `{nodes: [...]}` where OSD nodes carry `kb` (OSDUtilizationDumper)
 *  - `osd crush tree`: `{nodes: [...]}` (an array before Mimic) without `kb` (CrushTreeDumper)
 *  - `osd dump`: `{epoch, pools, osds, full_ratio, ...}` (OSDMap::dump)
 *  - `df [detail]`: `{stats, pools: [{name, id, stats}]}` (PGMap::dump_cluster_stats / dump_pool_stats_full)
 *  - `osd crush dump`: `{devices, types, buckets, rules, tunables}` (CrushWrapper::dump)
 *  - `osd pool autoscale-status`: an array of `{pool_name, pool_id, crush_root_id,
 *    subtree_capacity, ...}` (src/pybind/mgr/pg_autoscaler/module.py)
 *  - `pg dump pools`: `{pg_ready, pool_stats: [{poolid, stat_sum}]}` (an array before
 *    Nautilus) (PGMap::dump_pool_stats)
 */
import { isObj } from './json.js';

export type CephCommand =
  | 'osd df'
  | 'osd crush tree'
  | 'osd crush rule dump'
  | 'osd crush dump'
  | 'osd pool autoscale-status'
  | 'pg dump pools'
  | 'osd dump'
  | 'df'
  | 'status'
  | 'version'
  | 'unknown';

/** The command as the user types it (`ceph osd df -f json`). */
export const COMMAND_LINE: Record<CephCommand, string> = {
  'osd df': 'ceph osd df tree -f json',
  'osd crush tree': 'ceph osd crush tree -f json',
  'osd crush rule dump': 'ceph osd crush rule dump -f json',
  'osd crush dump': 'ceph osd crush dump -f json',
  'osd pool autoscale-status': 'ceph osd pool autoscale-status -f json',
  'pg dump pools': 'ceph pg dump pools -f json',
  'osd dump': 'ceph osd dump -f json',
  df: 'ceph df detail -f json',
  status: 'ceph status -f json',
  version: 'ceph version -f json',
  unknown: 'a ceph command',
};

const isNodeList = (v: unknown): v is unknown[] => Array.isArray(v) && v.every((n) => isObj(n) && typeof n.id === 'number' && typeof n.type === 'string');

const isPoolStat = (p: unknown): boolean => isObj(p) && typeof p.poolid === 'number' && isObj(p.stat_sum);

/** The command whose `-f json` output `value` looks like. */
export function detectCephCommand(value: unknown): CephCommand {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((r) => isObj(r) && 'rule_id' in r && Array.isArray(r.steps))) return 'osd crush rule dump';
    if (value.length > 0 && isNodeList(value)) return 'osd crush tree';
    if (value.length > 0 && value.every((p) => isObj(p) && 'pool_name' in p && 'subtree_capacity' in p)) return 'osd pool autoscale-status';
    if (value.length > 0 && value.every(isPoolStat)) return 'pg dump pools';
    return 'unknown';
  }
  if (!isObj(value)) return 'unknown';
  if (Array.isArray(value.nodes) && isNodeList(value.nodes)) {
    const osd = value.nodes.find((n) => isObj(n) && n.type === 'osd');
    return isObj(osd) && 'kb' in osd ? 'osd df' : 'osd crush tree';
  }
  if (Array.isArray(value.pool_stats) && value.pool_stats.every(isPoolStat)) return 'pg dump pools';
  if (Array.isArray(value.rules) && Array.isArray(value.buckets) && Array.isArray(value.devices)) return 'osd crush dump';
  if (Array.isArray(value.pools) && Array.isArray(value.osds) && ('full_ratio' in value || 'epoch' in value)) return 'osd dump';
  if (Array.isArray(value.pools) && isObj(value.stats)) return 'df';
  if ('health' in value && ('fsid' in value || 'monmap' in value)) return 'status';
  if (typeof value.version === 'string' && value.version.startsWith('ceph version')) return 'version';
  return 'unknown';
}
