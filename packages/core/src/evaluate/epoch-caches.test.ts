/**
 * evaluate plans two timelines of one scenario (with the purchases, then without) through one
 * set of EpochCaches: the fleet they share (month 0 here) is planned once, and every figure is
 * the one a fresh planEpochs gives.
 *
 * Scenario (network/test-network.ts base, server `srv`): 3 control, 4 compute, 2 compute `old`
 * retiring in 2027-05 (month 4), 7 storage; 9 instances of 16 VCPU growing 10 %/month; the
 * policy tolerates one host; procurement buys `srv` compute hosts. Without purchases the
 * timeline (12 months) has 2 epochs (months 0-3 with the old hosts, 4-11 without); with them, more.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { expandHosts } from '../fleet/hosts.js';
import { buildFleetTimeline } from '../fleet/timeline.js';
import type { Scenario } from '../model/scenario.js';
import { baseNetworkScenario } from '../network/test-network.js';
import { planProcurement } from '../procurement/schedule.js';
import { parseScenario } from '../scenario/parse.js';
import { epochCaches, planEpochs } from './epochs.js';

function scenario(): Scenario {
  const s = baseNetworkScenario();
  s.openstack = { allocationRatio: { cpu: 1.0, ram: 1.0, disk: 1.0 }, reserved: { hostCpus: 0 }, flavors: { big: { vcpus: 16, ram: '1 GiB' } } };
  s.nodes = [
    { role: 'control', hardware: 'srv', count: 3 },
    { role: 'compute', hardware: 'srv', count: 4 },
    { role: 'compute', hardware: 'srv', count: 2, name: 'old', retire: '2027-05' },
    { role: 'storage', hardware: 'srv', count: 7 },
  ];
  s.ceph = { failureDomain: 'rack', pools: [{ name: 'volumes', type: 'replicated', size: 3 }] };
  s.demand = { instances: [{ flavor: 'big', count: 9 }], storage: { volumes: '20 TB' }, growth: { kind: 'linear', perMonth: 0.1 } };
  s.policy = { tolerate: { hosts: 1 } };
  s.procurement = { roles: { compute: { hardware: 'srv', batch: 1, leadTimeWeeks: 4 } } };
  const r = parseScenario(stringify(s as Record<string, unknown>), { fileName: 'test.yaml' });
  if (!r.scenario) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return r.scenario;
}

describe('planEpochs with caches shared by two timelines', () => {
  const s = scenario();
  const hosts = expandHosts(s).hosts;
  const base = buildFleetTimeline(s, hosts);
  const procurement = planProcurement(s, base)!;
  const withPurchases = buildFleetTimeline(s, hosts, procurement.purchases, procurement.addedRacks);

  it('plans the shared month-0 fleet once and gives the figures of fresh calls', () => {
    // the purchases arrive after month 0: both timelines open on the same 16 hosts
    expect(withPurchases.epochs.length).toBeGreaterThan(2);
    expect(base.epochs.map((e) => [e.fromMonth, e.toMonth])).toEqual([
      [0, 4],
      [4, 12],
    ]);
    expect(withPurchases.epochs[0]!.hosts.map((h) => h.name)).toEqual(base.epochs[0]!.hosts.map((h) => h.name));
    const caches = epochCaches(s);
    const a = planEpochs(s, withPurchases, { caches });
    const b = planEpochs(s, base, { failure: false, caches });
    // the month-0 plans are the very objects of the first call (planned once) ...
    expect(b.epochs[0]!.compute).toBe(a.epochs[0]!.compute);
    expect(b.epochs[0]!.storage).toBe(a.epochs[0]!.storage);
    // ... and every epoch of both calls equals what a call of its own gives
    expect(a).toEqual(planEpochs(s, withPurchases));
    expect(b).toEqual(planEpochs(s, base, { failure: false }));
  });
});
