/**
 * What losing a failure domain does to the control plane on the controllers: the Galera
 * (MariaDB) primary component, RabbitMQ quorum queues, and the HAProxy/keepalived VIP.
 */
import { quorumOf } from '../control/quorum.js';
import { makeHarm } from './harm.js';
import type { ControlImpactDetail, FailureDomain, FailureHarm } from '../model/failure.js';

export const CONTROL_SOURCE =
  "Galera: a component stays primary while (sum_prev_w − sum_left_w) / 2 < sum_members_w; nodes that leave gracefully are subtracted (galeracluster.com/library/documentation/weighted-quorum.html). RabbitMQ quorum queues need (N/2)+1 of a queue's replicas (rabbitmq.com/docs/quorum-queues)";

/** RabbitMQ quorum queue replicas headroom assumes: 3 (quorum_queue.initial_cluster_size as RabbitMQ 4 sets it), fewer with fewer controllers. */
export const RABBITMQ_REPLICAS = 3;

/**
 * The control plane after `lost` controllers crash while `drained` controllers are shut down
 * gracefully for maintenance, out of `n` (all weights 1):
 * - Galera: the drained nodes left gracefully, so the cluster shrank to n' = n − drained;
 *   the crash keeps a primary component iff (n' − 0) / 2 < n' − lost, i.e. the survivors
 *   are more than half of n' (and at least one). 3 controllers: 1 lost keeps it (2 > 1.5),
 *   2 lost do not (1 > 1.5 is false); 1 drained and 1 lost do not (n' = 2: 1 > 1 is false).
 * - RabbitMQ quorum queues: a queue has r = min(3, n) replicas and needs floor(r/2) + 1 of
 *   them; membership does not shrink when a node stops, so drained and lost both count, and
 *   in the worst case some queue has its replicas on the stopped controllers:
 *   available iff r − min(r, lost + drained) >= floor(r/2) + 1.
 * - HAProxy/VIP: keepalived moves the VIP to any controller still up: iff n − lost − drained >= 1.
 */
export function controlPlaneAfter(n: number, lost: number, drained: number): ControlImpactDetail {
  const nPrime = n - drained;
  const up = nPrime - lost;
  const r = Math.min(RABBITMQ_REPLICAS, n);
  const down = Math.min(r, lost + drained);
  return {
    controllers: n,
    controllersLost: lost,
    controllersDrained: drained,
    galeraPrimary: up >= 1 && up > nPrime / 2,
    rabbitmqQuorum: r > 0 && r - down >= Math.floor(r / 2) + 1,
    rabbitmqReplicas: r,
    vip: up >= 1,
  };
}

/** The control outcome of one domain that stops or drains a controller. */
export interface ControlOutcome {
  detail: ControlImpactDetail;
  harms: FailureHarm[];
  message: string;
}

/**
 * The control-plane outcome of `domain` (controllers by name): harm `outage`
 * (`failure.control.quorum_lost`, month 0: it does not depend on demand) when Galera or
 * RabbitMQ loses its quorum. Returns undefined when the domain stops no controller (the
 * maintenance domain counts its drained controllers). `stopped`, when the caller has counted
 * them, is the number of controllers among the domain's lost and drained hosts.
 */
export function controlImpact(domain: FailureDomain, controllers: ReadonlySet<string>, stopped?: { lost: number; drained: number }): ControlOutcome | undefined {
  const set = controllers;
  const lost = stopped ? stopped.lost : domain.hostsLost.filter((h) => set.has(h)).length;
  const drained = stopped ? stopped.drained : domain.hostsDrained.filter((h) => set.has(h)).length;
  if (lost === 0 && !(domain.kind === 'maintenance' && drained > 0)) return undefined;
  const n = controllers.size;
  const d = controlPlaneAfter(n, lost, drained);
  const q = quorumOf(n - drained);
  const what = `${lost} of ${n} controllers down${drained > 0 ? ` with ${drained} drained for maintenance` : ''}`;
  const broken = [
    ...(d.galeraPrimary ? [] : [`Galera loses its primary component (${n - drained - lost} of ${n - drained} left, needs ${q.quorum})`]),
    ...(d.rabbitmqQuorum ? [] : [`RabbitMQ quorum queues with ${d.rabbitmqReplicas} replicas lose their majority`]),
    ...(d.vip ? [] : ['no controller is left to hold the API VIP']),
  ];
  if (broken.length === 0) {
    return {
      detail: d,
      harms: [],
      message: `${what}: Galera keeps a primary component, RabbitMQ quorum queues keep a majority, the VIP moves to a survivor.`,
    };
  }
  const message = `${what}: ${broken.join('; ')}. The OpenStack APIs stop: no instance can be created, moved or deleted until quorum is back.`;
  return {
    detail: d,
    harms: [makeHarm(domain, { code: 'failure.control.quorum_lost', harm: 'outage', month: 0, message, value: n - drained - lost, limit: q.quorum, unit: 'controllers' })],
    message: `Control plane down: ${broken.join('; ')}.`,
  };
}
