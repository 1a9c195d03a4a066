/**
 * Reading what hardware checks need: the CPU catalogue (shipped with core, or --catalogue)
 * and the inventory files a scenario names (`hardware.<key>.inventory`, relative to the
 * scenario file). Core stays pure: it gets texts; reading and file errors happen here.
 *
 * Start-up stays light: a scenario without `inventory:` loads nothing more than before, and
 * the catalogue is read and parsed only when an inventory is there to use it.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CpuCatalogue, Diagnostic, InventoryInput } from '@headroom/core';
import { confine, type ReadScope } from './confine.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';

/** What the CLI calls to read a scenario's inventories (core's main entry). */
export type InventoryApi = Pick<typeof import('@headroom/core'), 'scenarioInventoryPaths' | 'parseCpuCatalogue'>;
/** core's hardware entry: importers, catalogue, checks (no yaml, zod or mathjs). */
export type HardwareApi = typeof import('@headroom/core/hardware');

export interface HwDeps {
  loadInventoryApi(): Promise<InventoryApi>;
  loadHardware(): Promise<HardwareApi>;
  /** Absolute path of the CPU catalogue shipped with core. */
  cataloguePath(): string;
}

/** The catalogue shipped with core: packages/core/data/quattor-cpus.csv (see its README.md for provenance). */
export function shippedCataloguePath(): string {
  return fileURLToPath(import.meta.resolve('@headroom/core/data/quattor-cpus.csv'));
}

export const defaultHwDeps: HwDeps = {
  loadInventoryApi: () => import('@headroom/core'),
  loadHardware: () => import('@headroom/core/hardware'),
  cataloguePath: shippedCataloguePath,
};

export interface LoadedCatalogue {
  catalogue?: CpuCatalogue;
  /** Problems with the catalogue file (unreadable: a one-line message; bad rows: diagnostics). */
  diagnostics: Diagnostic[];
  error?: string;
  /** The text, for printing diagnostics with their source line. */
  source?: { fileName: string; text: string };
}

/**
 * Reads and parses the CPU catalogue: `--catalogue <csv>` when given (relative to the working
 * directory), else the shipped one. Rows skipped with a warning are reported only for a
 * user's own catalogue (the shipped one is known to have two).
 */
export async function loadCatalogue(io: CliIo, deps: HwDeps, parse: InventoryApi['parseCpuCatalogue'], userPath?: string): Promise<LoadedCatalogue> {
  const path = userPath === undefined ? deps.cataloguePath() : isAbsolute(userPath) ? userPath : resolve(io.cwd, userPath);
  const fileName = userPath ?? 'quattor-cpus.csv';
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    if (!isFsError(error)) throw error;
    return { diagnostics: [], error: `cannot read the CPU catalogue ${userPath ?? path}: ${describeFsError(error)}` };
  }
  const { catalogue, diagnostics } = parse(text, fileName);
  const shown = userPath === undefined ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  return { catalogue, diagnostics: shown, source: { fileName, text } };
}

export interface ScenarioInventories {
  /** Extra parseScenario options: the inventory texts and the catalogue. */
  options: { inventories?: Record<string, InventoryInput>; cpuCatalogue?: CpuCatalogue };
  /** Inventory texts by the name diagnostics use, for printing source lines. */
  sources: Map<string, string>;
  /** A note for stderr (the catalogue could not be read). */
  notes: string[];
}

/** A scenario mentions `inventory:` somewhere (cheap test before loading anything). */
const MENTIONS_INVENTORY = /(^|[\s{,])inventory\s*:/m;

/**
 * Reads the inventories a scenario names. `file` is the scenario's path as the user gave it:
 * inventories are read relative to its directory and shown as `join(dirname(file), path)`.
 * A path outside the scenario's folder (and the `allowed` folders), a FIFO, a device or an
 * oversized file is not read: core reports the refusal at the path (confine.ts).
 */
export async function readScenarioInventories(io: CliIo, deps: HwDeps, file: string, text: string, allowed: readonly string[] = []): Promise<ScenarioInventories> {
  const none: ScenarioInventories = { options: {}, sources: new Map(), notes: [] };
  if (!MENTIONS_INVENTORY.test(text)) return none;
  const api = await deps.loadInventoryApi();
  const paths = api.scenarioInventoryPaths(text);
  if (paths.length === 0) return none;
  const dir = dirname(file);
  const scope: ReadScope = { scenarioDir: resolve(io.cwd, dir), allowed };
  const inventories: Record<string, InventoryInput> = {};
  const sources = new Map<string, string>();
  for (const path of paths) {
    const shown = isAbsolute(path) ? path : join(dir, path);
    try {
      const confined = await confine(io, scope, path, 'file');
      if (!confined.ok) {
        inventories[path] = { error: confined.refusal.message, code: confined.refusal.code, hint: confined.refusal.hint, fileName: shown };
        continue;
      }
      const content = await io.readFile(confined.realPath);
      inventories[path] = { text: content, fileName: shown };
      sources.set(shown, content);
    } catch (error) {
      if (!isFsError(error)) throw error;
      inventories[path] = { error: `${shown}: ${describeFsError(error)}`, fileName: shown };
    }
  }
  const loaded = await loadCatalogue(io, deps, api.parseCpuCatalogue);
  const options: ScenarioInventories['options'] = { inventories };
  if (loaded.catalogue) options.cpuCatalogue = loaded.catalogue;
  return { options, sources, notes: loaded.error ? [`headroom: ${loaded.error}; cores come only from the inventories`] : [] };
}
