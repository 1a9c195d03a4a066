/**
 * The failure analysis of a timeline's fleets with a FailureCarry (failure/carry.ts, as
 * evaluate/epochs.ts planEpochs passes one with its DomainCache) equals the analysis of each
 * fleet alone, and what is carried is taken: a switch domain object that stops no host keeps
 * the very impact object of the previous fleet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCompute } from '../compute/compute-plan.js';
import type { Host } from '../model/plan.js';
import type { Rack, Role } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { analyzeFailuresByClass } from './analyze.js';
import { failureCarry } from './carry.js';
import { domainCache } from './domains.js';

/**
 * Racks r1..r4 in zones az1/az2: r1 and r2 share switch `shared` (each also has its own), r3
 * hangs on switch tor-3 alone (losing it cuts r3's hosts off) and on feed A alone (losing A
 * unpowers them), r4 has the default pair of switches and feeds.
 */
const RACKS: Rack[] = [
  { name: 'r1', zone: 'az1', heightRu: 42, switches: ['r1-a', 'shared'] },
  { name: 'r2', zone: 'az2', heightRu: 42, switches: ['shared', 'r2-a'] },
  { name: 'r3', zone: 'az1', heightRu: 42, switches: ['tor-3'], powerFeeds: ['A'] },
  { name: 'r4', zone: 'az2', heightRu: 42 },
];
const ROLES: Role[] = ['compute', 'storage', 'control'];
const HARDWARE: Record<string, string> = { compute: 'cmp-r760', storage: 'sto-r760xd2', control: 'ctl-r660' };

/** Racks, switches and feeds tolerated; 20 m1.large instances growing 5 % a month; 60 TB of volumes (size 3) on rack domains. */
function scenario() {
  const base = makeScenario();
  return makeScenario({
    racks: RACKS,
    horizonMonths: 12,
    ceph: { ...base.ceph, failureDomain: 'rack' },
    demand: { instances: [{ flavor: 'm1.large', count: 20 }], storageBytes: { volumes: 60e12 }, growth: { kind: 'compound', perMonth: 0.05 } },
    policy: { ...base.policy, tolerate: { hosts: 1, racks: 1, switches: 1, feeds: 1 } },
  });
}

describe('analyzeFailuresByClass with a FailureCarry', () => {
  it('a timeline of fleets (hosts delivered, some retired): each analysis equals the one without carry (fast-check, seed 13)', () => {
    const s = scenario();
    // each step delivers hosts (role, rack) and may retire one of the hosts in service
    const arb = fc.array(
      fc.record({
        // unknown: a host of a hardware model the scenario does not define (left out of the analysis)
        add: fc.array(fc.record({ role: fc.integer({ min: 0, max: 2 }), rack: fc.integer({ min: 0, max: RACKS.length - 1 }), unknown: fc.integer({ min: 0, max: 7 }) }), {
          maxLength: 5,
        }),
        retire: fc.option(fc.nat(), { nil: undefined }),
      }),
      { minLength: 2, maxLength: 5 },
    );
    fc.assert(
      fc.property(arb, (steps) => {
        const domains = domainCache();
        const carry = failureCarry();
        let fleet: Host[] = [];
        let n = 0;
        for (const step of steps) {
          // a new array each step, the same host objects (as the fleet timeline gives them)
          fleet = step.retire !== undefined && fleet.length > 0 ? fleet.filter((_, i) => i !== step.retire! % fleet.length) : [...fleet];
          for (const { role, rack, unknown } of step.add) {
            const r = ROLES[role]!;
            fleet.push({ name: `${r}-${n++}`, role: r, hardware: unknown === 0 ? 'no-such-model' : HARDWARE[r]!, rack: RACKS[rack]!.name, zone: RACKS[rack]!.zone! });
          }
          const compute = planCompute(s, fleet).plan;
          const carried = analyzeFailuresByClass(s, fleet, compute, {}, undefined, { domains, carry });
          const alone = analyzeFailuresByClass(s, fleet, compute, {}, undefined);
          expect(JSON.stringify(carried)).toBe(JSON.stringify(alone));
        }
      }),
      { seed: 13, numRuns: 120 },
    );
  });

  it('takes what it carries: the impact of a switch that stops no host and gained none, the names of the hosts kept', () => {
    const s = scenario();
    const host = (name: string, role: Role, rack: string): Host => ({ name, role, hardware: HARDWARE[role]!, rack, zone: RACKS.find((r) => r.name === rack)!.zone! });
    const first: Host[] = [host('control-1', 'control', 'r1'), host('compute-1', 'compute', 'r1'), host('compute-2', 'compute', 'r4'), host('storage-1', 'storage', 'r2')];
    // a compute host delivered into r3: r1, r2 and r4 gain none
    const second = [...first, host('compute-3', 'compute', 'r3')];
    const domains = domainCache();
    const carry = failureCarry();
    const a = analyzeFailuresByClass(s, first, planCompute(s, first).plan, {}, undefined, { domains, carry });
    const b = analyzeFailuresByClass(s, second, planCompute(s, second).plan, {}, undefined, { domains, carry });
    const impact = (r: typeof a, id: string) => r.plan.impacts.find((i) => i.domain === id)!;
    // r4's pair of switches: each degrades compute-2 only (it keeps the other link), cuts no host off
    expect(impact(a, 'switch:r4-tor-a').message).toBe(
      "1 host keep one link (no redundancy, half the bonded bandwidth); links assumed: every host bonded to all of its rack's switches.",
    );
    expect(impact(b, 'switch:r4-tor-a')).toBe(impact(a, 'switch:r4-tor-a'));
    expect(impact(b, 'switch:shared')).toBe(impact(a, 'switch:shared'));
    // tor-3 now cuts compute-3 off: analysed, with its compute impact
    expect(b.plan.impacts.filter((i) => i.domain === 'switch:tor-3').map((i) => i.subsystem)).toEqual(['compute', 'network']);
    // the names of the hosts kept are the previous analysis' (the same strings), the new one appended
    expect(b.hosts.names).toEqual(['control-1', 'compute-1', 'compute-2', 'storage-1', 'compute-3']);
    expect(carry.hosts?.names).toBe(b.hosts.names);
    expect(carry.hosts?.known.length).toBe(5);
  });
});
