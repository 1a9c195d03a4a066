/**
 * planCompute with a ComputeHostCache shared by the epochs of a timeline (what planEpochs does)
 * gives the same plans and findings as a call per epoch without one; heterogeneousFindings
 * reads each flavorFit array once, with the same findings as when every host has its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFleetTimeline } from '../fleet/timeline.js';
import { expandHosts } from '../fleet/hosts.js';
import type { Host } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import { planProcurement } from '../procurement/schedule.js';
import { parseScenario } from '../scenario/parse.js';
import { ComputeHostCache, planCompute } from './compute-plan.js';
import { heterogeneousFindings } from './hetero-findings.js';
import { capacityVector } from './host-offer.js';
import { toleranceOfPlain } from './tolerance-fast.js';

const scenarios = ['nfv-gpu-cloud.yaml', 'regional-cloud.yaml', 'reference-pilot.yaml'].map((name) => {
  const text = readFileSync(join(import.meta.dirname, '../../../../scenarios', name), 'utf8');
  return { name, scenario: parseScenario(text, { fileName: name }).scenario! };
});

/** The epochs of the scenario's timeline with its purchases. */
function epochs(scenario: Scenario) {
  const hosts = expandHosts(scenario).hosts;
  const base = buildFleetTimeline(scenario, hosts);
  const procurement = planProcurement(scenario, base);
  return procurement ? buildFleetTimeline(scenario, hosts, procurement.purchases, procurement.addedRacks).epochs : base.epochs;
}

describe('planCompute with a per-host cache', () => {
  for (const { name, scenario } of scenarios) {
    it(`${name}: every epoch equals the plan without a cache`, () => {
      const cache = new ComputeHostCache(scenario);
      const list = epochs(scenario);
      // in order (each epoch mostly the previous one's hosts), then backwards and again (other prefixes)
      const done: { hosts: readonly Host[]; result: ReturnType<typeof planCompute> }[] = [];
      for (const e of [...list, ...[...list].reverse(), ...list]) {
        const view = { ...scenario, racks: [...scenario.racks] };
        const result = planCompute(view, e.hosts, cache);
        expect(result).toEqual(planCompute(view, e.hosts));
        done.push({ hosts: e.hosts, result });
      }
      // the cache extends its own arrays in place: no plan it gave out changed since
      for (const { hosts, result } of done) expect(result).toEqual(planCompute(scenario, hosts));
    });
  }

  for (const { name, scenario } of scenarios) {
    it(`${name}: totals and N+1 figures equal tolerance.ts's functions on the epoch's hosts`, () => {
      const cache = new ComputeHostCache(scenario);
      for (const e of epochs(scenario)) {
        const { plan } = planCompute(scenario, e.hosts, cache);
        const byName = new Map(e.hosts.map((h) => [h.name, h]));
        const hosts = plan.hosts.map((hp) => {
          const h = byName.get(hp.host)!;
          return { host: h.name, rack: h.rack, ...(h.zone !== undefined ? { zone: h.zone } : {}), capacity: capacityVector(hp.inventories, hp.providers) };
        });
        const plain = toleranceOfPlain(hosts, scenario.policy.tolerate);
        expect(plan.toleratedLosses).toEqual(plain.losses);
        expect(plan.toleratedHostsRemoved).toEqual(plain.removed);
        expect(plan.totalCapacity).toEqual({ ...plan.totalCapacity, ...plain.total });
        expect(plan.toleratedCapacity).toEqual({ ...plan.toleratedCapacity, ...plain.tolerated });
      }
    });
  }

  it("hosts sharing a name (one Host twice, or two Hosts of one name): tolerance.ts's functions decide", () => {
    // N+1 by hosts alone: the loss is one host, named; a second record of it is lost with it
    const scenario: Scenario = { ...scenarios[1]!.scenario, policy: { ...scenarios[1]!.scenario.policy, tolerate: { hosts: 1, racks: 0 } } };
    const hosts = epochs(scenario)[0]!.hosts;
    const lost = planCompute(scenario, hosts).plan.toleratedLosses.VCPU!.hosts[0]!;
    const first = hosts.find((h) => h.name === lost)!;
    for (const extra of [first, { ...first }]) {
      const list = [...hosts, extra];
      const { plan } = planCompute(scenario, list, new ComputeHostCache(scenario));
      const caps = plan.hosts.map((hp) => {
        const h = list.find((x) => x.name === hp.host)!;
        return { host: h.name, rack: h.rack, ...(h.zone !== undefined ? { zone: h.zone } : {}), capacity: capacityVector(hp.inventories, hp.providers) };
      });
      const plain = toleranceOfPlain(caps, scenario.policy.tolerate);
      expect(plan.toleratedLosses).toEqual(plain.losses);
      expect(plan.toleratedHostsRemoved).toEqual(plain.removed);
      // both records of the lost host are removed
      expect(plan.toleratedLosses.VCPU!.hosts.filter((h) => h === lost)).toHaveLength(2);
    }
  });

  it('a cache built for other models or another policy is not used', () => {
    const { scenario } = scenarios[1]!;
    const cache = new ComputeHostCache(scenario);
    const hosts = epochs(scenario)[0]!.hosts;
    planCompute(scenario, hosts, cache);
    // cpu allocation ratio 4.0 → 2.0: the VCPU capacity halves; the cache's offers are for 4.0
    const other: Scenario = { ...scenario, openstack: { ...scenario.openstack, allocationRatio: { ...scenario.openstack.allocationRatio, cpu: 2 } } };
    expect(cache.serves(other)).toBe(false);
    const withCache = planCompute(other, hosts, cache);
    expect(withCache).toEqual(planCompute(other, hosts));
    expect(withCache.plan.totalCapacity.VCPU).toBe(planCompute(scenario, hosts).plan.totalCapacity.VCPU! / 2);
  });
});

