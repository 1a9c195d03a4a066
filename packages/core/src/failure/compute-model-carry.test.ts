/**
 * computeModel with a ComputeModelCarry (the kept hosts' part carried from the previous call)
 * against computeModel built from scratch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComputePlan } from '../model/plan.js';
import type { Flavor } from '../model/scenario.js';
import { type ComputeModel, ComputeModelCarry, computeModel, hostPart } from './compute-impact.js';
import type { PackingHosts } from './packing.js';
import { handScenario } from './test-failure.js';

type HostPlan = ComputePlan['hosts'][number];
type Inventory = HostPlan['inventories'][number];

const inv = (resourceClass: string, capacity: number, maxUnit = capacity): Inventory => ({ resourceClass, capacity, maxUnit }) as Inventory;
// inventory lists shared by the hosts of one model (as compute-plan.ts shares them)
const LISTS: readonly (readonly Inventory[])[] = [
  [inv('VCPU', 20), inv('MEMORY_MB', 20480), inv('DISK_GB', 100)],
  [inv('VCPU', 32.5, 16), inv('MEMORY_MB', 65536.25), inv('DISK_GB', 0.1)],
  [inv('VCPU', 8), inv('MEMORY_MB', 8192), inv('PCPU', 6)], // a class the others lack
];

/** A host plan of inventory list `list` (3: with a CUSTOM_GPU provider, 4: with NUMA cells), hardware model `hw` (default hw<list>). */
function hostPlan(name: string, list: number, hw = `hw${list}`): HostPlan {
  const plan = { host: name, hardware: hw, inventories: LISTS[list % 3]!, flavorFit: [] } as unknown as HostPlan;
  if (list === 3) (plan as { providers?: unknown }).providers = [{ inventory: inv('CUSTOM_GPU', 2, 1) }, { inventory: inv('CUSTOM_GPU', 0.5, 0.5) }];
  if (list === 4) (plan as { numaCells?: unknown }).numaCells = [];
  return plan;
}

/** A model's content as plain values (typed-array views and whole arrays alike). */
function plain(m: ComputeModel): Record<string, unknown> {
  return {
    ...m,
    hosts: { ...m.hosts, capacity: Array.from(m.hosts.capacity), maxUnit: Array.from(m.hosts.maxUnit) },
    flavors: { ...m.flavors, request: Array.from(m.flavors.request), hostCap: m.flavors.hostCap ? Array.from(m.flavors.hostCap) : undefined },
    countsByMonth: m.countsByMonth.map((c) => Array.from(c)),
    kinds: m.kinds ? { hardwareIndex: Array.from(m.kinds.hardwareIndex), kindIndex: Array.from(m.kinds.kindIndex) } : undefined,
  };
}

/**
 * The hosts' hardware indices and kinds the plain way: models sorted by name; a kind per
 * distinct (hardware, capacity row, max_unit row), numbered in order of first host.
 */
function kindsPlain(hardware: readonly string[], hosts: PackingHosts): { hardwareIndex: number[]; kindIndex: number[] } {
  const models = [...new Set(hardware)].sort();
  const C = hosts.classCount;
  const kinds = new Map<string, number>();
  const kindIndex = hardware.map((hw, h) => {
    const key = JSON.stringify([hw, ...Array.from(hosts.capacity.subarray(h * C, (h + 1) * C)), ...Array.from(hosts.maxUnit.subarray(h * C, (h + 1) * C))]);
    if (!kinds.has(key)) kinds.set(key, kinds.size);
    return kinds.get(key)!;
  });
  return { hardwareIndex: hardware.map((hw) => models.indexOf(hw)), kindIndex };
}

