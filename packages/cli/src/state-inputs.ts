/**
 * Reading the state directory a scenario names (`demand.storageFrom: path`, relative to the
 * scenario file): its `*.json` files, in name order. Core stays pure: it gets the texts;
 * reading and file errors happen here (an unreadable directory is a diagnostic from core).
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { StateDirInput } from '@headroom/core';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';

export interface ScenarioStateDirs {
  options: { stateDirs?: Record<string, StateDirInput> };
  /** File texts by the name diagnostics use, for printing source lines. */
  sources: Map<string, string>;
}

/** Lists a directory's entries, or rejects (ENOENT, ENOTDIR for a file). */
async function listDir(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  return (await readdir(path)).sort();
}

const MENTIONS_STATE = /(^|[\s{,])storageFrom\s*:/m;

/** Reads the state directories a scenario names; `file` is the scenario's path as the user gave it. */
export async function readScenarioStateDirs(io: CliIo, file: string, text: string): Promise<ScenarioStateDirs> {
  const none: ScenarioStateDirs = { options: {}, sources: new Map() };
  if (!MENTIONS_STATE.test(text)) return none;
  const { scenarioStatePaths } = await import('@headroom/core');
  const paths = scenarioStatePaths(text);
  if (paths.length === 0) return none;
  const stateDirs: Record<string, StateDirInput> = {};
  const sources = new Map<string, string>();
  for (const path of paths) {
    const shownDir = isAbsolute(path) ? path : join(dirname(file), path);
    const absDir = isAbsolute(shownDir) ? shownDir : resolve(io.cwd, shownDir);
    try {
      const names = (await listDir(absDir)).filter((n) => n.endsWith('.json'));
      const files: { fileName: string; text: string }[] = [];
      for (const n of names) {
        const content = await io.readFile(join(absDir, n));
        const shown = join(shownDir, n);
        files.push({ fileName: shown, text: content });
        sources.set(shown, content);
      }
      stateDirs[path] = { files };
    } catch (error) {
      if (!isFsError(error)) throw error;
      stateDirs[path] = { error: `${shownDir}: ${describeFsError(error)}` };
    }
  }
  return { options: { stateDirs }, sources };
}
