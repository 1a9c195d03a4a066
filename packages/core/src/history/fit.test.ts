import { describe, expect, it } from 'vitest';
import { fitGrowth, type HistoryPoint, ols, predictionHalfWidth, SECONDS_PER_MONTH, studentT } from './fit.js';

const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z
const monthly = (values: number[]): HistoryPoint[] => values.map((value, m) => ({ tSeconds: T0 + m * SECONDS_PER_MONTH, value }));

describe('Student t quantile (@stdlib)', () => {
  it('matches printed tables', () => {
    // Montgomery, Peck & Vining, Table A.3 (upper percentage points of t): t(0.10, 4) = 1.533,
    // t(0.025, 10) = 2.228, t(0.05, 30) = 1.697
    expect(studentT(0.9, 4)).toBeCloseTo(1.533, 3);
    expect(studentT(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentT(0.95, 30)).toBeCloseTo(1.697, 3);
  });
});

describe('OLS with Prometheus linearRegression arithmetic', () => {
  it('5 points by hand', () => {
    // x = 0..4 months, y = 1, 3, 2, 5, 4: x̄ = 2, ȳ = 3, Sxx = 4 + 1 + 0 + 1 + 4 = 10,
    // Sxy = (−2)(−2) + (−1)(0) + (0)(−1) + (1)(2) + (2)(1) = 8 -> slope 0.8 / month;
    // intercept at the last sample (x = 4): 3 + 0.8 × 2 = 4.6.
    // fitted 1.4, 2.2, 3.0, 3.8, 4.6; residuals −0.4, 0.8, −1.0, 1.2, −0.6; SSE = 0.16 + 0.64 + 1 + 1.44 + 0.36 = 3.6
    // SST = 4 + 0 + 1 + 4 + 1 = 10 -> R² = 1 − 3.6 / 10 = 0.64; s = √(3.6 / 3) = 1.0954451
    const pts = monthly([1, 3, 2, 5, 4]);
    const f = ols(pts, pts[4]!.tSeconds);
    expect(f.slopePerSecond * SECONDS_PER_MONTH).toBeCloseTo(0.8, 12);
    expect(f.intercept).toBeCloseTo(4.6, 12);
    expect(f.r2).toBeCloseTo(0.64, 12);
    expect(f.residualStdError).toBeCloseTo(1.0954451, 7);
    expect(f.sxx / SECONDS_PER_MONTH ** 2).toBeCloseTo(10, 9);
  });

  it('a constant series: slope 0, intercept the value (as Prometheus)', () => {
    const f = ols(monthly([7, 7, 7]), T0);
    expect([f.slopePerSecond, f.intercept, f.r2]).toEqual([0, 7, 1]);
  });
});

describe('fitGrowth', () => {
  it('6 points by hand: slope, intercept, R², the 80 % prediction interval 12 months on, the rates', () => {
    // months 0..5, y = 10, 12, 15, 15, 18, 20: x̄ = 2.5, ȳ = 15, Sxx = 6.25 + 2.25 + 0.25 + 0.25 + 2.25 + 6.25 = 17.5
    // Sxy = 12.5 + 4.5 + 0 + 0 + 4.5 + 12.5 = 34 -> b = 34 / 17.5 = 1.9428571 / month
    // level at the last sample (month 5): 15 + 1.9428571 × 2.5 = 19.857143
    // SST = 25 + 9 + 0 + 0 + 9 + 25 = 68; SSR = Sxy² / Sxx = 1156 / 17.5 = 66.057143; SSE = 1.942857
    // R² = 66.057143 / 68 = 0.9714286; s² = 1.942857 / 4 = 0.4857143, s = 0.6969320
    // 12 months after the last sample x₀ = month 17: ŷ = 10.142857 + 1.9428571 × 17 = 43.171429
    // √(1 + 1/6 + (17 − 2.5)² / 17.5) = √(1 + 0.1666667 + 12.0142857) = √13.1809524 = 3.6305581
    // half-width = t(0.90, 4) 1.533 × 0.6969320 × 3.6305581 = 3.8789 (table t; @stdlib 1.5332063 gives 3.87940)
    // P10 = 43.1714 − 3.8794 = 39.2920, P90 = 43.1714 + 3.8794 = 47.0508
    // linear perMonth = 1.9428571 / 19.857143 = 0.0978417; P90 rate = (47.0508 − 19.857143) / (12 × 19.857143) = 0.114121
    // P10 rate = (39.2920 − 19.857143) / 238.285714 = 0.081561
    const f = fitGrowth(monthly([10, 12, 15, 15, 18, 20]), 12);
    expect(f.linear.slopePerMonth).toBeCloseTo(1.9428571, 6);
    expect(f.linear.level).toBeCloseTo(19.857143, 5);
    expect(f.linear.r2).toBeCloseTo(0.9714286, 6);
    expect(f.linear.residualStdError).toBeCloseTo(0.696932, 5);
    expect(f.chosen).toBe('linear');
    expect(f.atHorizon.p50).toBeCloseTo(43.171429, 5);
    expect(f.atHorizon.p10).toBeCloseTo(39.292, 2);
    expect(f.atHorizon.p90).toBeCloseTo(47.051, 2);
    expect(f.rates.p50).toBeCloseTo(0.0978417, 6);
    expect(f.rates.p90).toBeCloseTo(0.114121, 4);
    expect(f.rates.p10).toBeCloseTo(0.081561, 4);
    // 5 months of 30.4375 days = 152.19 days after 2026-01-01: 2026-06-02 (04:30 UTC)
    expect([f.points, f.from, f.to]).toEqual([6, '2026-01-01', '2026-06-02']);
  });

  it('a series that doubles every 12 months grows 5.95 %/month compound, and compound is chosen', () => {
    // y = 2^(m / 12), m = 0..24: ln y = (ln 2 / 12) m exactly, R² (log) = 1;
    // perMonth = e^(ln 2 / 12) − 1 = 2^(1/12) − 1 = 0.0594631
    const f = fitGrowth(monthly(Array.from({ length: 25 }, (_, m) => 100 * 2 ** (m / 12))), 24);
    expect(f.compound!.perMonth).toBeCloseTo(0.0594631, 7);
    expect(f.compound!.r2Log).toBeCloseTo(1, 12);
    expect(f.compound!.r2Values).toBeCloseTo(1, 12);
    expect(f.linear.r2).toBeLessThan(0.99); // a straight line through an exponential misses
    expect(f.chosen).toBe('compound');
    // an exact fit has s = 0: the band closes on the fitted path (the P10 and P90 rates are the P50 rate)
    expect(f.rates.p10).toBeCloseTo(0.0594631, 7);
    expect(f.rates.p90).toBeCloseTo(0.0594631, 7);
    // 24 months after the last sample (400): 400 × 4 = 1600
    expect(f.atHorizon.p50).toBeCloseTo(1600, 6);
  });

  it('no logarithm with a zero value: linear only, and the rule says why', () => {
    const f = fitGrowth(monthly([0, 1, 2, 3]), 12);
    expect(f.compound).toBeNull();
    expect(f.chosen).toBe('linear');
    expect(f.rule).toMatch(/no logarithm/);
  });

  it('the prediction interval is infinite with fewer than 3 points', () => {
    expect(predictionHalfWidth(ols(monthly([1, 2]), T0), 0, 0.2)).toBe(Number.POSITIVE_INFINITY);
  });
});
