/**
 * The one-host failure domains by class (failure/analyze.ts analyzeFailuresByClass) and their
 * stitching over the fleet timeline (evaluate/epochs.ts FailureStitch) give what building
 * every one-host domain gives, and keep apart hosts whose loss does different things.
 *
 * Scenario (network/test-network.ts base, server `srv`: 2 × 16 cores × 2 threads = 64 VCPU at
 * ratio 1.0, 4 OSDs × 7.68 TB = 30.72 TB raw): 3 control, 4 compute, 2 compute `old` retiring
 * in 2027-05 (month 4), 7 storage spread over racks r1-r3 (r1: storage-01, -04, -07;
 * r2: -02, -05; r3: -03, -06), Ceph failure domain rack; 9 `big` instances (16 VCPU, 1 GiB),
 * growing linearly 10 %/month, 20 TB of volumes; policy tolerates one host; procurement buys
 * `srv` compute hosts.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { planCompute } from '../compute/compute-plan.js';
import { analyzeFailures, analyzeFailuresByClass } from '../failure/analyze.js';
import { expandHosts } from '../fleet/hosts.js';
import { buildFleetTimeline } from '../fleet/timeline.js';
import type { Scenario } from '../model/scenario.js';
import { baseNetworkScenario } from '../network/test-network.js';
import { planProcurement } from '../procurement/schedule.js';
import { parseScenario } from '../scenario/parse.js';
import { epochCaches, FailureStitch, planEpochs } from './epochs.js';
import { makeImpact } from '../failure/harm.js';
import { failurePolicy } from '../failure/topology.js';
import type { FailureDomain } from '../model/failure.js';
import { makeScenario } from '../model/test-scenario.js';

type Obj = Record<string, unknown>;

function scenario(): Scenario {
  const s = baseNetworkScenario();
  s.openstack = { allocationRatio: { cpu: 1.0, ram: 1.0, disk: 1.0 }, reserved: { hostCpus: 0 }, flavors: { big: { vcpus: 16, ram: '1 GiB' } } };
  s.nodes = [
    { role: 'control', hardware: 'srv', count: 3 },
    { role: 'compute', hardware: 'srv', count: 4 },
    { role: 'compute', hardware: 'srv', count: 2, name: 'old', retire: '2027-05' },
    { role: 'storage', hardware: 'srv', count: 7 },
  ];
  s.ceph = { failureDomain: 'rack', pools: [{ name: 'volumes', type: 'replicated', size: 3 }] };
  s.demand = { instances: [{ flavor: 'big', count: 9 }], storage: { volumes: '20 TB' }, growth: { kind: 'linear', perMonth: 0.1 } };
  s.policy = { tolerate: { hosts: 1 } };
  s.procurement = { roles: { compute: { hardware: 'srv', batch: 1, leadTimeWeeks: 4 } } };
  const r = parseScenario(stringify(s as Obj), { fileName: 'test.yaml' });
  if (!r.scenario) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return r.scenario;
}

describe('one-host failure domains by class', () => {
  const s = scenario();
  const hosts = expandHosts(s).hosts;
  const compute = planCompute(s, hosts).plan;
  const byClass = analyzeFailuresByClass(s, hosts, compute, {}, undefined);
  const full = analyzeFailures(s, hosts, compute, {}, undefined, { findings: false });
  const classOf = (name: string) => byClass.hosts.cls[byClass.hosts.names.indexOf(name)]!;
  const impact = (name: string, subsystem: string) => full.plan.impacts.find((i) => i.domain === `host:${name}` && i.subsystem === subsystem)!;

  it('gives each host the impacts analyzeFailures gives its domain', () => {
    // each host as its class or its built domain, in host order, then the other domains
    const domains = full.plan.domains;
    const built = new Set(byClass.plan.domains.map((d) => d.id));
    const expanded = byClass.hosts.names.flatMap((name, i) => {
      const k = byClass.hosts.cls[i]!;
      if (k < 0) return byClass.plan.impacts.filter((x) => x.domain === `host:${name}`);
      return byClass.hosts.classes[k]!.map((x) => ({ ...x, domain: `host:${name}` }));
    });
    const others = byClass.plan.impacts.filter((x) => !x.domain.startsWith('host:'));
    expect([...expanded, ...others]).toEqual(full.plan.impacts);
    expect(byClass.plan.domains.filter((d) => d.kind !== 'host')).toEqual(domains.filter((d) => d.kind !== 'host'));
    // the controllers (their quorum sentence names them) are built; plain hosts are not
    expect([...built].filter((id) => id.startsWith('host:control-'))).toEqual(['host:control-01', 'host:control-02', 'host:control-03']);
    expect(built.has('host:compute-01')).toBe(false);
  });

  it('keeps apart hosts of one model with different instances', () => {
    // No loss harms (4 slots of 16 VCPU per host), so each is evaluated in the last month,
    // 11: ceil(9 × (1 + 0.1 × 11)) = ceil(18.9) = 19 instances spread by free RAM over 6
    // equal hypervisors: five hold 3, one holds 4 (and the survivors' 20 − 16 = 4 or
    // 20 − 15 = 5 free slots take them).
    const computeHosts = ['compute-01', 'compute-02', 'compute-03', 'compute-04', 'old-01', 'old-02'];
    const displaced = computeHosts.map((h) => impact(h, 'compute').compute!.instancesDisplaced);
    expect(computeHosts.map((h) => impact(h, 'compute').compute!.atMonth)).toEqual([11, 11, 11, 11, 11, 11]);
    expect([...displaced].sort()).toEqual([3, 3, 3, 3, 3, 4]);
    const classes = computeHosts.map(classOf);
    expect(new Set(classes).size).toBe(2);
    for (let i = 0; i < computeHosts.length; i++) for (let j = 0; j < computeHosts.length; j++) expect(classes[i] === classes[j]).toBe(displaced[i] === displaced[j]);
  });

  it('keeps apart storage hosts of one model in CRUSH racks of different capacity', () => {
    // r1 holds 3 × 30.72 = 92.16 TB, r2 2 × 30.72 = 61.44 TB; each rack holds one copy of
    // the 20 TB. Losing a host of r2 leaves it 30.72 TB: 20 / 30.72 = 65.1 % full; losing
    // one of r1 leaves 61.44 TB: 20 / 61.44 = 32.6 %, as r2 and r3 are already.
    const r1 = impact('storage-01', 'ceph').ceph!;
    const r2 = impact('storage-02', 'ceph').ceph!;
    expect(r1.survivorFillMonth0).toBeCloseTo(20 / 61.44, 6);
    expect(r2.survivorFillMonth0).toBeCloseTo(20 / 30.72, 6);
    expect(classOf('storage-01')).toBe(classOf('storage-04'));
    expect(classOf('storage-02')).toBe(classOf('storage-05'));
    expect(classOf('storage-01')).not.toBe(classOf('storage-02'));
  });
});

describe('the stitched one-host domains over the fleet timeline', () => {
  const s = scenario();
  const hosts = expandHosts(s).hosts;
  const proc = planProcurement(s, buildFleetTimeline(s, hosts))!;
  const timeline = buildFleetTimeline(s, hosts, proc.purchases, proc.addedRacks);
  const byClass = planEpochs(s, timeline).failure!;
  const built = planEpochs(s, timeline, { hostClasses: false }).failure!;

  it('are what stitching every built one-host domain gives (domains, impacts, their order, findings)', () => {
    // the timeline changes twice at least: a delivery and the retirement in month 4
    expect(timeline.epochs.length).toBeGreaterThanOrEqual(3);
    expect(proc.purchases.length).toBeGreaterThan(0);
    expect(built.plan.impacts.some((i) => i.domain.startsWith('host:') && i.harms.length > 0)).toBe(true);
    expect(byClass.plan).toEqual(built.plan);
    expect(JSON.stringify(byClass)).toBe(JSON.stringify(built));
  });

  it('a retired host keeps the impact of the last months it served; a delivered host is a domain from its delivery', () => {
    const atMonth = (name: string) => byClass.plan.impacts.find((i) => i.domain === `host:${name}` && i.subsystem === 'compute')!.compute!.atMonth;
    // old-01 serves months 0-3 (it retires in month 4)
    expect(atMonth('old-01')).toBeLessThanOrEqual(3);
    const delivered = timeline.hosts.find((h) => h.purchased)!;
    const ids = byClass.plan.domains.map((d) => d.id);
    // first seen after every domain of the first fleet (its racks, switches, feeds)
    const epoch0 = timeline.epochs[0]!;
    expect(epoch0.hosts.some((h) => h.name === delivered.name)).toBe(false);
    expect(ids.indexOf(`host:${delivered.name}`)).toBeGreaterThan(ids.indexOf('rack:r3'));
    expect(atMonth(delivered.name)).toBeGreaterThanOrEqual(delivered.fromMonth);
  });
});

describe('FailureStitch with one-host domains by class', () => {
  it('keeps the history of each host: two hosts of one class in an epoch keep what earlier epochs gave them apart', () => {
    const sc = makeScenario(); // starts 2027-01
    const stub: FailureDomain = { id: '', kind: 'host', name: '', tolerated: true, hostsLost: [], hostsDrained: [], hostsDegraded: [] };
    const short = {
      code: 'failure.compute.shortfall',
      harm: 'outage' as const,
      month: 3,
      severity: 'error' as const,
      message: 'From 2027-04 (month 3), 1 instance finds no host.',
    };
    const harmed = makeImpact(stub, 'compute', '1 of 2 displaced instances find no host from 2027-04 (month 3).', [short], {});
    const fine = (text: string) => makeImpact(stub, 'compute', text, [], {});
    const plan = { policy: failurePolicy(sc), assumptions: [], domains: [], impacts: [] };
    const epoch = (fromMonth: number, toMonth: number) => ({ fromMonth, toMonth, from: '', hosts: [] });
    const stitch = new FailureStitch(sc);
    // months 0-5: a's loss harms from month 3, b's does not; c is not there yet
    stitch.add(epoch(0, 6), { plan, findings: [], hosts: { names: ['a', 'b'], cls: Int32Array.from([0, 1]), classes: [[harmed], [fine('b, months 0-5.')]], tolerated: true } });
    // months 6-11: a, b and the delivered c share one class whose loss harms nothing
    stitch.add(epoch(6, 12), { plan, findings: [], hosts: { names: ['a', 'b', 'c'], cls: Int32Array.from([0, 0, 0]), classes: [[fine('all, months 6-11.')]], tolerated: true } });
    const r = stitch.result(
      new Map([
        ['a', 'compute'],
        ['b', 'compute'],
        ['c', 'compute'],
      ]),
    );
    expect(r.plan.domains.map((d) => d.id)).toEqual(['host:a', 'host:b', 'host:c']);
    // a keeps its month-3 harm (the earliest, from the epoch that names it); b and c the last epoch's impact
    expect(r.plan.impacts.map((i) => [i.domain, i.firstHarmMonth, i.message])).toEqual([
      ['host:a', 3, '1 of 2 displaced instances find no host from 2027-04 (month 3).'],
      ['host:b', null, 'all, months 6-11.'],
      ['host:c', null, 'all, months 6-11.'],
    ]);
    expect(r.findings.map((f) => [f.code, f.subject, f.month])).toEqual([['failure.compute.shortfall', 'host a', 3]]);
  });
});

/**
 * evaluate plans two timelines of one scenario (with the purchases, then without) through one
 * set of EpochCaches: the fleet they share (month 0 here) is planned once, and every figure is
 * the one a fresh planEpochs gives. Without purchases this scenario's timeline (12 months) has
 * 2 epochs (months 0-3 with the old hosts, 4-11 without); with them, more.
 */
