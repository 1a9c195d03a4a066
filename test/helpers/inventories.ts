/**
 * What the CLI does for a scenario that names inventory files, for tests that call core
 * directly: read each `hardware.<key>.inventory` relative to the scenario file, and the CPU
 * catalogue shipped in packages/core/data.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCpuCatalogue, scenarioHistoryPaths, scenarioInventoryPaths, type HistoryPathInput, type ParseOptions } from '../../packages/core/src/index.js';

const catalogueFile = join(import.meta.dirname, '../../packages/core/data/quattor-cpus.csv');

/** parseScenario options for the scenario at `scenarioPath` (absolute) with content `text`. */
export function inventoryOptions(scenarioPath: string, text: string): Pick<ParseOptions, 'inventories' | 'cpuCatalogue' | 'histories'> {
  // demand.historyFrom: files and snapshot directories, read as the CLI does (cli/src/history-inputs.ts)
  const history = scenarioHistoryPaths(text);
  const histories = Object.fromEntries(
    history.map((p): [string, HistoryPathInput] => {
      const abs = join(dirname(scenarioPath), p);
      const shown = join('scenarios', p);
      return [
        p,
        statSync(abs).isDirectory()
          ? {
              files: readdirSync(abs)
                .filter((n) => n.endsWith('.json'))
                .sort()
                .map((n) => ({ fileName: join(shown, n), text: readFileSync(join(abs, n), 'utf8') })),
            }
          : { file: { fileName: shown, text: readFileSync(abs, 'utf8') } },
      ];
    }),
  );
  const paths = scenarioInventoryPaths(text);
  if (paths.length === 0) return history.length > 0 ? { histories } : {};
  const inventories = Object.fromEntries(paths.map((p) => [p, readFileSync(join(dirname(scenarioPath), p), 'utf8')]));
  return { inventories, cpuCatalogue: parseCpuCatalogue(readFileSync(catalogueFile, 'utf8'), 'quattor-cpus.csv').catalogue, ...(history.length > 0 ? { histories } : {}) };
}
