/**
 * Reading the history a scenario names (`demand.historyFrom: path | [paths]`, relative to the
 * scenario file): Prometheus query_range exports (files) and directories of dated `ceph df
 * -f json` snapshots (their `*.json` files, in name order). Core stays pure: it gets the texts
 * and fits them at parse time; a refusal or a file error is a diagnostic from core at the path.
 * Every path goes through confine.ts (inside the scenario's folder or an --allow-path folder;
 * no /proc, /sys, /dev; regular files of at most 64 MiB) and io.ts (bounded reads).
 */
import { readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { HistoryPathInput } from '@headroom/core';
import { confine, type ReadScope } from './confine.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';

export interface ScenarioHistories {
  options: { histories?: Record<string, HistoryPathInput> };
  /** File texts by the name diagnostics use, for printing source lines. */
  sources: Map<string, string>;
}

const MENTIONS_HISTORY = /(^|[\s{,])historyFrom\s*:/m;

/** Reads the histories a scenario names; `file` is the scenario's path as the user gave it. */
export async function readScenarioHistories(io: CliIo, file: string, text: string, allowed: readonly string[] = []): Promise<ScenarioHistories> {
  const none: ScenarioHistories = { options: {}, sources: new Map() };
  if (!MENTIONS_HISTORY.test(text)) return none;
  const { scenarioHistoryPaths } = await import('@headroom/core');
  const paths = scenarioHistoryPaths(text);
  if (paths.length === 0) return none;
  const histories: Record<string, HistoryPathInput> = {};
  const sources = new Map<string, string>();
  const scope: ReadScope = { scenarioDir: resolve(io.cwd, dirname(file)), allowed };
  for (const path of paths) {
    const shown = isAbsolute(path) ? path : join(dirname(file), path);
    try {
      const asFile = await confine(io, scope, path, 'file');
      if (asFile.ok) {
        const content = await io.readFile(asFile.realPath);
        histories[path] = { file: { fileName: shown, text: content } };
        sources.set(shown, content);
        continue;
      }
      if (asFile.refusal.code !== 'file.not_regular' || (await io.inspect(resolve(scope.scenarioDir, path))).kind !== 'directory') {
        histories[path] = { error: asFile.refusal.message, code: asFile.refusal.code, hint: asFile.refusal.hint };
        continue;
      }
      const dir = await confine(io, scope, path, 'directory');
      if (!dir.ok) {
        histories[path] = { error: dir.refusal.message, code: dir.refusal.code, hint: dir.refusal.hint };
        continue;
      }
      const files: { fileName: string; text: string }[] = [];
      let refused: HistoryPathInput | undefined;
      for (const n of (await readdir(dir.realPath)).filter((x) => x.endsWith('.json')).sort()) {
        const entry = await confine(io, scope, join(path, n), 'file');
        if (!entry.ok) {
          refused = { error: entry.refusal.message, code: entry.refusal.code, hint: entry.refusal.hint };
          break;
        }
        const content = await io.readFile(entry.realPath);
        files.push({ fileName: join(shown, n), text: content });
        sources.set(join(shown, n), content);
      }
      histories[path] = refused ?? { files };
    } catch (error) {
      if (!isFsError(error)) throw error;
      histories[path] = { error: `${shown}: ${describeFsError(error)}` };
    }
  }
  return { options: { histories }, sources };
}
