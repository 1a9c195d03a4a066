/**
 * Harm classes, severities and the assembly of one impact record.
 */
import type { Severity } from '../diagnostics/types.js';
import { monthLabel } from '../forecast/growth.js';
import type { FailureDomain, FailureHarm, FailureImpact, FailureSubsystem, ImpactHarm } from '../model/failure.js';

const HARM_RANK: Record<ImpactHarm, number> = { none: 0, degraded: 1, outage: 2 };
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * The severity of a harm: a tolerated loss (the policy says the plan survives it) that causes
 * an outage is an error and a degradation a warning; an untolerated loss one step milder
 * (outage: warning, degradation: info). `headroom plan --fail-on error` then fails exactly
 * when a tolerated failure stops something within the horizon.
 */
export function harmSeverity(harm: Exclude<ImpactHarm, 'none'>, tolerated: boolean): Severity {
  if (harm === 'outage') return tolerated ? 'error' : 'warning';
  return tolerated ? 'warning' : 'info';
}

/** A harm record with its severity from the domain's tolerance. */
export function makeHarm(domain: FailureDomain, h: Omit<FailureHarm, 'severity'>): FailureHarm {
  return { ...h, severity: harmSeverity(h.harm, domain.tolerated) };
}

/** The worse of two harms. */
export function worseHarm(a: ImpactHarm, b: ImpactHarm): ImpactHarm {
  return HARM_RANK[b] > HARM_RANK[a] ? b : a;
}

/**
 * One impact record: the worst harm, the earliest month and the worst severity are derived
 * from `harms` (sorted earliest first, then worst first).
 */
export function makeImpact(
  domain: FailureDomain,
  subsystem: FailureSubsystem,
  message: string,
  harms: FailureHarm[],
  detail: Partial<Pick<FailureImpact, 'compute' | 'control' | 'ceph' | 'network' | 'power'>>,
): FailureImpact {
  const sorted = harms.length < 2 ? harms.slice() : [...harms].sort((a, b) => a.month - b.month || HARM_RANK[b.harm] - HARM_RANK[a.harm]);
  let harm: ImpactHarm = 'none';
  let severity: Severity | null = null;
  for (const h of sorted) {
    harm = worseHarm(harm, h.harm);
    if (severity === null || SEVERITY_RANK[h.severity] > SEVERITY_RANK[severity]) severity = h.severity;
  }
  return {
    domain: domain.id,
    subsystem,
    harm,
    firstHarmMonth: sorted.length > 0 ? sorted[0]!.month : null,
    severity,
    harms: sorted,
    message,
    ...detail,
  };
}

/** "2028-04 (month 15)": a horizon month for messages. */
export function monthText(start: string, month: number): string {
  return `${monthLabel(start, month)} (month ${month})`;
}

/** The first `max` names, then "and N more". */
export function nameList(names: readonly string[], max = 4): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
