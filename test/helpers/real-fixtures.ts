/**
 * The real-world fixtures of test/fixtures/real (see its PROVENANCE.md), for tests: read a
 * file, import it, and show a fact as its value or 'unknown'.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Fact, HardwareFacts } from '../../packages/core/src/model/hardware-facts.js';
import { importInventory, type ImportResult } from '../../packages/core/src/hardware/import/detect.js';
import { parseCpuCatalogue, type CpuCatalogue } from '../../packages/core/src/hardware/catalogue.js';

export const realDir = join(import.meta.dirname, '../fixtures/real');

/** The text of test/fixtures/real/<dir>/<name>. */
export function realText(dir: string, name: string): string {
  return readFileSync(join(realDir, dir, name), 'utf8');
}

/** The file names in test/fixtures/real/<dir>, sorted. */
export function realFiles(dir: string): string[] {
  return readdirSync(join(realDir, dir)).sort();
}

/** importInventory on test/fixtures/real/<dir>/<name>, with the bare name as the file name. */
export function importReal(dir: string, name: string): ImportResult {
  return importInventory(realText(dir, name), { fileName: name });
}

/** The facts of a fixture that must import without error. */
export function factsOf(dir: string, name: string): HardwareFacts {
  const r = importReal(dir, name);
  if (!r.facts) throw new Error(`${dir}/${name} did not import: ${JSON.stringify(r.diagnostics)}`);
  return r.facts;
}

/** A fact's value, or 'unknown'. */
export function v<T>(fact: Fact<T>): T | 'unknown' {
  return fact.known ? fact.value : 'unknown';
}

let catalogue: CpuCatalogue | undefined;
/** The quattor CPU catalogue (test/fixtures/real/catalogue/quattor-cpus.csv), parsed once. */
export function realCatalogue(): CpuCatalogue {
  catalogue ??= parseCpuCatalogue(realText('catalogue', 'quattor-cpus.csv'), 'quattor-cpus.csv').catalogue;
  return catalogue;
}

export const GIB = 2 ** 30;
