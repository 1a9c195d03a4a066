/**
 * `headroom fit <paths...>`: fits a cloud's demand history — Prometheus `query_range`
 * exports (files) and directories of dated `ceph df -f json` snapshots — and prints, per
 * resource, both models (linear and compound) with R², the window, the model chosen and why,
 * and the P10 / P50 / P90 monthly rates. `--write <scenario>` puts the fits into the
 * scenario's demand.growthBy (atomically, only when the result loads with zero errors).
 *
 * Reads go through confine.ts (no /proc, /sys, /dev; regular files of at most 64 MiB; the
 * paths typed, or inside --allow-path folders) and io.ts (bounded reads, atomic writes).
 * Exit codes: 0 fitted; 2 a path unreadable, a file malformed, a series refused (coded
 * diagnostics on stderr, the other series still fitted and printed), or nothing to fit.
 */
import { readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { HistoryFitResult, HistoryInput, ResourceFit } from '@headroom/core';
import { confine, type ReadScope } from './confine.js';
import { ExitCode } from './exit-codes.js';
import { formatDiagnostics } from './format-diagnostics.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';
import { formatOption, yamlText } from './output-format.js';

/** The part of core `headroom fit` calls. */
export type FitCoreApi = Pick<typeof import('@headroom/core'), 'fitHistory' | 'growthByFromFits' | 'parseSnapshotTime' | 'formatBytes' | 'parseScenario' | 'writeGrowthBy'>;
type CoreModule = FitCoreApi;

interface FitOptions {
  format: 'text' | 'json' | 'yaml';
  horizon?: string;
  since?: string;
  write?: string;
}

/** Reads every path: a directory's *.json files (snapshots), or a file. Unreadable paths are reported. */
async function readHistory(io: CliIo, paths: readonly string[], allowed: readonly string[]): Promise<{ inputs: HistoryInput[]; sources: Map<string, string>; unreadable: number }> {
  const inputs: HistoryInput[] = [];
  const sources = new Map<string, string>();
  let unreadable = 0;
  // The paths the user typed are allowed (their own folders); confine still refuses system
  // paths, pipes, devices and files over 64 MiB, and links out of those folders.
  const scope: ReadScope = { scenarioDir: io.cwd, allowed: [...allowed, ...paths.map((p) => dirname(resolve(io.cwd, p))), ...paths.map((p) => resolve(io.cwd, p))] };
  const fail = (p: string, why: string): void => {
    io.stderr.write(`headroom: cannot read ${p}: ${why}\n`);
    unreadable++;
  };
  for (const p of paths) {
    try {
      // confine first: it refuses /proc, /sys and /dev before anything is opened
      const file = await confine(io, scope, p, 'file');
      if (!file.ok && file.refusal.code === 'file.not_regular' && (await io.inspect(resolve(io.cwd, p))).kind === 'directory') {
        const dir = await confine(io, scope, p, 'directory');
        if (!dir.ok) {
          fail(p, `${dir.refusal.message} (${dir.refusal.code})`);
          continue;
        }
        const files: { fileName: string; text: string }[] = [];
        for (const n of (await readdir(dir.realPath)).filter((x) => x.endsWith('.json')).sort()) {
          const shown = join(p, n);
          const entry = await confine(io, scope, shown, 'file');
          if (!entry.ok) {
            fail(shown, `${entry.refusal.message} (${entry.refusal.code})`);
            continue;
          }
          const text = await io.readFile(entry.realPath);
          files.push({ fileName: shown, text });
          sources.set(shown, text);
        }
        inputs.push({ kind: 'directory', path: p, files });
        continue;
      }
      if (!file.ok) {
        fail(p, `${file.refusal.message} (${file.refusal.code})`);
        continue;
      }
      const text = await io.readFile(file.realPath);
      inputs.push({ kind: 'file', fileName: p, text });
      sources.set(p, text);
    } catch (error) {
      if (!isFsError(error)) throw error;
      fail(p, describeFsError(error));
    }
  }
  return { inputs, sources, unreadable };
}

const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;

/** A value in its series' unit, readable: bytes in TB (decimal, as ceph df's STORED), others as counts. */
function amount(core: CoreModule, value: number, unit: string): string {
  if (unit === 'bytes') return core.formatBytes(value, 'decimal');
  return `${Number(value.toFixed(1)).toLocaleString('en-US')} ${unit}`;
}

const resourceName = (f: ResourceFit): string =>
  f.resource.kind === 'compute' ? `Placement ${f.resource.resourceClass} (${f.unit})` : f.resource.kind === 'pool' ? `pool ${f.resource.name} (stored ${f.unit})` : 'floating IPs';

/** The text report: per resource both models, the choice, the band; then what was ignored. */
export function renderFitText(core: CoreModule, result: HistoryFitResult): string {
  const lines: string[] = [];
  for (const f of result.fits) {
    const g = f.fit;
    lines.push(`${resourceName(f)}: ${f.source}`);
    lines.push(`  window     ${g.from} .. ${g.to}, ${g.points} points; last ${amount(core, g.lastValue, f.unit)}`);
    lines.push(
      `  linear     ${g.linear.slopePerMonth >= 0 ? '+' : ''}${amount(core, g.linear.slopePerMonth, f.unit)}/month = ${pct(g.linear.perMonth)}/month of the fitted ${amount(core, g.linear.level, f.unit)}   R² ${g.linear.r2.toFixed(4)}`,
    );
    lines.push(
      g.compound
        ? `  compound   ${pct(g.compound.perMonth)}/month (e^b − 1)   R² ${g.compound.r2Log.toFixed(4)} on ln y, ${g.compound.r2Values.toFixed(4)} on the values`
        : '  compound   not fitted (a value is 0: no logarithm)',
    );
    lines.push(`  chosen     ${g.rule}`);
    lines.push(
      `  P10/P50/P90  ${pct(g.rates.p10)} / ${pct(g.rates.p50)} / ${pct(g.rates.p90)} per month (${g.chosen}); in ${g.atHorizon.months} months ${amount(core, g.atHorizon.p10, f.unit)} / ${amount(core, g.atHorizon.p50, f.unit)} / ${amount(core, g.atHorizon.p90, f.unit)} (80 % prediction interval)`,
    );
    lines.push(`  writes     demand.growthBy.${f.growthByPath.join('.')}${f.resource.kind === 'compute' ? ' (the Placement class with the highest P90 rate)' : ''}`);
    lines.push('');
  }
  if (result.ignored.length > 0) {
    lines.push('ignored:');
    for (const i of result.ignored) lines.push(`  ${i.source}${i.source.includes(' in ') ? '' : ` in ${i.location.file}`}: ${i.reason}`);
  }
  if (result.fits.length === 0) lines.push('nothing fitted');
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `headroom fit`. */
export async function fitCommand(io: CliIo, core: CoreModule, paths: readonly string[], options: FitOptions, allowed: readonly string[], colorErr = false): Promise<number> {
  const horizon = options.horizon === undefined ? 24 : Number(options.horizon);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 120) {
    io.stderr.write(`headroom: --horizon ${options.horizon}: a whole number of months, 1 to 120\n`);
    return ExitCode.InvalidInput;
  }
  let sinceSeconds: number | undefined;
  if (options.since !== undefined) {
    sinceSeconds = core.parseSnapshotTime(options.since);
    if (sinceSeconds === undefined || !/^\d{4}-\d{2}-\d{2}/.test(options.since)) {
      io.stderr.write(`headroom: --since ${options.since}: a date YYYY-MM-DD (UTC)\n`);
      return ExitCode.InvalidInput;
    }
  }
  const { inputs, sources, unreadable } = await readHistory(io, paths, allowed);
  const result = core.fitHistory(inputs, { horizonMonths: horizon, ...(sinceSeconds !== undefined ? { sinceSeconds } : {}) });
  if (result.diagnostics.length > 0) io.stderr.write(formatDiagnostics(result.diagnostics, sources, { color: colorErr }));
  if (options.format === 'json' || options.format === 'yaml') {
    const data = { fits: result.fits, ignored: result.ignored, growthBy: core.growthByFromFits(result.fits) };
    io.stdout.write(options.format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : await yamlText(data));
  } else {
    io.stdout.write(renderFitText(core, result));
  }
  const failed = unreadable > 0 || result.fits.length === 0 || result.diagnostics.some((d) => d.severity === 'error');
  if (options.write !== undefined && result.fits.length > 0) {
    const code = await writeFits(io, core, options.write, result.fits, colorErr);
    if (code !== ExitCode.Ok) return code;
  }
  return failed ? ExitCode.InvalidInput : ExitCode.Ok;
}

/** Writes the fits into the scenario's demand.growthBy; pools the scenario does not define are left out (said so). */
async function writeFits(io: CliIo, core: CoreModule, file: string, fits: readonly ResourceFit[], colorErr: boolean): Promise<number> {
  const abs = isAbsolute(file) ? file : resolve(io.cwd, file);
  let text: string;
  try {
    text = await io.readFile(abs);
  } catch (error) {
    if (!isFsError(error)) throw error;
    io.stderr.write(`headroom: cannot read ${file}: ${describeFsError(error)}\n`);
    return ExitCode.InvalidInput;
  }
  const before = core.parseScenario(text, { fileName: file });
  const pools = new Set((before.scenario?.ceph.pools ?? []).map((p) => p.name));
  const kept = fits.filter((f) => f.resource.kind !== 'pool' || !before.scenario || pools.has(f.resource.name));
  for (const f of fits) if (!kept.includes(f)) io.stderr.write(`headroom: pool ${f.resource.kind === 'pool' ? f.resource.name : ''} is not in ${file}: its fit is not written\n`);
  const written = core.writeGrowthBy(text, core.growthByFromFits(kept));
  if ('error' in written) {
    io.stderr.write(`headroom: ${file}: ${written.error}; nothing written\n`);
    return ExitCode.InvalidInput;
  }
  const check = core.parseScenario(written.text, { fileName: file });
  const errors = check.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'state.not_provided' && d.code !== 'inventory.not_provided');
  if (errors.length > 0) {
    io.stderr.write(formatDiagnostics(errors, new Map([[file, written.text]]), { color: colorErr }));
    io.stderr.write(`headroom: ${file} would not load with the fits; nothing written\n`);
    return ExitCode.InvalidInput;
  }
  try {
    await io.writeFileAtomic(abs, written.text);
  } catch (error) {
    if (!isFsError(error)) throw error;
    io.stderr.write(`headroom: cannot write ${file}: ${describeFsError(error, true)}\n`);
    return ExitCode.InvalidInput;
  }
  io.stderr.write(`wrote the fits into ${file} (demand.growthBy)\n`);
  return ExitCode.Ok;
}

/** Registers `headroom fit`. */
export function registerFitCommand(program: Command, ctx: { io: CliIo; colorErr: boolean; allowed: () => readonly string[] }, setExitCode: (code: number) => void): void {
  program
    .command('fit')
    .description(
      'fit demand history (Prometheus query_range exports, directories of dated ceph df -f json snapshots): linear and compound growth, R², P10/P50/P90 rates; --write puts them in a scenario',
    )
    .argument('<paths...>', 'Prometheus query_range JSON files, or directories of dated `ceph df -f json` snapshots')
    .addOption(formatOption(['text', 'json', 'yaml'], 'text'))
    .option('--horizon <months>', 'months ahead of the last sample the P10/P90 paths run to (default 24)')
    .option('--since <YYYY-MM-DD>', 'fit only samples from this date on (after a change point)')
    .option('--write <scenario>', "write the fits into this scenario's demand.growthBy (atomically; only when it still loads)")
    .action(async (paths: string[], options: FitOptions) => setExitCode(await fitCommand(ctx.io, await import('@headroom/core'), paths, options, ctx.allowed(), ctx.colorErr)));
}
