/**
 * `headroom ceph layouts <file> [-f text|json|yaml] [--device-class <class>] [-o page.html]`:
 * compares Ceph layouts (replicated 2/3/4, EC profiles, host or rack failure domain) on the
 * scenario's storage hardware and stored data (core evaluateLayouts): usable, safe usable,
 * runway, write amplification, fewest hosts, recovery, durability, CAPEX per TB. Text or JSON
 * on stdout; `-o` also writes the comparison as an HTML page (atomically).
 *
 * Exit codes: 0 printed; 2 the scenario is invalid or unreadable, the device class has no OSD,
 * or the page cannot be written.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CephLayoutComparison, CephLayoutRow, Diagnostic, Scenario } from '@headroom/core';
import { ExitCode } from './exit-codes.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';
import { formatDuration, formatOneInYears, formatTB } from './render-text.js';
import { escapeStrings } from './terminal-text.js';
import { formatOption, yamlText } from './output-format.js';

type CoreModule = typeof import('@headroom/core');

/** What the command needs from main.ts. */
export interface LayoutsContext {
  io: CliIo;
  loadCore(): Promise<Pick<CoreModule, 'evaluateLayouts'>>;
  loadReport(): Promise<{ renderLayoutsHtml(comparison: CephLayoutComparison, name: string): string }>;
  loadScenario(file: string): Promise<{ ok: true; scenario: Scenario; diagnostics: Diagnostic[] } | { ok: false; exitCode: number }>;
}

interface LayoutsOptions {
  format: 'text' | 'json' | 'yaml';
  deviceClass?: string;
  hardware?: string;
  output?: string;
}

const num = (v: number, d = 0): string => new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }).format(v);

function cells(c: CephLayoutComparison, r: CephLayoutRow): string[] {
  const money = (v: number | null) => (v === null || c.capex === null ? '-' : `${num(v)} ${c.capex.currency}`);
  return [
    r.label,
    r.healthyAfterLoss ? 'yes' : r.clean ? 'degraded' : 'never clean',
    formatTB(r.usableBytes),
    r.clean ? formatTB(r.safeUsableBytes) : '-',
    !r.clean ? '-' : r.runwayMonths === null ? 'beyond' : `${r.runwayMonths} months`,
    num(r.writeAmplification, 2),
    String(r.fewestHosts),
    r.clean ? formatDuration(r.osdRecoverySeconds) : '-',
    r.annualLossProbability === null ? '-' : formatOneInYears(r.oneInYears),
    r.nines === null ? '-' : String(r.nines),
    r.worstRack === null ? '-' : `${num(r.worstRack.pgFractionLost * 100, 2)}%`,
    money(r.capexPerUsableTb),
    money(r.capexPerSafeUsableTb),
    r.horizon === null ? '-' : String(r.horizon.hosts),
    r.horizon === null ? '-' : money(r.horizon.capex),
    r.horizon === null ? '-' : money(r.horizon.capexPerSafeUsableTb),
  ];
}

/** The comparison as a terminal table, with the reasons of the unhealthy layouts below it. */
export function layoutsText(c: CephLayoutComparison, name: string): string {
  const head = [
    'LAYOUT',
    'HEALTHY',
    'USABLE',
    'SAFE USABLE',
    'RUNWAY',
    'WRITE AMP',
    'FEWEST HOSTS',
    'OSD RECOVERY',
    'DATA LOSS',
    'NINES',
    'WORST RACK',
    'CAPEX/TB',
    'CAPEX/SAFE TB',
    'HORIZON HOSTS',
    'HORIZON CAPEX',
    'HORIZON CAPEX/SAFE TB',
  ];
  const rows = c.rows.map((r) => cells(c, r));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `  ${r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ')}`.trimEnd();
  const out = [
    `${name}: Ceph layouts on ${c.deviceClass === null ? 'every OSD' : `the ${c.deviceClass} OSDs`}${c.hardware === null ? '' : ` of ${c.hardware}`} (${c.osdCount} OSDs, ${formatTB(c.rawBytes)} raw, ${c.storageHosts} hosts in ${c.racks} racks)`,
    `  data: pools ${c.pools.join(', ') || '-'}, ${formatTB(c.storedBytesMonth0)} stored at month 0; tolerated loss: ${c.tolerate.hosts} host(s), ${c.tolerate.racks} rack(s)`,
    `  storage hosts price: ${c.capex === null ? 'unknown' : `${num(c.capex.amount)} ${c.capex.currency}`}; TB = 10^12 bytes; data loss from independent device failures; worst rack = share of PGs lost with it`,
    `  horizon: ${c.horizonSizing ?? 'not sized'}`,
    '',
    line(head),
    ...rows.map(line),
  ];
  const reasons = c.rows.filter((r) => r.reason !== null);
  if (reasons.length > 0) out.push('', ...reasons.map((r) => `  ${r.label}: ${r.reason}`));
  return `${out.join('\n')}\n`;
}

