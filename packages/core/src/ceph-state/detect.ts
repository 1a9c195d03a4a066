/**
 * Which `ceph ... -f json` command printed a parsed document, from its shape alone (file
 * names vary between collectors). Shapes, from the Ceph sources' dumpers:
 *  - `osd crush rule dump`: an array of rules with `rule_id` and `steps` (CrushWrapper::dump_rules)
 *  - `osd df [tree]`: `{nodes: [...]}` where OSD nodes carry `kb` (OSDUtilizationDumper)
 *  - `osd crush tree`: `{nodes: [...]}` (an array before Mimic) without `kb` (CrushTreeDumper)
 *  - `osd dump`: `{epoch, pools, osds, full_ratio, ...}` (OSDMap::dump)
 *  - `df [detail]`: `{stats, pools: [{name, id, stats}]}` (PGMap::dump_cluster_stats / dump_pool_stats_full)
 */
import { isObj } from './json.js';

export type CephCommand = 'osd df' | 'osd crush tree' | 'osd crush rule dump' | 'osd dump' | 'df' | 'status' | 'version' | 'unknown';

/** The command as the user types it (`ceph osd df -f json`). */
export const COMMAND_LINE: Record<CephCommand, string> = {
  'osd df': 'ceph osd df tree -f json',
  'osd crush tree': 'ceph osd crush tree -f json',
  'osd crush rule dump': 'ceph osd crush rule dump -f json',
  'osd dump': 'ceph osd dump -f json',
  df: 'ceph df detail -f json',
  status: 'ceph status -f json',
  version: 'ceph version -f json',
  unknown: 'a ceph command',
};

const isNodeList = (v: unknown): v is unknown[] => Array.isArray(v) && v.every((n) => isObj(n) && typeof n.id === 'number' && typeof n.type === 'string');

/** The command whose `-f json` output `value` looks like. */
export function detectCephCommand(value: unknown): CephCommand {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((r) => isObj(r) && 'rule_id' in r && Array.isArray(r.steps))) return 'osd crush rule dump';
    if (value.length > 0 && isNodeList(value)) return 'osd crush tree';
    return 'unknown';
  }
  if (!isObj(value)) return 'unknown';
  if (Array.isArray(value.nodes) && isNodeList(value.nodes)) {
    const osd = value.nodes.find((n) => isObj(n) && n.type === 'osd');
    return isObj(osd) && 'kb' in osd ? 'osd df' : 'osd crush tree';
  }
  if (Array.isArray(value.pools) && Array.isArray(value.osds) && ('full_ratio' in value || 'epoch' in value)) return 'osd dump';
  if (Array.isArray(value.pools) && isObj(value.stats)) return 'df';
  if ('health' in value && ('fsid' in value || 'monmap' in value)) return 'status';
  if (typeof value.version === 'string' && value.version.startsWith('ceph version')) return 'version';
  return 'unknown';
}
