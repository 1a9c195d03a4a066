/** Reading a running Ceph cluster's `-f json` outputs, and reproducing `ceph df`'s MAX AVAIL. */
export { parseCephJsonText, type CephJsonResult } from './json.js';
export { detectCephCommand, COMMAND_LINE, type CephCommand } from './detect.js';
export { parseOsdDf, parseCrushTree, type CephOsd, type CephBucket, type CephOsdTree, type ParsedOutput } from './osd-df.js';
export { parseOsdDump, type CephStatePool, type CephOsdDump } from './osd-dump.js';
export {
  parseCrushRuleDump,
  parseCrushDumpRules,
  parseAutoscaleStatus,
  parsePgDumpPools,
  type CephStateRule,
  type CephStateRuleTake,
  type CephAutoscaleRow,
  type CephPoolCopies,
} from './crush-rules.js';
export { parseCephDf, type CephDf, type CephDfPool, type CephDfTotals } from './df.js';
export { reproduceMaxAvail, copiesRate, type CephClusterState, type PoolMaxAvail } from './reproduce.js';
export { readCephState, type CephStateFile, type CephStateRead } from './state.js';
export { cephBaselineYaml, type BaselineOptions } from './baseline.js';
