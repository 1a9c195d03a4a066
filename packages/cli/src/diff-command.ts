/**
 * `headroom diff <old> <new>`: what changed between two plans, each given as a scenario file
 * or as a plan JSON (`headroom plan --format json`). Text, JSON or Markdown (for a pull-request
 * comment) on stdout. The comparison is core's `diffPlans`; this file reads, prints and picks
 * the exit code.
 *
 * Exit codes: 0 compared (and no --fail-if condition met); 1 a --fail-if condition is met;
 * 2 a file is unreadable or invalid (a plan of another schema version: plan.schema_version).
 */
import type { Command } from 'commander';
import type { Diagnostic, PlanDiff, PlanResult, Scenario, Provenance } from '@headroom/core';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { diffMarkdown, diffText } from './diff-text.js';
import { escapeJsonText, escapeStrings } from './terminal-text.js';
import { formatOption, yamlText } from './output-format.js';

/** What diff needs from main.ts. */
export interface DiffContext {
  io: CliIo;
  readText(file: string): Promise<string | undefined>;
  loadScenario(file: string): Promise<{ ok: true; scenario: Scenario; diagnostics: Diagnostic[]; provenance: Provenance } | { ok: false; exitCode: number }>;
  printDiagnostics(diagnostics: Diagnostic[], file: string, text: string): void;
}

/**
 * A plan from `file`: a plan JSON as it is (checked by core's readPlanJson), else a scenario,
 * evaluated (with its purchases, as `headroom plan` does). Diagnostics go to stderr.
 */
export async function readPreviousPlan(ctx: DiffContext, file: string): Promise<{ ok: true; plan: PlanResult } | { ok: false; exitCode: number }> {
  const core = await import('@headroom/core');
  const text = await ctx.readText(file);
  if (text === undefined) return { ok: false, exitCode: ExitCode.InvalidInput };
  if (core.looksLikePlanJson(text)) {
    const read = core.readPlanJson(text, file);
    if (!read.plan) {
      ctx.printDiagnostics(read.diagnostics, file, text);
      return { ok: false, exitCode: ExitCode.InvalidInput };
    }
    return { ok: true, plan: read.plan };
  }
  const loaded = await ctx.loadScenario(file);
  if (!loaded.ok) return loaded;
  return { ok: true, plan: core.evaluate(loaded.scenario, { provenance: loaded.provenance }) };
}

interface DiffOptions {
  format: 'text' | 'json' | 'yaml' | 'markdown';
  failIfRunwayBelow?: string;
  failIfRunwayShrinks?: boolean;
  failIfCapexGrows?: boolean;
}

/** The --fail-if conditions met by `d`, in words (empty: none). */
export function failedConditions(d: PlanDiff, options: { runwayBelow?: number; runwayShrinks?: boolean; capexGrows?: boolean }): string[] {
  const out: string[] = [];
  const shortest = d.shortestRunway.new;
  if (options.runwayBelow !== undefined && shortest !== null && shortest < options.runwayBelow) {
    out.push(`the shortest runway is ${shortest} months, below ${options.runwayBelow} (--fail-if-runway-below)`);
  }
  if (options.runwayShrinks) {
    for (const r of d.runway) if (r.deltaMonths !== null && r.deltaMonths < 0) out.push(`${r.resource} runway shrinks by ${-r.deltaMonths} months (--fail-if-runway-shrinks)`);
    // the purchases can hide it: without them, the first resource to run out does so earlier
    const w = d.withoutPurchases;
    if (w.new !== null && (w.old === null || (w.deltaMonths !== null && w.deltaMonths < 0))) {
      out.push(
        `without any purchase, ${w.new.resource} runs out ${w.old === null ? 'within the horizon (it did not before)' : `${-w.deltaMonths!} months earlier`} (--fail-if-runway-shrinks)`,
      );
    }
  }
  if (options.capexGrows && d.capex.delta !== null && d.capex.delta > 0) out.push(`CAPEX grows by ${d.capex.delta} ${d.currency ?? ''} (--fail-if-capex-grows)`.replace(' )', ')'));
  return out;
}

async function diffCommand(ctx: DiffContext, oldFile: string, newFile: string, options: DiffOptions): Promise<number> {
  let runwayBelow: number | undefined;
  if (options.failIfRunwayBelow !== undefined) {
    runwayBelow = Number(options.failIfRunwayBelow);
    if (!Number.isInteger(runwayBelow) || runwayBelow < 0 || runwayBelow > 1200) {
      ctx.io.stderr.write(`headroom: --fail-if-runway-below takes a whole number of months from 0 to 1200 (got "${options.failIfRunwayBelow}")\n`);
      return ExitCode.InvalidInput;
    }
  }
  const a = await readPreviousPlan(ctx, oldFile);
  if (!a.ok) return a.exitCode;
  const b = await readPreviousPlan(ctx, newFile);
  if (!b.ok) return b.exitCode;
  const core = await import('@headroom/core');
  const d = core.diffPlans(a.plan, b.plan);
  // names come from the scenarios: no control character reaches the terminal raw (as plan, bom and simulate)
  const out =
    options.format === 'json'
      ? `${escapeJsonText(JSON.stringify(d, null, 2))}\n`
      : options.format === 'yaml'
        ? await yamlText(d)
        : options.format === 'markdown'
          ? diffMarkdown(escapeStrings(d))
          : diffText(escapeStrings(d));
  ctx.io.stdout.write(out);
  const failed = failedConditions(d, {
    ...(runwayBelow === undefined ? {} : { runwayBelow }),
    runwayShrinks: options.failIfRunwayShrinks ?? false,
    capexGrows: options.failIfCapexGrows ?? false,
  });
  for (const f of failed) ctx.io.stderr.write(`headroom: ${f}\n`);
  return failed.length > 0 ? ExitCode.Findings : ExitCode.Ok;
}

/** Adds `diff` to the program. */
export function registerDiffCommand(program: Command, ctx: DiffContext, setExitCode: (code: number) => void): void {
  program
    .command('diff')
    .description('what changed between two plans (scenario files or plan JSONs): runway, bottleneck, orders, CAPEX and TCO, findings, rack failures')
    .argument('<old>', 'the previous scenario, or its plan (headroom plan --format json)')
    .argument('<new>', 'the new scenario, or its plan')
    .addOption(formatOption(['text', 'json', 'yaml', 'markdown'], 'text', 'output format (markdown: for a pull-request comment)'))
    .option('--fail-if-runway-below <months>', "exit 1 when the new plan's shortest runway is below this many months")
    .option('--fail-if-runway-shrinks', "exit 1 when any resource's runway is shorter than in the old plan, with the purchases or without them")
    .option('--fail-if-capex-grows', 'exit 1 when the CAPEX over the horizon grows')
    .action(async (oldFile: string, newFile: string, options: DiffOptions) => setExitCode(await diffCommand(ctx, oldFile, newFile, options)));
}
