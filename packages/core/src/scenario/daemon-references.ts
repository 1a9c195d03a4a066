/**
 * Rules of `ceph.daemons`, checked on the raw YAML like references.ts: one daemon per host,
 * so a count above the hosts of the role cannot be placed; monitors in an odd count.
 */
import { CEPH_DAEMON_KINDS, CEPH_DAEMON_NAMES, defaultMonCount } from '../control/ceph-daemons.js';
import type { RawIssue } from './references.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const ROLES = ['control', 'compute', 'storage', 'deploy'];

/**
 * - `ceph.daemon.count_exceeds_hosts` (error): a daemon kind counts more than the hosts of its
 *   role at the start (Σ count of the role's node groups): one daemon of a kind per host;
 * - `ceph.mon.even_count` (warning): an even number of monitors tolerates no more failures
 *   than one fewer (quorum floor(n/2) + 1: 4 mons tolerate 1, like 3).
 */
export function checkCephDaemons(raw: Obj): RawIssue[] {
  const out: RawIssue[] = [];
  const ceph = isObj(raw.ceph) ? raw.ceph : {};
  const daemons = isObj(ceph.daemons) ? ceph.daemons : undefined;
  if (!daemons) return out;
  const hosts: Record<string, number> = { control: 0, compute: 0, storage: 0, deploy: 0 };
  for (const g of list(raw.nodes)) {
    if (!isObj(g) || typeof g.role !== 'string' || !ROLES.includes(g.role)) continue;
    if (typeof g.count === 'number' && Number.isFinite(g.count)) hosts[g.role]! += g.count;
  }
  const monRole = isObj(daemons.mon) && typeof daemons.mon.role === 'string' ? daemons.mon.role : 'control';
  for (const k of CEPH_DAEMON_KINDS) {
    const d = daemons[k];
    if (!isObj(d) || typeof d.count !== 'number' || !Number.isInteger(d.count)) continue;
    const role = typeof d.role === 'string' && ROLES.includes(d.role) ? d.role : monRole;
    const n = hosts[role] ?? 0;
    if (d.count > n) {
      out.push({
        code: 'ceph.daemon.count_exceeds_hosts',
        path: ['ceph', 'daemons', k, 'count'],
        message: `${d.count} ${CEPH_DAEMON_NAMES[k]} daemons on role ${role}, which has ${n} host${n === 1 ? '' : 's'}: one ${CEPH_DAEMON_NAMES[k]} per host`,
        hint: k === 'mon' ? `at most ${n}; an odd count: ${defaultMonCount(n)}` : `at most ${n}, or another role`,
      });
    }
    if (k === 'mon' && d.count > 0 && d.count % 2 === 0) {
      out.push({
        code: 'ceph.mon.even_count',
        path: ['ceph', 'daemons', 'mon', 'count'],
        message: `${d.count} monitors tolerate ${d.count / 2 - 1} failure${d.count / 2 - 1 === 1 ? '' : 's'}, the same as ${d.count - 1}: a quorum is floor(n/2) + 1 = ${d.count / 2 + 1}`,
        hint: `use ${d.count - 1} or ${d.count + 1} monitors`,
        severity: 'warning',
      });
    }
  }
  return out;
}
