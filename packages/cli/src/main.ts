/**
 * The `headroom` command line: reads files, calls core, renders, picks the exit code.
 * No capacity arithmetic happens here.
 *
 * Start-up stays light: this module loads only commander and the CLI's own formatting code.
 * Core (yaml, zod, mathjs) is imported when a command needs it, and the report (vega) only
 * by `headroom report`.
 */
import { isAbsolute, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { Diagnostic, PlanDiff, PlanResult, Provenance, Role, Scenario } from '@headroom/core';
import { ExitCode, FAIL_ON_LEVELS, failingItems, type FailOn } from './exit-codes.js';
import { countDiagnostics, formatDiagnostics } from './format-diagnostics.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';
import { registerHwCommands } from './hw-command.js';
import { registerImportCommands } from './import-commands.js';
import { registerBomCommand } from './bom-command.js';
import { registerLayoutsCommand } from './layouts-command.js';
import { registerInteropCommands } from './interop-commands.js';
import { registerDiffCommand, readPreviousPlan } from './diff-command.js';
import { provenanceOf } from './provenance.js';
import { registerFitCommand } from './fit-command.js';
import { defaultHwDeps, readScenarioInventories, type HwDeps } from './hw-inputs.js';
import { readScenarioStateDirs } from './state-inputs.js';
import { readScenarioHistories } from './history-inputs.js';
import { renderText } from './render-text.js';
import { shouldUseColor } from './style.js';
import { escapeControl, escapeControlLines, escapeJsonText } from './terminal-text.js';
import { diagnosticsCsv, diagnosticsReport, formatOption, jsonText, yamlText, type OutputFormat, type UnreadableFile } from './output-format.js';
import { sarifLog } from './sarif.js';
import { registerStarterCommands } from './starter-commands.js';

type CoreModule = typeof import('@headroom/core');

/** Roles, for --role (kept here: the CLI loads core lazily). */
const ROLE_CHOICES: readonly Role[] = ['control', 'compute', 'storage', 'deploy'];

/** The part of @headroom/core the CLI calls. */
export type CoreApi = Pick<CoreModule, 'parseScenario' | 'evaluate' | 'scenarioJsonSchema'> & Partial<Pick<CoreModule, 'DIAGNOSTIC_CODES'>>;

/** The part of @headroom/core the network commands call (netplan, import-network-data). */
export type NetworkCoreApi = CoreApi & Pick<CoreModule, 'netplanFiles' | 'importNetworkData'>;

/** The part of @headroom/report the CLI calls. */
export interface ReportApi {
  renderHtml(plan: PlanResult, options?: { title?: string; previous?: PlanDiff }): Promise<string>;
}

/** Module loaders, replaceable in tests. The defaults import the real packages lazily. */
export interface CliDeps extends HwDeps {
  loadCore(): Promise<CoreApi>;
  loadReport(): Promise<ReportApi>;
  loadVersion(): Promise<string>;
  loadNetworkCore(): Promise<NetworkCoreApi>;
}

/**
 * core's VERSION without loading all of core: core's entry point pulls in yaml, zod and mathjs,
 * while `--version` and `--help` need one string. Imports `version.js` next to core's resolved
 * entry point, falling back to the entry point itself.
 */
async function loadCoreVersion(): Promise<string> {
  try {
    const entry = import.meta.resolve('@headroom/core');
    const mod = (await import(new URL('./version.js', entry).href)) as { VERSION?: unknown };
    if (typeof mod.VERSION === 'string') return mod.VERSION;
  } catch {
    // fall through to the full import
  }
  return (await import('@headroom/core')).VERSION;
}

/** The real modules, imported on first use. */
export const defaultDeps: CliDeps = {
  loadCore: () => import('@headroom/core'),
  loadReport: () => import('@headroom/report'),
  loadVersion: loadCoreVersion,
  loadNetworkCore: () => import('@headroom/core'),
  ...defaultHwDeps,
};

interface Context {
  io: CliIo;
  /** headroom's version (SARIF's tool.driver.version). */
  version?: string;
  deps: CliDeps;
  /** Colour on stdout / stderr. */
  colorOut: boolean;
  colorErr: boolean;
  /** Folders a scenario may read files from besides its own (--allow-path). */
  allowedPaths: string[];
}

const EXIT_CODE_HELP = `
Exit codes:
  0  fine
  1  findings (or warnings/notes about the file) at or above --fail-on
  2  invalid input: errors in a scenario file, an unreadable file, bad usage
  3  internal error: a bug in headroom, please report it

Environment:
  NO_COLOR=1        no colour, even on a terminal
  HEADROOM_DEBUG=1  print the stack trace of an internal error
`;

function absolute(ctx: Context, file: string): string {
  return isAbsolute(file) ? file : resolve(ctx.io.cwd, file);
}

/** The name a file argument is shown and located by: `-` is standard input. */
export function inputName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

/** Where readInput records what it could not read, for the machine formats (JSON, SARIF). */
interface ReadSink {
  diagnostics: Diagnostic[];
  unreadable: UnreadableFile[];
}

/**
 * Reads a scenario file (`-`: standard input); on an I/O error prints a one-line message and
 * returns undefined. With a `sink`, an encoding error becomes a diagnostic in the sink (not
 * printed) and any other error is also recorded there.
 */
async function readInput(ctx: Context, file: string, sink?: ReadSink): Promise<string | undefined> {
  try {
    if (file === '-') {
      if (!ctx.io.readStdin) throw Object.assign(new Error('ENOENT: no standard input'), { code: 'ENOENT', path: '<stdin>' });
      return await ctx.io.readStdin();
    }
    return await ctx.io.readFile(absolute(ctx, file));
  } catch (error) {
    if (!isFsError(error)) throw error;
    const enc = error as { code: string; line?: number; col?: number; detail?: string };
    if (enc.code === 'EILSEQ' && enc.detail) {
      // a positioned diagnostic, as for any other problem in the file (its content is not quoted)
      const diagnostic: Diagnostic = {
        code: 'input.encoding',
        severity: 'error',
        path: [],
        message: enc.detail,
        location: { file: inputName(file), line: enc.line ?? 1, col: enc.col ?? 1 },
        hint: 'save the file as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8 in.yaml > out.yaml)',
      };
      if (sink) {
        sink.diagnostics.push(diagnostic);
        return undefined;
      }
      ctx.io.stderr.write(formatDiagnostics([diagnostic], new Map(), { color: ctx.colorErr }));
      return undefined;
    }
    ctx.io.stderr.write(`headroom: cannot read ${inputName(file)}: ${describeFsError(error)}\n`);
    sink?.unreadable.push({ file: inputName(file), message: describeFsError(error) });
    return undefined;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `headroom validate <file...> [-f text|json|yaml|csv|sarif]`: every file's diagnostics on
 * stdout; 2 when any file has an error or cannot be read. Text: each diagnostic with its
 * source line and a summary; json/yaml: a DiagnosticsReport; csv: one row per diagnostic;
 * sarif: SARIF 2.1.0 for code scanning (sarif.ts).
 */
async function validateCommand(ctx: Context, files: string[], options: { format: OutputFormat } = { format: 'text' }): Promise<number> {
  const core = await ctx.deps.loadCore();
  const machine = options.format !== 'text';
  const sources = new Map<string, string>();
  const inventorySources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const sink: ReadSink = { diagnostics, unreadable: [] };
  let unreadable = 0;
  for (const file of files) {
    const text = await readInput(ctx, file, machine ? sink : undefined);
    if (text === undefined) {
      unreadable++;
      continue;
    }
    const name = inputName(file);
    sources.set(name, text);
    const inventories = await readScenarioInventories(ctx.io, ctx.deps, name, text, ctx.allowedPaths);
    for (const [source, inventoryText] of inventories.sources) inventorySources.set(source, inventoryText);
    for (const note of inventories.notes) ctx.io.stderr.write(`${note}\n`);
    const state = await readScenarioStateDirs(ctx.io, name, text, ctx.allowedPaths);
    for (const [source, stateText] of state.sources) inventorySources.set(source, stateText);
    const history = await readScenarioHistories(ctx.io, name, text, ctx.allowedPaths);
    for (const [source, historyText] of history.sources) inventorySources.set(source, historyText);
    diagnostics.push(...core.parseScenario(text, { fileName: name, ...inventories.options, ...state.options, ...history.options }).diagnostics);
  }
  const hasError = diagnostics.some((d) => d.severity === 'error');
  const exitCode = hasError || unreadable > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
  if (options.format === 'sarif') {
    const describe = (code: string) => (core.DIAGNOSTIC_CODES as Record<string, string> | undefined)?.[code];
    ctx.io.stdout.write(jsonText(sarifLog(diagnostics, { version: ctx.version ?? '', cwd: ctx.io.cwd, describe, unreadable: sink.unreadable })));
    return exitCode;
  }
  if (options.format === 'csv') {
    ctx.io.stdout.write(escapeControlLines(diagnosticsCsv(diagnostics)));
    return exitCode;
  }
  if (options.format === 'json' || options.format === 'yaml') {
    const report = diagnosticsReport([...sources.keys()], diagnostics, sink.unreadable);
    ctx.io.stdout.write(options.format === 'json' ? jsonText(report) : await yamlText(report));
    return exitCode;
  }
  ctx.io.stdout.write(formatDiagnostics(diagnostics, new Map([...sources, ...inventorySources]), { color: ctx.colorOut }));
  const summary = [
    ...(sources.size > 0 || unreadable === 0 ? [`${plural(sources.size, 'file')} checked: ${countDiagnostics(diagnostics)}`] : []),
    ...(unreadable > 0 ? [`${plural(unreadable, 'file')} could not be read`] : []),
  ];
  ctx.io.stdout.write(`${summary.join('; ')}\n`);
  return exitCode;
}

type Loaded =
  | { ok: true; scenario: Scenario; diagnostics: Diagnostic[]; provenance: Provenance }
  | { ok: false; exitCode: number; diagnostics: Diagnostic[]; unreadable: UnreadableFile[] };

/**
 * Reads and parses one scenario (`-`: standard input); diagnostics go to stderr (stdout is for
 * the plan). A failure carries the diagnostics, for a command that prints them as JSON.
 */
async function loadScenario(ctx: Context, core: CoreApi, input: string): Promise<Loaded> {
  const sink: ReadSink = { diagnostics: [], unreadable: [] };
  const text = await readInput(ctx, input, sink);
  if (text === undefined) {
    if (sink.diagnostics.length > 0) ctx.io.stderr.write(formatDiagnostics(sink.diagnostics, new Map(), { color: ctx.colorErr }));
    return { ok: false, exitCode: ExitCode.InvalidInput, ...sink };
  }
  const file = inputName(input);
  const inventories = await readScenarioInventories(ctx.io, ctx.deps, file, text, ctx.allowedPaths);
  for (const note of inventories.notes) ctx.io.stderr.write(`${note}\n`);
  const state = await readScenarioStateDirs(ctx.io, file, text, ctx.allowedPaths);
  const history = await readScenarioHistories(ctx.io, file, text, ctx.allowedPaths);
  const { scenario, diagnostics } = core.parseScenario(text, { fileName: file, ...inventories.options, ...state.options, ...history.options });
  if (diagnostics.length > 0) {
    ctx.io.stderr.write(formatDiagnostics(diagnostics, new Map([[file, text], ...inventories.sources, ...state.sources, ...history.sources]), { color: ctx.colorErr }));
    ctx.io.stderr.write(`${file}: ${countDiagnostics(diagnostics)}\n`);
  }
  if (!scenario || diagnostics.some((d) => d.severity === 'error')) {
    return { ok: false, exitCode: ExitCode.InvalidInput, diagnostics, unreadable: [] };
  }
  return { ok: true, scenario, diagnostics, provenance: provenanceOf(file, text, [...inventories.sources, ...state.sources]) };
}

/** What diff and report --previous need from this module: reading files, loading scenarios, printing diagnostics. */
function diffContext(ctx: Context) {
  return {
    io: ctx.io,
    readText: (file: string) => readInput(ctx, file),
    loadScenario: async (file: string) => loadScenario(ctx, await ctx.deps.loadCore(), file),
    printDiagnostics: (diagnostics: Diagnostic[], file: string, text: string) =>
      ctx.io.stderr.write(formatDiagnostics(diagnostics, new Map([[file, text]]), { color: ctx.colorErr })),
  };
}

/** Exit code after a successful evaluation, explaining a failure on stderr. */
function failOnExitCode(ctx: Context, plan: PlanResult, diagnostics: Diagnostic[], failOn: FailOn): number {
  const failing = [...failingItems(plan.findings, failOn), ...failingItems(diagnostics, failOn)];
  if (failing.length === 0) return ExitCode.Ok;
  ctx.io.stderr.write(`headroom: ${plural(failing.length, 'finding')} at or above ${failOn} (--fail-on ${failOn})\n`);
  return ExitCode.Findings;
}

interface PlanOptions {
  format: 'text' | 'json' | 'yaml';
  failOn: FailOn;
  withoutPurchases?: boolean;
}

/**
 * `headroom plan <file>`: the plan as text, JSON or YAML (the PlanResult) on stdout. With
 * JSON or YAML, a file with errors prints its DiagnosticsReport on stdout instead (exit 2).
 */
async function planCommand(ctx: Context, file: string, options: PlanOptions): Promise<number> {
  const core = await ctx.deps.loadCore();
  const loaded = await loadScenario(ctx, core, file);
  if (!loaded.ok) {
    if (options.format !== 'text') {
      const report = diagnosticsReport(loaded.unreadable.length > 0 ? [] : [inputName(file)], loaded.diagnostics, loaded.unreadable);
      ctx.io.stdout.write(options.format === 'json' ? jsonText(report) : await yamlText(report));
    }
    return loaded.exitCode;
  }
  const plan = core.evaluate(loaded.scenario, { withoutPurchases: options.withoutPurchases ?? false, provenance: loaded.provenance });
  ctx.io.stdout.write(
    options.format === 'json' ? `${escapeJsonText(JSON.stringify(plan, null, 2))}\n` : options.format === 'yaml' ? await yamlText(plan) : renderText(plan, { color: ctx.colorOut }),
  );
  return failOnExitCode(ctx, plan, loaded.diagnostics, options.failOn);
}

interface ReportOptions {
  output: string;
  previous?: string;
  failOn: FailOn;
  withoutPurchases?: boolean;
}

/** `headroom report <file> -o out.html`: the plan summary on stdout, the HTML report written atomically. */
async function reportCommand(ctx: Context, file: string, options: ReportOptions): Promise<number> {
  const core = await ctx.deps.loadCore();
  const loaded = await loadScenario(ctx, core, file);
  if (!loaded.ok) return loaded.exitCode;
  const plan = core.evaluate(loaded.scenario, { withoutPurchases: options.withoutPurchases ?? false, provenance: loaded.provenance });
  let previous: PlanDiff | undefined;
  if (options.previous !== undefined) {
    const old = await readPreviousPlan(diffContext(ctx), options.previous);
    if (!old.ok) return old.exitCode;
    previous = (await import('@headroom/core')).diffPlans(old.plan, plan);
  }
  ctx.io.stdout.write(renderText(plan, { color: ctx.colorOut }));
  const report = await ctx.deps.loadReport();
  const html = await report.renderHtml(plan, previous ? { previous } : {});
  if (typeof html !== 'string') throw new Error('renderHtml did not return a string');
  try {
    await ctx.io.writeFileAtomic(absolute(ctx, options.output), html);
  } catch (error) {
    if (!isFsError(error)) throw error;
    ctx.io.stderr.write(`headroom: cannot write ${options.output}: ${describeFsError(error, true)}\n`);
    return ExitCode.InvalidInput;
  }
  ctx.io.stderr.write(`headroom: wrote ${options.output}\n`);
  return failOnExitCode(ctx, plan, loaded.diagnostics, options.failOn);
}

/** `headroom schema [-f json|yaml]`: the scenario file's JSON Schema. */
async function schemaCommand(ctx: Context, options: { format: OutputFormat } = { format: 'json' }): Promise<number> {
  const core = await ctx.deps.loadCore();
  const schema = core.scenarioJsonSchema();
  ctx.io.stdout.write(options.format === 'yaml' ? await yamlText(schema) : `${JSON.stringify(schema, null, 2)}\n`);
  return ExitCode.Ok;
}

interface NetplanOptions {
  role?: Role;
  output?: string;
}

/**
 * `headroom netplan <file> [--role r] [-o dir]`: the netplan YAML of every host (of one
 * role), on stdout as YAML documents, or written atomically as <dir>/<host>.yaml.
 */
async function netplanCommand(ctx: Context, file: string, options: NetplanOptions): Promise<number> {
  const core = await ctx.deps.loadNetworkCore();
  const loaded = await loadScenario(ctx, core, file);
  if (!loaded.ok) return loaded.exitCode;
  if (!loaded.scenario.network) {
    ctx.io.stderr.write(`headroom: ${file} has no network: section, so there is no interface configuration to export\n`);
    return ExitCode.InvalidInput;
  }
  const files = core.netplanFiles(loaded.scenario, options.role ? { role: options.role } : {});
  if (files.length === 0) {
    ctx.io.stderr.write(`headroom: no host${options.role ? ` of role ${options.role}` : ''} has a network configuration in ${file}\n`);
    return ExitCode.InvalidInput;
  }
  if (options.output === undefined) {
    ctx.io.stdout.write(escapeControl(files.map((f) => f.text).join('---\n')));
    return ExitCode.Ok;
  }
  try {
    await ctx.io.writeDirAtomic(
      absolute(ctx, options.output),
      files.map((f) => ({ name: f.fileName, data: f.text })),
    );
  } catch (error) {
    if (!isFsError(error)) throw error;
    ctx.io.stderr.write(`headroom: cannot write ${options.output}: ${describeFsError(error)}\n`);
    return ExitCode.InvalidInput;
  }
  ctx.io.stderr.write(`headroom: wrote ${plural(files.length, 'netplan file')} to ${options.output}\n`);
  return ExitCode.Ok;
}

interface ImportNetworkDataOptions {
  role: Role;
  ports?: string;
}

/**
 * `headroom import-network-data <network_data.json> [--role r] [--ports a=nic0p0,...]`: the
 * equivalent scenario snippet (YAML) on stdout, what could not be imported as comments.
 */
async function importNetworkDataCommand(ctx: Context, file: string, options: ImportNetworkDataOptions): Promise<number> {
  const core = await ctx.deps.loadNetworkCore();
  const text = await readInput(ctx, file);
  if (text === undefined) return ExitCode.InvalidInput;
  const portMap: Record<string, string> = {};
  for (const pair of (options.ports ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [link, port] = pair.split('=').map((x) => x.trim());
    if (!link || !port || !/^nic\d+p\d+$/.test(port)) {
      ctx.io.stderr.write(`headroom: --ports takes link=nic<card>p<port> pairs, e.g. interface0=nic0p0,interface1=nic1p0 (got "${pair}")\n`);
      return ExitCode.InvalidInput;
    }
    portMap[link] = port;
  }
  const result = core.importNetworkData(text, { fileName: file, role: options.role, ...(options.ports ? { portMap } : {}) });
  if (result.diagnostics.length > 0 || result.text === undefined) {
    ctx.io.stderr.write(formatDiagnostics(result.diagnostics, new Map([[file, text]]), { color: ctx.colorErr }));
    return ExitCode.InvalidInput;
  }
  ctx.io.stdout.write(escapeControl(result.text));
  return ExitCode.Ok;
}

function withoutPurchasesOption(): Option {
  return new Option('--without-purchases', 'evaluate the cloud as it is: the findings, verdict and exit code ignore the purchase schedule (still listed)');
}

function failOnOption(): Option {
  return new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_ON_LEVELS).default('error');
}

function buildProgram(ctx: Context, version: string, setExitCode: (code: number) => void): Command {
  const program = new Command('headroom')
    .description('Plan the hardware of an OpenStack + Ceph private cloud: capacity, headroom and runway.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      getOutHasColors: () => ctx.colorOut,
      getErrHasColors: () => ctx.colorErr,
    })
    .showHelpAfterError('(run "headroom --help" for usage)')
    .option(
      '--allow-path <dir>',
      "a folder that files named in a scenario (inventory:, storageFrom:, historyFrom:) may also be read from; repeatable (default: only the scenario's own folder)",
      (dir: string, previous: string[]) => [...previous, dir],
      [] as string[],
    )
    .hook('preAction', (command) => {
      ctx.allowedPaths = (command.optsWithGlobals() as { allowPath?: string[] }).allowPath ?? [];
    })
    .addHelpText('after', EXIT_CODE_HELP);

  // Subcommands copy the settings above (exitOverride, output), so they come after.
  program
    .command('validate')
    .description('check scenario files and print every diagnostic (stdout)')
    .argument('<file...>', 'scenario files (YAML; - reads standard input)')
    .addOption(formatOption(['text', 'json', 'yaml', 'csv', 'sarif'], 'text', 'output format (sarif: SARIF 2.1.0, for code scanning annotations)'))
    .action(async (files: string[], options: { format: OutputFormat }) => setExitCode(await validateCommand(ctx, files, options)));

  program
    .command('plan')
    .description('evaluate a scenario and print the plan (diagnostics go to stderr)')
    .argument('<file>', 'scenario file (YAML; - reads standard input)')
    .addOption(formatOption(['text', 'json', 'yaml'], 'text', 'output format (json, yaml: the whole PlanResult, or the diagnostics of a file with errors)'))
    .addOption(failOnOption())
    .addOption(withoutPurchasesOption())
    .action(async (file: string, options: PlanOptions) => setExitCode(await planCommand(ctx, file, options)));

  program
    .command('report')
    .description('evaluate a scenario, print the plan summary and write the HTML report')
    .argument('<file>', 'scenario file (YAML; - reads standard input)')
    .requiredOption('-o, --output <file>', 'HTML file to write (replaced atomically)')
    .option('--previous <plan.json>', 'a previous plan (headroom plan --format json) or scenario: the report adds a "What changed" section')
    .addOption(failOnOption())
    .addOption(withoutPurchasesOption())
    .action(async (file: string, options: ReportOptions) => setExitCode(await reportCommand(ctx, file, options)));

  program
    .command('netplan')
    .description('write the netplan YAML (bonds, VLANs, MTU, addresses) of every host of a scenario with a network: section')
    .argument('<file>', 'scenario file (YAML; - reads standard input)')
    .addOption(new Option('--role <role>', 'only the hosts of this role').choices(ROLE_CHOICES))
    .option(
      '-o, --output <dir>',
      'write <dir>/<host>.yaml; the folder is replaced as a whole (a new folder swapped in), never a mix of old and new files (default: print to stdout)',
    )
    .action(async (file: string, options: NetplanOptions) => setExitCode(await netplanCommand(ctx, file, options)));

  program
    .command('import-network-data')
    .description('print the scenario network: snippet equivalent to a config-drive network_data.json')
    .argument('<file>', 'network_data.json')
    .addOption(new Option('--role <role>', 'the role of the host it describes').choices(ROLE_CHOICES).default('compute'))
    .option('--ports <map>', 'which port each link is, e.g. interface0=nic0p0,interface1=nic1p0 (default: nic0p0, nic0p1, ... in order)')
    .action(async (file: string, options: ImportNetworkDataOptions) => setExitCode(await importNetworkDataCommand(ctx, file, options)));

  program
    .command('schema')
    .description('print the JSON Schema of scenario files')
    .addOption(formatOption(['json', 'yaml'], 'json'))
    .action(async (options: { format: OutputFormat }) => setExitCode(await schemaCommand(ctx, options)));

  registerHwCommands(program, ctx, setExitCode);
  registerImportCommands(program, ctx, setExitCode);
  registerFitCommand(program, { io: ctx.io, colorErr: ctx.colorErr, allowed: () => ctx.allowedPaths }, setExitCode);
  registerStarterCommands(program, ctx, setExitCode);
  registerBomCommand(
    program,
    { io: ctx.io, loadCore: () => import('@headroom/core'), loadScenario: async (file) => loadScenario(ctx, await ctx.deps.loadCore(), file) },
    setExitCode,
  );
  registerLayoutsCommand(
    program,
    {
      io: ctx.io,
      loadCore: () => import('@headroom/core'),
      loadReport: () => import('@headroom/report'),
      loadScenario: async (file) => loadScenario(ctx, await ctx.deps.loadCore(), file),
    },
    setExitCode,
  );
  registerInteropCommands(
    program,
    { io: ctx.io, colorErr: ctx.colorErr, loadCore: () => import('@headroom/core'), loadScenario: async (file) => loadScenario(ctx, await ctx.deps.loadCore(), file) },
    setExitCode,
  );
  registerDiffCommand(program, diffContext(ctx), setExitCode);

  return program;
}

/** Prints an unexpected exception: message always, stack trace only with HEADROOM_DEBUG. */
function internalError(io: CliIo, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`headroom: internal error: ${message}\n`);
  const debug = io.env['HEADROOM_DEBUG'];
  if (debug && debug !== '0' && error instanceof Error && error.stack) {
    io.stderr.write(`${error.stack}\n`);
  }
  io.stderr.write('please report this, with the command and the scenario file' + (debug && debug !== '0' ? '\n' : ' (HEADROOM_DEBUG=1 prints the stack trace)\n'));
  return ExitCode.InternalError;
}

/**
 * Runs the `headroom` command line with `argv` (the arguments after the program name) and
 * returns the exit code: 0 fine, 1 findings at or above --fail-on, 2 invalid input or usage,
 * 3 internal error. Never throws and never calls process.exit; all output goes through `io`.
 * `deps` replaces module loaders (tests).
 */
export async function run(argv: readonly string[], io: CliIo, deps: Partial<CliDeps> = {}): Promise<number> {
  const ctx: Context = {
    io,
    deps: { ...defaultDeps, ...deps },
    colorOut: shouldUseColor(io.stdout, io.env),
    colorErr: shouldUseColor(io.stderr, io.env),
    allowedPaths: [],
  };
  let exitCode: number = ExitCode.Ok;
  try {
    ctx.version = await ctx.deps.loadVersion();
    const program = buildProgram(ctx, ctx.version, (code) => (exitCode = code));
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help, --version, `help`: 0. Unknown options or commands, missing arguments, bad choices: 2.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.InvalidInput;
    }
    return internalError(io, error);
  }
}
