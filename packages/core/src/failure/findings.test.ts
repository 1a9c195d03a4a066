/**
 * failureFindings groups the harms by (code, severity, kind of domain); within a group the
 * earliest month leads, ties broken by the domain's position. Hand-worked.
 */
import { describe, expect, it } from 'vitest';
import type { FailureDomain, FailureImpact, FailurePolicy } from '../model/failure.js';
import { failureFindings } from './findings.js';

const policy: FailurePolicy = { tolerate: { hosts: 1, racks: 1, zones: 0, switches: 0, feeds: 0 }, maintenance: { hosts: 0, roles: [] } };
const rack = (name: string, id = `rack:${name}`): FailureDomain => ({ id, kind: 'rack', name, tolerated: true, hostsLost: [], hostsDrained: [], hostsDegraded: [] });
const impact = (domain: string, month: number): FailureImpact => ({
  domain,
  subsystem: 'compute',
  harm: 'outage',
  firstHarmMonth: month,
  severity: 'error',
  harms: [{ code: 'failure.compute.shortfall', harm: 'outage', month, severity: 'error', message: `short in month ${month}.` }],
  message: '',
});

describe('failureFindings', () => {
  it('the earliest month leads; equal months in domain order; a repeated id reads its last domain', () => {
    // r3 and r2 harm in month 2, r1 in month 5: r2 (position 1) leads r3 (position 2), then r1.
    // The id rack:r1 is also the first domain's (named "old"): the lookup by id gives the last one (r1).
    const domains = [rack('old', 'rack:r1'), rack('r2'), rack('r3'), rack('r1')];
    const impacts = [impact('rack:r3', 2), impact('rack:r1', 5), impact('rack:r2', 2), impact('rack:none', 0)];
    const [f, ...rest] = failureFindings(domains, impacts, policy, '2027-01', new Map());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'failure.compute.shortfall', severity: 'error', subject: '3 racks', month: 2 });
    // the others: r3 (month 2) and r1 (month 5), so "from 2027-03 to 2027-06"
    expect(f!.message).toBe(
      'Losing rack r2: short in month 2. Losing any of r3, r1 does the same, from 2027-03 to 2027-06. The policy tolerates this loss (policy.tolerate.racks).',
    );
  });
});
