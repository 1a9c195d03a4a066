/**
 * The fleet timeline, hand-worked: a host delivered in month m is a failure domain and a
 * survivor from m, and takes an address from m; a retired group's hosts stop counting.
 *
 * The base is network/test-network.ts: 3 control, 3 compute, 4 storage hosts of one model
 * `srv` (2 sockets × 16 cores × 2 threads = 64 threads, 256 GiB), networks with mgmt
 * addressed by every role; 12 months from 2027-01.
 */
import { describe, expect, it } from 'vitest';
import { baseNetworkScenario, diagnosticsOf } from '../network/test-network.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { PlanResult } from '../model/plan.js';
import { parseScenario } from '../scenario/parse.js';
import { stringify } from 'yaml';

type Obj = Record<string, unknown>;

/**
 * Compute: allocation ratio 1.0, no reserved CPUs: 64 VCPU per host, 16-VCPU instances (4 per
 * host). 3 hosts = 192 VCPU, N+1 = 128, threshold 0.8 → 102.4 VCPU.
 * Demand 4 instances = 64 VCPU, linear growth 0.1: demand(t) = 64 × (1 + 0.1 t);
 * 64 × 1.6 = 102.4 at t = 6 (not above), 64 × 1.7 = 108.8 at t = 7: crossing in month 7 (2027-08).
 * Procurement buys 1 `srv` (batch 1): 4 hosts, N+1 = 192, × 0.8 = 153.6 ≥ 64 × 2.1 = 134.4 in month 11.
 */
function withPurchase(): Obj {
  const s = baseNetworkScenario();
  s.openstack = {
    allocationRatio: { cpu: 1.0, ram: 1.0, disk: 1.0 },
    reserved: { hostCpus: 0 },
    flavors: { big: { vcpus: 16, ram: '1 GiB' } },
  };
  s.demand = { instances: [{ flavor: 'big', count: 4 }], growth: { kind: 'linear', perMonth: 0.1 } };
  s.procurement = { roles: { compute: { hardware: 'srv', batch: 1, leadTimeWeeks: 4 } } };
  return s;
}

function planOf(data: Obj, options: { withoutPurchases?: boolean } = {}): PlanResult {
  const r = parseScenario(stringify(data), { fileName: 'test.yaml' });
  if (!r.scenario) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return evaluate(r.scenario, options);
}

const shortfalls = (p: PlanResult) => p.findings.filter((f) => f.code === 'failure.compute.shortfall' && f.subject.includes('host'));

describe('a host delivered in month m', () => {
  const plan = planOf(withPurchase());
  const without = planOf(withPurchase(), { withoutPurchases: true });

  it('is bought for month 7 (2027-08) and in service from then', () => {
    expect(plan.procurement!.purchases.map((p) => [p.deliveryMonth, p.quantity])).toEqual([['2027-08', 1]]);
    const bought = plan.fleet!.hosts.filter((h) => h.purchased);
    expect(bought.map((h) => [h.name, h.fromMonth, h.untilMonth])).toEqual([['compute-new-01', 7, null]]);
    // epochs: months 0-6 with 10 hosts, 7-11 with 11
    expect(plan.fleet!.epochs.map((e) => [e.fromMonth, e.toMonth, e.hosts])).toEqual([
      [0, 7, 10],
      [7, 12, 11],
    ]);
  });

  it('adds its capacity from month 7: VCPU 192 before, 256 from 2027-08 (N+1: 128, then 192)', () => {
    const vcpu = (t: number) => plan.months[t]!.resources['compute.vcpu']!;
    expect([vcpu(6).capacity, vcpu(6).capacityTolerated]).toEqual([192, 128]);
    expect([vcpu(7).capacity, vcpu(7).capacityTolerated]).toEqual([256, 192]);
    // with it the plan holds; without it the runway ends in month 7
    expect(plan.bottleneck).toBeNull();
    expect(without.bottleneck).toEqual({ resource: 'compute.vcpu', runwayMonths: 7, month: '2027-08' });
  });

  it('is a failure domain and a survivor from month 7', () => {
    expect(plan.failure!.domains.some((d) => d.id === 'host:compute-new-01')).toBe(true);
    expect(without.failure!.domains.some((d) => d.id === 'host:compute-new-01')).toBe(false);
    // Losing one of 3 hosts leaves 2 × 4 = 8 slots for ceil(4 × (1 + 0.1 t)) instances:
    // ceil(4 × 2.0) = 8 fits at t = 10, ceil(4 × 2.1) = 9 does not at t = 11 (2027-12).
    expect(shortfalls(without).map((f) => [f.month, f.severity])).toEqual([[11, 'error']]);
    // With the host delivered in month 7 the survivors are 3 hosts, 12 slots ≥ 9: no shortfall.
    expect(shortfalls(plan)).toEqual([]);
  });

  it('takes its mgmt address from month 7: 10 hosts in months 0-6, 11 from 2027-08', () => {
    const mgmt = plan.network!.addressUsage.find((u) => u.network === 'mgmt')!;
    expect(mgmt.nodesByMonth).toEqual([10, 10, 10, 10, 10, 10, 10, 11, 11, 11, 11, 11]);
    expect(without.network!.addressUsage.find((u) => u.network === 'mgmt')!.nodesByMonth).toEqual(Array(12).fill(10));
  });

  it('one verdict: with the purchase no error finding; without it, month 11 exceeds the capacity and a host loss falls short', () => {
    expect(plan.summary.error).toBe(0);
    expect(plan.headline!.holdsWithPurchases).toBe(true);
    expect(plan.headline!.shows).toBe('with-purchases');
    expect(without.headline!.shows).toBe('without-purchases');
    // without it: 64 × 2.1 = 134.4 VCPU in month 11 exceeds the N+1 capacity of 128 (capacity.exceeded),
    // and losing a host leaves 8 slots for 9 instances (failure.compute.shortfall)
    expect(without.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.month])).toEqual([
      ['capacity.exceeded', 11],
      ['failure.compute.shortfall', 11],
    ]);
  });
});

