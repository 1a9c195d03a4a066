/**
 * The command line's conventions, on the built binary: `-f/--format` (json, yaml, csv, sarif),
 * diagnostics as JSON on stdout for an invalid file, `-` for standard input, `headroom init`
 * and `headroom completion`. Expected positions come from the fixtures' `# expect:` lines
 * (counted by hand in the fixture), never from the binary's output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, headroom, root } from './helpers/run-cli.js';

// yaml is core's dependency, not the workspace root's: resolve it the way core does.
const { parse: parseYaml } = createRequire(join(root, 'packages/core/package.json'))('yaml') as { parse: (text: string) => unknown };

const THREE = 'test/fixtures/invalid/three-mistakes.yaml';
/** The fixture's `# expect:` lines: schema.invalid_unit 13:21, ref.unknown_hardware 16:32, schema.too_small 16:49. */
const THREE_EXPECTED = [
  ['schema.invalid_unit', 13, 21],
  ['ref.unknown_hardware', 16, 32],
  ['schema.too_small', 16, 49],
];

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'headroom-conventions-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withStdin(input: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('validate -f', () => {
  it('sarif: SARIF 2.1.0, one result per diagnostic at its line and column, the file relative to the working directory', () => {
    const r = headroom('validate', '-f', 'sarif', THREE);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('headroom');
    const got = run.results.map((x: { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }) => [
      x.ruleId,
      x.locations[0]!.physicalLocation.region.startLine,
      x.locations[0]!.physicalLocation.region.startColumn,
    ]);
    expect(got).toEqual(THREE_EXPECTED);
    for (const x of run.results) {
      expect(x.level).toBe('error');
      expect(x.locations[0].physicalLocation.artifactLocation.uri).toBe(THREE);
      // every result's rule is described in the driver's rules, at its ruleIndex
      expect(run.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
      expect(run.tool.driver.rules[x.ruleIndex].shortDescription.text.length).toBeGreaterThan(10);
    }
    expect(run.invocations[0].executionSuccessful).toBe(true);
  });

  it('sarif of a clean file: no results, exit 0', () => {
    const r = headroom('validate', '--format', 'sarif', 'scenarios/reference-pilot.yaml');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].results).toEqual([]);
  });

  it('json and yaml: the same report (files, counts, diagnostics with their locations)', () => {
    const json = headroom('validate', '-f', 'json', THREE);
    const yaml = headroom('validate', '-f', 'yaml', THREE);
    expect(json.code).toBe(2);
    expect(yaml.code).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(parseYaml(yaml.stdout)).toEqual(report);
    expect(report.kind).toBe('headroom.diagnostics');
    expect(report.files).toEqual([THREE]);
    expect(report.counts).toEqual({ error: 3, warning: 0, info: 0 });
    expect(report.diagnostics.map((d: { code: string; location: { line: number; col: number } }) => [d.code, d.location.line, d.location.col])).toEqual(THREE_EXPECTED);
  });

  it('csv: a header and one row per diagnostic', () => {
    const r = headroom('validate', '-f', 'csv', THREE);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('file,line,col,severity,code,message,hint,path');
    expect(lines).toHaveLength(1 + 3);
    expect(lines[1]!.startsWith(`${THREE},13,21,error,schema.invalid_unit,`)).toBe(true);
  });

  it('an unreadable file in json: listed under unreadable, the message on stderr too, exit 2', () => {
    const r = headroom('validate', '-f', 'json', 'no-such-file.yaml');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).unreadable).toEqual([{ file: 'no-such-file.yaml', message: 'no such file or directory (ENOENT)' }]);
    expect(r.stderr).toContain('cannot read no-such-file.yaml');
  });
});

describe('plan -f json on an invalid file', () => {
  it('prints the diagnostics as JSON on stdout (and the text on stderr), exit 2', () => {
    const r = headroom('plan', '-f', 'json', THREE);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.kind).toBe('headroom.diagnostics');
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(THREE_EXPECTED.map((e) => e[0]));
    expect(r.stderr).toContain(`${THREE}:13:21`);
  });

  it('plan -f yaml of a valid file is the PlanResult that -f json prints', () => {
    const json = headroom('plan', '-f', 'json', 'scenarios/reference-pilot.yaml');
    const yaml = headroom('plan', '-f', 'yaml', 'scenarios/reference-pilot.yaml');
    expect(yaml.code).toBe(json.code);
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });
});

describe('- reads the scenario from standard input', () => {
  it('validate - : diagnostics located in <stdin>', () => {
    const r = withStdin(readFileSync(join(root, THREE), 'utf8'), 'validate', '-f', 'json', '-');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.files).toEqual(['<stdin>']);
    expect(report.diagnostics.map((d: { location: { file: string; line: number } }) => `${d.location.file}:${d.location.line}`)).toEqual([
      '<stdin>:13',
      '<stdin>:16',
      '<stdin>:16',
    ]);
  });

  it('plan - : the same plan as from the file', () => {
    const text = readFileSync(join(root, 'scenarios/reference-pilot.yaml'), 'utf8');
    const fromStdin = withStdin(text, 'plan', '-f', 'json', '-');
    const fromFile = headroom('plan', '-f', 'json', 'scenarios/reference-pilot.yaml');
    expect(fromStdin.code).toBe(fromFile.code);
    expect(JSON.parse(fromStdin.stdout).hosts).toEqual(JSON.parse(fromFile.stdout).hosts);
  });
});

