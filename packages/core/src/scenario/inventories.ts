/**
 * Inventory files named in a scenario (`hardware.<key>.inventory: path`). Core reads no
 * files: the caller lists the paths with scenarioInventoryPaths, reads them (relative to the
 * scenario file) and passes their texts to parseScenario in `options.inventories`, keyed by
 * the path as written. For each entry:
 *
 *   text missing            -> inventory.not_provided   at hardware.<key>.inventory
 *   read error              -> inventory.unreadable     at hardware.<key>.inventory
 *   broken file             -> its own diagnostics (in the inventory file, at line:col)
 *                              + inventory.invalid       at hardware.<key>.inventory
 *   facts the plan needs    -> inventory.missing_fact   at hardware.<key>.inventory, with the
 *     are unknown                                         override to add as the hint
 *   interfaces w/o a speed  -> inventory.partial (warning), left out of `nics`
 *
 * Facts: imported, then the entry's overrides, then the CPU catalogue and the derivations
 * (enrichCpuFacts). Evidence names the path as written, so a plan does not depend on the
 * directory it was made from.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics/types.js';
import type { CpuCatalogue } from '../hardware/catalogue.js';
import { enrichCpuFacts } from '../hardware/enrich.js';
import type { InventoryFormat } from '../model/hardware-facts.js';
import { importInventory } from '../hardware/import/detect.js';
import { applyOverrides, modelFromFacts, type InventoryOverrides } from '../hardware/model-from-facts.js';
import type { HardwareModel } from '../model/scenario.js';
import type { ScenarioFileOutput } from '../model/schema.js';
import type { RawIssue } from './references.js';

/**
 * An inventory's content as the caller read it: the text (a string, or with the file name to
 * show in diagnostics, e.g. the path relative to the working directory), or why it was not
 * read: a message, and for a path the caller refused to read (outside the scenario's folder,
 * a FIFO or device, too large) the diagnostic code and hint to report (`file.*`).
 */
export type InventoryInput = string | { text: string; fileName?: string } | { error: string; code?: InputRefusalCode; hint?: string; fileName?: string };

/** Codes a caller gives for a file it refused to read (see the CLI's confine.ts). */
export type InputRefusalCode = 'file.outside_folder' | 'file.system_path' | 'file.not_regular' | 'file.too_large';

export interface InventoryOptions {
  inventories?: Record<string, InventoryInput>;
  cpuCatalogue?: CpuCatalogue;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The inventory paths a scenario names (`hardware.<key>.inventory`), each once, in file
 * order. Tolerant: a file that is not YAML, or has no such entry, gives [].
 */
export function scenarioInventoryPaths(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: false });
  const hardware = isMap(doc.contents) ? doc.contents.get('hardware', true) : undefined;
  if (!isMap(hardware)) return [];
  const out: string[] = [];
  for (const pair of hardware.items) {
    if (!isMap(pair.value)) continue;
    const inventory = pair.value.get('inventory', true);
    if (isScalar(inventory) && typeof inventory.value === 'string' && inventory.value !== '' && !out.includes(inventory.value)) out.push(inventory.value);
  }
  return out;
}

export interface ResolvedInventories {
  /** Models by hardware key (only when the scenario validated and the facts suffice). */
  models: Record<string, HardwareModel>;
  /** Diagnostics positioned in the scenario. */
  issues: (RawIssue & { severity: Severity })[];
  /** Diagnostics positioned in the inventory files. */
  fileDiagnostics: Diagnostic[];
}

type InventoryEntry = Extract<ScenarioFileOutput['hardware'][string], { inventory: string }>;

function overridesOf(e: InventoryEntry): InventoryOverrides {
  const o: InventoryOverrides = { heightRu: e.heightRu };
  if (e.model !== undefined) o.model = e.model;
  if (e.source !== undefined) o.source = e.source;
  if (e.cpu) o.cpu = { ...e.cpu };
  if (e.memory) {
    o.memory = {};
    if (e.memory.size !== undefined) o.memory.sizeBytes = e.memory.size;
    if (e.memory.ecc !== undefined) o.memory.ecc = e.memory.ecc;
  }
  if (e.disks) o.disks = e.disks.map((d) => ({ count: d.count, sizeBytes: d.size, kind: d.kind, use: d.use }));
  if (e.nics) o.nics = e.nics.map((n) => ({ ports: n.ports, speedBitsPerSecond: n.speed }));
  if (e.power) o.power = { typicalWatts: e.power.typical, maxWatts: e.power.max };
  if (e.price) o.price = { ...e.price };
  return o;
}

