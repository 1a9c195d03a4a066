/**
 * What the CLI does for a scenario that names inventory files, for tests that call core
 * directly: read each `hardware.<key>.inventory` relative to the scenario file, and the CPU
 * catalogue shipped in packages/core/data.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCpuCatalogue, scenarioInventoryPaths, type ParseOptions } from '../../packages/core/src/index.js';

const catalogueFile = join(import.meta.dirname, '../../packages/core/data/quattor-cpus.csv');

/** parseScenario options for the scenario at `scenarioPath` (absolute) with content `text`. */
export function inventoryOptions(scenarioPath: string, text: string): Pick<ParseOptions, 'inventories' | 'cpuCatalogue'> {
  const paths = scenarioInventoryPaths(text);
  if (paths.length === 0) return {};
  const inventories = Object.fromEntries(paths.map((p) => [p, readFileSync(join(dirname(scenarioPath), p), 'utf8')]));
  return { inventories, cpuCatalogue: parseCpuCatalogue(readFileSync(catalogueFile, 'utf8'), 'quattor-cpus.csv').catalogue };
}
