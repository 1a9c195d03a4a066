import { describe, expect, it } from 'vitest';
import { buildFleetTimeline } from '../fleet/timeline.js';
import { expandHosts } from '../fleet/hosts.js';
import type { ResourceSeries } from '../forecast/horizon.js';
import type { Scenario } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { CapacityCurves, roleSeries } from './curves.js';
import { epochSeries, planProcurement } from './schedule.js';

/** Compute and storage both bought over 36 months: 20 %/month growth from a small fleet. */
function growingScenario(failureDomain: 'host' | 'rack'): Scenario {
  return makeScenario({
    horizonMonths: 36,
    ceph: { failureDomain, ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 }, pools: [{ name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1 }] },
    demand: { instances: [{ flavor: 'm1.xlarge', count: 20 }], storageBytes: { volumes: 40e12 }, growth: { kind: 'compound', perMonth: 0.2 } },
    policy: { tolerate: { hosts: 1, racks: 1 }, thresholds: { compute: 0.8, storage: 0.85 } },
    procurement: {
      roles: {
        compute: { hardware: 'cmp-r760', batch: 2, leadTimeWeeks: 12, coverMonths: 2 },
        storage: { hardware: 'sto-r760xd2', batch: 1, leadTimeWeeks: 12, coverMonths: 0 },
      },
    },
  });
}

describe('epochSeries (the check of the schedule)', () => {
  it('equals roleSeries of every epoch of the timeline with the purchases, with and without the curves figures', () => {
    for (const fd of ['host', 'rack'] as const) {
      const s = growingScenario(fd);
      const hosts = expandHosts(s).hosts;
      const plan = planProcurement(s)!;
      expect(new Set(plan.purchases.map((p) => p.role))).toEqual(new Set(['compute', 'storage']));
      const timeline = buildFleetTimeline(s, hosts, plan.purchases, plan.addedRacks);
      expect(timeline.epochs.length).toBeGreaterThan(3);
      const withRacks = { ...s, racks: timeline.racks };
      const straight: ResourceSeries[][] = timeline.epochs.map((e) => [...roleSeries(withRacks, 'compute', e.hosts), ...roleSeries(withRacks, 'storage', e.hosts)]);
      expect(epochSeries(s, timeline)).toEqual(straight);
      // seeded with the curves' figures of the fleet without purchases (what planProcurement does)
      const curves = new CapacityCurves(s, buildFleetTimeline(s, hosts), hosts);
      curves.seriesAt(0, 'compute', 3);
      curves.seriesAt(0, 'storage', 2);
      expect(epochSeries(s, timeline, curves.firstEpochFigures())).toEqual(straight);
    }
  });
});
