/**
 * Pools an architect forgets [model]: the CephFS metadata pool and the RGW bucket index pool,
 * and where they live. A pool's role is read from its application and its name (CephFS:
 * "meta" in the name, as `ceph fs volume create` names it `cephfs.<fs>.meta`; RGW: "index",
 * as in `<zone>.rgw.buckets.index`).
 * - `ceph.pool.cephfs_metadata_missing` (warning): cephfs pools but none named for metadata. A file
 *   system needs a data pool and a metadata pool (doc/cephfs/createfs.rst: "A Ceph file system
 *   requires at least two RADOS pools, one for data and one for metadata").
 * - `ceph.pool.rgw_index_missing` (warning): rgw pools but no bucket index pool: RGW keeps each
 *   bucket's index in omap objects of the zone's index_pool (doc/radosgw/placement.rst), which an
 *   erasure pool cannot hold.
 * - `ceph.pool.metadata_on_hdd` (warning): such a pool whose rule takes only HDD OSDs
 *   (createfs.rst: "the fastest feasible low-latency storage devices (NVMe, Optane, or at the
 *   very least SAS/SATA SSD) for the metadata pool"; the same holds for bucket index omap).
 */
import type { Finding } from '../diagnostics/types.js';
import type { PoolApplication } from '../model/scenario.js';

/** A pool as these checks need it: its application, name and the disk kinds under its rule. */
export interface WorkloadPool {
  name: string;
  application?: PoolApplication;
  rule: string;
  /** Disk kinds of the OSDs the pool's rule takes (empty: none). */
  kinds: readonly string[];
}

const CREATEFS = 'ceph doc/cephfs/createfs.rst (a file system needs a data and a metadata pool; metadata on NVMe or at least SSD)';
const RGW = 'ceph doc/radosgw/placement.rst (index_pool holds the bucket indexes, omap) and doc/cephfs/createfs.rst (metadata on low-latency devices)';

const isMeta = (p: WorkloadPool): boolean => p.application === 'cephfs' && /meta/i.test(p.name);
const isIndex = (p: WorkloadPool): boolean => p.application === 'rgw' && /index/i.test(p.name);

/** The findings above, in pool order. */
export function workloadPoolFindings(pools: readonly WorkloadPool[]): Finding[] {
  const out: Finding[] = [];
  const cephfs = pools.filter((p) => p.application === 'cephfs');
  if (cephfs.length > 0 && !cephfs.some(isMeta)) {
    out.push({
      code: 'ceph.pool.cephfs_metadata_missing',
      severity: 'warning',
      subject: `pool ${cephfs[0]!.name}`,
      message: `pools ${cephfs.map((p) => p.name).join(', ')} are for CephFS but none is its metadata pool (a cephfs pool with "meta" in its name): a file system needs one, replicated (3 or 4 copies) on SSD or NVMe OSDs; plan it with its own share`,
      source: CREATEFS,
    });
  }
  const rgw = pools.filter((p) => p.application === 'rgw');
  if (rgw.length > 0 && !rgw.some(isIndex)) {
    out.push({
      code: 'ceph.pool.rgw_index_missing',
      severity: 'warning',
      subject: `pool ${rgw[0]!.name}`,
      message: `pools ${rgw.map((p) => p.name).join(', ')} are for RGW but none is the bucket index pool (an rgw pool with "index" in its name, e.g. default.rgw.buckets.index): bucket indexes live in omap, on a replicated pool, best on SSD or NVMe OSDs`,
      source: RGW,
    });
  }
  for (const p of pools) {
    if (!(isMeta(p) || isIndex(p)) || p.kinds.length === 0 || p.kinds.some((k) => k !== 'hdd')) continue;
    out.push({
      code: 'ceph.pool.metadata_on_hdd',
      severity: 'warning',
      subject: `pool ${p.name}`,
      message: `${isMeta(p) ? 'CephFS metadata' : 'RGW bucket index'} pool ${p.name} is on rule ${p.rule}, which takes only HDD OSDs: every ${isMeta(p) ? 'file system operation' : 'bucket listing and write'} waits on HDD seeks; give it a rule of SSD or NVMe OSDs (deviceClass)`,
      source: p.application === 'cephfs' ? CREATEFS : RGW,
    });
  }
  return out;
}
