/**
 * A scenario for the procurement tests (epoch-series.test.ts, schedule-timeline.test.ts) that
 * buys compute and storage over 36 months: model/test-scenario.ts's fleet, 20 instances of
 * m1.xlarge and 40 TB of volumes growing 20 %/month (compound), one host and one rack
 * tolerated; compute bought by 2 cmp-r760 (12 weeks, 2 months' cover), storage by 1
 * sto-r760xd2 (12 weeks); optionally a one-host compute group `old` retiring in 2027-07.
 */
import type { Scenario } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';

/** Compute and storage both bought over 36 months: 20 %/month growth from a small fleet; optionally a compute group retiring in month 6. */
export function growingScenario(failureDomain: 'host' | 'rack', retire = false): Scenario {
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
