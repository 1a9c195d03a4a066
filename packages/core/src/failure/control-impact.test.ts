/**
 * Control plane after a loss. Galera (galeracluster.com weighted-quorum): a component stays
 * primary while (sum_prev − sum_left) / 2 < sum_members, nodes that left gracefully are
 * subtracted; with weights 1: more than half of the nodes still in the cluster. RabbitMQ
 * quorum queues (rabbitmq.com/docs/quorum-queues): (N/2)+1 of a queue's replicas.
 */
import { describe, expect, it } from 'vitest';
import { controlPlaneAfter } from './control-impact.js';
import { analyze, group, handScenario, impactOf } from './test-failure.js';

describe('controlPlaneAfter', () => {
  it('3 controllers: one down keeps quorum (2 > 3/2), two down lose it (1 > 3/2 is false)', () => {
    expect(controlPlaneAfter(3, 1, 0)).toMatchObject({ galeraPrimary: true, rabbitmqQuorum: true, vip: true, rabbitmqReplicas: 3 });
    expect(controlPlaneAfter(3, 2, 0)).toMatchObject({ galeraPrimary: false, rabbitmqQuorum: false, vip: true });
    expect(controlPlaneAfter(3, 3, 0)).toMatchObject({ galeraPrimary: false, vip: false });
  });
  it('3 controllers, one drained for an upgrade: one crash loses quorum', () => {
    // Galera: the drained node left gracefully, cluster of 2: (2 - 0) / 2 < 2 - 1 is 1 < 1: false.
    // RabbitMQ: a queue's 3 replicas stay members; 2 stopped: 1 < 2 needed.
    expect(controlPlaneAfter(3, 1, 1)).toMatchObject({ galeraPrimary: false, rabbitmqQuorum: false, vip: true });
  });
  it('5 controllers: Galera survives 2 crashes (3 > 2.5); 3-replica RabbitMQ queues do not (1 < 2)', () => {
    expect(controlPlaneAfter(5, 2, 0)).toMatchObject({ galeraPrimary: true, rabbitmqQuorum: false, rabbitmqReplicas: 3 });
    // 2 drained gracefully, 1 crash: Galera cluster of 3, 2 > 1.5 keeps it; RabbitMQ 3 stopped: lost
    expect(controlPlaneAfter(5, 1, 2)).toMatchObject({ galeraPrimary: true, rabbitmqQuorum: false });
  });
  it('2 controllers: either failure stops the cluster (1 > 1 is false)', () => {
    expect(controlPlaneAfter(2, 1, 0)).toMatchObject({ galeraPrimary: false, rabbitmqQuorum: false, rabbitmqReplicas: 2, vip: true });
  });
});

describe('controlImpact through the failure analysis', () => {
  const twoRacks = (racksTolerated: number) =>
    handScenario({
      nodes: [group('control', 'ctl-r660', 2, { rack: 'r1' }), group('control', 'ctl-r660', 1, { rack: 'r2' })],
      policy: { tolerate: { hosts: 1, racks: racksTolerated }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
  it('3 controllers in 2 racks as 2 + 1: losing the first rack loses quorum', () => {
    const r = analyze(twoRacks(1));
    const r1 = impactOf(r, 'rack:r1', 'control')!;
    // 2 of 3 down: 1 survivor, quorum floor(3/2) + 1 = 2
    expect(r1.control).toMatchObject({ controllers: 3, controllersLost: 2, galeraPrimary: false, rabbitmqQuorum: false, vip: true });
    expect(r1.harms.map((h) => [h.code, h.harm, h.month, h.severity, h.value, h.limit])).toEqual([['failure.control.quorum_lost', 'outage', 0, 'error', 1, 2]]);
    // the second rack holds one controller: 2 of 3 left, quorum kept
    expect(impactOf(r, 'rack:r2', 'control')!.harm).toBe('none');
    const finding = r.findings.find((f) => f.code === 'failure.control.quorum_lost')!;
    expect(finding).toMatchObject({ severity: 'error', subject: 'rack r1', month: 0 });
    expect(finding.message).toContain('policy.tolerate.racks');
  });
  it('the same loss is a warning when racks are not tolerated', () => {
    const r = analyze(twoRacks(0));
    expect(impactOf(r, 'rack:r1', 'control')!.severity).toBe('warning');
  });
});
