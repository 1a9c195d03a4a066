import { describe, expect, it } from 'vitest';
import { buildFleetTimeline } from '../fleet/timeline.js';
import { expandHosts } from '../fleet/hosts.js';
import type { Scenario } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { planProcurement, scheduleProcurement } from './schedule.js';

/** Compute and storage both bought over 36 months: 20 %/month growth from a small fleet; optionally a compute group retiring in month 6. */
function growingScenario(failureDomain: 'host' | 'rack', retire: boolean): Scenario {
  const s = makeScenario({
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
  if (!retire) return s;
  return { ...s, nodes: s.nodes.flatMap((g) => (g.role === 'compute' ? [g, { ...g, count: 1, namePrefix: 'old', retire: '2027-07' }] : [g])) };
}

describe('scheduleProcurement (the plan and the timeline it was checked on)', () => {
  it('gives planProcurement’s plan and the timeline buildFleetTimeline builds from it', () => {
    for (const fd of ['host', 'rack'] as const) {
      for (const retire of [false, true]) {
        const s = growingScenario(fd, retire);
        const hosts = expandHosts(s).hosts;
        const scheduled = scheduleProcurement(s)!;
        expect(scheduled.plan).toEqual(planProcurement(s));
        expect(new Set(scheduled.plan.purchases.map((p) => p.role))).toEqual(new Set(['compute', 'storage']));
        // compute and storage bought in one month: the search finds compute first, as billOfMaterials sorts them
        expect(scheduled.timeline).not.toBeNull();
        const built = buildFleetTimeline(s, hosts, scheduled.plan.purchases, scheduled.plan.addedRacks);
        expect(built.epochs.length).toBeGreaterThan(3);
        expect(scheduled.timeline).toEqual(built);
      }
    }
  });

  it('is null without a procurement section', () => {
    expect(scheduleProcurement(makeScenario())).toBeNull();
  });
});
