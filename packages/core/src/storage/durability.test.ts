import { describe, expect, it } from 'vitest';
import { annualLossProbability, binomial, domainLossShares, durabilityNines, failureRatePerHour, HOURS_PER_YEAR, lossesPerHour, placementSets } from './durability.js';

const close = (actual: number, expected: number, rel: number): void => {
  expect(Math.abs(actual - expected) / expected).toBeLessThan(rel);
};

describe('failure rate from AFR', () => {
  it('λ = −ln(1 − AFR) / 8766', () => {
    // −ln(0.985) = 0.0151136; / 8766 = 1.72412e-6 per hour (docs/formulas.md worked example).
    close(failureRatePerHour(0.015), 1.72412e-6, 1e-5);
    // AFR 2 %: −ln(0.98) = 0.0202027; / 8766 = 2.30467e-6.
    close(failureRatePerHour(0.02), 2.30467e-6, 1e-5);
    expect(failureRatePerHour(0)).toBe(0);
    // Slightly above AFR / 8766 (1.71116e-6 at 1.5 %): by about AFR / 2 = 0.75 %.
    expect(failureRatePerHour(0.015)).toBeGreaterThan(0.015 / HOURS_PER_YEAR);
  });
  it('refuses an AFR outside 0..1', () => {
    expect(() => failureRatePerHour(1)).toThrow(RangeError);
    expect(() => failureRatePerHour(-0.01)).toThrow(RangeError);
  });
});

describe('binomial and placement sets', () => {
  it('C(n, k)', () => {
    expect(binomial(3, 3)).toBe(1);
    expect(binomial(6, 3)).toBe(20);
    expect(binomial(11, 4)).toBe(330);
    expect(binomial(8, 3)).toBe(56);
    expect(binomial(2, 3)).toBe(0);
  });
  it('sets of r OSDs in r different domains: e_r of the domain OSD counts', () => {
    // 3 hosts of 10 OSDs, r 3: 10 x 10 x 10 = 1,000.
    expect(placementSets([10, 10, 10], 3)).toBe(1000);
    // 4 hosts of 2 OSDs, r 2: C(4,2) pairs of hosts x 2 x 2 = 24.
    expect(placementSets([2, 2, 2, 2], 2)).toBe(24);
    // Unequal: hosts of 1, 2, 3 OSDs, r 2: 1·2 + 1·3 + 2·3 = 11.
    expect(placementSets([1, 2, 3], 2)).toBe(11);
    expect(placementSets([5, 5], 3)).toBe(0);
  });
});

