/**
 * The bundled CLI builds mathjs's unit system from mathjs's number-only functions
 * (packages/cli/scripts/bundle.mjs, mathjsUnitsOnly), the library from mathjs's full browser
 * build. Both must read every quantity alike: the bundle's plans and diagnostics are compared
 * with the library's, in-process, for every shipped scenario that reads no other file, a
 * starter scenario of `headroom init`, and every invalid fixture (wrong units, bits for bytes,
 * missing units...).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, headroom, root } from './helpers/run-cli.js';

type Core = typeof import('../packages/core/src/index.js');

/** The CLI's plan JSON without `provenance` (which files it read, their digests: the CLI's own, not a figure). */
function withoutProvenance(json: string): unknown {
  const { provenance: _provenance, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
}
let core: Core;

beforeAll(async () => {
  ensureBuilt();
  core = (await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href)) as Core;
});

/** Scenarios that read no inventory, state directory or history (the library call here reads no file). */
const standalone = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .filter((f) => !/(^|[\s{,])(inventory|storageFrom|historyFrom)\s*:/m.test(readFileSync(join(root, 'scenarios', f), 'utf8')))
  .sort();

describe('the bundle reads quantities as the library does', () => {
  it('there are scenarios to compare', () => expect(standalone.length).toBeGreaterThanOrEqual(2));

  for (const f of standalone) {
    it(`plan of scenarios/${f}: the same PlanResult`, () => {
      const file = `scenarios/${f}`;
      const cli = headroom('plan', file, '-f', 'json', '--fail-on', 'none');
      expect(cli.code, cli.stderr).toBe(0);
      const parsed = core.parseScenario(readFileSync(join(root, file), 'utf8'), { fileName: file });
      expect(withoutProvenance(cli.stdout)).toEqual(JSON.parse(JSON.stringify(core.evaluate(parsed.scenario!))));
    });
  }

  it('plan of a starter scenario (headroom init, 5 + 12 + 4 hosts, read from stdin): the same PlanResult', () => {
    const text = headroom('init', '--controllers', '5', '--compute', '12', '--storage', '4', '--start', '2027-01').stdout;
    const cli = spawnSync(process.execPath, [bin, 'plan', '-f', 'json', '--fail-on', 'none', '-'], { cwd: root, encoding: 'utf8', input: text });
    expect(cli.status, cli.stderr).toBe(0);
    const parsed = core.parseScenario(text, { fileName: '<stdin>' });
    expect(withoutProvenance(cli.stdout)).toEqual(JSON.parse(JSON.stringify(core.evaluate(parsed.scenario!))));
  });

  it('validate of every invalid fixture: the same diagnostics (codes, positions, messages, hints)', () => {
    const dir = 'test/fixtures/invalid';
    const files = readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => `${dir}/${f}`);
    const cli = JSON.parse(headroom('validate', '-f', 'json', ...files).stdout) as { diagnostics: unknown[] };
    const library = files.flatMap((file) => core.parseScenario(readFileSync(join(root, file), 'utf8'), { fileName: file }).diagnostics);
    expect(cli.diagnostics).toEqual(JSON.parse(JSON.stringify(library)));
  });
});
