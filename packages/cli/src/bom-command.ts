/**
 * `headroom bom <file> [--format csv|json] [--table orders|cost|months] [-o out]`: the
 * procurement plan's bill of materials (orders: one row per purchase: order-by date, delivery
 * month, role, model, quantity, prices in the scenario's currency, power, heat, rack units;
 * cost: every line of the whole bill and running cost; months: CAPEX, OPEX and energy per
 * month), on stdout or written atomically to `-o`. JSON: the procurement plan with `cost`.
 *
 * Exit codes: 0 written; 2 the scenario is invalid or unreadable, has no `procurement:`
 * section (the orders table and JSON; the cost and months tables need none), or the output
 * cannot be written.
 */
import { isAbsolute, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic, Scenario } from '@headroom/core';
import { ExitCode } from './exit-codes.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';
import { simulationText } from './procurement-text.js';
import { escapeControlLines, escapeJsonText, escapeStrings } from './terminal-text.js';
import { formatOption, yamlText } from './output-format.js';

type CoreModule = typeof import('@headroom/core');
type BomCore = Pick<CoreModule, 'parseScenario' | 'evaluate' | 'procurementCsv' | 'procurementJson' | 'simulateProcurement' | 'costCsv' | 'costMonthsCsv'>;

/** What the bom command needs from main.ts: its context and scenario loader (diagnostics printed on stderr). */
export interface BomContext {
  io: CliIo;
  loadCore(): Promise<BomCore>;
  loadScenario(file: string): Promise<{ ok: true; scenario: Scenario; diagnostics: Diagnostic[] } | { ok: false; exitCode: number }>;
}

interface BomOptions {
  format: 'csv' | 'json' | 'yaml';
  table: 'orders' | 'cost' | 'months';
  output?: string;
}

async function bomCommand(ctx: BomContext, file: string, options: BomOptions): Promise<number> {
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded.exitCode;
  const result = core.evaluate(loaded.scenario);
  const plan = result.procurement;
  const cost = result.cost;
  // the whole bill needs no purchase schedule (a scenario may be bought as it is: costs.initialFleet buy)
  const costTable = options.format === 'csv' && options.table !== 'orders' && cost ? (options.table === 'cost' ? core.costCsv(cost) : core.costMonthsCsv(cost)) : undefined;
  if (!plan && costTable === undefined) {
    ctx.io.stderr.write(`headroom: ${file} has no procurement: section, so there is nothing to buy (add procurement.roles.compute / storage)\n`);
    return ExitCode.InvalidInput;
  }
  const text =
    costTable ??
    (options.format === 'json'
      ? core.procurementJson(plan!, cost)
      : options.format === 'yaml'
        ? await yamlText(JSON.parse(core.procurementJson(plan!, cost)))
        : core.procurementCsv(plan!));
  if (options.output === undefined) {
    ctx.io.stdout.write(options.format === 'json' ? escapeJsonText(text) : escapeControlLines(text));
    return ExitCode.Ok;
  }
  const path = isAbsolute(options.output) ? options.output : resolve(ctx.io.cwd, options.output);
  try {
    await ctx.io.writeFileAtomic(path, text);
  } catch (error) {
    if (!isFsError(error)) throw error;
    ctx.io.stderr.write(`headroom: cannot write ${options.output}: ${describeFsError(error, true)}\n`);
    return ExitCode.InvalidInput;
  }
  ctx.io.stderr.write(`headroom: wrote ${options.output} (${costTable !== undefined ? `the ${options.table} table` : `${plan!.purchases.length} purchases`})\n`);
  return ExitCode.Ok;
}

/**
 * The most runs `simulate` takes: 100,000. Every run reads the same capacity curves, so a run
 * costs tens of microseconds (10,000 runs of scenarios/regional-cloud.yaml: well under 2 s).
 */
export const MAX_RUNS = 100_000;

interface SimulateOptions {
  growth: string;
  runs: string;
  seed: string;
  format: 'text' | 'json' | 'yaml';
}

