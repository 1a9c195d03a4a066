/**
 * `headroom hw check <files...> --role <role>` and `headroom hw facts <files...>`: real
 * servers' inventories (Ironic, lshw -json, dmidecode, lscpu, lscpu --json, /proc/cpuinfo)
 * against the requirements of a role. Every file is one server. A broken file is reported
 * (file:line:col, caret, hint on stderr) and the others are still checked.
 *
 * Exit codes: 0 every requirement passes (unknown allowed unless --strict); 1 a requirement
 * fails (or, with --strict, is unknown); 2 a file cannot be read or imported, or bad usage.
 */
import { escapeJsonText, escapeStrings } from './terminal-text.js';
import { isAbsolute, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CpuCatalogue, Diagnostic, HardwareFacts } from '@headroom/core';
import { ExitCode } from './exit-codes.js';
import { formatDiagnostics } from './format-diagnostics.js';
import { formatOption, yamlText } from './output-format.js';
import { describeFsError, isFsError } from './fs-errors.js';
import { loadCatalogue, type HardwareApi, type HwDeps } from './hw-inputs.js';
import { renderChecksText, renderFactsText, type HwCheck, type NodeResult } from './hw-render.js';
import type { CliIo } from './io.js';

/** What the hw commands need from the CLI's context (main.ts's Context has it). */
export interface HwContext {
  io: CliIo;
  deps: HwDeps;
  colorOut: boolean;
  colorErr: boolean;
}

const ROLE_CHOICES = ['control', 'compute', 'storage', 'deploy'] as const;
type RoleChoice = (typeof ROLE_CHOICES)[number];
const INVENTORY_FORMAT_CHOICES = ['ironic', 'lshw', 'dmidecode', 'lscpu', 'lscpu-json', 'cpuinfo', 'redfish'] as const;

interface ImportOptionsCli {
  format: 'text' | 'json' | 'yaml';
  catalogue?: string;
  inventoryFormat?: (typeof INVENTORY_FORMAT_CHOICES)[number];
}

interface CheckOptions extends ImportOptionsCli {
  role: RoleChoice;
  strict?: boolean;
}

interface Imported {
  hw: HardwareApi;
  nodes: NodeResult[];
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
  catalogueName?: string;
  broken: number;
}

/**
 * Reads and imports every file; facts enriched from the CPU catalogue. The shipped catalogue
 * is read and parsed only when a file lacks cores and gives a model (Ironic); one given with
 * --catalogue is always read, so that a wrong path is reported.
 */
async function importFiles(ctx: HwContext, files: readonly string[], options: ImportOptionsCli): Promise<Imported> {
  const hw = await ctx.deps.loadHardware();
  const out: Imported = { hw, nodes: [], diagnostics: [], sources: new Map(), broken: 0 };
  const imported: { file: string; facts: HardwareFacts; node: NodeResult }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await ctx.io.readFile(isAbsolute(file) ? file : resolve(ctx.io.cwd, file));
    } catch (error) {
      if (!isFsError(error)) throw error;
      const message = `cannot read ${file}: ${describeFsError(error)}`;
      ctx.io.stderr.write(`headroom: ${message}\n`);
      out.nodes.push({ file, status: 'error', error: message, diagnostics: [] });
      out.broken++;
      continue;
    }
    out.sources.set(file, text);
    const r = hw.importInventory(text, { fileName: file, ...(options.inventoryFormat ? { format: options.inventoryFormat } : {}) });
    out.diagnostics.push(...r.diagnostics);
    if (!r.facts) {
      out.nodes.push({ file, ...(r.format ? { format: r.format } : {}), status: 'error', diagnostics: r.diagnostics });
      out.broken++;
      continue;
    }
    const node: NodeResult = { file, format: r.format!, status: 'pass', diagnostics: r.diagnostics };
    out.nodes.push(node);
    imported.push({ file, facts: r.facts, node });
  }
  const needsCatalogue = imported.some(({ facts }) => !facts.cpu.coresPerSocket.known && facts.cpu.model.known);
  let catalogue: CpuCatalogue | undefined;
  if (options.catalogue !== undefined || needsCatalogue) {
    const loaded = await loadCatalogue(ctx.io, ctx.deps, hw.parseCpuCatalogue, options.catalogue);
    if (loaded.error) {
      ctx.io.stderr.write(`headroom: ${loaded.error}\n`);
      out.broken++;
    }
    if (loaded.source && loaded.diagnostics.length > 0) out.sources.set(loaded.source.fileName, loaded.source.text);
    out.diagnostics.push(...loaded.diagnostics);
    if (loaded.diagnostics.some((d) => d.severity === 'error')) out.broken++;
    catalogue = loaded.catalogue;
    if (catalogue) out.catalogueName = catalogue.fileName;
  }
  for (const { facts, node } of imported) node.facts = hw.enrichCpuFacts(facts, catalogue);
  return out;
}

