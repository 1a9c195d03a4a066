/**
 * Running the built `headroom` binary as a user would (the bundle the package installs,
 * `node packages/cli/dist/bundle/headroom.js ...`, cwd = repository root), for the end-to-end
 * tests. test/global-setup.ts rebuilds the bundle before the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'packages/cli/dist/bundle/headroom.js');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the binary with `args`, without HEADROOM_DEBUG and FORCE_COLOR. */
export function headroom(...args: string[]): Result {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['HEADROOM_DEBUG'];
  delete env['FORCE_COLOR'];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Builds the packages when the binary is missing (the test command builds first). */
export function ensureBuilt(): void {
  if (existsSync(bin)) return;
  // the pinned pnpm through npx, as the README's commands do (no global pnpm is assumed)
  const build = spawnSync('npx', ['-y', 'pnpm@10.34.8', 'run', 'build'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
}
