/**
 * Hardware import figures for the benchmark (test/bench.mjs prints them): the CPU
 * catalogue's parse time, and the import time of each real inventory fixture, in-process,
 * from the built dist of @headroom/core/hardware. Prints figures, asserts nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median ms of `runs` calls of fn (the first, cold call reported apart). */
function time(fn, runs = 21) {
  const t0 = performance.now();
  fn();
  const cold = performance.now() - t0;
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return { cold, warm: median(ms) };
}

/** Rows [what, KiB, cold ms, warm median ms] for the catalogue and every inventory fixture. */
export async function hardwareBench() {
  const hw = await import(pathToFileURL(join(root, 'packages/core/dist/hardware/index.js')).href);
  const csv = readFileSync(join(root, 'packages/core/data/quattor-cpus.csv'), 'utf8');
  const rows = [['input', 'KiB', 'first call ms', 'median ms (21 runs)']];
  const fmt = (x) => x.toFixed(2);
  const cat = time(() => hw.parseCpuCatalogue(csv, 'quattor-cpus.csv'));
  rows.push(['parseCpuCatalogue quattor-cpus.csv (1,126 rows)', fmt(csv.length / 1024), fmt(cat.cold), fmt(cat.warm)]);
  for (const dir of ['ironic', 'dmidecode', 'lscpu', 'local-vm']) {
    for (const file of readdirSync(join(root, 'test/fixtures/real', dir)).sort()) {
      const text = readFileSync(join(root, 'test/fixtures/real', dir, file), 'utf8');
      const t = time(() => hw.importInventory(text, { fileName: file }));
      rows.push([`importInventory ${dir}/${file}`, fmt(text.length / 1024), fmt(t.cold), fmt(t.warm)]);
    }
  }
  return rows;
}
