/**
 * Control-plane quorum: Galera (MariaDB) primary component and RabbitMQ quorum queues
 * on the controllers.
 */
import type { Finding } from '../diagnostics/types.js';
import type { CephDaemons } from '../model/scenario.js';
import type { ControlPlanePlan, Host } from '../model/plan.js';
import { daemonHosts, monQuorum } from './ceph-daemons.js';

const GALERA_SOURCE =
  'Galera quorum: a component stays primary while (sum_prev_w - sum_left_w) / 2 < sum_members_w; with equal weights quorum = floor(n/2) + 1 — galeracluster.com/library/documentation/weighted-quorum.html';

/**
 * Quorum of n equal-weight members: quorum = floor(n/2) + 1, toleratedFailures = n − quorum.
 * n = 1 -> 1, 0; n = 2 -> 2, 0; n = 3 -> 2, 1; n = 4 -> 3, 1; n = 5 -> 3, 2; n = 0 -> 0, 0.
 * Source: Galera weighted quorum (sum_prev − sum_left)/2 < sum_members with weights 1;
 * RabbitMQ quorum queues (Raft) need a majority of replicas likewise.
 */
export function quorumOf(n: number): ControlPlanePlan {
  if (n <= 0) return { controllers: 0, quorum: 0, toleratedFailures: 0 };
  const quorum = Math.floor(n / 2) + 1;
  return { controllers: n, quorum, toleratedFailures: n - quorum };
}

/**
 * The control-plane plan of the controllers (hosts with role control) and its findings:
 * - `control.none` (error): no controller;
 * - `control.quorum.below_three` (warning): 1 controller — fewer than 3 is not production;
 * - `control.quorum.two_nodes` (error): 2 controllers — either failure stops the cluster;
 * - `control.quorum.even` (info): an even count ≥ 4 tolerates no more failures than n − 1.
 * With `daemons`, `plan.monitors` gives the hosts that run the Ceph monitors and their quorum
 * (monQuorum: floor(n/2) + 1; 3 mons -> quorum 2, 1 tolerated; 5 -> 3, 2).
 */
export function planControlPlane(hosts: readonly Host[], daemons?: CephDaemons): { plan: ControlPlanePlan; findings: Finding[] } {
  const n = hosts.filter((h) => h.role === 'control').length;
  const plan = quorumOf(n);
  const mons = daemons ? daemonHosts(daemons, hosts).mon : [];
  if (daemons && mons.length > 0) {
    const q = monQuorum(mons.length, 0);
    plan.monitors = { role: daemons.mon.role, hosts: mons, quorum: q.quorum, toleratedFailures: q.toleratedFailures };
  }
  const findings: Finding[] = [];
  const subject = 'role control';
  if (n === 0) {
    findings.push({
      code: 'control.none',
      severity: 'error',
      subject,
      message: 'the plan has no controller: there is no OpenStack API, database or message queue',
      value: 0,
      limit: 3,
      unit: 'controllers',
      source: 'Production guidance: three controllers is the floor (Kolla-Ansible / OpenStack HA guide)',
    });
  } else if (n === 1) {
    findings.push({
      code: 'control.quorum.below_three',
      severity: 'warning',
      subject,
      message: 'fewer than 3 controllers is not production: 1 controller tolerates no failure (quorum 1 of 1)',
      value: 1,
      limit: 3,
      unit: 'controllers',
      source: `Production guidance: three controllers is the floor. ${GALERA_SOURCE}`,
    });
  } else if (n === 2) {
    findings.push({
      code: 'control.quorum.two_nodes',
      severity: 'error',
      subject,
      message: 'two nodes are worse than one: either failure stops the cluster (quorum 2 of 2: the survivor holds 1/2 of the weight, not more than half)',
      value: 2,
      limit: 3,
      unit: 'controllers',
      source: GALERA_SOURCE,
    });
  } else if (n % 2 === 0) {
    findings.push({
      code: 'control.quorum.even',
      severity: 'info',
      subject,
      message: `${n} controllers tolerate ${plan.toleratedFailures} failure(s), the same as ${n - 1}: an even count adds no tolerance over n − 1 (quorum ${plan.quorum} of ${n})`,
      value: n,
      unit: 'controllers',
      source: GALERA_SOURCE,
    });
  }
  return { plan, findings };
}