describe('a retired group', () => {
  /** The base plus one more compute host, `old-01`, that retires in 2027-04 (month 3). */
  const data = (): Obj => {
    const s = baseNetworkScenario();
    (s.nodes as Obj[]).push({ role: 'compute', hardware: 'srv', count: 1, name: 'old', retire: '2027-04' });
    return s;
  };

  it('stops counting from its retire month: capacity, addresses, failure domains', () => {
    const plan = planOf(data());
    expect(plan.fleet!.hosts.find((h) => h.name === 'old-01')).toMatchObject({ fromMonth: 0, untilMonth: 3 });
    // VCPU per host (2 × 16 × 2 − 0 reserved) × the default cpu allocation ratio: 4 hosts in
    // months 0-2, 3 from month 3 (the ratio of the three months alike), so capacity(3) = 3/4 capacity(2).
    const cap = (t: number) => plan.months[t]!.resources['compute.vcpu']!.capacity;
    expect(cap(3) / cap(2)).toBeCloseTo(3 / 4, 12);
    // mgmt: 3 control + 4 compute + 4 storage = 11 in months 0-2, then 10
    expect(plan.network!.addressUsage.find((u) => u.network === 'mgmt')!.nodesByMonth).toEqual([11, 11, 11, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    // It was a failure domain while it served.
    expect(plan.failure!.domains.some((d) => d.id === 'host:old-01')).toBe(true);
  });

  it('retire at or before the start is an error at the value, after the horizon a warning', () => {
    const early = data();
    (early.nodes as Obj[])[3]!.retire = '2027-01';
    const e = diagnosticsOf(early).filter((d) => d.code.startsWith('fleet.'));
    expect(e.map((d) => [d.code, d.severity])).toEqual([['fleet.retire.not_after_start', 'error']]);
    expect(e[0]!.path).toEqual(['nodes', 3, 'retire']);
    const late = data();
    (late.nodes as Obj[])[3]!.retire = '2028-01'; // month 12: the horizon is months 0-11
    const l = diagnosticsOf(late).filter((d) => d.code.startsWith('fleet.'));
    expect(l.map((d) => [d.code, d.severity])).toEqual([['fleet.retire.after_horizon', 'warning']]);
  });
});

describe('retire positions in a scenario file', () => {
  it('fleet.retire.not_after_start at line:col of the value', () => {
    const text = [
      'schemaVersion: 1', //                                                     1
      'name: t', //                                                              2
      'start: 2027-06', //                                                       3
      'hardware:', //                                                            4
      '  a: { model: A, heightRu: 1, cpu: { sockets: 1, coresPerSocket: 8, threadsPerCore: 2 }, memory: { size: 64 GiB } }',
      'nodes:', //                                                               6
      '  - { role: compute, hardware: a, count: 2, retire: 2027-05 }', //        7
    ].join('\n');
    const d = parseScenario(text, { fileName: 's.yaml' }).diagnostics.find((x) => x.code === 'fleet.retire.not_after_start')!;
    // line 7: `  - { role: compute, hardware: a, count: 2, retire: ` is 52 characters: the value at col 53
    expect([d.location.line, d.location.col]).toEqual([7, 53]);
  });
});
