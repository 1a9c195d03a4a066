/**
 * Erasure-coded pools under RBD and CephFS (docs.ceph.com rados/operations/erasure-code,
 * "Erasure Coding with Overwrites"): "By default, erasure-coded pools work only with
 * operations that perform full object writes and appends (for example, RGW)." RBD and CephFS
 * need `ceph osd pool set <pool> allow_ec_overwrites true`, and "Erasure-coded pools do not
 * support omap, so to use them with RBD and CephFS you must instruct them to store their data
 * in an EC pool and their metadata in a replicated pool" (`rbd create --data-pool <ec>`; a
 * CephFS file system's default data pool and its metadata pool are replicated).
 *
 * Per erasure pool with `application: rbd | cephfs`:
 *  - `ceph.pool.ec_overwrites_disabled` (error) unless `allowEcOverwrites: true`;
 *  - `ceph.pool.ec_without_replicated_metadata` (error) unless a replicated pool has the
 *    same application (where RBD image headers or the CephFS metadata live).
 * RGW (and pools without an application) append whole objects: no finding.
 */
import type { Finding } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';

const SOURCE =
  'docs.ceph.com/en/latest/rados/operations/erasure-code/ "Erasure Coding with Overwrites": RBD and CephFS on an EC pool need allow_ec_overwrites, and their metadata (omap) in a replicated pool';

export function poolApplicationFindings(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  for (const p of scenario.ceph.pools) {
    if (p.type !== 'erasure' || (p.application !== 'rbd' && p.application !== 'cephfs')) continue;
    const app = p.application;
    if (p.allowEcOverwrites !== true) {
      out.push({
        code: 'ceph.pool.ec_overwrites_disabled',
        severity: 'error',
        subject: `pool ${p.name}`,
        message: `erasure pool ${p.name} (${p.k}+${p.m}) is for ${app} but does not allow EC overwrites: ${app === 'rbd' ? 'RBD writes to images' : 'CephFS writes to files'} fail; set allowEcOverwrites: true (ceph osd pool set ${p.name} allow_ec_overwrites true)`,
        source: SOURCE,
      });
    }
    const meta = scenario.ceph.pools.filter((q) => q.type === 'replicated' && q.application === app);
    if (meta.length === 0) {
      out.push({
        code: 'ceph.pool.ec_without_replicated_metadata',
        severity: 'error',
        subject: `pool ${p.name}`,
        message: `erasure pool ${p.name} is for ${app} but no replicated pool has application ${app}: EC pools have no omap, so ${app === 'rbd' ? 'the images (rbd create --data-pool ' + p.name + ') need a replicated pool for their headers' : 'the file system needs a replicated metadata pool (and a replicated default data pool)'}`,
        source: SOURCE,
      });
    }
  }
  return out;
}