describe('loss rate Λ = G·(m+1)·C(n, m+1)·λ^(m+1)·T^m', () => {
  it('replica 3, 100 PGs, AFR 2 %, T 10 h (worked by hand)', () => {
    // λ = 2.30467e-6; λ^3 = 1.22412e-17; n 3, m 2: (m+1)·C(3,3) = 3.
    // Λ = 100 x 3 x 1.22412e-17 x 10^2 = 3.67236e-13 per hour.
    // P(year) = 1 − e^(−8766 x 3.67236e-13) = 1 − e^(−3.21919e-9) = 3.21919e-9: 1 in 310.6 million years, 8 nines.
    const perHour = lossesPerHour({ pgs: 100, width: 3, tolerated: 2, failureRatePerHour: failureRatePerHour(0.02), windowHours: 10 });
    close(perHour, 3.67236e-13, 1e-4);
    const p = annualLossProbability(perHour);
    close(p, 3.21919e-9, 1e-4);
    close(1 / p, 310.64e6, 1e-3);
    expect(durabilityNines(p)).toBe(8);
  });

  it('reproduces docs/formulas.md: 300 x 16 TB HDD, AFR 1.5 %, size 3, 100 PG replicas per OSD, T 8 h', () => {
    // G = 300 x 100 / 3 = 10,000 PGs; λ = 1.72412e-6, λ^3 = 5.12506e-18.
    // Λ = 10,000 x 3 x 1 x 5.12506e-18 x 8^2 = 9.8401e-12 per hour (the page says ≈ 9.85e-12).
    // P = 1 − e^(−8766 x 9.8401e-12) = 8.6259e-8 (the page: ≈ 8.6e-8), 7 nines.
    const perHour = lossesPerHour({ pgs: 10_000, width: 3, tolerated: 2, failureRatePerHour: failureRatePerHour(0.015), windowHours: 8 });
    close(perHour, 9.8401e-12, 1e-4);
    close(annualLossProbability(perHour), 8.6259e-8, 1e-4);
    expect(durabilityNines(annualLossProbability(perHour))).toBe(7);
  });

  it('cross-check with Backblaze erasure-coding-durability (README: 4+2, AFR 0.10, 1 day -> annual loss 1.500e-07)', () => {
    // Backblaze splits the year into 365 fixed one-day periods and counts 3 of 6 shards failing in
    // the same period: C(6,3)·(AFR/365)^3 per period x 365 = C(6,3)·λ^3·T^2 per year with λ =
    // 0.1 / 8760 h = 1.141553e-5, T = 24 h: 20 x 1.487605e-15 x 576 x 8760 = 1.50122e-7.
    // Our sliding windows count every overlap, (m+1) = 3 times as many: Λ / 3 x 8760 is theirs.
    const perHour = lossesPerHour({ pgs: 1, width: 6, tolerated: 2, failureRatePerHour: 0.1 / 8760, windowHours: 24 });
    close((perHour / 3) * 8760, 1.5e-7, 2e-3);
  });

  it("cross-check with Kampe's RADOS model (ceph-tools models/reliability), one PG per OSD", () => {
    // RadosRely.RADOS(Disk(size 2e12, fits 826), pg=1, copies=3, speed 50e6 B/s, delay 10 min,
    // fullness 0.75, nre_model ignore).compute(YEAR): rebuild 2e12 x 0.75 / 50e6 = 30,000 s =
    // 8.3333 h, + 0.1667 h mark-out = 8.5 h; Kampe prints 1 − durability = 1.05926e-12 (run with
    // python3 on RadosRely.py, RelyFuncts.py, DiskRely.py at ceph-tools 6105042).
    // Ours: λ = 826e-9 per hour, G 1 (one placement set), T 8.5 h:
    // 3 x (826e-9)^3 x 8.5^2 x 8766 = 1.07078e-12. Kampe counts the first failure as
    // 1 − e^(−x), x = 3λ x 8766 = 0.021722, where we take x: (1 − e^(−x)) / x = 0.98922, and
    // 1.07078e-12 x 0.98922 = 1.05924e-12: the two agree once that term is aligned.
    const perHour = lossesPerHour({ pgs: 1, width: 3, tolerated: 2, failureRatePerHour: 826e-9, windowHours: 8.5 });
    const p = annualLossProbability(perHour);
    close(p, 1.07078e-12, 1e-4);
    const x = 3 * 826e-9 * HOURS_PER_YEAR;
    close((p * -Math.expm1(-x)) / x, 1.05926e-12, 1e-3);
  });
});

describe('nines', () => {
  it('floor(−log10 P)', () => {
    expect(durabilityNines(1e-7)).toBe(7);
    expect(durabilityNines(8.6e-8)).toBe(7);
    expect(durabilityNines(0.5)).toBe(0);
    expect(durabilityNines(0)).toBeNull();
  });
});

describe('losing whole failure domains', () => {
  it('size 3, min_size 2, 8 hosts, a rack of 4 hosts lost', () => {
    // C(8,3) = 56 placements. Lost: 3 copies in the rack, C(4,3) = 4 -> 4/56 = 0.071429.
    // Inactive (fewer than 2 left, j >= 2): C(4,2)·C(4,1) + C(4,3) = 24 + 4 = 28 -> 0.5.
    const s = domainLossShares(8, 4, 3, 2, 2);
    close(s.lost, 4 / 56, 1e-12);
    close(s.inactive, 0.5, 1e-12);
  });
  it('EC 4+2 (min_size 5) over 6 racks, one rack lost: nothing lost, every PG still active', () => {
    // w = 6 = H: every PG has a shard in the lost rack, j = 1: 5 left >= k 4 and >= min_size 5.
    expect(domainLossShares(6, 1, 6, 2, 5)).toEqual({ lost: 0, inactive: 0 });
    // Two racks lost: 4 left, still k (data kept) but below min_size 5: every PG inactive.
    expect(domainLossShares(6, 2, 6, 2, 5)).toEqual({ lost: 0, inactive: 1 });
  });
});
