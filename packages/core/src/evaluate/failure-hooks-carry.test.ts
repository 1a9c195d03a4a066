/**
 * FailureHooksCarry (the hooks' per-host figures extended from one epoch's fleet to the next)
 * against failureHooks building them from each fleet alone: the same answers, bit for bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { CephLossCarry, cephContext, cephInputs } from '../failure/ceph-impact.js';
import type { CephRecoveryBandwidth } from '../model/network.js';
import { FailureHooksCarry, failureHooks } from './failure-hooks.js';

const hw = baseHardware();
const s = makeScenario({
  hardware: {
    ...hw,
    // 7 NVMe OSDs: a total that is not a multiple of the HDD host's, so sums in another order differ
    'sto-nvme': { ...hw['sto-r760xd2']!, name: 'sto-nvme', disks: [{ count: 7, sizeBytes: 3.84e12, kind: 'nvme', use: 'osd' }] },
  },
});
const MODELS = ['sto-r760xd2', 'sto-nvme', 'cmp-r760', 'ghost'];

/** Host i of the timeline: a storage host of a model, a compute host, or one of an unknown model. */
const hostOf = (i: number, m: number): Host => ({ name: `h${i}`, role: m === 2 ? 'compute' : 'storage', hardware: MODELS[m]!, rack: 'r1' });

