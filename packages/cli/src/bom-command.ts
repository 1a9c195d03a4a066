/**
 * `headroom bom <file> [--format csv|json] [-o out]`: the procurement plan's bill of materials
 * (one row per purchase: order-by date, delivery month, role, model, quantity, prices in the
 * scenario's currency, power, heat, rack units), on stdout or written atomically to `-o`.
 *
 * Exit codes: 0 written; 2 the scenario is invalid or unreadable, has no `procurement:`
 * section, or the output cannot be written.
 */
import { isAbsolute, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic, Scenario } from '@headroom/core';
import { ExitCode } from './exit-codes.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';

type CoreModule = typeof import('@headroom/core');
type BomCore = Pick<CoreModule, 'parseScenario' | 'evaluate' | 'procurementCsv' | 'procurementJson' | 'simulateProcurement'>;

/** What the bom command needs from main.ts: its context and scenario loader (diagnostics printed on stderr). */
export interface BomContext {
  io: CliIo;
  loadCore(): Promise<BomCore>;
  loadScenario(file: string): Promise<{ ok: true; scenario: Scenario; diagnostics: Diagnostic[] } | { ok: false; exitCode: number }>;
}

interface BomOptions {
  format: 'csv' | 'json';
  output?: string;
}

async function bomCommand(ctx: BomContext, file: string, options: BomOptions): Promise<number> {
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded.exitCode;
  const plan = core.evaluate(loaded.scenario).procurement;
  if (!plan) {
    ctx.io.stderr.write(`headroom: ${file} has no procurement: section, so there is nothing to buy (add procurement.roles.compute / storage)\n`);
    return ExitCode.InvalidInput;
  }
  const text = options.format === 'json' ? core.procurementJson(plan) : core.procurementCsv(plan);
  if (options.output === undefined) {
    ctx.io.stdout.write(text);
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
  ctx.io.stderr.write(`headroom: wrote ${options.output} (${plan.purchases.length} purchases)\n`);
  return ExitCode.Ok;
}

interface SimulateOptions {
  growth: string;
  runs: string;
  seed: string;
  format: 'text' | 'json';
}

/**
 * `headroom simulate <file> --growth low,likely,high [--runs n] [--seed s]`: P10 / P50 / P90
 * of the procurement plan under a triangular distribution of the monthly growth rate.
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
  if (!Number.isInteger(runs) || runs < 1 || runs > 10_000 || !Number.isInteger(seed)) {
    ctx.io.stderr.write('headroom: --runs takes an integer from 1 to 10000 and --seed an integer\n');
    return ExitCode.InvalidInput;
  }
  const core = await ctx.loadCore();
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded.exitCode;
  const sim = core.simulateProcurement(loaded.scenario, { growth: { low, likely, high }, runs, seed });
  if (!sim) {
    ctx.io.stderr.write(`headroom: ${file} has no procurement: section, so there is nothing to simulate\n`);
    return ExitCode.InvalidInput;
  }
  if (options.format === 'json') {
    ctx.io.stdout.write(`${JSON.stringify(sim, null, 2)}\n`);
    return ExitCode.Ok;
  }
  const row = (name: string, p: { p10: number; p50: number; p90: number }): string =>
    `  ${name.padEnd(26)}${[p.p10, p.p50, p.p90].map((v) => new Intl.NumberFormat('en-US').format(v).padStart(12)).join('')}`;
  ctx.io.stdout.write(
    [
      `${sim.runs} runs, seed ${sim.seed}, monthly growth triangular(${low}, ${likely}, ${high}); nearest-rank percentiles`,
      `  ${''.padEnd(26)}${['P10', 'P50', 'P90'].map((h) => h.padStart(12)).join('')}`,
      row('CAPEX total', sim.capexTotalAmount),
      row('compute hosts bought', sim.hosts.compute),
      row('storage hosts bought', sim.hosts.storage),
      row('first delivery (month)', sim.firstDeliveryMonthIndex),
    ].join('\n') + '\n',
  );
  return ExitCode.Ok;
}

/** Adds `bom` and `simulate` to the program. */
export function registerBomCommand(program: Command, ctx: BomContext, setExitCode: (code: number) => void): void {
  program
    .command('bom')
    .description('print the procurement plan (what to order, by when, what it costs and draws) as CSV or JSON')
    .argument('<file>', 'scenario file with a procurement: section')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to this file (atomically) instead of stdout')
    .action(async (file: string, options: BomOptions) => setExitCode(await bomCommand(ctx, file, options)));
  program
    .command('simulate')
    .description('P10/P50/P90 of the procurement plan (CAPEX, hosts, first delivery) under uncertain monthly growth (seeded)')
    .argument('<file>', 'scenario file with a procurement: section')
    .requiredOption('--growth <low,likely,high>', 'monthly growth rates of a triangular distribution, e.g. 0.02,0.045,0.07')
    .option('--runs <n>', 'simulated futures', '50')
    .option('--seed <n>', 'PRNG seed: the same seed gives the same result', '1')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string, options: SimulateOptions) => setExitCode(await simulateCommand(ctx, file, options)));
}
