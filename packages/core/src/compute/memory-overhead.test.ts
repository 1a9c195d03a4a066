import { describe, expect, it } from 'vitest';
import { makeScenario } from '../model/test-scenario.js';
import { DEFAULT_INSTANCE_MEMORY_OVERHEAD_BYTES, reservedMemoryAtHorizonEnd, reservedMemoryCheck } from './memory-overhead.js';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

describe('reserved host memory against the per-instance QEMU overhead (compute.reserved_memory_low)', () => {
  it('default overhead 512 MiB (Red Hat: 0.5 GB per guest)', () => {
    expect(DEFAULT_INSTANCE_MEMORY_OVERHEAD_BYTES).toBe(512 * MIB);
  });

  it('150 instances on 3 hosts × 512 MiB = 25,600 MiB needed; 16 GiB = 16,384 MiB reserved: warning', () => {
    const s = makeScenario();
    s.openstack.reserved.hostMemoryBytes = 16 * GIB;
    s.openstack.instanceMemoryOverheadBytes = 512 * MIB;
    const [f, ...rest] = reservedMemoryCheck(s, { instances: 150, computeHosts: 3, month: 23, monthLabel: '2028-12' });
    expect(rest).toEqual([]);
    // 150 ÷ 3 = 50 per host; 50 × 512 = 25,600 MiB > 16,384 MiB.
    expect(f).toMatchObject({ code: 'compute.reserved_memory_low', severity: 'warning', month: 23, value: 16_384, limit: 25_600, unit: 'MiB' });
    expect(f!.message).toContain('50 per host × 512 MiB = 25 GiB');
  });

  it('a reservation that covers the overhead: nothing (60 instances ÷ 3 hosts × 512 MiB = 10,240 MiB ≤ 16,384 MiB)', () => {
    const s = makeScenario();
    s.openstack.reserved.hostMemoryBytes = 16 * GIB;
    expect(reservedMemoryCheck(s, { instances: 60, computeHosts: 3, month: 0, monthLabel: '2027-01' })).toEqual([]);
    // exactly equal is enough: 96 ÷ 3 = 32 × 512 = 16,384 MiB
    expect(reservedMemoryCheck(s, { instances: 96, computeHosts: 3, month: 0, monthLabel: '2027-01' })).toEqual([]);
  });

  it('no instances or no compute host: nothing', () => {
    const s = makeScenario();
    expect(reservedMemoryCheck(s, { instances: 0, computeHosts: 3, month: 0, monthLabel: '2027-01' })).toEqual([]);
    expect(reservedMemoryCheck(s, { instances: 10, computeHosts: 0, month: 0, monthLabel: '2027-01' })).toEqual([]);
  });

  it('at the horizon end: instances grow, rounded up per demand line', () => {
    // 20 m1.xlarge at 3 %/month compound, horizon 24 months: month 23, 20 × 1.03^23 = 39.47 -> 40 instances.
    // 40 ÷ 3 hosts = 13.33 × 512 MiB = 6,826.67 MiB > 4,096 MiB reserved (makeScenario).
    const s = makeScenario({
      demand: { instances: [{ flavor: 'm1.xlarge', count: 20 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0.03 } },
    });
    const [f] = reservedMemoryAtHorizonEnd(s, 3);
    expect(f).toMatchObject({ month: 23, value: 4096 });
    expect(f!.limit).toBeCloseTo((40 / 3) * 512, 9);
    expect(f!.message).toContain('40 instances ÷ 3 hosts');
  });
});
