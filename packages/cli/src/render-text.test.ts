import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../../../test/helpers/plan-fixture.js';
import { cephLine, failureSummary, formatAmount, formatMonth, formatPercent, formatRunway, formatTB, holdsSummary, rackFailureSummary, renderText } from './render-text.js';

describe('unit formatting', () => {
  it('shows bytes as decimal TB and says TB', () => {
    expect(formatTB(3.84e12)).toBe('3.8 TB');
    expect(formatTB(0.48e12)).toBe('0.48 TB');
    expect(formatTB(368.64e12)).toBe('368.6 TB');
    expect(formatTB(1_234_500e9)).toBe('1,234.5 TB');
    expect(formatAmount(69.632e12, 'bytes')).toBe('69.6 TB');
  });

  it('shows MiB as GiB with its label', () => {
    expect(formatAmount(516096, 'MiB')).toBe('504 GiB'); // 516096 / 1024
    expect(formatAmount(8192, 'MiB')).toBe('8.0 GiB');
    expect(formatAmount(248, 'vCPU')).toBe('248 vCPU');
  });

  it('formats ratios and months', () => {
    expect(formatPercent(0.645)).toBe('64.5%');
    expect(formatPercent(null)).toBe('n/a');
    expect(formatMonth('2028-01')).toBe('Jan 2028');
    expect(formatMonth('2028-13')).toBe('2028-13');
  });

  it('formats a runway with the month it ends, or beyond the horizon', () => {
    const plan = fixturePlan();
    expect(formatRunway(plan, 2)).toBe('2 months (Mar 2027)');
    expect(formatRunway(plan, 1)).toBe('1 month (Feb 2027)');
    expect(formatRunway(plan, null)).toBe('> 3 months');
  });
});

describe('renderText', () => {
  const text = renderText(fixturePlan());

  it('names the scenario, horizon, hosts per role and the tolerated failures', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('Fixture cloud');
    expect(text).toContain('3 months from 2027-01 (Jan 2027 to Mar 2027)');
    expect(text).toContain('3 control, 2 compute (5 hosts)');
    expect(text).toContain('losing 1 host per role');
    expect(text).toContain('368.6 TB raw in 36 OSDs, failure domain host');
  });

  it('prints one row per resource with capacity, first and last month use, threshold and runway', () => {
    const row = (label: string) =>
      text
        .split('\n')
        .find((l) => l.trimStart().startsWith(label))
        ?.trim()
        .split(/\s{2,}/);
    expect(row('RESOURCE')).toEqual(['RESOURCE', 'CAPACITY', 'USE 2027-01', 'USE 2027-03', 'THRESHOLD', 'RUNWAY']);
    expect(row('Compute vCPU')).toEqual(['Compute vCPU', '248 vCPU', '64.5%', '78.1%', '80%', '2 months (Mar 2027)']);
    expect(row('Compute memory')).toEqual(['Compute memory', '504 GiB', '63.5%', '63.5%', '80%', '> 3 months']);
    expect(row('Pool volumes')).toEqual(['Pool volumes', '69.6 TB', '57.4%', '69.5%', '85%', '> 3 months']);
  });

  it('adds a Ceph line when the plan has the Ceph view: the first pool limit and PGs per OSD', () => {
    expect(text).not.toContain('  ceph  ');
    const plan = fixturePlan();
    plan.storage.ceph = {
      bottleneck: { pool: 'volumes', limit: 'safe usable', runwayMonths: 2, month: '2027-03' },
      pgs: { targetPerOsd: 100, maxPerOsd: 250, subtrees: [], maxPgReplicasPerOsd: 101.6 },
    } as unknown as NonNullable<typeof plan.storage.ceph>;
    expect(renderText(plan)).toContain('ceph      first limit: pool volumes reaches safe usable in 2 months (Mar 2027); 102 PG replicas per OSD (limit 250)');
    plan.storage.ceph.bottleneck = null;
    expect(cephLine(plan)).toBe('no pool reaches nearfull or its safe usable limit in 3 months; 102 PG replicas per OSD (limit 250)');
  });

  it('names the bottleneck and the control-plane quorum', () => {
    expect(text).toContain('Bottleneck: Compute vCPU, threshold crossed in 2 months (Mar 2027)');
    expect(text).toContain('Control plane: 3 controllers, quorum 2, tolerates 1 controller failure');
    expect(renderText(fixturePlan({ bottleneck: null }))).toContain('Bottleneck: none within the horizon (3 months)');
  });

  it('groups findings by severity with code, subject and message', () => {
    expect(text).toContain('Findings: 0 errors, 1 warning, 1 info');
    const warning = text.indexOf('  warning\n');
    const info = text.indexOf('  info\n');
    expect(warning).toBeGreaterThan(0);
    expect(info).toBeGreaterThan(warning);
    expect(text).toMatch(/runway\.short\s+resource compute\.vcpu\s+vCPU demand crosses 80% of capacity \(from Mar 2027\)/);
    expect(text).toMatch(/role\.ecc_unknown\s+role compute\s+ECC memory is not stated/);
    expect(renderText(fixturePlan({ findings: [], summary: { error: 0, warning: 0, info: 0 } }))).toContain('Findings: none');
  });

  it('is plain text unless colour is asked for', () => {
    expect(text).not.toContain('\u001b[');
    expect(renderText(fixturePlan(), { color: true })).toContain('\u001b[1m');
  });
});

