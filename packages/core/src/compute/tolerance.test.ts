import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ComputeHostCapacity, compareCapacity, hostsRemovedByAnyClass, sumCapacity, toleratedCapacity, toleratedLosses, topIndices } from './tolerance.js';

const GIB_MIB = 1024;

/** A host of `threads` logical CPUs and `gib` GiB, cpu ratio 4.0, ram ratio 1.0, nothing reserved. */
function host(name: string, rack: string, threads: number, gib: number, zone?: string): ComputeHostCapacity {
  return { host: name, rack, ...(zone ? { zone } : {}), capacity: { VCPU: threads * 4, MEMORY_MB: gib * GIB_MIB } };
}

describe("headroom's N+1 policy per resource class", () => {
  // The mixed fleet of issue 14: 3 hosts of 128 threads / 512 GiB, 1 host of 192 threads / 256 GiB.
  const fleet = [host('a', 'r1', 128, 512), host('b', 'r2', 128, 512), host('c', 'r3', 128, 512), host('d', 'r4', 192, 256)];

  it('each class loses its own largest host', () => {
    const losses = toleratedLosses(fleet, { hosts: 1, racks: 0 });
    // VCPU: a, b, c hold 128 × 4 = 512; d holds 192 × 4 = 768, the worst VCPU loss.
    // total = 3 × 512 + 768 = 2,304; tolerated = 2,304 − 768 = 1,536.
    expect(losses.VCPU).toEqual({ kind: 'hosts', domains: ['d'], hosts: ['d'], capacity: 768 });
    // MEMORY_MB: a, b, c hold 512 GiB = 524,288 MiB; d 256 GiB = 262,144 MiB. Worst: a (first of the ties).
    // total = 3 × 524,288 + 262,144 = 1,835,008 MiB (1,792 GiB); tolerated = 1,835,008 − 524,288
    // = 1,310,720 MiB = 1,280 GiB (not 1,536 GiB, what removing d, the largest by VCPU, left).
    expect(losses.MEMORY_MB).toEqual({ kind: 'hosts', domains: ['a'], hosts: ['a'], capacity: 524_288 });
    const tolerated = toleratedCapacity(fleet, losses);
    expect(tolerated).toEqual({ VCPU: 1536, MEMORY_MB: 1_310_720 });
    expect(tolerated.MEMORY_MB! / GIB_MIB).toBe(1280);
    expect(hostsRemovedByAnyClass(fleet, losses)).toEqual(['a', 'd']);
  });

  it('N hosts: the N with the most of each class', () => {
    const losses = toleratedLosses(fleet, { hosts: 2, racks: 0 });
    // VCPU: d (768) + a (512) = 1,280; tolerated 2,304 − 1,280 = 1,024.
    // MEMORY_MB: a + b = 2 × 524,288 = 1,048,576; tolerated 1,835,008 − 1,048,576 = 786,432 MiB (768 GiB).
    expect(losses.VCPU!.hosts).toEqual(['a', 'd']);
    expect(losses.MEMORY_MB!.hosts).toEqual(['a', 'b']);
    expect(toleratedCapacity(fleet, losses)).toEqual({ VCPU: 1024, MEMORY_MB: 786_432 });
  });

  it('racks: each class loses its own largest rack when that removes more than its largest host', () => {
    // r1: a + d (512 + 768 = 1,280 vCPU; 524,288 + 262,144 = 786,432 MiB); r2: b + c (1,024 vCPU; 1,048,576 MiB).
    const racked = [host('a', 'r1', 128, 512), host('b', 'r2', 128, 512), host('c', 'r2', 128, 512), host('d', 'r1', 192, 256)];
    const losses = toleratedLosses(racked, { hosts: 1, racks: 1 });
    // VCPU: rack r1 (1,280) > host d (768): tolerated 2,304 − 1,280 = 1,024.
    expect(losses.VCPU).toEqual({ kind: 'racks', domains: ['r1'], hosts: ['a', 'd'], capacity: 1280 });
    // MEMORY_MB: rack r2 (1,048,576) > host a (524,288): tolerated 1,835,008 − 1,048,576 = 786,432.
    expect(losses.MEMORY_MB).toEqual({ kind: 'racks', domains: ['r2'], hosts: ['b', 'c'], capacity: 1_048_576 });
    expect(toleratedCapacity(racked, losses)).toEqual({ VCPU: 1024, MEMORY_MB: 786_432 });
  });

  it('zones: the largest zone of each class, only when the hosts name two zones or more', () => {
    // az1: a, b (1,024 vCPU; 1,048,576 MiB); az2: c, d (1,280 vCPU; 786,432 MiB).
    const zoned = [host('a', 'r1', 128, 512, 'az1'), host('b', 'r2', 128, 512, 'az1'), host('c', 'r3', 128, 512, 'az2'), host('d', 'r4', 192, 256, 'az2')];
    const losses = toleratedLosses(zoned, { hosts: 1, racks: 0, zones: 1 });
    expect(losses.VCPU).toMatchObject({ kind: 'zones', domains: ['az2'], capacity: 1280 });
    expect(losses.MEMORY_MB).toMatchObject({ kind: 'zones', domains: ['az1'], capacity: 1_048_576 });
    // One zone only: losing it is losing the cloud, not a tolerated loss; the largest host stays the worst.
    const one = zoned.map((h) => ({ ...h, zone: 'az1' }));
    expect(toleratedLosses(one, { hosts: 1, racks: 0, zones: 1 }).VCPU).toMatchObject({ kind: 'hosts', hosts: ['d'] });
  });

  it('tolerating no failure removes nothing; tolerating more hosts than exist removes all', () => {
    expect(toleratedCapacity(fleet, toleratedLosses(fleet, { hosts: 0, racks: 0 }))).toEqual({ VCPU: 2304, MEMORY_MB: 1_835_008 });
    expect(toleratedCapacity(fleet, toleratedLosses(fleet, { hosts: 9, racks: 0 }))).toEqual({ VCPU: 0, MEMORY_MB: 0 });
  });
});

