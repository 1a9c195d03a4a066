/**
 * Fast paths of the failure analysis against the straightforward computation they replace:
 * survivorFill (the CRUSH domains ordered once for all pools) against Σ waterFill per pool;
 * the fill order after a loss merged from the order before it against sorting anew;
 * cephImpact with the OSD hosts given by the caller against cephImpact filtering them itself;
 * controlImpact and monImpact given the stopped controllers and monitors against filtering
 * the domain themselves; attachmentImpact of switches and feeds that cut no host off, which analyze shares among
 * losses with the same kind and number of hosts degraded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import type { FailureDomain } from '../model/failure.js';
import { failureDomains, storageHostsRaw } from '../storage/raw.js';
import { attachmentImpact } from './attachment-impact.js';
import { controlImpact } from './control-impact.js';
import { monImpact } from './mon-impact.js';
import { cephContext, cephImpact, liveLargestFirst, liveLargestFirstAfter, survivorFill, waterFill } from './ceph-impact.js';
import { group, handScenario } from './test-failure.js';

const TB = 1e12;

const loss = (kind: FailureDomain['kind'], name: string, lost: string[], drained: string[] = [], degraded: string[] = []): FailureDomain => ({
  id: `${kind}:${name}`,
  kind,
  name,
  tolerated: true,
  hostsLost: lost,
  hostsDrained: drained,
  hostsDegraded: degraded,
});

describe('failure fast paths equal the straightforward computation', () => {
  it('survivorFill = Σ over pools of waterFill, domain by domain (fast-check, seed 5)', () => {
    const arb = fc.record({
      capacities: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })), { maxLength: 12 }),
      pools: fc.array(fc.record({ load: fc.integer({ min: 0, max: 200 }), width: fc.integer({ min: 1, max: 6 }) }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(arb, ({ capacities, pools }) => {
        const caps = capacities.map((c) => c * TB);
        const loads = pools.map((p) => ({ loadBytes: p.load * TB, width: p.width }));
        const held = caps.map(() => 0);
        for (const p of loads) waterFill(caps, p.loadBytes, p.width).forEach((x, i) => (held[i] = held[i]! + x));
        let maxFill: number | null = null;
        caps.forEach((c, i) => {
          if (c > 0 && held[i]! > 0) maxFill = Math.max(maxFill ?? 0, held[i]! / c);
        });
        expect(survivorFill(caps, loads)).toEqual({ held, maxFill });
      }),
      { seed: 5, numRuns: 1000 },
    );
  });

  it('the fill order after a loss, merged from the order before, = sorting the capacities after (fast-check, seed 9)', () => {
    // small capacities so that ties (index order) are frequent; a touched domain may grow, shrink or empty
    const arb = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 14 }).chain((before) =>
      fc.record({
        before: fc.constant(before),
        changes: fc.array(fc.tuple(fc.nat(Math.max(0, before.length - 1)), fc.integer({ min: 0, max: 6 })), { maxLength: before.length }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ before, changes }) => {
        const after = before.slice();
        for (const [i, c] of changes) if (i < after.length) after[i] = c;
        const touched = [...new Set(changes.map(([i]) => i).filter((i) => i < after.length))];
        expect(liveLargestFirstAfter(liveLargestFirst(before), after, touched)).toEqual(liveLargestFirst(after));
      }),
      { seed: 9, numRuns: 2000 },
    );
  });

  it('cephImpact given the OSD hosts = cephImpact filtering the domain itself', () => {
    // 4 storage hosts (30 TB raw each) in r1/r2, 2 compute hosts (no OSDs); one pool of size 3
    const s = handScenario({
      nodes: [group('storage', 'sto-30', 2, { rack: 'r1', namePrefix: 'a' }), group('storage', 'sto-30', 2, { rack: 'r2', namePrefix: 'b' }), group('compute', 'cmp-20', 2)],
      ceph: { failureDomain: 'host', ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 }, pools: [{ name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1 }] },
      demand: { instances: [], storageBytes: { volumes: 20 * TB }, growth: { kind: 'compound', perMonth: 0.1 } },
    });
    const hosts = expandHosts(s).hosts;
    const storage = storageHostsRaw(s, hosts);
    const context = () =>
      cephContext(s, failureDomains(storage, 'host', s.racks), new Map(storage.map((h) => [h.host, h.rawBytes])), {}, new Map(hosts.map((h) => [h.name, h.hardware])));
    const withOsd = new Set(storage.filter((h) => h.rawBytes > 0).map((h) => h.host));
    const domains = [
      loss('rack', 'r1', ['a-01', 'a-02', 'compute-01']),
      loss('zone', 'z', ['compute-02', 'b-01', 'a-01']),
      loss('maintenance', 'm', [], ['a-02', 'compute-01']),
      loss('host', 'compute-01', ['compute-01']),
    ];
    const fast = context();
    const slow = context();
    for (const d of domains) {
      const osd = { lost: d.hostsLost.filter((h) => withOsd.has(h)), drained: d.hostsDrained.filter((h) => withOsd.has(h)) };
      expect(cephImpact(fast, d, osd)).toEqual(cephImpact(slow, d));
    }
    // the rack really loses its two storage hosts (not the compute host): 60 TB raw
    expect(cephImpact(fast, domains[0]!, { lost: ['a-01', 'a-02'], drained: [] })!.detail).toMatchObject({ hostsLost: 2, rawBytesLost: 60 * TB });
  });

  it('a switch or feed that cuts no host off: the outcome reads only its kind and the number of hosts degraded', () => {
    const a = attachmentImpact(loss('switch', 'r1-tor-a', [], [], ['h1', 'h2', 'h3']));
    const b = attachmentImpact(loss('switch', 'r9-tor-b', [], [], ['x7', 'x8', 'x9']));
    expect(a).toEqual(b);
    expect(a!.message).toBe("3 hosts keep one link (no redundancy, half the bonded bandwidth); links assumed: every host bonded to all of its rack's switches.");
    expect(attachmentImpact(loss('feed', 'A', [], [], ['h1']))).toEqual(attachmentImpact(loss('feed', 'B', [], [], ['h2'])));
  });

  it('controlImpact and monImpact given the stopped controllers and monitors = filtering the domain themselves', () => {
    const controllers = new Set(['c1', 'c2', 'c3']);
    const mons = ['s1', 'c2', 's3'];
    const domains = [
      loss('zone', 'z', ['x1', 'c1', 's1', 'c2'], []),
      loss('maintenance', 'm', [], ['c3', 's3']),
      loss('rack', 'r', ['c1', 'x2'], ['s3']),
      loss('feed', 'A', [], [], ['c1', 's1']),
    ];
    for (const d of domains) {
      const count = (xs: readonly string[]) => xs.filter((h) => controllers.has(h)).length;
      expect(controlImpact(d, controllers, { lost: count(d.hostsLost), drained: count(d.hostsDrained) })).toEqual(controlImpact(d, controllers));
      const of = (xs: readonly string[]) => xs.filter((h) => mons.includes(h));
      expect(monImpact(d, mons, { lost: of(d.hostsLost), drained: of(d.hostsDrained) })).toEqual(monImpact(d, mons));
    }
    // the zone stops 2 of 3 controllers (c1, c2) and 2 of 3 monitors (s1, c2): both quorums lost
    expect(controlImpact(domains[0]!, controllers, { lost: 2, drained: 0 })!.harms.map((h) => h.code)).toEqual(['failure.control.quorum_lost']);
    expect(monImpact(domains[0]!, mons, { lost: ['s1', 'c2'], drained: [] })!.harms.map((h) => h.code)).toEqual(['failure.ceph.mon_quorum_lost']);
  });
});
