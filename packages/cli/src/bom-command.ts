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
type BomCore = Pick<CoreModule, 'parseScenario' | 'evaluate' | 'procurementCsv' | 'procurementJson'>;

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
    ctx.io.stderr.write(`headroom: cannot write ${options.output}: ${describeFsError(error)}\n`);
    return ExitCode.InvalidInput;
  }
  ctx.io.stderr.write(`headroom: wrote ${options.output} (${plan.purchases.length} purchases)\n`);
  return ExitCode.Ok;
}

/** Adds `bom` to the program. */
export function registerBomCommand(program: Command, ctx: BomContext, setExitCode: (code: number) => void): void {
  program
    .command('bom')
    .description('print the procurement plan (what to order, by when, what it costs and draws) as CSV or JSON')
    .argument('<file>', 'scenario file with a procurement: section')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to this file (atomically) instead of stdout')
    .action(async (file: string, options: BomOptions) => setExitCode(await bomCommand(ctx, file, options)));
}