describe('sumCapacity and compareCapacity (class order VCPU, MEMORY_MB, DISK_GB, PCPU, then by name)', () => {
  it('sums per class, keys in class order whatever the input order', () => {
    // VCPU 64 + 32 = 96; MEMORY_MB 1024 + 0 = 1024; CUSTOM_X only in the second: 2
    const sum = sumCapacity([{ MEMORY_MB: 1024, VCPU: 64 }, { CUSTOM_X: 2, VCPU: 32 } as Record<string, number>]);
    expect(sum).toEqual({ VCPU: 96, MEMORY_MB: 1024, CUSTOM_X: 2 });
    expect(Object.keys(sum)).toEqual(['VCPU', 'MEMORY_MB', 'CUSTOM_X']);
  });
  it('compares class by class in that order, the other classes by name last', () => {
    expect(compareCapacity({ VCPU: 64, MEMORY_MB: 1 }, { VCPU: 32, MEMORY_MB: 9 })).toBe(32); // VCPU decides: 64 - 32
    expect(compareCapacity({ VCPU: 8, PCPU: 4 }, { VCPU: 8, PCPU: 6 })).toBe(-2); // VCPU equal, PCPU 4 - 6
    // equal up to PCPU: CUSTOM_A (a: 1, b: absent = 0) decides before CUSTOM_B
    expect(compareCapacity({ VCPU: 8, CUSTOM_B: 0, CUSTOM_A: 1 } as Record<string, number>, { VCPU: 8, CUSTOM_B: 5 } as Record<string, number>)).toBe(1);
    expect(compareCapacity({ VCPU: 8 }, { VCPU: 8 })).toBe(0);
  });
});

describe('topIndices: the n largest, earlier first on ties', () => {
  it('a hand-worked case', () => {
    // values 5, 9, 9, 1, 9: the two largest are the 9s at 1 and 2 (the 9 at 4 comes later)
    expect(topIndices(5, 2, (i) => [5, 9, 9, 1, 9][i]!)).toEqual([1, 2]);
    // n = 4: the three 9s and the 5, in index order
    expect(topIndices(5, 4, (i) => [5, 9, 9, 1, 9][i]!)).toEqual([0, 1, 2, 4]);
    expect(topIndices(5, 0, () => 1)).toEqual([]);
  });
  it('equals the first n of a stable sort by value, descending, for any n', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 40 }), fc.integer({ min: 0, max: 14 }), (values, n) => {
        const expected = values
          .map((v, i) => ({ v, i }))
          .sort((a, b) => b.v - a.v || a.i - b.i)
          .slice(0, n)
          .map((x) => x.i)
          .sort((a, b) => a - b);
        expect(topIndices(values.length, n, (i) => values[i]!)).toEqual(expected);
      }),
    );
  });
});
