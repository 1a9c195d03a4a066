/**
 * End-to-end tests of the built `headroom` binary: exit codes and output, run as a user
 * would (`node packages/cli/dist/bundle/headroom.js ...`, cwd = repository root). The test command
 * builds first; when the binary is missing, beforeAll builds it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, headroom, root, type Result } from './helpers/run-cli.js';

const pilot = 'scenarios/reference-pilot.yaml';
const invalidDir = 'test/fixtures/invalid';

/** `file:line:col: severity code:` header lines of the printed diagnostics, as [file, code, line, col]. */
function printed(output: string): [string, string, number, number][] {
  return [...output.matchAll(/^(\S+?):(\d+):(\d+): (?:error|warning|info) (\S+): /gm)].map((m) => [m[1]!, m[4]!, Number(m[2]), Number(m[3])]);
}

/** The `# expect: <code> <line>:<col>` headers of an invalid fixture (see core's invalid-fixtures.test.ts). */
function expected(file: string): [string, string, number, number][] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^# expect: (\S+) (\d+):(\d+)$/gm)]
    .map((m): [string, string, number, number] => [file, m[1]!, Number(m[2]), Number(m[3])])
    .sort((a, b) => a[2] - b[2] || a[3] - b[3] || a[1].localeCompare(b[1]));
}

const noStack = /^\s+at /m;

let pilotJson: Result | undefined;
/** `plan <pilot> --format json`, run once. */
function pilotPlanJson(): Result {
  pilotJson ??= headroom('plan', pilot, '--format', 'json');
  return pilotJson;
}
let outDir: string;

