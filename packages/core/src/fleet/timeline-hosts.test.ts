/**
 * buildFleetTimeline writes the initial hosts' records key by key (not by object spread, for
 * speed): the same keys, in the same order, with the same values as { ...host, fromMonth: 0,
 * untilMonth, purchased: false }, whatever keys the host has; and each epoch's hosts are those
 * in service in its first month, in timeline order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import { makeScenario } from '../model/test-scenario.js';
import { expandHosts } from './hosts.js';
import { buildFleetTimeline, inService, purchasedHost } from './timeline.js';

describe('the initial hosts of the timeline', () => {
  it('equal the spread records, key order included, for every shape of host', () => {
    const scenario = makeScenario();
    const hosts = expandHosts(scenario).hosts;
    // shapes: as expandHosts makes them (with zone), without zone, with aggregates, with zone
    // undefined (an own key), with an extra key, with keys in another order
    const shaped: Host[] = hosts.map((h, i) => {
      const { name, role, hardware, rack } = h;
      switch (i % 6) {
        case 0:
          return h;
        case 1:
          return { name, role, hardware, rack };
        case 2:
          return { name, role, hardware, rack, aggregates: ['fast'] };
        case 3:
          return { name, role, hardware, rack, zone: undefined };
        case 4:
          return { ...h, note: 'extra' } as Host;
        default:
          return { role, name, hardware, rack, zone: 'z9', aggregates: ['a', 'b'] };
      }
    });
    const timeline = buildFleetTimeline(scenario, shaped);
    expect(timeline.hosts.length).toBe(shaped.length);
    timeline.hosts.forEach((fh, i) => {
      const expected = { ...shaped[i]!, fromMonth: 0, untilMonth: null, purchased: false };
      expect(Object.keys(fh)).toEqual(Object.keys(expected));
      expect(fh).toStrictEqual(expected);
    });
    // the epochs' plain hosts: name, role, hardware, rack, then zone and aggregates when defined
    timeline.epochs[0]!.hosts.forEach((h, i) => {
      const { name, role, hardware, rack, zone, aggregates } = timeline.hosts[i]!;
      const expected = { name, role, hardware, rack, ...(zone !== undefined ? { zone } : {}), ...(aggregates !== undefined ? { aggregates } : {}) };
      expect(Object.keys(h)).toEqual(Object.keys(expected));
      expect(h).toStrictEqual(expected);
    });
  });

  it("epochs: the hosts in service in each epoch's first month, in timeline order", () => {
    // a group retiring in month 3 and purchases delivered in months 2 and 5 (horizon 12)
    const base = makeScenario();
    const scenario = { ...base, nodes: base.nodes.map((g, i) => (i === 1 ? { ...g, retire: '2027-04' } : g)) };
    const hosts = expandHosts(scenario).hosts;
    const rack = scenario.racks[0]!.name;
    const timeline = buildFleetTimeline(scenario, hosts, [
      { role: 'compute', hardware: hosts.find((h) => h.role === 'compute')!.hardware, deliveryMonthIndex: 5, hosts: [{ name: 'late-1', rack }] },
      {
        role: 'compute',
        hardware: hosts.find((h) => h.role === 'compute')!.hardware,
        deliveryMonthIndex: 2,
        hosts: [
          { name: 'early-1', rack },
          { name: 'early-2', rack },
        ],
      },
    ]);
    for (const e of timeline.epochs) {
      const t = e.fromMonth;
      const expected = timeline.hosts.filter((h) => h.fromMonth <= t && (h.untilMonth === null || t < h.untilMonth)).map((h) => h.name);
      expect(e.hosts.map((h) => h.name)).toEqual(expected);
    }
    expect(timeline.epochs.map((e) => e.fromMonth)).toEqual([0, 2, 3, 5].filter((m) => m < scenario.horizonMonths));
  });

  it('purchased hosts: the records equal the spread form, key order included, with their own copy of the aggregates', () => {
    for (const zone of [undefined, 'az1']) {
      for (const aggregates of [undefined, [], ['fast', 'gpu']]) {
        const record = purchasedHost('compute-new-01', 'compute', 'cmp', 'r1', zone, aggregates, 4);
        const expected = {
          name: 'compute-new-01',
          role: 'compute',
          hardware: 'cmp',
          rack: 'r1',
          ...(zone !== undefined ? { zone } : {}),
          ...(aggregates ? { aggregates: [...aggregates] } : {}),
          fromMonth: 4,
          untilMonth: null,
          purchased: true,
        };
        expect(Object.keys(record)).toEqual(Object.keys(expected));
        expect(record).toStrictEqual(expected);
        if (aggregates) expect(record.aggregates).not.toBe(aggregates);
      }
    }
  });

  it('the hosts in service in month t: those with from <= t < until, in order (a prefix copied, or picked one by one)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.integer({ min: 0, max: 5 }), until: fc.option(fc.integer({ min: 0, max: 6 })) }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 6 }),
        (months, t) => {
          const plain: Host[] = months.map((_, i) => ({ name: `h${i}`, role: 'compute', hardware: 'x', rack: 'r1' }));
          const from = Float64Array.from(months.map((m) => m.from));
          const until = Float64Array.from(months.map((m) => m.until ?? Infinity));
          const expected = plain.filter((_, i) => months[i]!.from <= t && (months[i]!.until === null || t < months[i]!.until!));
          const got = inService(from, until, plain, t);
          expect(got).toHaveLength(expected.length);
          got.forEach((h, i) => expect(h).toBe(expected[i]));
        },
      ),
    );
  });
});
