/**
 * `headroom ceph df <dir|files...>`: headroom's own MAX AVAIL per pool, from a running
 * cluster's `-f json` outputs, side by side with what `ceph df` printed and the difference,
 * plus what the pool could store with perfect placement (water-fill over its failure domains).
 * A directory is read for its *.json files; each file's command is recognised from its shape.
 *
 * Exit codes: 0 read and computed; 2 a file is unreadable, malformed (positioned diagnostic
 * on stderr) or the outputs MAX AVAIL needs are missing. The other files are still read.
 */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CephStateFile, CephStateRead, PoolMaxAvail } from '@headroom/core';
import { ExitCode } from './exit-codes.js';
import { formatDiagnostics } from './format-diagnostics.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';
import { escapeJsonText, escapeStrings } from './terminal-text.js';
import { formatOption, yamlText } from './output-format.js';

type CoreModule = typeof import('@headroom/core');
/** The part of core `ceph df` calls. */
export type CephCoreApi = Pick<CoreModule, 'readCephState' | 'reproduceMaxAvail' | 'formatBytes' | 'cephBaselineYaml' | 'parseScenario' | 'openstackBaseline'>;

export interface CephCliDeps {
  loadCephCore(): Promise<CephCoreApi>;
  /** Lists a directory's entries (names); rejects with ENOTDIR for a file. */
  listDir(path: string): Promise<string[] | undefined>;
}

export const defaultCephCliDeps: CephCliDeps = {
  loadCephCore: () => import('@headroom/core'),
  listDir: async (path) => ((await stat(path)).isDirectory() ? (await readdir(path)).sort() : undefined),
};

interface CephDfOptions {
  format: 'text' | 'json' | 'yaml';
}

/** Reads every file (directories: their *.json), reports what could not be read. */
async function readInputs(io: CliIo, deps: CephCliDeps, paths: readonly string[]): Promise<{ files: CephStateFile[]; unreadable: number; fromDir: boolean }> {
  const files: CephStateFile[] = [];
  let unreadable = 0;
  let fromDir = false;
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(io.cwd, p);
    let names: string[] | undefined;
    try {
      names = await deps.listDir(abs);
    } catch {
      names = undefined;
    }
    const targets = names ? names.filter((n) => n.endsWith('.json')).map((n) => join(abs, n)) : [abs];
    if (names) fromDir = true;
    for (const file of targets) {
      const shown = names ? relative(io.cwd, file) || file : p;
      try {
        files.push({ name: shown, text: await io.readFile(file) });
      } catch (error) {
        if (!isFsError(error)) throw error;
        io.stderr.write(`headroom: cannot read ${shown}: ${describeFsError(error)}\n`);
        unreadable++;
      }
    }
  }
  return { files, unreadable, fromDir };
}

const pad = (s: string, n: number): string => s.padEnd(n);
const padL = (s: string, n: number): string => s.padStart(n);