beforeAll(() => {
  ensureBuilt();
  outDir = mkdtempSync(join(tmpdir(), 'headroom-e2e-'));
});

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('headroom --version / --help', () => {
  it('--version prints the version, exit 0', () => {
    const r = headroom('--version');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  it('--help lists the commands, exit 0', () => {
    const r = headroom('--help');
    expect(r.code).toBe(0);
    for (const command of ['validate', 'plan', 'report', 'schema']) expect(r.stdout).toContain(command);
  });
});

describe('headroom validate', () => {
  it('the reference pilot is valid, exit 0', () => {
    const r = headroom('validate', pilot);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('1 file checked: no problems\n');
  });

  it('every scenario in scenarios/ is valid', () => {
    const files = readdirSync(join(root, 'scenarios'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `scenarios/${f}`);
    const r = headroom('validate', ...files);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(': error ');
  });

  it('the three mistakes (unknown hardware, 512 GHz, negative count) are all reported at file:line:col, exit 2', () => {
    const file = `${invalidDir}/three-mistakes.yaml`;
    const r = headroom('validate', file);
    expect(r.code).toBe(2);
    // The fixture's `# expect:` headers were counted by hand: ref.unknown_hardware,
    // schema.invalid_unit, schema.too_small.
    expect(printed(r.stdout)).toEqual(expected(file));
    expect(r.stdout).toContain(`${file}:16:32: error ref.unknown_hardware: `);
    // the source line and a caret under the column
    expect(r.stdout).toMatch(/ 13 \| {5}memory: \{ size: 512 GHz, ecc: true \}\n {4}\| {21}\^/);
    expect(r.stdout).not.toMatch(noStack);
  });

  it('a YAML syntax error exits 2 with yaml.syntax', () => {
    const file = `${invalidDir}/yaml-syntax.yaml`;
    const r = headroom('validate', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('yaml.syntax');
    expect(printed(r.stdout)).toEqual(expected(file));
  });

  it('every invalid fixture, validated together, reports its own [code, line, col] list', () => {
    const files = readdirSync(join(root, invalidDir))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => `${invalidDir}/${f}`);
    expect(files.length).toBeGreaterThanOrEqual(2);
    const r = headroom('validate', ...files);
    expect(r.code).toBe(2);
    // sorted by file (in argument order), then line and column
    expect(printed(r.stdout)).toEqual(files.flatMap(expected));
  });

  it('two bad files: both are reported', () => {
    const a = `${invalidDir}/three-mistakes.yaml`;
    const b = `${invalidDir}/yaml-syntax.yaml`;
    const r = headroom('validate', a, b);
    expect(r.code).toBe(2);
    const files = new Set(printed(r.stdout).map(([file]) => file));
    expect([...files]).toEqual([a, b]);
  });

  it('a missing file exits 2 with a clear message and no stack trace', () => {
    const r = headroom('validate', 'test/fixtures/does-not-exist.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read test/fixtures/does-not-exist.yaml: no such file or directory');
    expect(r.stderr + r.stdout).not.toMatch(noStack);
  });
});

describe('headroom plan', () => {
  it('--format json prints a PlanResult with schemaVersion 2', () => {
    const r = pilotPlanJson();
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.schemaVersion).toBe(2);
    expect(plan.scenario.name).toBe('Reference pilot');
  });

  it('text names the scenario and every resource', () => {
    const plan = JSON.parse(pilotPlanJson().stdout);
    const r = headroom('plan', pilot);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(plan.scenario.name);
    for (const resource of plan.resources) expect(r.stdout).toContain(resource.label);
    expect(r.stdout).toContain(' TB');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--fail-on warning flips the exit code to 1 when there are warnings', () => {
    const plan = JSON.parse(pilotPlanJson().stdout);
    // Precondition: the reference pilot has warnings (3 storage hosts for size-3 pools
    // cannot self-heal). If that ever changes, point this test at a scenario with warnings.
    expect(plan.summary.warning).toBeGreaterThan(0);
    expect(plan.summary.error).toBe(0);
    expect(headroom('plan', pilot).code).toBe(0);
    const r = headroom('plan', pilot, '--fail-on', 'warning');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--fail-on warning');
    expect(headroom('plan', pilot, '--fail-on', 'none').code).toBe(0);
  });

  it('an invalid scenario exits 2, diagnostics on stderr, nothing on stdout (text)', () => {
    const file = `${invalidDir}/three-mistakes.yaml`;
    const r = headroom('plan', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(printed(r.stderr)).toEqual(expected(file));
  });

  it('an invalid scenario with --format json: diagnostics on stderr, and as JSON on stdout (exit 2)', () => {
    const file = `${invalidDir}/three-mistakes.yaml`;
    const r = headroom('plan', file, '--format', 'json');
    expect(r.code).toBe(2);
    expect(printed(r.stderr)).toEqual(expected(file));
    const json = JSON.parse(r.stdout) as { diagnostics: { code: string; location: { file: string; line: number; col: number } }[] };
    expect(json.diagnostics.map((d) => [d.location.file, d.code, d.location.line, d.location.col])).toEqual(expected(file));
  });

  it('an unknown option exits 2', () => {
    const r = headroom('plan', pilot, '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });

  it('a bad --fail-on value exits 2', () => {
    expect(headroom('plan', pilot, '--fail-on', 'sometimes').code).toBe(2);
  });

  it('--fail-on error fails CI when a tolerated failure causes harm (3 controllers as 2 + 1 in 2 racks, 1 rack tolerated)', () => {
    // losing r1 leaves 1 of 3 controllers < quorum 2 (see the fixture's comment)
    const file = 'test/fixtures/failure/controllers-two-racks.yaml';
    const r = headroom('plan', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('failure.control.quorum_lost  rack r1');
    expect(r.stderr).toContain('1 finding at or above error');
    const plan = JSON.parse(headroom('plan', file, '--format', 'json', '--fail-on', 'none').stdout);
    const impact = plan.failure.impacts.find((i: { domain: string; subsystem: string }) => i.domain === 'rack:r1' && i.subsystem === 'control');
    expect(impact).toMatchObject({ harm: 'outage', firstHarmMonth: 0, severity: 'error' });
  });
});

describe('one verdict: the plan as scheduled, or --without-purchases', () => {
  const regional = 'scenarios/regional-cloud.yaml';
  it('regional-cloud holds with its purchases: plan exits 0 with --fail-on error, and says so', () => {
    const r = headroom('plan', regional, '--fail-on', 'error');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Holds: yes, 24 months, with the 6 scheduled purchases/m);
    expect(r.stdout).toMatch(/^Shows: the plan as scheduled: .* 12 purchased servers/m);
    expect(r.stdout).toMatch(/^Findings: 0 errors/m);
  });

  it('--without-purchases shows the cloud as it is: its errors, exit 1, and says which view it is', () => {
    const r = headroom('plan', regional, '--fail-on', 'error', '--without-purchases');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Shows: the cloud as it is \(--without-purchases\)/m);
    // memory crosses 80 % of the N+1 capacity in 2028-04 and exceeds it in 2028-09 without the purchases
    expect(r.stdout).toMatch(/capacity\.exceeded +resource compute\.memory .* in 2028-09/);
    expect(r.stderr).toMatch(/findings at or above error/);
  });

  it('plan --format json and report agree on the verdict', () => {
    const json = JSON.parse(headroom('plan', regional, '--format', 'json').stdout) as { summary: { error: number }; headline: { shows: string; holdsWithPurchases: boolean } };
    expect(json.summary.error).toBe(0);
    expect(json.headline).toMatchObject({ shows: 'with-purchases', holdsWithPurchases: true });
  });
});

describe('headroom report', () => {
  it('writes a self-contained HTML file and prints the plan summary', () => {
    const out = join(outDir, 'x.html');
    const r = headroom('report', pilot, '-o', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(r.stdout).toBe(headroom('plan', pilot).stdout);
    // no temporary file left next to it
    expect(readdirSync(outDir)).toEqual(['x.html']);
  });

  it('is deterministic: each reference scenario gives byte-identical reports from separate runs, whatever the time zone and locale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-determinism-'));
    for (const file of ['scenarios/reference-pilot.yaml', 'scenarios/regional-cloud.yaml']) {
      const runs = [
        { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
        { TZ: 'Pacific/Auckland', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
      ].map((locale, i) => {
        const out = join(dir, `${i}.html`);
        const r = spawnSync(process.execPath, [bin, 'report', file, '-o', out, '--fail-on', 'none'], {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, ...locale },
        });
        expect(r.status, r.stderr).toBe(0);
        return readFileSync(out);
      });
      expect(runs[0]!.length).toBeGreaterThan(100_000);
      expect(runs[1]!.equals(runs[0]!), file).toBe(true);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('without -o exits 2', () => {
    expect(headroom('report', pilot).code).toBe(2);
  });

  it('an invalid scenario writes nothing', () => {
    const out = join(outDir, 'invalid.html');
    const r = headroom('report', `${invalidDir}/three-mistakes.yaml`, '-o', out);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('headroom schema', () => {
  it('prints the JSON Schema as 2-space JSON', () => {
    const r = headroom('schema');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{\n  "')).toBe(true);
    const schema = JSON.parse(r.stdout);
    expect(typeof schema).toBe('object');
  });
});

describe('usage', () => {
  it('no command exits 2', () => {
    expect(headroom().code).toBe(2);
  });

  it('an unknown command exits 2', () => {
    expect(headroom('frobnicate').code).toBe(2);
  });
});
