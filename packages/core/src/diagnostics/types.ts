/**
 * Diagnostics are about the scenario file (what the user typed); findings are about the
 * planned cloud (what the arithmetic says). Codes are dotted and permanent: once shipped, a
 * code never changes meaning. The registry of codes is `codes.ts`.
 */

/** Severity of a diagnostic or finding, ordered info < warning < error. */
export type Severity = 'info' | 'warning' | 'error';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A position in a source file, 1-based line and column (as editors show them). */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
}

/** A problem in the scenario file. `path` is the YAML path (keys and array indices). */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  path: (string | number)[];
  location: SourceLocation;
  hint?: string;
}

/**
 * A result about the planned cloud: a shortfall, a breached ratio, a role requirement a
 * server misses. `subject` names what it concerns (`host compute-03`, `pool volumes`,
 * `role control`, `resource compute.vcpu`). `month` is the 0-based horizon month index when
 * the finding starts in a given month; `value` and `limit` are in the unit named in `unit`.
 */
export interface Finding {
  code: string;
  severity: Severity;
  subject: string;
  message: string;
  month?: number;
  value?: number;
  limit?: number;
  unit?: string;
  /** Where the rule comes from: a Nova/Ceph option, a doc page, a code path, guidance. */
  source?: string;
}
