/**
 * Fitting a demand history: ordinary least squares on the values (linear growth) and on their
 * natural logarithm (compound growth), with R², the residual standard error and prediction
 * intervals; the model chosen by a stated rule; P10 / P50 / P90 monthly rates for the plan.
 *
 * The sums are Prometheus' `linearRegression` (promql/functions.go, used by `deriv` and
 * `predict_linear`): x = seconds from the intercept time (here the last sample, as
 * predict_linear's evaluation time), Kahan–Neumaier compensated sums of x, y, xy, x²;
 *   covXY = Σxy − Σx·Σy/n,  varX = Σx² − (Σx)²/n (= Sxx),  slope b = covXY / varX,
 *   intercept a = Σy/n − b·Σx/n   (the fitted value at the last sample).
 * A constant series has slope 0 and intercept its value, as Prometheus returns.
 * The interval is Montgomery, Peck & Vining, Introduction to Linear Regression Analysis
 * (5th ed.), §2.4–2.5, the prediction interval of a new observation at x₀:
 *   ŷ(x₀) ± t(1 − α/2, n − 2) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx),  s² = SSE / (n − 2).
 * The t quantile is @stdlib/stats-base-dists-t-quantile (quantile(p, ν)).
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { GrowthFit } from '../model/demand.js';

export type { GrowthFit } from '../model/demand.js';

/** Seconds in a month: a Julian year / 12 = 365.25 × 86,400 / 12 = 2,629,800 s. */
export const SECONDS_PER_MONTH = 2_629_800;

/** One sample: Unix time in seconds, value in the series' unit. */
export interface HistoryPoint {
  tSeconds: number;
  value: number;
}

/** OLS of y on x (x in seconds from `interceptTimeSeconds`). */
export interface OlsFit {
  n: number;
  /** y per second. */
  slopePerSecond: number;
  /** Fitted y at the intercept time. */
  intercept: number;
  /** Mean of x (seconds from the intercept time) and Sxx = Σ(x − x̄)², s². */
  meanXSeconds: number;
  sxx: number;
  /** Residual standard error s = √(SSE / (n − 2)); 0 with n = 2. */
  residualStdError: number;
  /** R² = 1 − SSE / SST on the fitted scale (1 for a constant series fitted exactly). */
  r2: number;
}

/** Kahan–Neumaier increment (Prometheus kahanSumInc). */
function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (!Number.isFinite(t)) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

/**
 * Ordinary least squares with Prometheus' arithmetic (see the module docstring); x in seconds
 * from `interceptTimeSeconds`. Needs n >= 2 points with at least two distinct times.
 * Example (hand-worked in fit.test.ts): y = 1, 3, 2, 5, 4 at months 0..4 gives slope 0.8/month.
 */
export function ols(points: readonly HistoryPoint[], interceptTimeSeconds: number): OlsFit {
  const n = points.length;
  let sumX = 0,
    cX = 0,
    sumY = 0,
    cY = 0,
    sumXY = 0,
    cXY = 0,
    sumX2 = 0,
    cX2 = 0;
  const initY = points[0]?.value ?? 0;
  let constY = true;
  for (const p of points) {
    if (p.value !== initY) constY = false;
    const x = p.tSeconds - interceptTimeSeconds;
    [sumX, cX] = kahanInc(x, sumX, cX);
    [sumY, cY] = kahanInc(p.value, sumY, cY);
    [sumXY, cXY] = kahanInc(x * p.value, sumXY, cXY);
    [sumX2, cX2] = kahanInc(x * x, sumX2, cX2);
  }
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const varX = sumX2 - (sumX * sumX) / n;
  const meanX = sumX / n;
  if (constY) return { n, slopePerSecond: 0, intercept: initY, meanXSeconds: meanX, sxx: varX, residualStdError: 0, r2: 1 };
  const covXY = sumXY - (sumX * sumY) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  const meanY = sumY / n;
  let sse = 0;
  let sst = 0;
  for (const p of points) {
    const e = p.value - (intercept + slope * (p.tSeconds - interceptTimeSeconds));
    sse += e * e;
    sst += (p.value - meanY) ** 2;
  }
  return { n, slopePerSecond: slope, intercept, meanXSeconds: meanX, sxx: varX, residualStdError: n > 2 ? Math.sqrt(sse / (n - 2)) : 0, r2: sst > 0 ? 1 - sse / sst : 1 };
}

/** t(p, ν): the p-quantile of Student's t with ν degrees of freedom (@stdlib). */
export function studentT(p: number, degreesOfFreedom: number): number {
  return tQuantile(p, degreesOfFreedom);
}

/**
 * Half-width of the (1 − α) prediction interval at x₀ seconds from the intercept time:
 * t(1 − α/2, n − 2) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx). Infinite with n < 3.
 */
export function predictionHalfWidth(fit: OlsFit, x0Seconds: number, alpha: number): number {
  if (fit.n < 3 || !(fit.sxx > 0)) return Number.POSITIVE_INFINITY;
  const t = studentT(1 - alpha / 2, fit.n - 2);
  return t * fit.residualStdError * Math.sqrt(1 + 1 / fit.n + (x0Seconds - fit.meanXSeconds) ** 2 / fit.sxx);
}

