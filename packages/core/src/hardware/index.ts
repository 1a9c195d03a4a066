/**
 * @headroom/core/hardware — hardware facts from inventories and role checks, without the
 * scenario parser (no yaml, zod or mathjs), so that `headroom hw check` starts light.
 *
 *   importInventory(text, {fileName, format?})   Ironic, lshw -json, dmidecode, lscpu, lscpu --json, /proc/cpuinfo
 *   parseCpuCatalogue(csv, fileName)             the CPU catalogue (cores, threads, TDP by model)
 *   enrichCpuFacts(facts, catalogue?)            fills in cores, threads, sockets, logical CPUs
 *   checkFacts(role, facts, requirements)        pass / fail / unknown per requirement, with evidence and source
 */
export {
  INVENTORY_FORMATS,
  physicalCoresFact,
  type CpuFacts,
  type DiskFacts,
  type Fact,
  type FactsSource,
  type HardwareFacts,
  type InventoryFormat,
  type KnownFact,
  type KnownVirtualization,
  type MemoryFacts,
  type NicFacts,
  type UnknownFact,
} from '../model/hardware-facts.js';
export { importInventory, type ImportOptions, type ImportResult } from './import/detect.js';
export { cpuModelKey, lookupCpu, parseCpuCatalogue, type CatalogueLookup, type CpuCatalogue, type CpuCatalogueEntry } from './catalogue.js';
export { enrichCpuFacts } from './enrich.js';
export { checkFacts, fmtBitrate, type CheckCore } from './checks.js';
export { factsFromModel, factsOfModel } from './facts-from-model.js';
export { DEFAULT_REQUIREMENTS, REQUIREMENT_LABELS } from '../model/requirements.js';
export { ROLES, type Role, type RoleRequirements } from '../model/scenario.js';
