/**
 * The pg_autoscaler's arithmetic (src/pybind/mgr/pg_autoscaler/module.py) against its own
 * upstream test vectors (src/pybind/mgr/pg_autoscaler/tests/test_cal_final_pg_target.py) and
 * a hand-worked plan for the reference pilot's pools.
 */
import { describe, expect, it } from 'vitest';
import { autoscalePgs, capacityRatio, nearestPowerOfTwo } from './pg-autoscaler.js';

const pool = (name: string, ratio: number, bulk: boolean, size = 1) => ({ name, size, capacityRatio: ratio, bulk });

describe('nearestPowerOfTwo (module.py nearest_power_of_two)', () => {
  it('rounds to the nearer power of two, ties upwards', () => {
    expect(nearestPowerOfTwo(80)).toBe(64); // 128 - 80 = 48 > 80 - 64 = 16
    expect(nearestPowerOfTwo(106.67)).toBe(128); // 128 - 106.67 = 21.3 < 42.7
    expect(nearestPowerOfTwo(48)).toBe(64); // 64 - 48 = 16, 48 - 32 = 16: not greater -> 64
    expect(nearestPowerOfTwo(440)).toBe(512); // 512 - 440 = 72 < 440 - 256 = 184
    expect(nearestPowerOfTwo(3200)).toBe(4096); // 896 < 1152
    expect(nearestPowerOfTwo(64)).toBe(64);
    expect(nearestPowerOfTwo(0.4)).toBe(0); // int(0.4) = 0: the caller's floor applies
  });
});

describe('autoscalePgs (module.py _calc_final_pg_target, three passes)', () => {
  it('upstream test_even_pools_one_meta_three_bulk: 64, 128, 128, 128', () => {
    // root: 4 pools, pg_target 400 (pg_left 400), size 1, bias 1.
    // pass 1 meta_0 (ratio 0.2, not bulk): used 0.2 x 400 = 80, pg_left 320 -> nearest(80) = 64.
    // pass 2 bulk_0/1 (0.2), bulk_2 (0.1): even = 1 / (4 - 1) = 0.333: none above -> pass 3.
    // pass 3: 1/3 x 320 = 106.67 -> 128 each.
    const r = autoscalePgs(4, 100, [pool('meta_0', 0.2, false), pool('bulk_0', 0.2, true), pool('bulk_1', 0.2, true), pool('bulk_2', 0.1, true)]);
    expect(r.map((x) => x.pgNum)).toEqual([64, 128, 128, 128]);
    expect(r.map((x) => x.pass)).toEqual([1, 3, 3, 3]);
    expect(r[0]!.finalRatio).toBe(0.2);
    expect(r[1]!.finalRatio).toBeCloseTo(1 / 3, 12);
  });

  it('upstream test_uneven_pools_one_meta_three_bulk: 32, 128, 64, 64', () => {
    // pass 1 meta0 0.1: used 40, pg_left 360 -> nearest(40) = 32 (64 - 40 = 24 > 8).
    // pass 2 bulk0 0.5 > even 1/3: used 0.5 x 360 = 180, pg_left 180 -> 128 (256 - 180 = 76 > 52).
    //        bulk1, bulk2 0.1 <= even 1 / (4 - 2) = 0.5 -> pass 3.
    // pass 3: 0.5 x 180 = 90 -> 64 (128 - 90 = 38 > 26).
    const r = autoscalePgs(4, 100, [pool('meta0', 0.1, false), pool('bulk0', 0.5, true), pool('bulk1', 0.1, true), pool('bulk2', 0.1, true)]);
    expect(r.map((x) => x.pgNum)).toEqual([32, 128, 64, 64]);
    expect(r.map((x) => x.finalRatio)).toEqual([0.1, 0.5, 0.5, 0.5]);
  });

  it('the reference pilot: 24 OSDs x 100, shares 0.55/0.25/0.10/0.10, size 3, none bulk: 512, 64, 32, 32', () => {
    // budget 2,400. volumes: 0.55 x 2400 = 1320 (pg_left 1080), 1320 / 3 = 440 -> 512.
    // vms: 0.25 x 1080 = 270 (pg_left 810), 90 -> 64.  images: 0.1 x 810 = 81 (pg_left 729), 27 -> 32.
    // backups: 0.1 x 729 = 72.9 (pg_left 657), 24.3 -> nearest 32 (32 - 24.3 = 7.7 < 8.3), floor 32.
    // Later pools get less of the budget: the autoscaler shrinks pg_left as it goes (upstream behaviour).
    const r = autoscalePgs(24, 100, [pool('volumes', 0.55, false, 3), pool('vms', 0.25, false, 3), pool('images', 0.1, false, 3), pool('backups', 0.1, false, 3)]);
    expect(r.map((x) => x.pgNum)).toEqual([512, 64, 32, 32]);
    expect(r[3]!.pgTarget).toBeCloseTo(24.3, 9);
  });

  it('capacity ratio: max(raw used / capacity, share / sum of shares)', () => {
    expect(capacityRatio(0, 100, 0.55, 1)).toBe(0.55);
    expect(capacityRatio(60, 100, 0.3, 0.6)).toBe(0.6); // actual 0.6 vs target 0.3 / 0.6 = 0.5
    expect(capacityRatio(10, 0, 0, 0)).toBe(0);
  });
});
