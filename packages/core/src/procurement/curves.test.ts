import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCompute } from '../compute/compute-plan.js';
import { isOver } from '../forecast/horizon.js';
import { computeSeries, storageSeries } from '../forecast/resources.js';
import { buildFleetTimeline } from '../fleet/timeline.js';
import { expandHosts } from '../fleet/hosts.js';
import { makeScenario } from '../model/test-scenario.js';
import type { Scenario } from '../model/scenario.js';
import { planStorage } from '../storage/storage-plan.js';
import { CapacityCurves, roleSeries } from './curves.js';

const storageScenario = (failureDomain: 'host' | 'rack'): Scenario =>
  makeScenario({
    ceph: {
      failureDomain,
      ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 },
      pools: [
        { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 0.7 },
        { name: 'backups', type: 'erasure', k: 2, m: 1, minSize: 3, share: 0.3 },
      ],
    },
    demand: { instances: [], storageBytes: { volumes: 40e12, backups: 10e12 }, growth: { kind: 'compound', perMonth: 0.03 } },
    procurement: { roles: { storage: { hardware: 'sto-r760xd2', batch: 1, leadTimeWeeks: 12, coverMonths: 0 } } },
  });

describe('capacity curves', () => {
  it('the storage figures equal planStorage (the same arithmetic as evaluate), host and rack domains', () => {
    for (const fd of ['host', 'rack'] as const) {
      const s = storageScenario(fd);
      const hosts = expandHosts(s).hosts;
      for (const n of [hosts.length, hosts.length - 1, hosts.length - 3]) {
        const sub = hosts.slice(0, n);
        expect(roleSeries(s, 'storage', sub)).toEqual(storageSeries(s, planStorage(s, sub).plan));
      }
    }
  });

  it('the compute figures equal planCompute, host and rack tolerance, mixed models', () => {
    const base = makeScenario();
    const nodes = [...base.nodes, { role: 'compute' as const, hardware: 'small-r250', count: 2, placement: 'spread' as const, namePrefix: 'small' }];
    for (const tolerate of [
      { hosts: 1, racks: 0 },
      { hosts: 1, racks: 1 },
      { hosts: 2, racks: 0 },
    ]) {
      const s = { ...base, nodes, policy: { ...base.policy, tolerate } };
      const hosts = expandHosts(s).hosts;
      expect(roleSeries(s, 'compute', hosts)).toEqual(computeSeries(s, planCompute(s, hosts).plan));
    }
  });

  it('f(n) is the fleet with n more units; unitsNeeded is the fewest units under the trigger', () => {
    // Rack domain: a unit is one host in each of r1..r3. f(1) = the fleet with 3 more storage hosts.
    const s = storageScenario('rack');
    const hosts = expandHosts(s).hosts;
    const curves = new CapacityCurves(s, buildFleetTimeline(s, hosts), hosts);
    const f1 = curves.seriesAt(0, 'storage', 1)!;
    const added = ['r1', 'r2', 'r3'].map((rack, i) => ({ name: `x${i}`, role: 'storage' as const, hardware: 'sto-r760xd2', rack }));
    expect([...f1.values()]).toEqual(storageSeries(s, planStorage(s, [...hosts, ...added]).plan));
    const id = [...f1.keys()][0]!; // the one rule set: storage.rule.<rule>
    expect(id).toMatch(/^storage\.rule\./);
    const tol = (n: number): number => curves.seriesAt(0, 'storage', n)!.get(id)!.capacityTolerated;
    // monotone, and the answer of the search is the first n whose capacity holds demand / threshold
    for (let n = 0; n < 6; n++) expect(tol(n + 1)).toBeGreaterThanOrEqual(tol(n));
    const demand = tol(4) * 0.9; // needs at least 4 units at threshold 0.9 (tol(3) × 0.9 < tol(4) × 0.9)
    const r = curves.unitsNeeded(0, 'storage', id, demand, 0.9, 0);
    expect(r.units).toBe(tol(3) * 0.9 >= demand ? 3 : 4);
  });

  it('unitsNeeded is the first n >= from whose tolerated capacity holds the demand (a scan of n), whatever the probes', () => {
    // the search guesses, gallops and bisects; on a non-decreasing f its answer is the scan's
    for (const fd of ['host', 'rack'] as const) {
      const s = storageScenario(fd);
      const hosts = expandHosts(s).hosts;
      const curves = new CapacityCurves(s, buildFleetTimeline(s, hosts), hosts);
      const id = [...curves.seriesAt(0, 'storage', 0)!.keys()][0]!;
      const tol = (n: number): number => curves.seriesAt(0, 'storage', n)!.get(id)!.capacityTolerated;
      fc.assert(
        fc.property(fc.double({ min: 0.5, max: 30, noNaN: true }), fc.integer({ min: 0, max: 6 }), fc.constantFrom(0.85, 0.9, 1), (times, from, threshold) => {
          // a fresh set of curves per case: the probes of one case must not help the next
          const fresh = new CapacityCurves(s, buildFleetTimeline(s, hosts), hosts);
          const demand = tol(0) * threshold * times;
          let n = from;
          while (isOver(demand, tol(n), threshold)) n++;
          expect(fresh.unitsNeeded(0, 'storage', id, demand, threshold, from)).toEqual({ units: n });
        }),
        { numRuns: 40 },
      );
    }
  });
});