describe('failureSummary', () => {
  it('counts tolerated losses with harm and names the first month; nothing without a failure analysis', () => {
    const plan = fixturePlan();
    expect(failureSummary(plan)).toBeUndefined();
    const domain = (id: string, tolerated: boolean) => ({ id, kind: 'host' as const, name: id, tolerated, hostsLost: [id], hostsDrained: [], hostsDegraded: [] });
    const impact = (d: string, month: number | null) => ({
      domain: d,
      subsystem: 'compute' as const,
      harm: month === null ? ('none' as const) : ('outage' as const),
      firstHarmMonth: month,
      severity: null,
      harms: [],
      message: '',
    });
    plan.failure = {
      policy: { tolerate: { hosts: 1, racks: 0, zones: 0, switches: 1, feeds: 1 }, maintenance: { hosts: 0, roles: ['compute'] } },
      assumptions: [],
      domains: [domain('a', true), domain('b', true), domain('r', false)],
      impacts: [impact('a', 2), impact('b', null), impact('r', 0)],
    };
    // a is tolerated and harms from month 2 (Mar 2027); r harms earlier but is not tolerated
    expect(failureSummary(plan)).toBe('3 domains analysed; 1 tolerated loss causes harm, the first from Mar 2027');
    expect(renderText(plan)).toContain('Failure domains: 3 domains analysed; 1 tolerated loss causes harm');
    plan.failure.impacts = [impact('a', null)];
    expect(failureSummary(plan)).toBe('3 domains analysed; no tolerated loss causes harm within the horizon');
  });
});

describe('holdsSummary and rackFailureSummary (plan.headline)', () => {
  const headline = {
    horizonMonths: 3,
    shows: 'with-purchases' as const,
    holdsWithoutPurchases: false,
    holdsWithPurchases: true,
    errorFindings: 0,
    firstToRunOut: { resource: 'compute.vcpu', label: 'Compute vCPU', monthIndex: 2, month: '2027-03', utilisationTolerated: 0.85, threshold: 0.8 },
    closest: null,
    orders: { byOrderBy: [0], hosts: 2, firstOrderBy: '2027-01-01', late: 0, unpriced: 0 },
    rackFailure: {
      worst: 'r2',
      worstSameAs: [],
      racks: [
        { rack: 'r1', tolerated: false, harm: 'none' as const, firstHarmMonthIndex: null, harms: [] },
        {
          rack: 'r2',
          tolerated: false,
          harm: 'outage' as const,
          firstHarmMonthIndex: 1,
          harms: [{ subsystem: 'compute' as const, harm: 'outage' as const, monthIndex: 1, message: 'x' }],
        },
      ],
    },
  };

  it('says whether the plan holds with and without the purchases', () => {
    expect(holdsSummary(fixturePlan({ headline }))).toBe('yes, 3 months, with the 1 scheduled purchase (without them Compute vCPU runs out in Mar 2027)');
    expect(holdsSummary(fixturePlan({ headline: { ...headline, holdsWithPurchases: null } }))).toBe(
      'no: Compute vCPU runs out in Mar 2027 (no procurement: section schedules purchases)',
    );
    expect(holdsSummary(fixturePlan({ headline: { ...headline, firstToRunOut: null } }))).toBe('yes, 3 months without purchases');
    expect(holdsSummary(fixturePlan({ headline: undefined }))).toBeUndefined();
  });

  it('a capacity "yes" names the error findings that stand beside it (the exit code counts them)', () => {
    expect(holdsSummary(fixturePlan({ headline: { ...headline, errorFindings: 4 } }))).toBe(
      'capacity yes, 3 months, with the 1 scheduled purchase (without them Compute vCPU runs out in Mar 2027); but 4 error findings need action (Findings below)',
    );
    expect(holdsSummary(fixturePlan({ headline: { ...headline, firstToRunOut: null, errorFindings: 1 } }))).toBe(
      'capacity yes, 3 months without purchases; but 1 error finding needs action (Findings below)',
    );
  });

  it('names the worst rack and its harms with months', () => {
    // month index 1 of the fixture's months (from Jan 2027) is Feb 2027
    expect(rackFailureSummary(fixturePlan({ headline }))).toBe('worst is losing r2: compute outage from Feb 2027; the policy does not tolerate a rack loss');
  });
});