describe('FailureHooksCarry', () => {
  it('over growing fleets (and one that is not an extension) = the hooks of each fleet alone (fast-check, seed 23)', () => {
    const arb = fc.record({
      models: fc.array(fc.integer({ min: 0, max: MODELS.length - 1 }), { minLength: 1, maxLength: 40 }),
      cuts: fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }),
      lost: fc.array(fc.array(fc.nat(40), { maxLength: 5 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(arb, ({ models, cuts, lost }) => {
        const all = models.map((m, i) => hostOf(i, m));
        const carry = new FailureHooksCarry();
        // the prefixes of the timeline's hosts in the order of `cuts` (mostly growing; a shorter one is rebuilt)
        for (const cut of cuts) {
          const hosts = all.slice(0, 1 + (cut % all.length));
          const carried = failureHooks(s, hosts, null, carry);
          const alone = failureHooks(s, hosts, null);
          for (const l of lost) {
            const input = {
              failureDomain: 'host' as const,
              domains: [],
              lostHosts: l.map((i) => `h${i}`),
              drainedHosts: [],
              storedBytesMonth0: {},
              rebuildBytes: 1e12,
              replicationBitsPerSecond: 40e9,
            };
            expect(carried.ceph!.reprotectSeconds!(input)).toBe(alone.ceph!.reprotectSeconds!(input));
          }
          for (const h of hosts) expect(carried.network!.replicationBitsPerSecond!(h.name)).toBe(alone.network!.replicationBitsPerSecond!(h.name));
        }
      }),
      { seed: 23, numRuns: 300 },
    );
  });

  it('a fleet whose FIRST host is another object (same name, another model) is not an extension of the last one', () => {
    // h0 is an NVMe host (7 OSDs), then a new h0 object of the HDD model: a carry that skipped
    // comparing the first host would keep the NVMe figures for h0 and answer otherwise than alone
    const a = [hostOf(0, 1), hostOf(1, 0)];
    const b = [hostOf(0, 0), a[1]!, hostOf(2, 0)];
    const carry = new FailureHooksCarry();
    failureHooks(s, a, null, carry);
    const carried = failureHooks(s, b, null, carry);
    const alone = failureHooks(s, b, null);
    const input = {
      failureDomain: 'host' as const,
      domains: [],
      lostHosts: ['h1'],
      drainedHosts: [],
      storedBytesMonth0: {},
      rebuildBytes: 1e12,
      // (a network far faster than the disks: the survivors' disks, h0's among them, set the time)
      replicationBitsPerSecond: 1e15,
    };
    expect(carried.ceph!.reprotectSeconds!(input)).toBe(alone.ceph!.reprotectSeconds!(input));
    for (const h of b) expect(carried.network!.replicationBitsPerSecond!(h.name)).toBe(alone.network!.replicationBitsPerSecond!(h.name));
  });

  it("the Ceph context's replication links over growing fleets, both carries shared = each fleet alone (fast-check, seed 59)", () => {
    const arb = fc.record({
      models: fc.array(fc.integer({ min: 0, max: MODELS.length - 1 }), { minLength: 1, maxLength: 40 }),
      // per fleet: its length, and its network plan's per-host link (none, 10 or 25 Gbit/s)
      cuts: fc.array(fc.tuple(fc.nat(40), fc.constantFrom(0, 0, 10e9, 10e9, 25e9)), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, ({ models, cuts }) => {
        // the hosts of a known model, as the analysis gives them
        const all = models.map((m, i) => hostOf(i, m)).filter((h) => h.hardware !== 'ghost');
        if (all.length === 0) return;
        const ceph = new CephLossCarry();
        const hooksCarry = new FailureHooksCarry();
        let len = 0;
        for (const [cut, link] of cuts) {
          len = cut % 4 === 0 ? 1 + (cut % all.length) : Math.min(all.length, len + 1 + (cut % 3));
          const hosts = all.slice(0, len);
          const replication = link > 0 ? ({ perHostBitsPerSecond: link } as CephRecoveryBandwidth) : null;
          const contextOf = (h: FailureHooksCarry | undefined, c: CephLossCarry | undefined) => {
            const hooks = failureHooks(s, hosts, replication, h);
            const inputs = cephInputs(s, hosts, c);
            return cephContext(
              s,
              inputs.crush,
              inputs.hostRaw,
              { ceph: hooks.ceph!, replicationBitsPerSecond: hooks.network!.replicationBitsPerSecond! },
              null,
              { hosts, storage: inputs.storage },
              c,
            );
          };
          const carried = contextOf(hooksCarry, ceph).links!;
          const alone = contextOf(undefined, undefined).links!;
          expect([...carried.of]).toEqual([...alone.of]);
          expect([carried.total, carried.unknown, carried.hosts]).toEqual([alone.total, alone.unknown, alone.hosts]);
        }
      }),
      { seed: 59, numRuns: 300 },
    );
  });

  it('a fleet whose hosts are other objects is built anew, not extended', () => {
    // the second fleet has h0 as another model (a new Host object): the carry must not keep h0's
    // 10 HDD OSDs. Losing h1 (10 HDD OSDs): 7 + 10 - 10 = 17 OSDs receive, not 10 + 10 + 10 - 10 = 20.
    const carry = new FailureHooksCarry();
    failureHooks(s, [hostOf(0, 0), hostOf(1, 0)], null, carry);
    const next = [hostOf(0, 1), hostOf(1, 0), hostOf(2, 0)];
    const input = { failureDomain: 'host' as const, domains: [], lostHosts: ['h1'], drainedHosts: [], storedBytesMonth0: {}, rebuildBytes: 1e12, replicationBitsPerSecond: 40e9 };
    expect(failureHooks(s, next, null, carry).ceph!.reprotectSeconds!(input)).toBe(failureHooks(s, next, null).ceph!.reprotectSeconds!(input));
  });
  it('another hardware table: the storage hosts are filtered anew, not taken from the last call', () => {
    // first call under a table without sto-nvme (h1 is of no known model, not a storage host of
    // the hooks), then the same hosts and one more under the table with it: h1's 7 NVMe OSDs count
    const { 'sto-nvme': _, ...noNvme } = s.hardware;
    const carry = new FailureHooksCarry();
    const first = [hostOf(0, 0), hostOf(1, 1)];
    failureHooks({ ...s, hardware: noNvme }, first, null, carry);
    const next = [...first, hostOf(2, 0)];
    const input = { failureDomain: 'host' as const, domains: [], lostHosts: ['h0'], drainedHosts: [], storedBytesMonth0: {}, rebuildBytes: 1e12, replicationBitsPerSecond: 40e9 };
    expect(failureHooks(s, next, null, carry).ceph!.reprotectSeconds!(input)).toBe(failureHooks(s, next, null).ceph!.reprotectSeconds!(input));
  });
});