/** How much compound's R² on the values must exceed linear's to be chosen (0: any amount; a tie is linear). */
export const MODEL_CHOICE_MARGIN = 0;
/** α of the P10 / P90 band: the 80 % prediction interval. */
export const BAND_ALPHA = 0.2;

const isoDate = (s: number): string => new Date(s * 1000).toISOString().slice(0, 10);

/**
 * Fits a series (>= 3 points, times increasing, values finite and >= 0; the caller checks:
 * history/validate.ts) over `horizonMonths` ahead of its last sample.
 * - linear: OLS on y; perMonth = slope per month / level (the fraction of the fitted level at
 *   the last sample added each month: demand.growth linear).
 * - compound (every y > 0): OLS on ln y; perMonth = e^(b·month) − 1.
 * - rule: the model whose predictions are closer to the values themselves: compound when its R²
 *   on the values (ŷ = exp(a + b·x) against y, the same scale as linear's) is above the linear
 *   R² (MODEL_CHOICE_MARGIN = 0); on a tie linear, the simpler model and Prometheus' own
 *   (predict_linear). R² on ln y is shown, not compared (another scale).
 * - rates on the chosen model's path to the P10 / P90 bound of the 80 % prediction interval
 *   (α = 0.2) at x_H = H months after the last sample:
 *     compound: r_q = exp((bound_q(ln y, x_H) − a) / H) − 1   (P50: e^(b·month) − 1)
 *     linear:   g_q = (bound_q(y, x_H) − a) / (H · a)         (P50: b·month / a)
 *   i.e. the constant rate whose path from the fitted level reaches the bound at the horizon.
 * Example: a series that doubles every 12 months, y = 2^(m/12): compound perMonth
 * 2^(1/12) − 1 = 5.946 %/month, R² (log) 1.
 */
export function fitGrowth(points: readonly HistoryPoint[], horizonMonths: number): GrowthFit {
  const last = points[points.length - 1]!;
  const lin = ols(points, last.tSeconds);
  const H = Math.max(1, horizonMonths);
  const xH = H * SECONDS_PER_MONTH;
  const level = lin.intercept;
  const slopePerMonth = lin.slopePerSecond * SECONDS_PER_MONTH;
  const linear = { slopePerMonth, perMonth: level > 0 ? slopePerMonth / level : 0, level, r2: lin.r2, residualStdError: lin.residualStdError };

  let compound: GrowthFit['compound'] = null;
  let logFit: OlsFit | null = null;
  if (points.every((p) => p.value > 0)) {
    logFit = ols(
      points.map((p) => ({ tSeconds: p.tSeconds, value: Math.log(p.value) })),
      last.tSeconds,
    );
    const meanY = points.reduce((s, p) => s + p.value, 0) / points.length;
    let sse = 0;
    let sst = 0;
    for (const p of points) {
      sse += (p.value - Math.exp(logFit.intercept + logFit.slopePerSecond * (p.tSeconds - last.tSeconds))) ** 2;
      sst += (p.value - meanY) ** 2;
    }
    compound = {
      perMonth: Math.expm1(logFit.slopePerSecond * SECONDS_PER_MONTH),
      level: Math.exp(logFit.intercept),
      r2Log: logFit.r2,
      r2Values: sst > 0 ? 1 - sse / sst : 1,
      residualStdError: logFit.residualStdError,
    };
  }
  const useCompound = compound !== null && logFit !== null && compound.r2Values > linear.r2 + MODEL_CHOICE_MARGIN;
  const rule =
    compound === null
      ? 'linear: a value is 0, no logarithm (compound not fitted)'
      : useCompound
        ? `compound: its R² on the values ${compound.r2Values.toFixed(4)} is above linear's ${linear.r2.toFixed(4)}`
        : `linear: its R² ${linear.r2.toFixed(4)} is at or above compound's on the values ${compound.r2Values.toFixed(4)}`;

  let rates: GrowthFit['rates'];
  let atHorizon: GrowthFit['atHorizon'];
  if (useCompound && logFit && compound) {
    const centre = logFit.intercept + logFit.slopePerSecond * xH;
    const half = predictionHalfWidth(logFit, xH, BAND_ALPHA);
    const rate = (bound: number): number => Math.expm1((bound - logFit.intercept) / H);
    rates = { p10: rate(centre - half), p50: compound.perMonth, p90: rate(centre + half) };
    atHorizon = { months: H, p10: Math.exp(centre - half), p50: Math.exp(centre), p90: Math.exp(centre + half) };
  } else {
    const centre = lin.intercept + lin.slopePerSecond * xH;
    const half = predictionHalfWidth(lin, xH, BAND_ALPHA);
    const rate = (bound: number): number => (level > 0 ? (bound - level) / (H * level) : 0);
    rates = { p10: rate(centre - half), p50: linear.perMonth, p90: rate(centre + half) };
    atHorizon = { months: H, p10: Math.max(0, centre - half), p50: centre, p90: centre + half };
  }
  return {
    points: points.length,
    from: isoDate(points[0]!.tSeconds),
    to: isoDate(last.tSeconds),
    lastValue: last.value,
    linear,
    compound,
    chosen: useCompound ? 'compound' : 'linear',
    rule,
    rates,
    atHorizon,
  };
}