const OVERRIDE_HINT: Record<string, string> = {
  'cpu.sockets': 'cpu: { sockets: <n> }',
  'cpu.coresPerSocket': 'cpu: { coresPerSocket: <n> } (or give a CPU catalogue that knows the model)',
  'cpu.threadsPerCore': 'cpu: { threadsPerCore: <1 or 2> }',
  'memory.size': 'memory: { size: <e.g. 512 GiB> }',
};

/**
 * Imports every inventory the raw scenario names and, when the scenario validated (`data`),
 * builds the hardware models. Never throws.
 */
export function resolveInventories(raw: Obj, data: ScenarioFileOutput | undefined, options: InventoryOptions): ResolvedInventories {
  const out: ResolvedInventories = { models: {}, issues: [], fileDiagnostics: [] };
  const hardware = isObj(raw.hardware) ? raw.hardware : {};
  for (const [key, entry] of Object.entries(hardware)) {
    if (!isObj(entry) || typeof entry.inventory !== 'string' || entry.inventory === '') continue;
    const path = entry.inventory;
    const at: (string | number)[] = ['hardware', key, 'inventory'];
    const issue = (code: string, severity: Severity, message: string, hint?: string): void => {
      out.issues.push({ code, severity, path: at, message, ...(hint ? { hint } : {}) });
    };
    const input = options.inventories && Object.hasOwn(options.inventories, path) ? options.inventories[path] : undefined;
    if (input === undefined) {
      issue(
        'inventory.not_provided',
        'error',
        `the text of inventory "${path}" was not provided`,
        'parseScenario needs it in options.inventories, keyed by the path as written (the CLI reads the file relative to the scenario)',
      );
      continue;
    }
    if (typeof input !== 'string' && 'error' in input) {
      if (input.code) issue(input.code, 'error', `inventory ${input.error}`, input.hint);
      else issue('inventory.unreadable', 'error', `cannot read inventory "${path}": ${input.error}`, 'the path is relative to the scenario file');
      continue;
    }
    const text = typeof input === 'string' ? input : input.text;
    const shownAs = typeof input === 'string' ? path : (input.fileName ?? path);
    const format = typeof entry.format === 'string' ? (entry.format as InventoryFormat) : undefined;
    const imported = importInventory(text, { fileName: path, ...(format ? { format } : {}) });
    out.fileDiagnostics.push(...imported.diagnostics.map((d) => ({ ...d, location: { ...d.location, file: shownAs } })));
    const firstError = imported.diagnostics.find((d) => d.severity === 'error');
    if (firstError || !imported.facts || !imported.format) {
      issue(
        'inventory.invalid',
        'error',
        `inventory "${path}" cannot be imported: ${firstError?.message ?? 'no facts'}`,
        `see ${shownAs}:${firstError?.location.line ?? 1}:${firstError?.location.col ?? 1}`,
      );
      continue;
    }
    const dataEntry = data?.hardware[key];
    if (!dataEntry || !('inventory' in dataEntry)) continue;
    const overrides = overridesOf(dataEntry);
    const facts = enrichCpuFacts(applyOverrides(key, imported.facts, overrides), options.cpuCatalogue);
    const built = modelFromFacts(key, facts, overrides, { path, format: imported.format });
    if (built.missing.length > 0) {
      const fields = built.missing.map((m) => m.field).join(', ');
      const hints = built.missing.map((m) => OVERRIDE_HINT[m.field] ?? m.field).join('; ');
      issue('inventory.missing_fact', 'error', `the inventory does not give ${fields}: ${built.missing[0]!.evidence}`, `add ${hints} to hardware.${key}`);
    }
    if (built.leftOut.length > 0) {
      issue(
        'inventory.partial',
        'warning',
        `${built.leftOut.length} interface(s) without a speed are left out of the plan's NICs: ${built.leftOut.join(', ')}`,
        `add nics: [{ ports: <n>, speed: <e.g. 25 Gbit/s> }] to hardware.${key} to plan with them`,
      );
    }
    if (built.model) out.models[key] = built.model;
  }
  return out;
}
