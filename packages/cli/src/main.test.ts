import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@headroom/core';
import { fixturePlan, fixtureScenario } from '../../../test/helpers/plan-fixture.js';
import { memoryIo } from '../../../test/helpers/memory-io.js';
import { writeFileAtomic } from './io.js';
import { run, type CliDeps, type CoreApi } from './main.js';
import { renderText } from './render-text.js';

/**
 * A fake core: every line containing "bad" yields an error diagnostic at the word, every
 * "warn" a warning; otherwise the fixture scenario. evaluate() returns the fixture plan.
 */
function fakeCore(overrides: Partial<CoreApi> = {}): CoreApi {
  return {
    parseScenario: (text, options = {}) => {
      const diagnostics: Diagnostic[] = [];
      text.split('\n').forEach((line, index) => {
        for (const [word, severity, code] of [
          ['bad', 'error', 'schema.invalid_value'],
          ['warn', 'warning', 'schema.deprecated'],
        ] as const) {
          const col = line.indexOf(word);
          if (col >= 0) {
            diagnostics.push({
              code,
              severity,
              message: `${word} value`,
              path: [],
              location: { file: options.fileName ?? '<input>', line: index + 1, col: col + 1, endLine: index + 1, endCol: col + 1 + word.length },
            });
          }
        }
      });
      const hasError = diagnostics.some((d) => d.severity === 'error');
      return hasError ? { diagnostics } : { scenario: fixtureScenario, diagnostics };
    },
    evaluate: () => fixturePlan(),
    scenarioJsonSchema: () => ({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' }),
    ...overrides,
  };
}

function deps(overrides: { core?: Partial<CoreApi>; report?: CliDeps['loadReport'] } = {}): Partial<CliDeps> {
  return {
    loadVersion: async () => '9.8.7',
    loadCore: async () => fakeCore(overrides.core),
    loadReport: overrides.report ?? (async () => ({ renderHtml: async () => '<!doctype html><title>r</title>' })),
  };
}

const files = {
  'good.yaml': 'name: fine\n',
  'warn.yaml': 'name: fine\nold: warn\n',
  'a.yaml': 'x: 1\ny: bad\n',
  'b.yaml': 'bad: 1\nz: bad\n',
};

describe('run: help, version, usage errors', () => {
  it('--version prints the version and exits 0', async () => {
    const io = memoryIo();
    expect(await run(['--version'], io, deps())).toBe(0);
    expect(io.out()).toBe('9.8.7\n');
  });

  it('--help lists the commands and the exit codes, exit 0', async () => {
    const io = memoryIo();
    expect(await run(['--help'], io, deps())).toBe(0);
    for (const word of ['validate', 'plan', 'report', 'schema', 'Exit codes', 'HEADROOM_DEBUG']) expect(io.out()).toContain(word);
  });

  it('help for a command exits 0', async () => {
    const io = memoryIo();
    expect(await run(['plan', '--help'], io, deps())).toBe(0);
    expect(io.out()).toContain('--fail-on');
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['plan', 'good.yaml', '--bogus']],
    [['plan', 'good.yaml', '--fail-on', 'sometimes']],
    [['plan', 'good.yaml', '--format', 'xml']],
    [['plan']],
    [['plan', 'good.yaml', 'extra.yaml']],
    [['report', 'good.yaml']],
    [['validate']],
  ])('usage error %j exits 2', async (argv) => {
    const io = memoryIo(files);
    expect(await run(argv, io, deps())).toBe(2);
    expect(io.err()).not.toBe('');
    expect(io.err()).not.toMatch(/^\s+at /m);
  });
});

describe('run validate', () => {
  it('exits 0 for a valid file', async () => {
    const io = memoryIo(files);
    expect(await run(['validate', 'good.yaml'], io, deps())).toBe(0);
    expect(io.out()).toBe('1 file checked: no problems\n');
  });

  it('reports every file, sorted by file (argument order), line, col, exit 2', async () => {
    const io = memoryIo(files);
    expect(await run(['validate', 'b.yaml', 'a.yaml', 'warn.yaml'], io, deps())).toBe(2);
    const headers = io
      .out()
      .split('\n')
      .filter((l) => /^\S+:\d+:\d+: /.test(l));
    expect(headers).toEqual([
      'b.yaml:1:1: error schema.invalid_value: bad value',
      'b.yaml:2:4: error schema.invalid_value: bad value',
      'a.yaml:2:4: error schema.invalid_value: bad value',
      'warn.yaml:2:6: warning schema.deprecated: warn value',
    ]);
    expect(io.out()).toContain(' 2 | y: bad\n   |    ^^^\n');
    expect(io.out()).toContain('3 files checked: 3 errors, 1 warning\n');
  });

  it('warnings alone do not fail validate', async () => {
    const io = memoryIo(files);
    expect(await run(['validate', 'warn.yaml'], io, deps())).toBe(0);
  });

  it('a missing file exits 2 with a clear message, no stack, and the other files are still checked', async () => {
    const io = memoryIo(files);
    expect(await run(['validate', 'missing.yaml', 'a.yaml'], io, deps())).toBe(2);
    expect(io.err()).toBe('headroom: cannot read missing.yaml: no such file or directory (ENOENT)\n');
    expect(io.out()).toContain('a.yaml:2:4: error');
    expect(io.out()).toContain('1 file checked: 1 error, 0 warnings; 1 file could not be read\n');
  });

  it('colours only on a TTY without NO_COLOR', async () => {
    const tty = memoryIo(files, { tty: true });
    await run(['validate', 'a.yaml'], tty, deps());
    expect(tty.out()).toContain('\u001b[');
    const noColor = memoryIo(files, { tty: true, env: { NO_COLOR: '1' } });
    await run(['validate', 'a.yaml'], noColor, deps());
    expect(noColor.out()).not.toContain('\u001b[');
    const pipe = memoryIo(files);
    await run(['validate', 'a.yaml'], pipe, deps());
    expect(pipe.out()).not.toContain('\u001b[');
  });
});

describe('run plan', () => {
  it('prints the text summary and exits 0 under the default --fail-on error', async () => {
    const io = memoryIo(files);
    expect(await run(['plan', 'good.yaml'], io, deps())).toBe(0);
    expect(io.out()).toBe(renderText(fixturePlan()));
    expect(io.err()).toBe('');
  });

  it('--format json prints the PlanResult with 2-space indentation', async () => {
    const io = memoryIo(files);
    expect(await run(['plan', 'good.yaml', '--format', 'json'], io, deps())).toBe(0);
    expect(io.out()).toBe(`${JSON.stringify(fixturePlan(), null, 2)}\n`);
    expect(JSON.parse(io.out()).schemaVersion).toBe(2);
  });

  it.each([
    ['error', 0],
    ['warning', 1],
    ['info', 1],
    ['none', 0],
  ])('--fail-on %s with one warning and one info finding exits %i', async (failOn, code) => {
    const io = memoryIo(files);
    expect(await run(['plan', 'good.yaml', '--fail-on', failOn], io, deps())).toBe(code);
    if (code === 1) expect(io.err()).toContain(`--fail-on ${failOn}`);
  });

  it('an error finding fails the default --fail-on error', async () => {
    const plan = fixturePlan({
      findings: [{ code: 'storage.full', severity: 'error', subject: 'pool volumes', message: 'full' }],
      summary: { error: 1, warning: 0, info: 0 },
    });
    const io = memoryIo(files);
    expect(await run(['plan', 'good.yaml'], io, deps({ core: { evaluate: () => plan } }))).toBe(1);
    expect(await run(['plan', 'good.yaml', '--fail-on', 'none'], memoryIo(files), deps({ core: { evaluate: () => plan } }))).toBe(0);
  });

  it('warning diagnostics go to stderr and count for --fail-on warning', async () => {
    const noFindings = { evaluate: () => fixturePlan({ findings: [], summary: { error: 0, warning: 0, info: 0 } }) };
    const io = memoryIo(files);
    expect(await run(['plan', 'warn.yaml', '--format', 'json'], io, deps({ core: noFindings }))).toBe(0);
    expect(io.err()).toContain('warn.yaml:2:6: warning schema.deprecated');
    expect(() => JSON.parse(io.out())).not.toThrow();
    expect(await run(['plan', 'warn.yaml', '--fail-on', 'warning'], memoryIo(files), deps({ core: noFindings }))).toBe(1);
  });

  it('an invalid scenario exits 2 with the diagnostics on stderr and nothing on stdout (text)', async () => {
    const io = memoryIo(files);
    expect(await run(['plan', 'a.yaml'], io, deps())).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('a.yaml:2:4: error schema.invalid_value: bad value');
    expect(io.err()).toContain('a.yaml: 1 error, 0 warnings');
  });

  it('with --format json, an invalid scenario prints its diagnostics as JSON on stdout, exit 2', async () => {
    const io = memoryIo(files);
    expect(await run(['plan', 'a.yaml', '--format', 'json'], io, deps())).toBe(2);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ kind: 'headroom.diagnostics', files: ['a.yaml'], unreadable: [], counts: { error: 1, warning: 0, info: 0 } });
    // the fake core puts "bad" of line 2 at column 4 (see fakeCore)
    expect(report.diagnostics.map((d: Diagnostic) => [d.code, d.location.line, d.location.col])).toEqual([['schema.invalid_value', 2, 4]]);
    expect(io.err()).toContain('a.yaml:2:4: error schema.invalid_value: bad value');
  });

  it('- reads the scenario from standard input, located as <stdin>', async () => {
    const io = memoryIo({}, { stdin: files['a.yaml'] });
    expect(await run(['validate', '-'], io, deps())).toBe(2);
    expect(io.out()).toContain('<stdin>:2:4: error schema.invalid_value: bad value');
  });

  it('a missing file exits 2 without a stack trace', async () => {
    const io = memoryIo(files);
    expect(await run(['plan', 'nope.yaml'], io, deps())).toBe(2);
    expect(io.err()).toBe('headroom: cannot read nope.yaml: no such file or directory (ENOENT)\n');
  });
});

