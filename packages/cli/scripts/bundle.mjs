#!/usr/bin/env node
/**
 * Bundles the `headroom` command line into dist/bundle/ with esbuild: one entry file
 * (headroom.js, the package's `bin`) and one chunk per lazily imported part (core, the
 * hardware checks, the report with vega), so that a command still loads only what it uses.
 *
 * Why: Node's ESM loader resolves, reads and links every file of core, zod, yaml and vega one by
 * one (≈ 400 files for `validate`); one pre-linked file per part starts several times faster.
 * mathjs: core imports mathjs's browser bundle (one file, faster to load unbundled than the ESM
 * entry, which evaluates every function of mathjs); here `create`, `unitDependencies` and
 * `createUnitDependencies` come from mathjs's ESM entries instead, which esbuild tree-shakes
 * down to the unit system (mathjs declares `"sideEffects": false`); see mathjsUnitsOnly.
 *
 *   node packages/cli/scripts/bundle.mjs   (after `tsc -b`; part of `npm run build`)
 *
 * Prints the size of each output file. Fails (exit 1) on an esbuild error.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(cli, '../core');
const outdir = join(cli, 'dist/bundle');

/**
 * `mathjs/lib/browser/math.js` -> `create`, `unitDependencies` and `createUnitDependencies`
 * built from mathjs's tree-shakeable ESM entries, with the Unit class's arithmetic (addScalar,
 * multiplyScalar, pow, fix, round, equal, ...) taken from mathjs's official number-only build
 * (`mathjs/number`) instead of the full one. core's quantities are plain numbers (mathjs's default
 * `number: 'number'` config), and the full build's functions dispatch numbers to these same
 * number implementations; what the full build adds is matrix, BigNumber and Complex support,
 * whose set-up (pow alone needs inv, identity, multiply and matrix) took about 60 ms of every
 * start-up. The unit definitions and the Unit class are mathjs's own, unchanged.
 * test/bundle-units.e2e.test.ts checks that the bundle's plans equal the library's (which uses
 * the full browser build) for every shipped scenario.
 */
const mathjsUnitsOnly = {
  name: 'mathjs-units-only',
  setup(b) {
    b.onResolve({ filter: /^mathjs\/lib\/browser\/math\.js$/ }, () => ({ path: 'mathjs-units-only', namespace: 'headroom' }));
    b.onLoad({ filter: /^mathjs-units-only$/, namespace: 'headroom' }, () => ({
      contents: [
        "import { create, createUnitClass, createUnitFunction, createCreateUnit, createBigNumberClass, createComplexClass, createFractionClass, createDenseMatrixClass, createMatrixClass } from 'mathjs';",
        "import { createTyped, createAbs, createAddScalar, createSubtractScalar, createMultiplyScalar, createDivideScalar, createPow, createFix, createCeil, createFloor, createRound, createEqual, createEqualScalar, createFormat, createIsNumeric, createNumber } from 'mathjs/number';",
        'const base = { createTyped, createBigNumberClass, createComplexClass, createFractionClass, createDenseMatrixClass, createMatrixClass, createAbs, createAddScalar, createSubtractScalar, createMultiplyScalar, createDivideScalar, createPow, createFix, createCeil, createFloor, createRound, createEqual, createEqualScalar, createFormat, createIsNumeric, createNumber, createUnitClass };',
        'export default { create, unitDependencies: { ...base, createUnitFunction }, createUnitDependencies: { ...base, createCreateUnit } };',
      ].join('\n'),
      resolveDir: core,
      loader: 'js',
    }));
  },
};

/**
 * zod's locales: zod's classic and core entries re-export every language's messages (`z.locales`, ≈ 40 %
 * of zod in a bundle). headroom writes its own messages and zod's default is English, so the
 * CLI bundle carries English only; the library (`@headroom/core`) keeps zod as it is.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      return /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir) ? { path: 'zod-locales-en', namespace: 'headroom', pluginData: args.resolveDir } : undefined;
    });
    b.onLoad({ filter: /^zod-locales-en$/, namespace: 'headroom' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';\n",
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: cli,
  entryPoints: { headroom: 'src/bin.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies (ipaddr.js) may call require(); an ESM file has none of its own
  banner: { js: "import { createRequire as __headroomRequire } from 'node:module'; const require = __headroomRequire(import.meta.url);" },
  legalComments: 'none', // THIRD-PARTY-NOTICES.txt below carries every bundled package's licence
  sourcemap: false,
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [mathjsUnitsOnly, zodEnglishOnly],
});

/**
 * The bundle redistributes its dependencies' code: their licences (MIT, ISC, BSD-3-Clause,
 * Apache-2.0) ask that the copyright notice and licence text go with it. One file lists every
 * bundled package (name, version, licence) with its LICENSE file's text.
 */
function writeNotices(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/@.][^\\/]*)[\\/]/.exec(input);
    if (match) packages.set(join(cli, match[1]), true);
  }
  const sections = [];
  for (const dir of [...packages.keys()].sort()) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `(no licence file in the package; package.json says ${pkg.license})`;
    sections.push(`${pkg.name}@${pkg.version} (${pkg.license ?? 'see below'})\n${'-'.repeat(72)}\n${text}\n`);
  }
  const seen = new Set();
  const unique = sections.filter((s) => (seen.has(s.split('\n')[0]) ? false : seen.add(s.split('\n')[0])));
  writeFileSync(
    join(outdir, 'THIRD-PARTY-NOTICES.txt'),
    `The headroom command-line bundle (dist/bundle/) contains code from the packages below, each under its own licence.\n\n${unique.join('\n')}`,
  );
  if (!existsSync(join(outdir, 'THIRD-PARTY-NOTICES.txt'))) throw new Error('notices not written');
}
writeNotices(result.metafile);

if (process.env.BUNDLE_META) (await import("node:fs")).writeFileSync(process.env.BUNDLE_META, JSON.stringify(result.metafile));
for (const file of [...Object.keys(result.metafile.outputs), 'dist/bundle/THIRD-PARTY-NOTICES.txt'].sort()) {
  const kib = statSync(join(cli, file)).size / 1024;
  process.stdout.write(`${relative(cli, join(cli, file)).padEnd(48)} ${kib.toFixed(0).padStart(6)} KiB\n`);
}
