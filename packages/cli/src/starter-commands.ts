/**
 * `headroom init` (a commented starter scenario, asking nothing) and `headroom completion`
 * (bash and zsh completion scripts generated from the command tree).
 */
import { isAbsolute, resolve } from 'node:path';
import { Argument, type Command, InvalidArgumentError, Option } from 'commander';
import { completionScript } from './completion.js';
import { ExitCode } from './exit-codes.js';
import { describeFsError, isFsError } from './fs-errors.js';
import type { CliIo } from './io.js';
import { starterScenario } from './starter.js';

export interface StarterContext {
  io: CliIo;
}

interface InitOptions {
  controllers: number;
  compute: number;
  storage: number;
  start?: string;
  name?: string;
  output?: string;
  force?: boolean;
}

/** A whole number of hosts, 1..10,000 (commander argument parser). */
function hostCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 10_000) throw new InvalidArgumentError('a whole number of hosts from 1 to 10,000');
  return n;
}

function month(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError('a month written YYYY-MM, e.g. 2027-01');
  return value;
}

/** This month (UTC) as YYYY-MM: the CLI may read the clock, core may not. */
function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

async function initCommand(ctx: StarterContext, options: InitOptions): Promise<number> {
  const text = starterScenario({
    controllers: options.controllers,
    compute: options.compute,
    storage: options.storage,
    start: options.start ?? thisMonth(),
    ...(options.name !== undefined ? { name: options.name } : {}),
  });
  if (options.output === undefined) {
    ctx.io.stdout.write(text);
    return ExitCode.Ok;
  }
  const path = isAbsolute(options.output) ? options.output : resolve(ctx.io.cwd, options.output);
  if (!options.force) {
    const exists = await ctx.io.inspect(path).then(
      () => true,
      () => false,
    );
    if (exists) {
      ctx.io.stderr.write(`headroom: ${options.output} exists; not replaced (--force replaces it)\n`);
      return ExitCode.InvalidInput;
    }
  }
  try {
    await ctx.io.writeFileAtomic(path, text);
  } catch (error) {
    if (!isFsError(error)) throw error;
    ctx.io.stderr.write(`headroom: cannot write ${options.output}: ${describeFsError(error, true)}\n`);
    return ExitCode.InvalidInput;
  }
  ctx.io.stderr.write(`headroom: wrote ${options.output}; next: headroom validate ${options.output} && headroom plan ${options.output}\n`);
  return ExitCode.Ok;
}

/** Adds `init` and `completion` to the program. */
export function registerStarterCommands(program: Command, ctx: StarterContext, setExitCode: (code: number) => void): void {
  program
    .command('init')
    .description('print (or write with -o) a commented starter scenario that validates and plans; asks nothing')
    .addOption(new Option('--controllers <n>', 'control-plane hosts (Galera, RabbitMQ, the APIs)').argParser(hostCount).default(3))
    .addOption(new Option('--compute <n>', 'hypervisors').argParser(hostCount).default(3))
    .addOption(new Option('--storage <n>', 'Ceph storage hosts (3 or more for size-3 pools with one copy per host)').argParser(hostCount).default(3))
    .addOption(new Option('--start <YYYY-MM>', 'first month of the horizon (default: this month)').argParser(month))
    .option('--name <text>', "the cloud's name")
    .option('-o, --output <file>', 'write this file (atomically) instead of printing; an existing file is kept unless --force')
    .option('--force', 'replace the -o file when it exists')
    .action(async (options: InitOptions) => setExitCode(await initCommand(ctx, options)));

  program
    .command('completion')
    .description('print the shell completion script (bash or zsh) of every command and option')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh']))
    .action(async (shell: 'bash' | 'zsh') => {
      ctx.io.stdout.write(completionScript(program, shell));
      setExitCode(ExitCode.Ok);
    });
}