describe('computeModel with a carry = computeModel from scratch', () => {
  const GIB = 2 ** 30;
  const flavor = (name: string, vcpus: number, ramGib: number, diskBytes = 0): Flavor => ({ name, vcpus, ramBytes: ramGib * GIB, diskBytes });
  const base = handScenario();
  const s = handScenario({
    openstack: { ...base.openstack, flavors: { small: flavor('small', 1, 1), large: flavor('large', 4, 4, 10 * GIB) } },
    demand: {
      instances: [
        { flavor: 'large', count: 7 },
        { flavor: 'small', count: 30 },
      ],
      storageBytes: {},
      growth: { kind: 'compound', perMonth: 0.1 },
    },
    horizonMonths: 3,
  });

  it('hand-worked: the sums of kept hosts continue in host order; an earlier model keeps its values', () => {
    // epoch 1: hosts a (list 0), b (list 1); epoch 2: a, b, c (list 0), the same objects first.
    // VCPU capacity sums: 20 + 32.5 = 52.5, then 52.5 + 20 = 72.5
    const a = hostPlan('a', 0);
    const b = hostPlan('b', 1);
    const c = hostPlan('c', 0);
    const carry = new ComputeModelCarry();
    const plan1 = { hosts: [a, b], ephemeralStorage: 'local' } as unknown as ComputePlan;
    const plan2 = { hosts: [a, b, c], ephemeralStorage: 'local' } as unknown as ComputePlan;
    const m1 = computeModel(s, plan1, undefined, carry);
    expect(hostPart(plan1, carry).totals).toEqual([52.5, 20480 + 65536.25, 100.1]);
    const part2 = hostPart(plan2, carry);
    expect(part2.totals).toEqual([72.5, 20480 + 65536.25 + 20480, 100 + 0.1 + 100]);
    expect(part2.names).toEqual(['a', 'b', 'c']);
    const m2 = computeModel(s, plan2, undefined, carry);
    // classes VCPU, MEMORY_MB, DISK_GB: a = 20, 20480, 100; b = 32.5, 65536.25, 0.1; c as a
    expect(Array.from(m2.hosts.capacity)).toEqual([20, 20480, 100, 32.5, 65536.25, 0.1, 20, 20480, 100]);
    expect(Array.from(m2.hosts.maxUnit)).toEqual([20, 20480, 100, 16, 65536.25, 0.1, 20, 20480, 100]);
    expect(plain(m1)).toEqual(plain(computeModel(s, plan1)));
    expect(plain(m2)).toEqual(plain(computeModel(s, plan2)));
    // kinds: a and c (hw0, list 0) one kind, b (hw1) another
    expect(Array.from(m2.kinds!.hardwareIndex)).toEqual([0, 1, 0]);
    expect(Array.from(m2.kinds!.kindIndex)).toEqual([0, 1, 0]);
  });

  it('equals the model from scratch over any sequence of epochs, and earlier models keep their values (seed 23)', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('append' as const), lists: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom('c', 'a', 'd', 'b')), { maxLength: 9 }) }),
      fc.record({ op: fc.constant('replace' as const), at: fc.nat(), list: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ op: fc.constant('drop' as const) }),
      fc.record({ op: fc.constant('ephemeral' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const carry = new ComputeModelCarry();
        let hosts: HostPlan[] = [];
        let ephemeral = 'local';
        let n = 0;
        const done: { plan: ComputePlan; model: ComputeModel }[] = [];
        for (const st of steps) {
          // hardware names: a later model may sort before the earlier ones; one name may have two inventory lists (two kinds)
          if (st.op === 'append') hosts = [...hosts, ...st.lists.map(([l, hw]) => hostPlan(`h${n++}`, l, hw))];
          else if (st.op === 'replace' && hosts.length > 0) hosts = hosts.map((h, i) => (i === st.at % hosts.length ? hostPlan(`h${n++}`, st.list) : h));
          else if (st.op === 'drop') hosts = hosts.slice(0, -1);
          else if (st.op === 'ephemeral') ephemeral = ephemeral === 'local' ? 'ceph' : 'local';
          const plan = { hosts, ephemeralStorage: ephemeral } as unknown as ComputePlan;
          const model = computeModel(s, plan, undefined, carry);
          expect(plain(model)).toEqual(plain(computeModel(s, plan)));
          expect(carry.last!.totals).toEqual(hostPart(plan).totals);
          if (!model.flavors.hostCap) expect(plain(model).kinds).toEqual(kindsPlain(model.hardware, model.hosts));
          else expect(model.kinds).toBeUndefined();
          done.push({ plan, model });
        }
        for (const { plan, model } of done) expect(plain(model)).toEqual(plain(computeModel(s, plan)));
      }),
      { seed: 23, numRuns: 300 },
    );
  });
});
