/**
 * Vitest global set-up of the end-to-end project: rebuilds the bundled `headroom` binary
 * (packages/cli/dist/bundle/headroom.js, what the package installs) from the current sources
 * and the built core and report, so that the end-to-end tests never run a stale bundle after a
 * `tsc -b` alone. Builds everything first when core or report has not been built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const built = ['packages/core/dist/index.js', 'packages/report/dist/index.js'].every((f) => existsSync(join(root, f)));
  const r = built
    ? spawnSync(process.execPath, [join(root, 'packages/cli/scripts/bundle.mjs')], { cwd: root, encoding: 'utf8' })
    : spawnSync('npx', ['-y', 'pnpm@10.34.8', 'run', 'build'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`building the headroom bundle failed:\n${r.stdout}\n${r.stderr}`);
}