describe('YAML mistakes where they are', () => {
  it("an over-indented key: at the key, with its indentation and its siblings', and a hint", () => {
    const file = 'test/fixtures/invalid/yaml-indent-deeper.yaml';
    const r = headroom('validate', file);
    expect(r.code).toBe(2);
    // the fixture's `# expect: yaml.syntax 14:7`: heightRu has 6 spaces, its sibling model 4
    expect(r.stdout).toContain(`${file}:14:7: error yaml.syntax: this key is indented 6 spaces; its siblings 4`);
    expect(r.stdout).toContain('hint: indent it 4 spaces like its siblings');
  });

  it('an unclosed flow mapping: at its opening brace', () => {
    const file = 'test/fixtures/invalid/yaml-unclosed-flow.yaml';
    const r = headroom('validate', file);
    expect(r.stdout).toContain(`${file}:11:5: error yaml.syntax: this { opens a flow mapping that is never closed`);
  });
});

describe('headroom init', () => {
  it('the default starter (3 + 3 + 3 hosts) validates with no diagnostic and plans without an error finding', () => {
    const file = join(dir, 'starter.yaml');
    const init = headroom('init', '--start', '2027-01', '-o', file);
    expect(init.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Node groups');
    const validate = headroom('validate', file);
    expect(validate.stdout).toContain('1 file checked: no problems');
    expect(validate.code).toBe(0);
    const plan = headroom('plan', '-f', 'json', file);
    expect(plan.code).toBe(0);
    const result = JSON.parse(plan.stdout);
    expect(result.hosts).toHaveLength(9);
    expect(result.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it('--controllers 5 --compute 24 --storage 6: 35 hosts in max(3, ceil(35 / 10)) = 4 racks; plans with no error finding', () => {
    const r = headroom('init', '--controllers', '5', '--compute', '24', '--storage', '6', '--start', '2027-01');
    expect(r.code).toBe(0);
    const file = join(dir, 'bigger.yaml');
    writeFileSync(file, r.stdout);
    const plan = headroom('plan', '-f', 'json', file);
    expect(plan.code).toBe(0);
    const result = JSON.parse(plan.stdout);
    const roles = result.hosts.map((h: { role: string }) => h.role);
    expect([roles.filter((x: string) => x === 'control').length, roles.filter((x: string) => x === 'compute').length, roles.filter((x: string) => x === 'storage').length]).toEqual(
      [5, 24, 6],
    );
    expect(new Set(result.hosts.map((h: { rack: string }) => h.rack)).size).toBe(4);
    expect(result.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it('keeps an existing -o file unless --force; refuses a count of 0 (exit 2)', () => {
    const file = join(dir, 'kept.yaml');
    writeFileSync(file, 'mine\n');
    expect(headroom('init', '-o', file).code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(headroom('init', '-o', file, '--force').code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('schemaVersion: 1');
    expect(headroom('init', '--compute', '0').code).toBe(2);
  });
});

describe('headroom completion', () => {
  it('bash: completes commands, subcommands, options and option choices (run in bash)', () => {
    const script = headroom('completion', 'bash');
    expect(script.code).toBe(0);
    const file = join(dir, 'headroom.bash');
    writeFileSync(file, script.stdout);
    const harness = `source ${JSON.stringify(file)}
t() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); COMPREPLY=(); _headroom; echo "\${COMPREPLY[*]}"; }
t headroom va
t headroom hw ""
t headroom hw check --role ""
t headroom validate -f ""
t headroom plan x.yaml --fail-on w
t headroom completion ""
`;
    const r = spawnSync('bash', ['-c', harness], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 6)).toEqual(['validate', 'check facts', 'control compute storage deploy', 'text json yaml csv sarif', 'warning', 'bash zsh']);
  });

  // zsh is not on every machine (CI installs none): run where it is, skipped elsewhere
  const hasZsh = spawnSync('zsh', ['-fc', 'exit 0']).status === 0;
  it.skipIf(!hasZsh)('zsh: the same completions (compadd and _files stubbed to print what they are given)', () => {
    const file = join(dir, '_headroom');
    writeFileSync(file, headroom('completion', 'zsh').stdout);
    const harness = `compdef() { :; }
source ${JSON.stringify(file)}
compadd() { [[ $1 == -- ]] && shift; print -r -- "$*"; }
_files() { print -r -- "<files>"; }
t() { words=("$@"); CURRENT=\${#words}; _headroom; }
t headroom va
t headroom hw ""
t headroom hw check --role ""
t headroom validate -f ""
t headroom plan x.yaml --fail-on ""
t headroom plan ""
t headroom completion ""
`;
    const r = spawnSync('zsh', ['-fc', harness], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    // compadd gets every candidate; zsh itself filters by the prefix typed ("va")
    expect(lines[0]!.split(' ')).toContain('validate');
    expect(lines.slice(1, 7)).toEqual(['check facts', 'control compute storage deploy', 'text json yaml csv sarif', 'error warning info none', '<files>', 'bash zsh']);
  });

  it('bash and zsh name every command listed by --help', () => {
    const help = headroom('--help').stdout;
    const commands = [...help.split('Commands:')[1]!.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['validate', 'plan', 'report', 'init', 'completion', 'hw', 'bom']));
    for (const shell of ['bash', 'zsh']) {
      const script = headroom('completion', shell).stdout;
      const topLevel = shell === 'bash' ? /'' *\) echo '([^']*)'/.exec(script)![1]! : /^ {2}'' '([^']*)'/m.exec(script)![1]!;
      expect(topLevel.split(' ').sort(), shell).toEqual([...commands].sort());
    }
  });

  it('an unknown shell is a usage error (exit 2)', () => {
    expect(headroom('completion', 'fish').code).toBe(2);
  });
});
