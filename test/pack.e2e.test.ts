/**
 * The packages as a user installs them: `pnpm pack` of @headroom/core, @headroom/report and
 * @headroom/cli (pnpm rewrites the `workspace:*` versions), the three tarballs installed into
 * an empty folder outside the workspace, then the library imported (JavaScript and TypeScript),
 * the `headroom` binary run and a report written.
 *
 * The install uses pnpm with `--prefer-offline`: the dependencies come from the pnpm store the
 * workspace's own install filled, the registry is asked only for what is missing. `overrides`
 * point the CLI's and the report's `@headroom/*` dependencies at the local tarballs (the npm
 * registry has no such packages; npm dedupes them by itself when the tarballs are installed
 * together, pnpm needs to be told).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from './helpers/run-cli.js';

const PNPM = ['-y', 'pnpm@10.34.8'];
const PACKAGES = ['core', 'report', 'cli'] as const;
let work: string;
let consumer: string;
const tarballs: Record<string, string> = {};

function run(cmd: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['HEADROOM_DEBUG'];
  delete env['FORCE_COLOR'];
  // the settings of the npm or pnpm that runs the tests (npm test) must not leak into the consumer's install
  for (const key of Object.keys(env)) if (/^(npm_config_|npm_package_|npm_lifecycle_|pnpm_config_)/i.test(key) || key === 'npm_execpath' || key === 'INIT_CWD') delete env[key];
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, shell: process.platform === 'win32', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tarList(file: string): string[] {
  return run('tar', ['tzf', file], work).stdout.trim().split('\n');
}

function tarFile(file: string, member: string): string {
  return run('tar', ['xzf', file, '-O', member], work).stdout;
}

const headroomBin = () => join(consumer, 'node_modules/.bin/headroom');

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'headroom-pack-'));
  const dest = join(work, 'tarballs');
  mkdirSync(dest);
  for (const name of PACKAGES) {
    const r = run('npx', [...PNPM, 'pack', '--pack-destination', dest], join(root, 'packages', name));
    if (r.code !== 0) throw new Error(`pnpm pack of ${name} failed:\n${r.stdout}\n${r.stderr}`);
    tarballs[name] = join(dest, `headroom-${name}-0.1.0.tgz`);
  }
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  const file = (name: string) => `file:${tarballs[name]}`;
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({
      name: 'headroom-consumer',
      private: true,
      type: 'module',
      dependencies: { '@headroom/core': file('core'), '@headroom/report': file('report'), '@headroom/cli': file('cli') },
      pnpm: { overrides: { '@headroom/core': file('core'), '@headroom/report': file('report') } },
    }),
  );
  const install = run('npx', [...PNPM, 'install', '--prefer-offline', '--reporter=append-only', '--config.confirmModulesPurge=false'], consumer);
  if (install.code !== 0) throw new Error(`pnpm install of the tarballs failed:\n${install.stdout}\n${install.stderr}`);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarballs', () => {
  it('each carries the Apache-2.0 LICENSE, a README and a package.json without workspace: versions', () => {
    const apache = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(apache).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(apache).toContain('END OF TERMS AND CONDITIONS');
    for (const name of PACKAGES) {
      const files = tarList(tarballs[name]!);
      expect(files, name).toContain('package/LICENSE');
      expect(files, name).toContain('package/README.md');
      expect(tarFile(tarballs[name]!, 'package/LICENSE'), name).toBe(apache);
      const manifest = tarFile(tarballs[name]!, 'package/package.json');
      expect(manifest, name).not.toContain('workspace:');
      expect(JSON.parse(manifest).license, name).toBe('Apache-2.0');
    }
  });

  it('core and report ship their type declarations at the paths `types` and `exports` name; no build info', () => {
    for (const name of ['core', 'report'] as const) {
      const files = tarList(tarballs[name]!);
      const manifest = JSON.parse(tarFile(tarballs[name]!, 'package/package.json'));
      expect(files).toContain(`package/${manifest.types.replace('./', '')}`);
      expect(files).toContain(`package/${manifest.exports['.'].types.replace('./', '')}`);
      expect(files).toContain(`package/${manifest.exports['.'].default.replace('./', '')}`);
      expect(files.some((f) => f.endsWith('.tsbuildinfo'))).toBe(false);
    }
  });

  it('the CLI is the bundle, with the notices of the code it bundles; its one dependency is @headroom/core at the same version', () => {
    const files = tarList(tarballs['cli']!);
    const manifest = JSON.parse(tarFile(tarballs['cli']!, 'package/package.json'));
    expect(manifest.name).toBe('@headroom/cli');
    expect(manifest.bin).toEqual({ headroom: './dist/bundle/headroom.js' });
    expect(manifest.dependencies).toEqual({ '@headroom/core': '0.1.0' });
    expect(files).toContain('package/dist/bundle/headroom.js');
    expect(files).toContain('package/dist/bundle/THIRD-PARTY-NOTICES.txt');
    const notices = tarFile(tarballs['cli']!, 'package/dist/bundle/THIRD-PARTY-NOTICES.txt');
    for (const dep of ['commander@', 'zod@', 'yaml@', 'mathjs@', 'vega-lite@']) expect(notices).toContain(dep);
  });
});

describe('installed in an empty folder', () => {
  it('the library imports and plans: the reference pilot has 3 + 3 + 3 + 1 = 10 hosts; the report renders', () => {
    const scenario = join(root, 'scenarios/reference-pilot.yaml');
    writeFileSync(
      join(consumer, 'use.mjs'),
      `import { readFileSync } from 'node:fs';
import { parseScenario, evaluate, VERSION } from '@headroom/core';
import { renderHtml } from '@headroom/report';
const { scenario, diagnostics } = parseScenario(readFileSync(${JSON.stringify(scenario)}, 'utf8'), { fileName: 'reference-pilot.yaml' });
const plan = evaluate(scenario);
const html = await renderHtml(plan);
console.log(JSON.stringify({ VERSION, errors: diagnostics.filter((d) => d.severity === 'error').length, hosts: plan.hosts.length, html: html.slice(0, 15) }));
`,
    );
    const r = run(process.execPath, ['use.mjs'], consumer);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ VERSION: '0.1.0', errors: 0, hosts: 10, html: '<!DOCTYPE html>' });
  });

  it('TypeScript resolves the types through `exports` (module NodeNext, strict)', () => {
    writeFileSync(
      join(consumer, 'use.ts'),
      `import { parseScenario, evaluate, type PlanResult } from '@headroom/core';
import { renderHtml } from '@headroom/report';
const parsed = parseScenario('schemaVersion: 1', { fileName: 'x.yaml' });
const plan: PlanResult | undefined = parsed.scenario ? evaluate(parsed.scenario) : undefined;
const html: Promise<string> | undefined = plan ? renderHtml(plan) : undefined;
// @ts-expect-error: a PlanResult has no such field (the declarations are real, not any)
export const wrong = plan?.noSuchField;
export { html };
`,
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const r = run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--skipLibCheck',
        '--types',
        'node',
        '--typeRoots',
        join(root, 'node_modules/@types'),
        'use.ts',
      ],
      consumer,
    );
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('the headroom binary validates, plans, checks a server from the CPU catalogue and writes a report', () => {
    const bin = headroomBin();
    const version = run(bin, ['--version'], consumer);
    expect(version.stdout.trim()).toBe('0.1.0');
    const validate = run(bin, ['validate', join(root, 'scenarios/reference-pilot.yaml')], consumer);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('1 file checked: no problems');
    // the CPU catalogue (a data file of @headroom/core) is found from the installed bundle
    const hw = run(bin, ['hw', 'check', join(root, 'test/fixtures/real/ironic/understack-dell-r7615-inventory.json'), '--role', 'compute', '--format', 'json'], consumer);
    expect(hw.code, hw.stderr).toBe(0);
    // the CI recipe's validate step (docs/ci.md): SARIF over every shipped scenario, no result
    const scenarios = ['ironic-inventory.yaml', 'reference-pilot.yaml', 'regional-cloud.yaml'].map((f) => join(root, 'scenarios', f));
    const sarif = run(bin, ['validate', '--format', 'sarif', ...scenarios], consumer);
    expect(sarif.code, sarif.stderr).toBe(0);
    expect(JSON.parse(sarif.stdout).runs[0].results).toEqual([]);
    const report = run(bin, ['report', join(root, 'scenarios/reference-pilot.yaml'), '-o', 'report.html', '--fail-on', 'none'], consumer);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toContain('headroom: wrote report.html');
    const html = readFileSync(join(consumer, 'report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Reference pilot');
  });
});
