/**
 * The fullest OSD: nearfull, backfillfull and full are checked per OSD (health OSD_NEARFULL,
 * OSD_BACKFILLFULL / backfill_toofull, OSD_FULL; src/mon/PGMap.cc, src/osd/OSDMap.cc
 * check_health), so the plan has to hold on the fullest OSD, not on the mean.
 */
import { CEPH_DEFAULTS } from './defaults.js';

/**
 * The fullest OSD under the upmap balancer, as a multiple of the mean fill [model]:
 *   factor = 1 + upmap_max_deviation / P
 * P = PG replicas per OSD (all pools on the OSDs; PGs of equal size). The balancer stops
 * optimising once every OSD is within upmap_max_deviation PGs (default 5) of its target
 * (src/pybind/mgr/balancer/module.py), so an OSD may keep P + 5 PGs where the mean is P.
 * Example: P = 102, deviation 5: 1 + 5/102 = 1.04902; P = 50: 1.1. No PGs: 1.
 */
export function balancerFullestFactor(pgReplicasPerOsd: number, maxDeviationPgs: number = CEPH_DEFAULTS.upmapMaxDeviationPgs): number {
  return pgReplicasPerOsd > 0 ? 1 + maxDeviationPgs / pgReplicasPerOsd : 1;
}

/**
 * The fullest OSD of a real `ceph osd df` (the fill overrides), as a multiple of the mean:
 *   factor = max_i (used_i / size_i) / (Σ used_i / Σ size_i)      (ceph osd df MAX VAR)
 * over the OSDs given; 1 when they hold nothing.
 * Example: 3 OSDs of 10 TB holding 8, 3.5, 3.5 TB: 0.8 / (15 / 30) = 1.6.
 */
export function measuredFullestFactor(used: readonly number[], sizes: readonly number[], osdIndices: readonly number[]): number {
  let u = 0;
  let z = 0;
  let max = 0;
  for (const i of osdIndices) {
    const size = sizes[i] ?? 0;
    if (!(size > 0)) continue;
    u += used[i] ?? 0;
    z += size;
    max = Math.max(max, (used[i] ?? 0) / size);
  }
  return u > 0 && z > 0 ? max / (u / z) : 1;
}