describe('planEpochs with caches shared by two timelines', () => {
  const s = scenario();
  const hosts = expandHosts(s).hosts;
  const base = buildFleetTimeline(s, hosts);
  const procurement = planProcurement(s, base)!;
  const withPurchases = buildFleetTimeline(s, hosts, procurement.purchases, procurement.addedRacks);

  it('plans the shared month-0 fleet once and gives the figures of fresh calls', () => {
    // the purchases arrive after month 0: both timelines open on the same 16 hosts
    expect(withPurchases.epochs.length).toBeGreaterThan(2);
    expect(base.epochs.map((e) => [e.fromMonth, e.toMonth])).toEqual([
      [0, 4],
      [4, 12],
    ]);
    expect(withPurchases.epochs[0]!.hosts.map((h) => h.name)).toEqual(base.epochs[0]!.hosts.map((h) => h.name));
    const caches = epochCaches(s);
    const a = planEpochs(s, withPurchases, { caches });
    const b = planEpochs(s, base, { failure: false, caches });
    // the month-0 plans are the very objects of the first call (planned once) ...
    expect(b.epochs[0]!.compute).toBe(a.epochs[0]!.compute);
    expect(b.epochs[0]!.storage).toBe(a.epochs[0]!.storage);
    // ... and every epoch of both calls equals what a call of its own gives
    expect(a).toEqual(planEpochs(s, withPurchases));
    expect(b).toEqual(planEpochs(s, base, { failure: false }));
  });
});
