/**
 * Reading the state directory a scenario names (`demand.storageFrom: path`, relative to the
 * scenario file): its `*.json` files, in name order. Core stays pure: it gets the texts;
 * reading and file errors happen here (an unreadable directory is a diagnostic from core).
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { StateDirInput } from '@headroom/core';
import { confine, type ReadScope } from './confine.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';

export interface ScenarioStateDirs {
  options: { stateDirs?: Record<string, StateDirInput> };
  /** File texts by the name diagnostics use, for printing source lines. */
  sources: Map<string, string>;
}

/** Lists a directory's entries in name order, or rejects (ENOENT, ENOTDIR for a file). */
async function listDir(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  return (await readdir(path)).sort();
}

const MENTIONS_STATE = /(^|[\s{,])storageFrom\s*:/m;

/**
 * Reads the state directories a scenario names; `file` is the scenario's path as the user gave
 * it. The directory and each of its `*.json` files must stay inside the scenario's folder (or
 * an `allowed` folder) and be regular files of at most 64 MiB (confine.ts); a refusal is
 * reported by core at the `storageFrom:` value.
 */
export async function readScenarioStateDirs(io: CliIo, file: string, text: string, allowed: readonly string[] = []): Promise<ScenarioStateDirs> {
  const none: ScenarioStateDirs = { options: {}, sources: new Map() };
  if (!MENTIONS_STATE.test(text)) return none;
  const { scenarioStatePaths } = await import('@headroom/core');
  const paths = scenarioStatePaths(text);
  if (paths.length === 0) return none;
  const stateDirs: Record<string, StateDirInput> = {};
  const sources = new Map<string, string>();
  const scope: ReadScope = { scenarioDir: resolve(io.cwd, dirname(file)), allowed };
  for (const path of paths) {
    const shownDir = isAbsolute(path) ? path : join(dirname(file), path);
    try {
      const dir = await confine(io, scope, path, 'directory');
      if (!dir.ok) {
        stateDirs[path] = { error: dir.refusal.message, code: dir.refusal.code, hint: dir.refusal.hint };
        continue;
      }
      const names = (await listDir(dir.realPath)).filter((n) => n.endsWith('.json'));
      const files: { fileName: string; text: string }[] = [];
      let refused: StateDirInput | undefined;
      for (const n of names) {
        const entry = await confine(io, scope, join(path, n), 'file');
        if (!entry.ok) {
          refused = { error: entry.refusal.message, code: entry.refusal.code, hint: entry.refusal.hint };
          break;
        }
        const content = await io.readFile(entry.realPath);
        const shown = join(shownDir, n);
        files.push({ fileName: shown, text: content });
        sources.set(shown, content);
      }
      stateDirs[path] = refused ?? { files };
    } catch (error) {
      if (!isFsError(error)) throw error;
      stateDirs[path] = { error: `${shownDir}: ${describeFsError(error)}` };
    }
  }
  return { options: { stateDirs }, sources };
}
