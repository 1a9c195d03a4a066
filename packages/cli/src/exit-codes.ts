/**
 * Exit codes of `headroom`, and how `--fail-on` turns findings into one.
 *
 *   0  fine
 *   1  findings (or non-error diagnostics) at or above the --fail-on severity
 *   2  invalid input: error diagnostics, an unreadable file, bad command-line usage
 *   3  internal error: a bug in headroom
 */
import type { Severity } from '@headroom/core';

export const ExitCode = {
  Ok: 0,
  Findings: 1,
  InvalidInput: 2,
  InternalError: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Values of `--fail-on`: a severity, or `none` to never fail on findings. */
export const FAIL_ON_LEVELS = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/**
 * Same order as core's SEVERITY_RANK (info < warning < error). Kept here so that the CLI can
 * start without loading core; src/exit-codes.test.ts pins the order.
 */
const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** True when `severity` is at or above the `failOn` level (`none` matches nothing). */
export function meetsFailOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && RANK[severity] >= RANK[failOn];
}

/**
 * The items (findings or diagnostics) that make the run fail under `failOn`.
 * Every item with a severity at or above the level counts.
 */
export function failingItems<T extends { severity: Severity }>(items: readonly T[], failOn: FailOn): T[] {
  return items.filter((item) => meetsFailOn(item.severity, failOn));
}

/** Exit code for a plan that evaluated: 1 when anything is at or above `failOn`, else 0. */
export function exitCodeForFindings(items: readonly { severity: Severity }[], failOn: FailOn): ExitCode {
  return failingItems(items, failOn).length > 0 ? ExitCode.Findings : ExitCode.Ok;
}