describe('heterogeneousFindings reads each fit list once', () => {
  it('nfv-gpu-cloud: the same findings as with a fit list per host', () => {
    const { scenario } = scenarios[0]!;
    const { plan } = planCompute(scenario, epochs(scenario)[0]!.hosts);
    const requests = new ComputeHostCache(scenario).requests;
    // one copy of the fit list per host: nothing shared, every host read
    const apart = plan.hosts.map((hp) => ({ ...hp, flavorFit: hp.flavorFit.map((f) => ({ ...f })) }));
    const shared = heterogeneousFindings(scenario, plan.hosts, requests);
    expect(shared).toEqual(heterogeneousFindings(scenario, apart, requests));
    // the scenario has a flavor whose NUMA topology fits no cell of a model (a finding to compare)
    expect(shared.map((f) => f.code)).toContain('compute.numa.flavor_exceeds_cell');
  });

  it("nfv-gpu-cloud: planCompute's heterogeneous findings (first hosts from its cache) equal those of every host apart", () => {
    const { scenario } = scenarios[0]!;
    const hosts = epochs(scenario)[0]!.hosts;
    const { plan, findings } = planCompute(scenario, hosts, new ComputeHostCache(scenario));
    const requests = new ComputeHostCache(scenario).requests;
    const apart = plan.hosts.map((hp) => ({ ...hp, flavorFit: hp.flavorFit.map((f) => ({ ...f })) }));
    const zoneOf = new Map(hosts.map((h) => [h.name, h.zone]));
    const codes = new Set(['compute.flavor.no_candidate_host', 'compute.numa.flavor_exceeds_cell', 'compute.server_group.too_few_hosts']);
    const own = findings.filter((f) => codes.has(f.code));
    expect(own.length).toBeGreaterThan(0);
    expect(own).toEqual(heterogeneousFindings(scenario, apart, requests, zoneOf));
  });
});
