import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFleetTimeline } from '../fleet/timeline.js';
import { expandHosts } from '../fleet/hosts.js';
import type { ResourceSeries } from '../forecast/horizon.js';
import type { Host } from '../model/plan.js';
import { CapacityCurves, roleSeries } from './curves.js';
import { epochSeries, planProcurement, purchasedNamesFresh } from './schedule.js';
import { growingScenario } from './test-growing.js';

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
      // the purchased hosts' names vouched unique (what scheduleProcurement passes): not looked up, the same figures
      expect(purchasedNamesFresh(hosts)).toBe(true);
      expect(epochSeries(s, timeline, new CapacityCurves(s, buildFleetTimeline(s, hosts), hosts).firstEpochFigures(), undefined, true)).toEqual(straight);
      expect(epochSeries(s, timeline, undefined, undefined, true)).toEqual(straight);
    }
  });

  it('looks names up unless vouched: a purchased host named as an initial one gives the straight figures', () => {
    // one host tolerated, no rack: computeCapacity removes the lost host by name (tolerance.ts toleratedCapacity)
    const g = growingScenario('host');
    const s = { ...g, policy: { ...g.policy, tolerate: { ...g.policy.tolerate, racks: 0 } } };
    const hosts = expandHosts(s).hosts;
    const plan = planProcurement(s)!;
    const compute = plan.purchases.find((p) => p.role === 'compute')!;
    // the first purchased compute host takes the name of an initial compute host
    const initial = hosts.find((h) => h.role === 'compute')!;
    const renamed = plan.purchases.map((p) => (p === compute ? { ...p, hosts: p.hosts.map((h, i) => (i === 0 ? { ...h, name: initial.name } : h)) } : p));
    const timeline = buildFleetTimeline(s, hosts, renamed, plan.addedRacks);
    const withRacks = { ...s, racks: timeline.racks };
    const straight: ResourceSeries[][] = timeline.epochs.map((e) => [...roleSeries(withRacks, 'compute', e.hosts), ...roleSeries(withRacks, 'storage', e.hosts)]);
    expect(epochSeries(s, timeline)).toEqual(straight);
    // computeCapacity removes both hosts of the name: not the figures of the fleet with a fresh name
    const fresh = buildFleetTimeline(s, hosts, plan.purchases, plan.addedRacks);
    expect(straight).not.toEqual(epochSeries(s, fresh));
  });

  it('purchasedNamesFresh: false when an initial host’s name begins with a purchased prefix', () => {
    const h = (name: string): Host => ({ name, role: 'compute', hardware: 'cmp-r760', rack: 'r1' });
    expect(purchasedNamesFresh([h('compute-01'), h('storage-01'), h('new-compute-01')])).toBe(true);
    expect(purchasedNamesFresh([h('compute-01'), h('compute-new-01')])).toBe(false);
    expect(purchasedNamesFresh([h('storage-new')])).toBe(false);
  });
});

describe('CapacityCurves.storageSeriesOf (an epoch of the check read off the storage curve)', () => {
  it('equals roleSeries of the epoch whenever it answers; answers for host domains without rack loss, not with a rack loss', () => {
    for (const racks of [0, 1]) {
      const g = growingScenario('host');
      const s = { ...g, policy: { ...g.policy, tolerate: { ...g.policy.tolerate, racks } } };
      const hosts = expandHosts(s).hosts;
      const base = buildFleetTimeline(s, hosts);
      const plan = planProcurement(s, base)!;
      const timeline = buildFleetTimeline(s, hosts, plan.purchases, plan.addedRacks);
      const curves = new CapacityCurves(s, base, hosts);
      const withRacks = { ...s, racks: timeline.racks };
      let answered = 0;
      for (const e of timeline.epochs) {
        const got = curves.storageSeriesOf(
          e.fromMonth,
          e.hosts.filter((h) => h.role === 'storage'),
        );
        if (got === null) continue;
        answered += 1;
        expect(got).toEqual(roleSeries(withRacks, 'storage', e.hosts));
      }
      // with a tolerated rack loss the racks enter the figures: never read off the curve
      expect(answered).toBe(racks === 0 ? timeline.epochs.length : 0);
      // with every epoch's storage bought by then: 3 units or more
      const last = timeline.epochs[timeline.epochs.length - 1]!.hosts.filter((h) => h.role === 'storage');
      expect(last.length - hosts.filter((h) => h.role === 'storage').length).toBeGreaterThan(2);
    }
  });

  it('carries its host check from a list to the next that extends it: the answers of a fresh CapacityCurves, in any order', () => {
    const g = growingScenario('host');
    const s = { ...g, policy: { ...g.policy, tolerate: { ...g.policy.tolerate, racks: 0 } } };
    const hosts = expandHosts(s).hosts;
    const base = buildFleetTimeline(s, hosts);
    const storage = hosts.filter((h) => h.role === 'storage');
    const pool: Host[] = Array.from({ length: 6 }, (_, i) => ({ name: `x${i}`, role: 'storage', hardware: 'sto-r760xd2', rack: 'r1' }));
    // a host of the wrong model, and one repeating a name
    const odd: Host[] = [
      { name: 'y', role: 'storage', hardware: 'cmp-r760', rack: 'r1' },
      { name: 'x0', role: 'storage', hardware: 'sto-r760xd2', rack: 'r2' },
    ];
    fc.assert(
      fc.property(fc.array(fc.record({ extend: fc.boolean(), add: fc.array(fc.nat(7), { maxLength: 3 }), dropFirst: fc.boolean() }), { maxLength: 8 }), (steps) => {
        const carried = new CapacityCurves(s, base, hosts);
        let list: Host[] = [...storage];
        for (const st of steps) {
          const tail = st.add.map((i) => (i < 6 ? pool[i]! : odd[i - 6]!));
          // an extension of the last list (the same objects), or a new list (possibly without the epoch's first host)
          list = st.extend ? [...list, ...tail] : [...(st.dropFirst ? storage.slice(1) : storage), ...tail];
          expect(carried.storageSeriesOf(0, list)).toEqual(new CapacityCurves(s, base, hosts).storageSeriesOf(0, list));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is null when the storage hosts are not the epoch’s followed by hosts of the rule’s model, or two share a name', () => {
    const g = growingScenario('host');
    const s = { ...g, policy: { ...g.policy, tolerate: { ...g.policy.tolerate, racks: 0 } } };
    const hosts = expandHosts(s).hosts;
    const curves = new CapacityCurves(s, buildFleetTimeline(s, hosts), hosts);
    const storage = hosts.filter((h) => h.role === 'storage');
    const added = (name: string, hardware = 'sto-r760xd2'): Host => ({ name, role: 'storage', hardware, rack: 'r1' });
    // one unit (batch 1, host domain) in any rack with any name: f(1)
    expect(curves.storageSeriesOf(0, [...storage, added('x1')])).toEqual([...curves.seriesAt(0, 'storage', 1)!.values()]);
    expect(curves.storageSeriesOf(0, [...storage, added(storage[0]!.name)])).toBeNull();
    expect(curves.storageSeriesOf(0, [...storage, added('x1', 'cmp-r760')])).toBeNull();
    expect(curves.storageSeriesOf(0, [...storage.slice(1), added('x1')])).toBeNull();
    expect(curves.storageSeriesOf(0, [...storage.slice(1), storage[0]!])).toBeNull();
  });
});
