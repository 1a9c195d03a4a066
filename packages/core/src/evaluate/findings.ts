/**
 * Ordering and counting of findings, so a PlanResult is byte-for-byte deterministic.
 */
import { type Finding, type Severity, SEVERITY_RANK } from '../diagnostics/types.js';

/** Code-point comparison (no locale): the same order on every machine. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Findings sorted by severity (error, warning, info), then code, then subject, then month
 * (absent first), then message. Returns a new array.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || cmp(a.code, b.code) || cmp(a.subject, b.subject) || (a.month ?? -1) - (b.month ?? -1) || cmp(a.message, b.message),
  );
}

/** Count of findings per severity: {info, warning, error}. */
export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { info: 0, warning: 0, error: 0 };
  for (const f of findings) out[f.severity] += 1;
  return out;
}