async function layoutsCommand(ctx: LayoutsContext, file: string, options: LayoutsOptions): Promise<number> {
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded.exitCode;
  const hw = options.hardware;
  if (hw !== undefined && !(Object.hasOwn(loaded.scenario.hardware, hw) && loaded.scenario.hardware[hw]!.disks.some((d) => d.use === 'osd'))) {
    const models = Object.values(loaded.scenario.hardware)
      .filter((m) => m.disks.some((d) => d.use === 'osd'))
      .map((m) => m.name);
    ctx.io.stderr.write(escapeStrings(`headroom: ${file}: --hardware ${hw} is not a model of hardware: with OSD disks; the storage models are: ${models.join(', ') || 'none'}\n`));
    return ExitCode.InvalidInput;
  }
  const comparison = core.evaluateLayouts(loaded.scenario, {
    ...(options.deviceClass === undefined ? {} : { deviceClass: options.deviceClass }),
    ...(hw === undefined ? {} : { hardware: hw }),
  });
  if (comparison.osdCount === 0) {
    ctx.io.stderr.write(
      `headroom: ${file}: no OSD ${options.deviceClass === undefined ? 'at all' : `of device class ${escapeStrings(options.deviceClass)}`}: nothing to compare (--device-class takes a class of the storage hosts' OSD disks)\n`,
    );
    return ExitCode.InvalidInput;
  }
  const name = loaded.scenario.name;
  ctx.io.stdout.write(
    options.format === 'json' ? `${JSON.stringify(comparison, null, 2)}\n` : options.format === 'yaml' ? await yamlText(comparison) : escapeStrings(layoutsText(comparison, name)),
  );
  if (options.output === undefined) return ExitCode.Ok;
  const page = (await ctx.loadReport()).renderLayoutsHtml(comparison, name);
  try {
    await ctx.io.writeFileAtomic(isAbsolute(options.output) ? options.output : resolve(ctx.io.cwd, options.output), page);
  } catch (error) {
    if (!isFsError(error)) throw error;
    ctx.io.stderr.write(`headroom: cannot write ${options.output}: ${describeFsError(error, true)}\n`);
    return ExitCode.InvalidInput;
  }
  ctx.io.stderr.write(`headroom: wrote ${options.output}\n`);
  return ExitCode.Ok;
}

/** Registers `headroom ceph layouts` under the `ceph` command (created by registerImportCommands, or here). */
export function registerLayoutsCommand(program: Command, ctx: LayoutsContext, setExitCode: (code: number) => void): void {
  const ceph = program.commands.find((c) => c.name() === 'ceph') ?? program.command('ceph');
  ceph
    .command('layouts')
    .description(
      "compare Ceph layouts (replicated 2/3/4, EC profiles, host or rack failure domain) on a scenario's storage hardware: usable, safe usable, recovery, durability, CAPEX per TB, hosts and CAPEX for the horizon",
    )
    .argument('<file>', 'scenario file (YAML)')
    .addOption(formatOption(['text', 'json', 'yaml'], 'text'))
    .option('--device-class <class>', 'compare on the OSDs of this device class (default: the class whose pools store the most)')
    .option('--hardware <model>', "compare on another storage model of the scenario's hardware: catalogue (every storage group takes it, same host counts)")
    .option('-o, --output <file>', 'also write the comparison as an HTML page (replaced atomically)')
    .action(async (file: string, options: LayoutsOptions) => setExitCode(await layoutsCommand(ctx, file, options)));
}
