import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CephPool, Scenario } from '../model/scenario.js';
import { VERSION } from '../version.js';
import { evaluate } from './evaluate.js';
import { sortFindings } from './findings.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import type { PlanResult } from '../model/plan.js';

describe('evaluate', () => {
  it('the base scenario has no findings and the expected shape', () => {
    const s = makeScenario();
    const r = evaluate(s);
    expect(r.schemaVersion).toBe(2);
    expect(r.generator).toEqual({ name: 'headroom', version: VERSION });
    expect(r.scenario).toBe(s);
    expect(r.hosts).toHaveLength(10); // 3 control + 3 compute + 4 storage
    // Ceph monitors by default on the 3 controllers: quorum floor(3/2) + 1 = 2, 1 tolerated
    expect(r.controlPlane).toEqual({
      controllers: 3,
      quorum: 2,
      toleratedFailures: 1,
      monitors: { role: 'control', hosts: ['control-01', 'control-02', 'control-03'], quorum: 2, toleratedFailures: 1 },
    });
    // Failure domains: storage spreads over r1, r2, r3, r1, so rack r1 (zone az1) holds 2 of the
    // 4 storage hosts: a PG with copies on both keeps 1 of 3 < min_size 2. Racks and zones are not
    // tolerated (policy.tolerate racks 0, zones 0): warnings.
    expect(r.findings.map((f) => [f.code, f.severity, f.subject])).toEqual([
      ['failure.ceph.inactive_pgs', 'warning', 'rack r1'],
      ['failure.ceph.inactive_pgs', 'warning', 'zone az1'],
    ]);
    expect(r.summary).toEqual({ info: 0, warning: 2, error: 0 });
    expect(r.resources.map((x) => x.id)).toEqual(['compute.vcpu', 'compute.memory', 'storage.rule.replicated_rule']);
    expect(r.months.map((m) => m.month).slice(0, 2)).toEqual(['2027-01', '2027-02']);
    expect(r.months).toHaveLength(24);
    expect(r.bottleneck).toBeNull();
  });

  it('a hand-worked plan: N+1 compute, memory-bound flavor mix, 3 %/month compound growth', () => {
    // 3 × cmp-r760: MEMORY_MB 3 × 520,192 = 1,560,576 MiB; N+1 removes one: 1,040,384 MiB.
    // VCPU 3 × 512 = 1,536; N+1 1,024.
    // Demand: 20 × m1.xlarge (8 vCPU, 32 GiB): 160 vCPU, 20 × 32,768 = 655,360 MiB.
    // Memory, threshold 0.8 on 1,040,384 = 832,307.2: 655,360 × 1.03^t > 832,307.2 ⇔ 1.03^t > 1.27
    //   ⇔ t > ln 1.27 / ln 1.03 = 8.09 -> month 9 (1.03^8 = 1.2668, 1.03^9 = 1.3048) = 2027-10.
    // Memory all hosts: 0.8 × 1,560,576 / 655,360 = 1.905 ⇔ t > 21.80 -> 22 (1.03^21 = 1.860, 1.03^22 = 1.916).
    // Memory exceeded (tolerated): 1,040,384 / 655,360 = 1.5875 ⇔ t > 15.64 -> 16 (1.03^15 = 1.558, 1.03^16 = 1.605).
    // VCPU: 0.8 × 1,024 / 160 = 5.12 ⇔ t > ln 5.12 / ln 1.03 = 55.3: not within 24 months.
    // Storage, one resource for the rule (storage.rule.replicated_rule, raw bytes): volumes 50e12 × 3 =
    //   150e12 raw on 4 hosts × 80e12 = 320e12. Fullest OSD: PGs 1024 × 3 / 40 = 76.8 per OSD,
    //   factor f = 1 + 5 / 76.8 = 1.0651042. Capacity 320e12 / f = 300.44e12; tolerated (one host lost:
    //   3 survivors of 80e12 hold 3 copies, 240e12 raw, storage/reprotect.ts) 240e12 / f = 225.33e12.
    //   Tolerated: 150e12 × 1.03^t > 0.85 × 225.33e12 = 191.53e12 ⇔ 1.03^t > 1.27688 ⇔ t > 8.27 -> 9
    //     (1.03^8 = 1.2668, 1.03^9 = 1.3048).
    //   All hosts: 0.85 × 300.44e12 = 255.37e12; 1.03^t > 1.702477 ⇔ t > 18.0003 -> 19 (1.03^18 = 1.702433).
    //   Exceeded (tolerated): 1.03^t > 225.33 / 150 = 1.50220 ⇔ t > 13.77 -> 14 (1.03^13 = 1.4685, 1.03^14 = 1.5126).
    //   Ceph nearfull, all hosts up, fullest = mean × f: 150e12 × 1.03^t × f / 320e12 > 0.85, the same
    //   test as "All hosts" -> month 19 (ceph.rule.nearfull); full 0.95: 1.03^t > 1.90277 ⇔ t > 21.77 -> 22 (ceph.rule.full).
    const s = makeScenario({
      demand: { instances: [{ flavor: 'm1.xlarge', count: 20 }], storageBytes: { volumes: 50e12 }, growth: { kind: 'compound', perMonth: 0.03 } },
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
    const r = evaluate(s);
    expect(r.compute.demandMonth0).toEqual({ VCPU: 160, MEMORY_MB: 655_360 });
    expect(r.compute.toleratedCapacity).toEqual({ VCPU: 1024, MEMORY_MB: 1_040_384 });
    const info = Object.fromEntries(r.resources.map((x) => [x.id, [x.runwayMonths, x.runwayMonthsAllHosts]]));
    expect(info).toEqual({ 'compute.vcpu': [null, null], 'compute.memory': [9, 22], 'storage.rule.replicated_rule': [9, 19] });
    expect(r.bottleneck).toEqual({ resource: 'compute.memory', runwayMonths: 9, month: '2027-10' });
    const notFailure = r.findings.filter((f) => !f.code.startsWith('failure.'));
    expect(notFailure.map((f) => [f.code, f.severity, f.subject, f.month])).toEqual([
      ['capacity.exceeded', 'error', 'resource compute.memory', 16],
      ['capacity.exceeded', 'error', 'resource storage.rule.replicated_rule', 14],
      ['ceph.rule.full', 'error', 'rule replicated_rule', 22],
      ['capacity.threshold_crossed', 'warning', 'resource compute.memory', 9],
      ['capacity.threshold_crossed', 'warning', 'resource storage.rule.replicated_rule', 9],
      ['ceph.rule.nearfull', 'warning', 'rule replicated_rule', 19],
      ['compute.reserved_memory_low', 'warning', 'role compute', 23],
    ]);
    // QEMU overhead at month 23: ceil(20 × 1.03^23) = ceil(39.47) = 40 instances ÷ 3 hosts = 13.33 per host
    // × 512 MiB = 6,826.67 MiB > 4,096 MiB reserved.
    const low = r.findings.find((f) => f.code === 'compute.reserved_memory_low')!;
    expect(low.value).toBe(4096);
    expect(low.limit).toBeCloseTo((40 / 3) * 512, 9);
    expect(r.summary.error - 3).toBe(r.findings.filter((f) => f.code.startsWith('failure.') && f.severity === 'error').length);
  });

  it('the same plan, failure domains: a host loss harms compute from month 14 and Ceph from month 13', () => {
    // Compute: an m1.xlarge takes 32,768 MiB: floor(520,192 / 32,768) = 15 per host. n(t) =
    // ceil(20 × 1.03^t) instances spread evenly over 3 hosts. Losing the fullest, ceil(n/3), the
    // two survivors have 30 − (n − ceil(n/3)) slots: enough iff n <= 30. 20 × 1.03^13 = 29.37 -> 30;
    // 20 × 1.03^14 = 30.25 -> 31: harm from month 14 (2028-03), two months before the memory
    // sum says demand exceeds the N+1 capacity (month 16): the 0.875 of a slot left on each host
    // holds no instance.
    // Ceph: 50 TB × 3 = 150 TB raw of 320: 46.9 %; one host lost: 150 / 240 = 62.5 %, re-protected
    // on the 3 left (= size). Backfillfull: 0.625 × 1.03^t > 0.9 <=> t > ln 1.44 / ln 1.03 = 12.34
    // -> month 13; full: > 0.95 <=> t > ln 1.52 / ln 1.03 = 14.17 -> month 15.
    const s = makeScenario({
      demand: { instances: [{ flavor: 'm1.xlarge', count: 20 }], storageBytes: { volumes: 50e12 }, growth: { kind: 'compound', perMonth: 0.03 } },
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
    const r = evaluate(s);
    const hostFindings = r.findings.filter((f) => f.code.startsWith('failure.') && f.subject.endsWith('hosts'));
    expect(hostFindings.map((f) => [f.code, f.severity, f.subject, f.month])).toEqual([
      ['failure.ceph.full', 'error', '4 hosts', 15],
      ['failure.compute.shortfall', 'error', '3 hosts', 14],
      ['failure.ceph.backfillfull', 'warning', '4 hosts', 13],
    ]);
  });

  it('does not mutate its input and returns plain JSON', () => {
    const s = makeScenario({
      demand: { instances: [{ flavor: 'm1.large', count: 400 }], storageBytes: { volumes: 90e12 }, growth: { kind: 'linear', perMonth: 0.05 } },
    });
    const before = structuredClone(s);
    const r = evaluate(s);
    expect(s).toEqual(before);
    expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
  });

  it('findings are sorted by severity, code, subject', () => {
    const f = (severity: 'info' | 'warning' | 'error', code: string, subject: string) => ({ code, severity, subject, message: '' });
    expect(
      sortFindings([f('info', 'a', 'x'), f('error', 'b', 'y'), f('error', 'b', 'a'), f('warning', 'a', 'z'), f('error', 'a', 'z')]).map(
        (x) => `${x.severity}:${x.code}:${x.subject}`,
      ),
    ).toEqual(['error:a:z', 'error:b:a', 'error:b:y', 'warning:a:z', 'info:a:x']);
  });

  it('never throws on unresolved references: they become findings', () => {
    const s = makeScenario({
      nodes: [...makeScenario().nodes, { role: 'compute', hardware: 'nope', count: 1, placement: 'spread', namePrefix: 'x' }],
      demand: { instances: [{ flavor: 'missing', count: 3 }], storageBytes: { nopool: 1e12 }, growth: { kind: 'compound', perMonth: 0 } },
    });
    const r = evaluate(s);
    expect(r.findings.filter((x) => x.code === 'scenario.unresolved_reference')).toHaveLength(3);
    expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
  });
});

// Random valid scenarios for the properties.
const arbPool: fc.Arbitrary<CephPool> = fc.oneof(
  fc.integer({ min: 2, max: 4 }).map((size) => ({ name: 'volumes', type: 'replicated' as const, size, minSize: size - Math.floor(size / 2), share: 0.6 })),
  fc.record({ k: fc.integer({ min: 2, max: 6 }), m: fc.integer({ min: 1, max: 3 }) }).map(({ k, m }) => ({
    name: 'volumes',
    type: 'erasure' as const,
    k,
    m,
    minSize: k + Math.min(1, m - 1),
    share: 0.6,
  })),
);
const arbScenario: fc.Arbitrary<Scenario> = fc
  .record({
    control: fc.integer({ min: 0, max: 5 }),
    compute: fc.integer({ min: 0, max: 8 }),
    storage: fc.integer({ min: 0, max: 8 }),
    racks: fc.integer({ min: 1, max: 4 }),
    placement: fc.constantFrom<'spread' | 'pack'>('spread', 'pack'),
    failureDomain: fc.constantFrom<'host' | 'rack'>('host', 'rack'),
    tolerateHosts: fc.integer({ min: 0, max: 2 }),
    tolerateRacks: fc.integer({ min: 0, max: 1 }),
    instances: fc.integer({ min: 0, max: 2000 }),
    storedTb: fc.integer({ min: 0, max: 2000 }),
    growth: fc.constantFrom<'compound' | 'linear'>('compound', 'linear'),
    perMonth: fc.integer({ min: 0, max: 10 }),
    ephemeral: fc.constantFrom<'local' | 'ceph'>('local', 'ceph'),
    ecc: fc.constantFrom<true | false | 'unknown'>(true, false, 'unknown'),
    pool: arbPool,
  })
  .map((o) => {
    const hw = baseHardware();
    hw['cmp-r760']!.disks.push({ count: 2, sizeBytes: 3.84e12, kind: 'nvme', use: 'ephemeral' });
    hw['cmp-r760']!.memory.ecc = o.ecc;
    const base = makeScenario();
    return makeScenario({
      hardware: hw,
      racks: Array.from({ length: o.racks }, (_, i) => ({ name: `r${i + 1}`, zone: `az${i + 1}`, heightRu: 10 })),
      nodes: [
        { role: 'control', hardware: 'ctl-r660', count: o.control, placement: o.placement, namePrefix: 'control' },
        { role: 'compute', hardware: 'cmp-r760', count: o.compute, placement: o.placement, namePrefix: 'compute' },
        { role: 'storage', hardware: 'sto-r760xd2', count: o.storage, placement: o.placement, namePrefix: 'storage' },
      ],
      openstack: { ...base.openstack, ephemeralStorage: o.ephemeral },
      ceph: { ...base.ceph, failureDomain: o.failureDomain, pools: [o.pool] },
      demand: {
        instances: [{ flavor: 'm1.large', count: o.instances }],
        storageBytes: { volumes: o.storedTb * 1e12 },
        growth: { kind: o.growth, perMonth: o.perMonth / 100 },
      },
      policy: { tolerate: { hosts: o.tolerateHosts, racks: o.tolerateRacks }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
  });

const inf = (x: number | null) => (x === null ? Number.POSITIVE_INFINITY : x);
const withMoreDemand = (s: Scenario, extraInstances: number, extraBytes: number): Scenario => ({
  ...s,
  demand: {
    ...s.demand,
    instances: s.demand.instances.map((i) => ({ ...i, count: i.count + extraInstances })),
    storageBytes: Object.fromEntries(Object.entries(s.demand.storageBytes).map(([k, v]) => [k, v + extraBytes])),
  },
});

describe('evaluate properties (fast-check, seed 42)', () => {
  it('is deterministic, JSON-safe and leaves its input unchanged', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        const before = structuredClone(s);
        const a = evaluate(s);
        const b = evaluate(structuredClone(s));
        expect(s).toEqual(before);
        expect(b).toEqual(a);
        expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('more demand never lengthens any runway', () => {
    fc.assert(
      fc.property(arbScenario, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (s, extraInstances, extraTb) => {
        const a: PlanResult = evaluate(s);
        const b: PlanResult = evaluate(withMoreDemand(s, extraInstances, extraTb * 1e12));
        a.resources.forEach((ra, i) => {
          const rb = b.resources[i]!;
          expect(rb.id).toBe(ra.id);
          expect(inf(rb.runwayMonths)).toBeLessThanOrEqual(inf(ra.runwayMonths));
          expect(inf(rb.runwayMonthsAllHosts)).toBeLessThanOrEqual(inf(ra.runwayMonthsAllHosts));
        });
        expect(inf(b.bottleneck?.runwayMonths ?? null)).toBeLessThanOrEqual(inf(a.bottleneck?.runwayMonths ?? null));
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('losing a host never adds capacity', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        const a = evaluate(s);
        const b = evaluate({ ...s, policy: { ...s.policy, tolerate: { ...s.policy.tolerate, hosts: s.policy.tolerate.hosts + 1 } } });
        expect(b.storage.toleratedRawBytes).toBeLessThanOrEqual(a.storage.toleratedRawBytes);
        expect(b.compute.toleratedCapacity.VCPU ?? 0).toBeLessThanOrEqual(a.compute.toleratedCapacity.VCPU ?? 0);
        for (const m of a.months) {
          for (const x of Object.values(m.resources)) expect(x.capacityTolerated).toBeLessThanOrEqual(x.capacity);
        }
        for (const p of a.storage.ceph?.pools ?? []) {
          expect(p.usableBytes).toBeGreaterThanOrEqual(0);
          expect(p.usableBytes).toBeLessThanOrEqual(a.storage.rawBytes);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