function printDiagnostics(ctx: HwContext, imported: Imported): void {
  if (imported.diagnostics.length > 0) ctx.io.stderr.write(formatDiagnostics(imported.diagnostics, imported.sources, { color: ctx.colorErr }));
}

/** `headroom hw check`. */
async function checkCommand(ctx: HwContext, files: string[], options: CheckOptions): Promise<number> {
  const imported = await importFiles(ctx, files, options);
  const { hw } = imported;
  const requirements = hw.DEFAULT_REQUIREMENTS[options.role];
  let failed = 0;
  let unknown = 0;
  for (const node of imported.nodes) {
    if (!node.facts) continue;
    const checks: HwCheck[] = hw.checkFacts(options.role, node.facts, requirements).map((c) => ({
      label: hw.REQUIREMENT_LABELS[c.requirement as keyof typeof requirements] ?? c.requirement,
      ...c,
    }));
    node.checks = checks;
    node.status = checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'unknown') ? 'unknown' : 'pass';
    if (node.status === 'fail') failed++;
    if (node.status === 'unknown') unknown++;
  }
  printDiagnostics(ctx, imported);
  if (options.format === 'json') {
    const summary = { pass: 0, fail: 0, unknown: 0, error: 0 };
    for (const n of imported.nodes) summary[n.status]++;
    const json = { role: options.role, requirements, catalogue: imported.catalogueName ?? null, nodes: imported.nodes, summary };
    ctx.io.stdout.write(`${escapeJsonText(JSON.stringify(json, null, 2))}\n`);
  } else if (options.format === 'yaml') {
    const summary = { pass: 0, fail: 0, unknown: 0, error: 0 };
    for (const n of imported.nodes) summary[n.status]++;
    ctx.io.stdout.write(await yamlText({ role: options.role, requirements, catalogue: imported.catalogueName ?? null, nodes: imported.nodes, summary }));
  } else {
    ctx.io.stdout.write(renderChecksText(escapeStrings(imported.nodes), options.role, { color: ctx.colorOut }));
  }
  if (imported.broken > 0) return ExitCode.InvalidInput;
  if (failed > 0 || (options.strict && unknown > 0)) return ExitCode.Findings;
  return ExitCode.Ok;
}

/** `headroom hw facts`. */
async function factsCommand(ctx: HwContext, files: string[], options: ImportOptionsCli): Promise<number> {
  const imported = await importFiles(ctx, files, options);
  printDiagnostics(ctx, imported);
  if (options.format === 'json') {
    ctx.io.stdout.write(`${escapeJsonText(JSON.stringify({ catalogue: imported.catalogueName ?? null, nodes: imported.nodes }, null, 2))}\n`);
  } else if (options.format === 'yaml') {
    ctx.io.stdout.write(await yamlText({ catalogue: imported.catalogueName ?? null, nodes: imported.nodes }));
  } else {
    ctx.io.stdout.write(renderFactsText(escapeStrings(imported.nodes), { color: ctx.colorOut }));
  }
  return imported.broken > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
}

function commonOptions(command: Command): Command {
  return command
    .addOption(formatOption(['text', 'json', 'yaml'], 'text'))
    .option('--catalogue <csv>', 'CPU catalogue CSV that fills in cores by model (default: the quattor catalogue shipped with headroom)')
    .addOption(new Option('--inventory-format <format>', "the files' format (default: detected from each file's content)").choices(INVENTORY_FORMAT_CHOICES));
}

/** Adds `hw check` and `hw facts` to the program. */
export function registerHwCommands(program: Command, ctx: HwContext, setExitCode: (code: number) => void): void {
  const hw = program.command('hw').description('check real servers against role requirements, from their inventories (Ironic, lshw -json, dmidecode, lscpu, /proc/cpuinfo)');
  commonOptions(
    hw
      .command('check')
      .description('check each inventory file (one server each) against the requirements of a role; exit 1 when one fails')
      .argument('<file...>', 'inventory files'),
  )
    .addOption(new Option('--role <role>', 'the role the servers are for').choices(ROLE_CHOICES).makeOptionMandatory())
    .option('--strict', 'exit 1 when a requirement is unknown, too (unknown is never a pass)')
    .action(async (files: string[], options: CheckOptions) => setExitCode(await checkCommand(ctx, files, options)));
  commonOptions(
    hw.command('facts').description('print the facts imported from each inventory file, with the field each one comes from').argument('<file...>', 'inventory files'),
  ).action(async (files: string[], options: ImportOptionsCli) => setExitCode(await factsCommand(ctx, files, options)));
}
