import { describe, expect, it } from 'vitest';
import type { Severity } from '@headroom/core';
import { ExitCode, exitCodeForFindings, failingItems, meetsFailOn, type FailOn } from './exit-codes.js';

const items = (...severities: Severity[]) => severities.map((severity) => ({ severity }));

describe('--fail-on', () => {
  it('matches severities at or above the level', () => {
    const table: [FailOn, Severity, boolean][] = [
      ['error', 'error', true],
      ['error', 'warning', false],
      ['error', 'info', false],
      ['warning', 'error', true],
      ['warning', 'warning', true],
      ['warning', 'info', false],
      ['info', 'info', true],
      ['info', 'error', true],
      ['none', 'error', false],
      ['none', 'info', false],
    ];
    for (const [failOn, severity, expected] of table) expect([failOn, severity, meetsFailOn(severity, failOn)]).toEqual([failOn, severity, expected]);
  });

  it('selects the exit code', () => {
    expect(exitCodeForFindings([], 'info')).toBe(ExitCode.Ok);
    expect(exitCodeForFindings(items('warning', 'info'), 'error')).toBe(ExitCode.Ok);
    expect(exitCodeForFindings(items('warning', 'info'), 'warning')).toBe(ExitCode.Findings);
    expect(exitCodeForFindings(items('info'), 'warning')).toBe(ExitCode.Ok);
    expect(exitCodeForFindings(items('info'), 'info')).toBe(ExitCode.Findings);
    expect(exitCodeForFindings(items('error'), 'error')).toBe(ExitCode.Findings);
    expect(exitCodeForFindings(items('error'), 'none')).toBe(ExitCode.Ok);
  });

  it('returns the failing items', () => {
    expect(failingItems(items('info', 'error', 'warning'), 'warning')).toEqual(items('error', 'warning'));
  });

  it('uses the documented exit codes', () => {
    expect(ExitCode).toEqual({ Ok: 0, Findings: 1, InvalidInput: 2, InternalError: 3 });
  });
});