/** The text table: one row per pool, exact bytes and IEC units (Ceph prints IEC). */
export function renderCephDfText(rows: readonly PoolMaxAvail[], read: CephStateRead, fmt: CephCoreApi['formatBytes']): string {
  const lines: string[] = [];
  lines.push(`read: ${read.files.map((f) => `${f.name} (${f.command})`).join(', ')}`);
  if (rows[0])
    lines.push(
      `full_ratio ${rows[0].fullRatio}, backfillfull_ratio ${rows[0].backfillfullRatio} (osd dump); MAX AVAIL = min over the rule's OSDs of (avail - total x (1 - full_ratio)) / weight share, / raw used rate (PGMap::get_rule_avail)`,
    );
  lines.push('');
  const head = ['pool', 'rule', 'class', 'OSDs', 'rate', 'headroom MAX AVAIL', 'ceph df MAX AVAIL', 'difference', 'at backfillfull', 'storable (perfect placement)'];
  const body = rows.map((r) => [
    r.pool,
    String(r.ruleId),
    r.deviceClass ?? (r.unknown !== undefined ? '?' : '-'),
    r.unknown !== undefined ? '?' : String(r.osdCount),
    String(Number(r.rawUsedRate.toFixed(4))),
    r.maxAvailBytes === undefined ? "unknown (rule's OSDs unknown)" : `${r.maxAvailBytes} B (${fmt(r.maxAvailBytes, 'binary')})`,
    r.cephMaxAvailBytes === undefined ? '(no ceph df)' : `${r.cephMaxAvailBytes} B (${fmt(r.cephMaxAvailBytes, 'binary')})`,
    r.differenceBytes === undefined ? '-' : `${r.differenceBytes >= 0 ? '+' : ''}${r.differenceBytes} B (${r.relativeDifference!.toExponential(1)})`,
    r.safeMaxAvailBytes === undefined ? 'unknown' : fmt(r.safeMaxAvailBytes, 'binary'),
    r.storableBytes === undefined ? (r.unknown !== undefined ? 'unknown' : '- (no failure domains in the outputs)') : fmt(r.storableBytes, 'binary'),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const row = (cells: string[]): string =>
    cells
      .map((c, i) => (i >= 1 && i <= 4 ? padL(c, widths[i]!) : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  lines.push(row(head), ...body.map(row));
  const inferred = [...new Set(rows.flatMap((r) => r.inferred))];
  if (inferred.length > 0) lines.push('', 'inferred or noted (outputs missing, degraded PGs):', ...inferred.map((s) => `  - ${s}`));
  lines.push('', 'MAX AVAILs of pools on one rule are alternatives, not to be added up.');
  return `${lines.join('\n')}\n`;
}

/** `headroom ceph df`. */
export async function cephDfCommand(io: CliIo, deps: CephCliDeps, paths: readonly string[], options: CephDfOptions, colorErr = false): Promise<number> {
  const core = await deps.loadCephCore();
  const { files, unreadable, fromDir } = await readInputs(io, deps, paths);
  const read = core.readCephState(files, { strict: !fromDir });
  if (read.diagnostics.length > 0) {
    io.stderr.write(formatDiagnostics(read.diagnostics, new Map(files.map((f) => [f.name, f.text])), { color: colorErr }));
  }
  const rows = read.state ? core.reproduceMaxAvail(read.state) : [];
  if (read.state) {
    if (options.format === 'json') io.stdout.write(`${escapeJsonText(JSON.stringify({ files: read.files, pools: rows }, null, 2))}\n`);
    else if (options.format === 'yaml') io.stdout.write(await yamlText({ files: read.files, pools: rows }));
    else io.stdout.write(renderCephDfText(escapeStrings(rows), escapeStrings(read), core.formatBytes));
  }
  const failed = unreadable > 0 || read.diagnostics.some((d) => d.severity === 'error');
  return failed ? ExitCode.InvalidInput : ExitCode.Ok;
}

interface ImportOptions {
  ceph: string[];
  openstack?: string[];
  output: string;
  name?: string;
  start?: string;
}

/**
 * `headroom import --ceph <paths...> -o scenario.yaml`: a baseline scenario, written
 * atomically only when it loads with zero errors (parseScenario); otherwise nothing is written.
 */
export async function importCommand(io: CliIo, deps: CephCliDeps, options: ImportOptions, colorErr = false, now: Date = new Date()): Promise<number> {
  const core = await deps.loadCephCore();
  const { files, unreadable, fromDir } = await readInputs(io, deps, options.ceph);
  const read = core.readCephState(files, { strict: !fromDir });
  const sources = new Map(files.map((f) => [f.name, f.text]));
  let compute: ReturnType<CephCoreApi['openstackBaseline']> | undefined;
  let unreadableOs = 0;
  if (options.openstack && options.openstack.length > 0) {
    const os = await readInputs(io, deps, options.openstack);
    unreadableOs = os.unreadable;
    for (const f of os.files) sources.set(f.name, f.text);
    compute = core.openstackBaseline(os.files);
  }
  const start = options.start ?? `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const built = read.state
    ? core.cephBaselineYaml(read.state, {
        name: options.name ?? 'Imported cluster',
        start,
        sourceLabel: [...options.ceph, ...(options.openstack ?? [])].join(' '),
        ...(compute ? { compute } : {}),
      })
    : { diagnostics: [] };
  const diagnostics = [...read.diagnostics, ...(compute?.diagnostics ?? []), ...built.diagnostics];
  if (diagnostics.length > 0) io.stderr.write(formatDiagnostics(diagnostics, sources, { color: colorErr }));
  if (unreadable + unreadableOs > 0 || diagnostics.some((d) => d.severity === 'error') || built.yaml === undefined) {
    io.stderr.write(`headroom: nothing written to ${options.output}\n`);
    return ExitCode.InvalidInput;
  }
  const check = core.parseScenario(built.yaml, { fileName: options.output });
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    io.stderr.write(formatDiagnostics(errors, new Map([[options.output, built.yaml]]), { color: colorErr }));
    io.stderr.write(`headroom: internal error: the baseline does not load; nothing written to ${options.output}\n`);
    return ExitCode.InternalError;
  }
  try {
    await io.writeFileAtomic(isAbsolute(options.output) ? options.output : resolve(io.cwd, options.output), built.yaml);
  } catch (error) {
    if (!isFsError(error)) throw error;
    io.stderr.write(`headroom: cannot write ${options.output}: ${describeFsError(error, true)}\n`);
    return ExitCode.InvalidInput;
  }
  io.stdout.write(
    `wrote ${options.output}: a baseline from ${read.files.filter((f) => f.command !== 'unknown').length} Ceph outputs${compute ? ' and the OpenStack responses' : ''}; replace the PLACEHOLDER values and add growth\n`,
  );
  return ExitCode.Ok;
}

/** Registers `headroom ceph df` and `headroom import`. */
export function registerImportCommands(program: Command, ctx: { io: CliIo; colorErr: boolean }, setExitCode: (code: number) => void, deps: CephCliDeps = defaultCephCliDeps): void {
  const ceph = program.command('ceph').description("a running Ceph cluster's state, from its -f json outputs");
  ceph
    .command('df')
    .description("headroom's MAX AVAIL per pool beside what `ceph df` printed, from `ceph osd df tree`, `osd dump`, `osd crush rule dump`, `df` (-f json)")
    .argument('<paths...>', 'a directory of *.json outputs, or the files')
    .addOption(formatOption(['text', 'json', 'yaml'], 'text'))
    .action(async (paths: string[], options: CephDfOptions) => setExitCode(await cephDfCommand(ctx.io, deps, paths, options, ctx.colorErr)));
  program
    .command('import')
    .description("write a baseline scenario from a running cluster's Ceph -f json outputs (hosts, rules, pools, stored data); inferred values are commented")
    .requiredOption('--ceph <paths...>', 'a directory of Ceph *.json outputs, or the files')
    .requiredOption('-o, --output <file>', 'scenario file to write (atomically; nothing is written on error)')
    .option(
      '--openstack <paths...>',
      'a directory of OpenStack API responses (hypervisors detail before 2.88, flavors detail, a Placement inventory; or Placement provider trees: the resource provider list plus <uuid>.inventories/usages/traits/aggregates/allocations.json per provider, Nova os-aggregates), or the files',
    )
    .option('--name <name>', 'scenario name')
    .option('--start <YYYY-MM>', 'first month of the plan (default: this month, UTC)')
    .action(async (options: ImportOptions) => setExitCode(await importCommand(ctx.io, deps, options, ctx.colorErr)));
}