describe('run: internal errors', () => {
  const boom = {
    evaluate: () => {
      throw new Error('boom');
    },
  };

  it('exits 3 with the message and "please report this", no stack trace', async () => {
    const io = memoryIo(files);
    expect(await run(['plan', 'good.yaml'], io, deps({ core: boom }))).toBe(3);
    expect(io.err()).toContain('headroom: internal error: boom\n');
    expect(io.err()).toContain('please report this');
    expect(io.err()).not.toMatch(/^\s+at /m);
  });

  it('prints the stack trace with HEADROOM_DEBUG=1', async () => {
    const io = memoryIo(files, { env: { HEADROOM_DEBUG: '1' } });
    expect(await run(['plan', 'good.yaml'], io, deps({ core: boom }))).toBe(3);
    expect(io.err()).toMatch(/^\s+at /m);
  });

  it('a failing module load is an internal error', async () => {
    const io = memoryIo(files);
    expect(await run(['validate', 'good.yaml'], io, { ...deps(), loadCore: () => Promise.reject(new Error('cannot load')) })).toBe(3);
    expect(io.err()).toContain('internal error: cannot load');
  });
});

describe('run report', () => {
  it('prints the plan summary and writes the HTML through writeFileAtomic', async () => {
    const io = memoryIo(files);
    let rendered: unknown;
    const report = async () => ({
      renderHtml: async (plan: unknown) => {
        rendered = plan;
        return '<!doctype html><p>ok</p>';
      },
    });
    expect(await run(['report', 'good.yaml', '-o', 'out/r.html'], io, deps({ report }))).toBe(0);
    expect(io.out()).toBe(renderText(fixturePlan()));
    expect(io.written.get('/project/out/r.html')).toBe('<!doctype html><p>ok</p>');
    expect(io.err()).toContain('wrote out/r.html');
    // the report gets the plan itself (its default title is the scenario's name)
    expect((rendered as { scenario: { name: string } }).scenario.name).toBe('Fixture cloud');
  });

  it('applies --fail-on after writing the report', async () => {
    const io = memoryIo(files);
    expect(await run(['report', 'good.yaml', '--output', 'r.html', '--fail-on', 'warning'], io, deps())).toBe(1);
    expect(io.written.has('/project/r.html')).toBe(true);
  });

  it('leaves no file (and no temporary file) when rendering fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'headroom-report-'));
    try {
      const io = memoryIo(files, { writeFileAtomic });
      const report = async () => ({ renderHtml: async () => Promise.reject(new Error('vega exploded')) });
      expect(await run(['report', 'good.yaml', '-o', join(dir, 'r.html')], io, deps({ report }))).toBe(3);
      expect(io.err()).toContain('internal error: vega exploded');
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an unwritable output path exits 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'headroom-report-'));
    try {
      const io = memoryIo({ ...files }, { writeFileAtomic });
      // A parent that is a file: mkdir/open fail with ENOTDIR or EEXIST.
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dir, 'file'), 'x');
      expect(await run(['report', 'good.yaml', '-o', join(dir, 'file', 'r.html')], io, deps())).toBe(2);
      expect(io.err()).toContain('headroom: cannot write');
      expect(await readdir(dir)).toEqual(['file']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does not load the report module for an invalid scenario', async () => {
    const io = memoryIo(files);
    let loaded = false;
    const report = async () => {
      loaded = true;
      return { renderHtml: async () => '' };
    };
    expect(await run(['report', 'a.yaml', '-o', 'r.html'], io, deps({ report }))).toBe(2);
    expect(loaded).toBe(false);
    expect(io.written.size).toBe(0);
  });
});

describe('run schema', () => {
  it('prints the JSON Schema as 2-space JSON', async () => {
    const io = memoryIo();
    expect(await run(['schema'], io, deps())).toBe(0);
    expect(io.out()).toBe('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "type": "object"\n}\n');
  });
});
