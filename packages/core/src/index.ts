/**
 * @headroom/core — the capacity model of an OpenStack + Ceph private cloud.
 *
 * Pipeline (each a pure function): parseScenario(text) -> Scenario -> evaluate() -> PlanResult.
 * Core reads no files, reads no clock, prints nothing.
 */
export type { Diagnostic, Finding, Severity, SourceLocation } from './diagnostics/types.js';
export { SEVERITY_RANK } from './diagnostics/types.js';
export { FINDING_CODES, type FindingCode } from './diagnostics/finding-codes.js';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostics/codes.js';
export type * from './model/scenario.js';
export { CEPH_RATIO_DEFAULTS, ROLES } from './model/scenario.js';
export type * from './model/plan.js';
export type * from './model/headline.js';
export type * from './model/ceph-plan.js';
export type * from './model/durability.js';
export type * from './model/allocation.js';
export type * from './evaluate/headline.js';
export { planHeadline } from './evaluate/headline.js';
export type * from './model/failure.js';
export type * from './failure/hooks.js';
export { analyzeFailures, type FailureResult } from './failure/analyze.js';
export { PLAN_SCHEMA_VERSION } from './model/plan.js';
export { parseScenario, type ParseResult, type ParseOptions } from './scenario/parse.js';
export { scenarioJsonSchema } from './scenario/json-schema.js';
export { evaluate, type EvaluateOptions } from './evaluate/evaluate.js';
export * from './explain/index.js';
export type * from './model/procurement.js';
export type * from './model/procurement-rules.js';
export type * from './model/cost.js';
export type * from './model/risk.js';
export { planCost, costItemLabel, HOURS_PER_MONTH } from './cost/cost.js';
export { costCsv, costMonthsCsv } from './cost/export.js';
export { diffPlans, DIFF_SCHEMA_VERSION, type PlanDiff, type RunwayChange, type OrderChange, type MoneyChange, type FindingChange, type RackOutcomeChange } from './diff/diff.js';
export { readPlanJson, looksLikePlanJson } from './diff/read-plan.js';
export { planProcurement, fleetSeries } from './procurement/schedule.js';
export { simulateProcurement, type SimulationOptions, type SimulationResult, type GrowthUncertainty, type Percentiles, type DatePercentiles } from './procurement/simulate.js';
export { procurementCsv, procurementJson } from './procurement/export.js';
export type * from './model/racks.js';
export { rackElevations, rackUse, rackPowerFindings, type RackDefinition } from './racks/elevation.js';
export type * from './model/network-config.js';
export type * from './model/network.js';
export { cephRecoveryBandwidth } from './network/traffic.js';
export { bondBandwidth, type EffectiveBandwidth } from './network/links.js';
export { formatBytes, formatQuantity } from './units/format.js';
export { VERSION } from './version.js';
export { netplanFiles, type NetplanFile } from './network/netplan.js';
export { importNetworkData, type NetworkDataImport, type NetworkDataOptions } from './network/network-data.js';
export { scenarioInventoryPaths, type InventoryInput } from './scenario/inventories.js';
export { scenarioStatePaths, type StateDirInput } from './scenario/state-dirs.js';
export { scenarioHistoryPaths, type HistoryPathInput } from './scenario/history-from.js';
export * from './hardware/index.js';
export * from './ceph-state/index.js';
export * from './openstack-state/index.js';
export type * from './model/layouts.js';
export { compareLayouts, layoutCandidates } from './storage/layouts.js';
export { evaluateLayouts } from './evaluate/layouts.js';
export * from './interop/index.js';
export type * from './model/demand.js';
export { demandModel, type DemandModel, type DemandOptions, type DemandPercentile } from './forecast/demand.js';
export * from './history/index.js';
