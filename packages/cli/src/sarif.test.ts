import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@headroom/core';
import { parse } from 'yaml';
import { csvField, yamlText } from './output-format.js';
import { artifactUri, sarifLog } from './sarif.js';

const diagnostic = (over: Partial<Diagnostic>): Diagnostic => ({
  code: 'schema.required',
  severity: 'error',
  message: 'missing',
  path: [],
  location: { file: 'scenarios/a.yaml', line: 3, col: 5 },
  ...over,
});

describe('artifactUri', () => {
  it('relative paths stay relative with forward slashes; spaces and # are percent-encoded; ./ is dropped', () => {
    expect(artifactUri('scenarios/a.yaml', '/repo')).toBe('scenarios/a.yaml');
    expect(artifactUri('./my clouds/#1.yaml', '/repo')).toBe('my%20clouds/%231.yaml');
  });
  it('an absolute path inside the working directory becomes relative; outside it, a file: URL; stdin has none', () => {
    expect(artifactUri('/repo/scenarios/a.yaml', '/repo')).toBe('scenarios/a.yaml');
    expect(artifactUri('/elsewhere/a.yaml', '/repo')).toBe('file:///elsewhere/a.yaml');
    expect(artifactUri('<stdin>', '/repo')).toBeUndefined();
  });
});

describe('sarifLog', () => {
  it('maps severities to SARIF levels (info -> note), puts the hint in the message, an end only after the start', () => {
    const log = sarifLog(
      [
        diagnostic({ severity: 'warning', hint: 'add it', location: { file: 'a.yaml', line: 3, col: 5, endLine: 3, endCol: 9 } }),
        diagnostic({ code: 'yaml.warning', severity: 'info', location: { file: 'a.yaml', line: 1, col: 1, endLine: 1, endCol: 1 } }),
      ],
      { version: '9.9.9', cwd: '/repo', describe: (code) => (code === 'schema.required' ? 'A required key is missing' : undefined) },
    );
    const run = log.runs[0]!;
    expect(run.tool.driver).toEqual({
      name: 'headroom',
      version: '9.9.9',
      rules: [
        { id: 'schema.required', shortDescription: { text: 'A required key is missing' } },
        { id: 'yaml.warning', shortDescription: { text: 'yaml.warning' } },
      ],
    });
    expect(run.results.map((r) => [r.level, r.ruleIndex, r.message.text])).toEqual([
      ['warning', 0, 'missing (hint: add it)'],
      ['note', 1, 'missing'],
    ]);
    expect(run.results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 });
    expect(run.results[1]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
  });

  it('an unreadable file makes the invocation unsuccessful, with a notification', () => {
    const log = sarifLog([], { version: '1', cwd: '/repo', unreadable: [{ file: 'x.yaml', message: 'no such file or directory (ENOENT)' }] });
    expect(log.runs[0]!.invocations).toEqual([
      { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'cannot read x.yaml: no such file or directory (ENOENT)' } }] },
    ]);
  });
});

describe('csvField', () => {
  it('quotes commas, quotes and line breaks; defuses formulas in text', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(undefined)).toBe('');
  });
});

describe('yamlText', () => {
  it('reads back as the same value; control characters and bidi overrides are visible escapes in double quotes', async () => {
    const value = { m: 'a\u001b[31mred\u202e x', 'k\u202e': 'plain', n: 3, list: ['x', 'y: z'] };
    const text = await yamlText(value);
    expect(text).toBe('m: "a\\e[31mred\\u202e x"\n"k\\u202e": plain\nn: 3\nlist:\n  - x\n  - "y: z"\n');
    expect(parse(text)).toEqual(value);
  });
});