/**
 * `headroom simulate <file> --growth low,likely,high [--runs n (1..100,000)] [--seed s]`:
 * P10 / P50 / P90 of the procurement plan under a triangular distribution of the monthly
 * growth rate: CAPEX with its currency, hosts per role, first delivery month and first
 * order-by date. Progress on stderr when it runs longer than a second on a terminal.
 */
async function simulateCommand(ctx: BomContext, file: string, options: SimulateOptions): Promise<number> {
  const parts = options.growth.split(',').map((x) => Number(x.trim()));
  const runs = Number(options.runs);
  const seed = Number(options.seed);
  const [low, likely, high] = parts;
  if (parts.length !== 3 || low === undefined || likely === undefined || high === undefined || parts.some((x) => !Number.isFinite(x)) || !(low <= likely && likely <= high)) {
    ctx.io.stderr.write(`headroom: --growth takes three monthly rates low,likely,high with low <= likely <= high, e.g. 0.02,0.045,0.07 (got "${options.growth}")\n`);
    return ExitCode.InvalidInput;
  }
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS || !Number.isInteger(seed)) {
    ctx.io.stderr.write(`headroom: --runs takes an integer from 1 to ${MAX_RUNS} and --seed an integer\n`);
    return ExitCode.InvalidInput;
  }
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded.exitCode;
  // Progress on stderr once the run has taken more than a second, and only on a terminal.
  const started = Date.now();
  let shown = false;
  const onProgress = (done: number, total: number): void => {
    if (ctx.io.stderr.isTTY !== true || Date.now() - started < 1000) return;
    shown = true;
    ctx.io.stderr.write(`\rsimulate: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} runs`);
  };
  const sim = core.simulateProcurement(loaded.scenario, { growth: { low, likely, high }, runs, seed, onProgress });
  if (shown) ctx.io.stderr.write('\r\u001b[K');
  if (!sim) {
    ctx.io.stderr.write(`headroom: ${file} has no procurement: section, so there is nothing to simulate\n`);
    return ExitCode.InvalidInput;
  }
  if (options.format === 'json' || options.format === 'yaml') {
    ctx.io.stdout.write(options.format === 'json' ? `${escapeJsonText(JSON.stringify(sim, null, 2))}\n` : await yamlText(sim));
    return ExitCode.Ok;
  }
  ctx.io.stdout.write(simulationText(escapeStrings(sim), { low, likely, high }));
  return ExitCode.Ok;
}

/** Adds `bom` and `simulate` to the program. */
export function registerBomCommand(program: Command, ctx: BomContext, setExitCode: (code: number) => void): void {
  program
    .command('bom')
    .description('print the procurement plan (what to order, by when, what it costs and draws) as CSV or JSON')
    .argument('<file>', 'scenario file with a procurement: section')
    .addOption(formatOption(['csv', 'json', 'yaml'], 'csv'))
    .addOption(
      new Option(
        '--table <table>',
        'CSV table: orders (one row per purchase), cost (every line of the whole bill and running cost), months (CAPEX, OPEX, energy per month); JSON carries all three',
      )
        .choices(['orders', 'cost', 'months'])
        .default('orders'),
    )
    .option('-o, --output <file>', 'write to this file (atomically) instead of stdout')
    .action(async (file: string, options: BomOptions) => setExitCode(await bomCommand(ctx, file, options)));
  program
    .command('simulate')
    .description('P10/P50/P90 of the procurement plan (CAPEX with its currency, hosts, first delivery month and order-by date) under uncertain monthly growth (seeded)')
    .argument('<file>', 'scenario file with a procurement: section')
    .requiredOption('--growth <low,likely,high>', 'monthly growth rates of a triangular distribution, e.g. 0.02,0.045,0.07')
    .option('--runs <n>', 'simulated futures (1 to 100,000)', '50')
    .option('--seed <n>', 'PRNG seed: the same seed gives the same result', '1')
    .addOption(formatOption(['text', 'json', 'yaml'], 'text'))
    .action(async (file: string, options: SimulateOptions) => setExitCode(await simulateCommand(ctx, file, options)));
}
