/** Demand history in (Prometheus query_range, dated ceph df snapshots), fits and the growths they give. */
export { fitGrowth, ols, studentT, predictionHalfWidth, SECONDS_PER_MONTH, BAND_ALPHA, MODEL_CHOICE_MARGIN, type GrowthFit, type HistoryPoint, type OlsFit } from './fit.js';
export { fitHistory, growthByFromFits, parseHistoryInput, type FitOptions, type HistoryFitResult, type HistoryInput, type ResourceFit } from './fit-history.js';
export { parseSnapshotTime } from './ceph-df-snapshots.js';
export type { HistoryResource, HistorySeries, IgnoredSeries } from './series.js';
export { writeGrowthBy } from './write-scenario.js';
