/**
 * The CPU catalogue: model string -> cores, threads, base clock and TDP, to fill in what an
 * inventory lacks (Ironic reports the model and the logical CPU count, not the cores).
 * Pure: the caller passes the CSV text (the CLI ships quattor's, in packages/core/data/).
 *
 * CSV columns (header row required; quattor/template-library-standard hardware/cpu/*.pan):
 *   template, manufacturer, model, arch, cores, max_threads, speed, power, type
 * `cores` and `max_threads` are per socket; `speed` is MHz ("2400" or "2400 * MHz");
 * `power` is the TDP in watts (may be empty).
 *
 * Matching: model strings are compared by a key that drops what vendors and kernels write
 * differently: case, "(R)", "(TM)", "CPU", "Processor", "N-Core", the "@ 2.40GHz" suffix,
 * punctuation and spacing ("Intel(R) Xeon(R) CPU E5-2630 v4 @ 2.20GHz" and the catalogue's
 * "... @ 2.20 GHz" meet; "AMD: EPYC 7451 24-Core Processor" finds "AMD EPYC 7451 ...").
 * Rows whose keys collide with different cores/threads are ambiguous and never used.
 */
import type { Diagnostic } from '../diagnostics/types.js';

export interface CpuCatalogueEntry {
  /** The model string as the catalogue writes it. */
  model: string;
  manufacturer: string;
  /** Physical cores of one socket. */
  coresPerSocket: number;
  /** Hardware threads of one socket with SMT on. */
  threadsPerSocket: number;
  /** Base clock, MHz (undefined when the row has none). */
  baseClockMhz?: number;
  /** Thermal design power, watts (undefined when the row has none). */
  tdpWatts?: number;
  /** 1-based line in the CSV. */
  line: number;
}

export interface CpuCatalogue {
  /** File name used in evidence (`quattor-cpus.csv`). */
  fileName: string;
  /** Rows by normalized key; more than one row with different counts means ambiguous. */
  byKey: Map<string, CpuCatalogueEntry[]>;
  size: number;
}

const NOISE = /\((?:r|tm)\)|\b\d+-core\b|\b(?:cpu|processor)\b|[^a-z0-9.+-]+/g;

/** The matching key of a CPU model string (see the file comment). */
export function cpuModelKey(model: string): string {
  return model.toLowerCase().replace(/@.*$/, '').replace(NOISE, ' ').trim().replace(/ +/g, ' ');
}

/** Splits one CSV line (RFC 4180 quotes, no line breaks inside fields). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const REQUIRED = ['model', 'cores', 'max_threads'] as const;

/**
 * Parses the catalogue CSV. Rows without a model or with non-numeric cores/threads are
 * skipped with a `catalogue.invalid_row` warning; a missing header column is a
 * `catalogue.invalid` error (and an empty catalogue).
 * @param fileName the name used in evidence (`catalogue: <fileName> "<model>"`) and diagnostics
 */
export function parseCpuCatalogue(text: string, fileName: string): { catalogue: CpuCatalogue; diagnostics: Diagnostic[] } {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const header = csvFields((lines[0] ?? '').replace(/\r$/, '')).map((h) => h.trim());
  const diagnostics: Diagnostic[] = [];
  const catalogue: CpuCatalogue = { fileName, byKey: new Map(), size: 0 };
  const missing = REQUIRED.filter((r) => !header.includes(r));
  if (missing.length > 0) {
    diagnostics.push({
      code: 'catalogue.invalid',
      severity: 'error',
      path: [],
      location: { file: fileName, line: 1, col: 1 },
      message: `the header has no ${missing.join(', ')} column`,
      hint: 'columns: template,manufacturer,model,arch,cores,max_threads,speed,power,type',
    });
    return { catalogue, diagnostics };
  }
  const [iModel, iCores, iThreads, iMaker, iSpeed, iPower] = ['model', 'cores', 'max_threads', 'manufacturer', 'speed', 'power'].map((h) => header.indexOf(h)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const f = line.includes('"') ? csvFields(line) : line.split(',');
    const cell = (index: number): string => (index < 0 ? '' : (f[index] ?? '').trim());
    const model = cell(iModel);
    const cores = Number(cell(iCores));
    const threads = Number(cell(iThreads));
    if (!model || !Number.isInteger(cores) || cores <= 0 || !Number.isInteger(threads) || threads < cores) {
      diagnostics.push({
        code: 'catalogue.invalid_row',
        severity: 'warning',
        path: [],
        location: { file: fileName, line: i + 1, col: 1 },
        message: `row skipped: needs a model and whole numbers of cores and max_threads (max_threads >= cores)`,
      });
      continue;
    }
    const entry: CpuCatalogueEntry = { model, manufacturer: cell(iMaker), coresPerSocket: cores, threadsPerSocket: threads, line: i + 1 };
    const mhz = parseFloat(cell(iSpeed));
    if (mhz > 0) entry.baseClockMhz = mhz;
    const watts = Number(cell(iPower));
    if (cell(iPower) !== '' && watts > 0) entry.tdpWatts = watts;
    const key = cpuModelKey(model);
    const rows = catalogue.byKey.get(key);
    if (rows) rows.push(entry);
    else catalogue.byKey.set(key, [entry]);
    catalogue.size++;
  }
  return { catalogue, diagnostics };
}

export type CatalogueLookup = { found: true; entry: CpuCatalogueEntry; evidence: string } | { found: false; reason: string };

/**
 * The catalogue row of a model string. Rows that share the key but disagree on cores or
 * threads make the lookup ambiguous (not found, saying so); rows that agree are one.
 */
export function lookupCpu(catalogue: CpuCatalogue, model: string): CatalogueLookup {
  const key = cpuModelKey(model);
  const rows = catalogue.byKey.get(key) ?? [];
  if (rows.length === 0) return { found: false, reason: `catalogue: ${catalogue.fileName} has no "${model}"` };
  const first = rows[0]!;
  if (rows.some((r) => r.coresPerSocket !== first.coresPerSocket || r.threadsPerSocket !== first.threadsPerSocket)) {
    const variants = rows.map((r) => `line ${r.line}: ${r.coresPerSocket} cores/${r.threadsPerSocket} threads`).join('; ');
    return { found: false, reason: `catalogue: ${catalogue.fileName} has "${model}" ${rows.length} times with different counts (${variants}): not used` };
  }
  return { found: true, entry: first, evidence: `catalogue: ${catalogue.fileName} "${first.model}"` };
}
