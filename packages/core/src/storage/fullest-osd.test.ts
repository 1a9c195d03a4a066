import { describe, expect, it } from 'vitest';
import { balancerFullestFactor, measuredFullestFactor } from './fullest-osd.js';

describe('the fullest OSD', () => {
  it('upmap balancer: 1 + upmap_max_deviation / P (src/pybind/mgr/balancer/module.py, default 5)', () => {
    // regional-cloud: (4096 x 3 + 256 x 3 + 128 x 3 + 1024 x 6) / 192 = 102 PG replicas per OSD:
    // 1 + 5 / 102 = 1.049019...; 50 per OSD: 1 + 5/50 = 1.1; deviation 1: 1 + 1/100 = 1.01.
    expect(balancerFullestFactor(102)).toBeCloseTo(1.0490196, 6);
    expect(balancerFullestFactor(50)).toBeCloseTo(1.1, 12);
    expect(balancerFullestFactor(100, 1)).toBeCloseTo(1.01, 12);
    expect(balancerFullestFactor(0)).toBe(1);
  });
  it('ceph osd df: max utilisation / mean utilisation (MAX VAR)', () => {
    // 3 OSDs of 10 TB holding 8, 3.5, 3.5 TB: mean 15/30 = 0.5, fullest 0.8: 0.8 / 0.5 = 1.6.
    expect(measuredFullestFactor([8e12, 3.5e12, 3.5e12], [10e12, 10e12, 10e12], [0, 1, 2])).toBeCloseTo(1.6, 12);
    // Only the OSDs given count: OSDs 1 and 2 alone are even: 1.
    expect(measuredFullestFactor([8e12, 3.5e12, 3.5e12], [10e12, 10e12, 10e12], [1, 2])).toBeCloseTo(1, 12);
    expect(measuredFullestFactor([0, 0], [1, 1], [0, 1])).toBe(1);
  });
});
