/**
 * StorageRawCarry (planStorage's raw part continued over a growing fleet) = rawPart of each
 * fleet alone: raw Σ, OSD count, host domains, the tolerated hosts' removal; null exactly where
 * it does not apply; earlier answers unchanged by later calls.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import { makeScenario } from '../model/test-scenario.js';
import { StorageRawCarry } from './raw-carry.js';
import { rawPart } from './storage-plan.js';
import { storageTestHardware } from './test-storage-models.js';

const hostArb = fc.record({
  name: fc.integer({ min: 0, max: 400 }),
  hardware: fc.constantFrom('sto-a', 'sto-b', 'sto-c', 'sto-d', 'sto-e', 'sto-f', 'nope'),
  rack: fc.constantFrom('r1', 'r2', 'r3'),
  compute: fc.boolean(),
});

describe('StorageRawCarry', () => {
  it('property: continued over growing (and shrinking) fleets = rawPart of each fleet alone', () => {
    const hardware = storageTestHardware();
    fc.assert(
      fc.property(
        fc.array(hostArb, { maxLength: 40 }),
        fc.boolean(),
        fc.array(
          fc.record({ hosts: fc.nat({ max: 40 }), tolerate: fc.integer({ min: 0, max: 9 }), racks: fc.constantFrom(0, 0, 0, 1), rack: fc.boolean(), reversed: fc.boolean() }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (xs, unique, steps) => {
          const all: Host[] = xs.map((x, i) => ({
            name: unique ? `s${i}` : `s${x.name % 9}`,
            role: x.compute && i % 3 === 0 ? 'compute' : 'storage',
            hardware: x.hardware,
            rack: x.rack,
          }));
          const carry = new StorageRawCarry();
          const answers: { got: unknown; json: string }[] = [];
          // growing fleets first (the carried path), then the steps in their own order
          const ordered = [...steps].sort((a, b) => a.hosts - b.hosts).map((x) => ({ ...x, reversed: false }));
          for (const step of [...ordered, ...steps]) {
            const failureDomain = step.rack ? 'rack' : 'host';
            const tolerate = { hosts: step.tolerate, racks: step.racks };
            const scenario = makeScenario({ hardware, policy: { ...makeScenario().policy, tolerate }, ceph: { ...makeScenario().ceph, failureDomain } });
            // at some steps the same hosts in reverse order: not the last list's continuation
            const hosts = step.reversed ? all.slice(0, step.hosts).reverse() : all.slice(0, step.hosts);
            const got = carry.of(scenario, hosts, failureDomain, tolerate);
            const plain = rawPart(scenario, hosts);
            // null exactly where it does not apply: rack domains, tolerated racks, > 8 hosts, a name twice among the hosts with OSDs
            const withOsds = hosts.filter((h) => h.role === 'storage' && ['sto-a', 'sto-b', 'sto-c', 'sto-d', 'sto-f'].includes(h.hardware));
            const repeated = new Set(withOsds.map((h) => h.name)).size < withOsds.length;
            expect(got === null).toBe(step.rack || step.racks > 0 || step.tolerate > 8 || repeated);
            if (got === null) continue;
            expect(got).toEqual(plain);
            answers.push({ got, json: JSON.stringify(got) });
          }
          for (const a of answers) expect(JSON.stringify(a.got)).toBe(a.json);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('hand-worked: 1 tolerated host: of 32 TB alone it goes; of 32 + 61.44 + 32 TB the 61.44 TB host goes, 32 + 32 = 64 TB stay', () => {
    const scenario = makeScenario({ hardware: storageTestHardware() });
    const carry = new StorageRawCarry();
    const h = (name: string, hardware: string): Host => ({ name, role: 'storage', hardware, rack: 'r1' });
    // sto-c: 4 x 8 TB = 32 TB; sto-a: 8 x 7.68 TB = 61.44 TB; sto-e: no OSD (an entry, no domain)
    const a = carry.of(scenario, [h('c1', 'sto-c'), h('e1', 'sto-e')], 'host', { hosts: 1, racks: 0 })!;
    expect(a.removal).toEqual({ removedHosts: ['c1'], removedDomains: ['c1'], toleratedRawBytes: 0, domainsRemaining: 0 });
    const b = carry.of(scenario, [h('c1', 'sto-c'), h('e1', 'sto-e'), h('a1', 'sto-a'), h('c2', 'sto-c')], 'host', { hosts: 1, racks: 0 })!;
    // raw: 32 + 0 + 61.44 + 32 = 125.44 TB; OSDs 4 + 0 + 8 + 4 = 16; a1 (61.44 TB) goes, c1 + c2 = 64 TB stay
    expect(b.rawBytes).toBe(32e12 + 0 + 61.44e12 + 32e12);
    expect(b.osdCount).toBe(16);
    expect(b.failureDomains.map((d) => d.name)).toEqual(['c1', 'a1', 'c2']);
    expect(b.removal).toEqual({ removedHosts: ['a1'], removedDomains: ['a1'], toleratedRawBytes: 64e12, domainsRemaining: 2 });
  });
});
