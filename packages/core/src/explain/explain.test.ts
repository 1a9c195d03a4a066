/**
 * Explanations (explain/): properties over both reference scenarios, and a few explanations
 * of the reference pilot worked by hand.
 *
 * Properties: every expression, evaluated by mathjs over its inputs, gives the explanation's
 * value (1e-9 relative); every `from` resolves, to another explanation with the same value or
 * to a path of the normalized scenario holding the same value; every id is its key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mathjs from 'mathjs/lib/browser/math.js';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate.js';
import type { PlanResult } from '../model/plan.js';
import { parseScenario } from '../scenario/parse.js';
import { explainPlan } from './explain.js';
import { explainId } from './ids.js';
import type { Explanation } from '../model/explanation.js';

const root = join(import.meta.dirname, '../../../..');

function planOf(file: string): PlanResult {
  const text = readFileSync(join(root, 'scenarios', file), 'utf8');
  const parsed = parseScenario(text, { fileName: `scenarios/${file}` });
  expect(parsed.diagnostics).toEqual([]);
  return evaluate(parsed.scenario!);
}

/** Walks a `from` path (explain/paths.ts syntax) into `value`; undefined when a step is missing. */
function walk(value: unknown, path: string): unknown {
  const steps = /^[A-Za-z_][\w-]*|\.[A-Za-z_][\w-]*|\[\d+\]|\[name=(?:[A-Za-z_][\w-]*|"(?:[^"\\]|\\.)*")\]|\["(?:[^"\\]|\\.)*"\]/g;
  let consumed = 0;
  let here: unknown = value;
  for (const m of path.matchAll(steps)) {
    if (m.index !== consumed) return undefined;
    consumed += m[0].length;
    const t = m[0];
    if (here === null || typeof here !== 'object') return undefined;
    if (t.startsWith('[name=')) {
      const raw = t.slice(6, -1);
      const name = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
      here = Array.isArray(here) ? here.find((x: { name?: string }) => x?.name === name) : undefined;
    } else if (t.startsWith('["')) {
      here = (here as Record<string, unknown>)[JSON.parse(t.slice(1, -1)) as string];
    } else if (t.startsWith('[')) {
      here = Array.isArray(here) ? here[Number(t.slice(1, -1))] : undefined;
    } else {
      const key = t.startsWith('.') ? t.slice(1) : t;
      here = Object.hasOwn(here, key) ? (here as Record<string, unknown>)[key] : undefined;
    }
    if (here === undefined) return undefined;
  }
  return consumed === path.length ? here : undefined;
}

/** mathjs value of an explanation's expression over its numeric inputs. */
function evaluateExpression(e: Explanation): number {
  const scope = new Map<string, number>();
  for (const i of e.inputs) if (typeof i.value === 'number') scope.set(i.symbol, i.value);
  return mathjs.evaluate(e.expression!, scope) as number;
}

const close = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

for (const file of ['reference-pilot.yaml', 'regional-cloud.yaml', 'nfv-gpu-cloud.yaml']) {
  describe(`explanations of ${file}`, () => {
    const plan = planOf(file);
    const ex = plan.explanations!;
    const all = Object.entries(ex);

    it('are set by evaluate and are what explainPlan gives for the plan', () => {
      expect(all.length).toBeGreaterThan(50);
      const { explanations: _, ...bare } = plan;
      expect(explainPlan(bare)).toEqual(ex);
    });

    it('every id is its key, every explanation has a formula, a source, a unit and distinct input symbols', () => {
      for (const [key, e] of all) {
        expect(e.id).toBe(key);
        expect(e.formula.length, key).toBeGreaterThan(5);
        expect(e.source.length, key).toBeGreaterThan(5);
        expect(typeof e.unit, key).toBe('string');
        expect(new Set(e.inputs.map((i) => i.symbol)).size, key).toBe(e.inputs.length);
        if (typeof e.value === 'number') expect(Number.isFinite(e.value), key).toBe(true);
      }
    });

    it('every expression reproduces its value (mathjs, 1e-9 relative)', () => {
      const withExpression = all.filter(([, e]) => e.expression !== undefined);
      expect(withExpression.length).toBeGreaterThan(all.length / 2);
      for (const [key, e] of withExpression) {
        expect(typeof e.value, key).toBe('number');
        const got = evaluateExpression(e);
        expect(close(got, e.value as number), `${key}: ${e.expression} = ${got}, value ${String(e.value)}`).toBe(true);
      }
    });

    it('every from resolves: another explanation with the same value, or a scenario path holding the same value', () => {
      let toIds = 0;
      let toScenario = 0;
      for (const [key, e] of all) {
        for (const i of e.inputs) {
          if (i.from === undefined) continue;
          const target = Object.hasOwn(ex, i.from) ? ex[i.from] : undefined;
          if (target) {
            toIds++;
            expect(target.value, `${key} ${i.symbol} <- ${i.from}`).toEqual(i.value);
            continue;
          }
          const v = walk(plan.scenario, i.from);
          expect(v, `${key} ${i.symbol} <- ${i.from}: neither an explanation id nor a scenario path`).not.toBeUndefined();
          toScenario++;
          if (typeof v === typeof i.value) expect(v, `${key} ${i.symbol} <- ${i.from}`).toEqual(i.value);
        }
      }
      expect(toIds).toBeGreaterThan(20);
      expect(toScenario).toBeGreaterThan(20);
    });

    it('covers the figures the report shows prominently', () => {
      for (const r of plan.resources) {
        for (const id of [
          explainId.resourceThreshold(r.id),
          explainId.resourceRunway(r.id),
          explainId.resourceUtilisation(r.id, 'first'),
          explainId.resourceUtilisation(r.id, 'last'),
          explainId.resourceCapacity(r.id),
          explainId.resourceCapacityTolerated(r.id),
          explainId.resourceDemand(r.id),
        ])
          expect(ex, id).toHaveProperty([id]);
      }
      for (const p of plan.storage.ceph!.pools) {
        for (const id of [
          explainId.poolUsable(p.name),
          explainId.poolNearfullUsable(p.name),
          explainId.poolToleratedUsable(p.name),
          explainId.poolSafeUsable(p.name),
          explainId.poolMaxAvail(p.name),
          explainId.poolRawUsedRate(p.name),
          explainId.poolPgNum(p.name),
        ])
          expect(ex, id).toHaveProperty([id]);
      }
      for (const h of plan.compute.hosts) for (const inv of h.inventories) expect(ex).toHaveProperty([explainId.computeInventory(h.hardware, inv.resourceClass)]);
      // network.recoveryBandwidth exists only with a network: section
      for (const id of [
        explainId.storageRaw(),
        explainId.quorum(),
        explainId.pgReplicasPerOsd(),
        explainId.recoveryTime('osd'),
        ...(plan.network ? [explainId.recoveryBandwidth()] : []),
      ]) {
        expect(ex).toHaveProperty([id]);
      }
      for (const x of plan.procurement?.purchases ?? []) {
        for (const id of [
          explainId.purchaseQuantity(explainId.purchaseKey(x), x.deliveryMonth),
          explainId.purchaseOrderBy(explainId.purchaseKey(x), x.deliveryMonth),
          explainId.purchaseTotalPrice(explainId.purchaseKey(x), x.deliveryMonth),
        ]) {
          expect(ex).toHaveProperty([id]);
        }
      }
      const bought = (plan.racks ?? []).some((r) => r.added !== null || r.units.some((u) => u.purchased));
      expect(plan.racks?.length).toBeGreaterThan(0);
      for (const r of plan.racks ?? []) {
        for (const kind of ['typical', 'max'] as const) {
          if (r.added === null && r.month0.powerMaxWatts !== null) expect(ex).toHaveProperty([explainId.rackPower(r.name, 'month0', kind)]);
          if (bought && r.afterPurchases.powerMaxWatts !== null) expect(ex).toHaveProperty([explainId.rackPower(r.name, 'after', kind)]);
          else expect(ex).not.toHaveProperty([explainId.rackPower(r.name, 'after', kind)]);
        }
      }
    });
  });
}

describe('explanations of the reference pilot, by hand', () => {
  const plan = planOf('reference-pilot.yaml');
  const ex = plan.explanations!;
  const get = (id: string): Explanation => {
    expect(ex, id).toHaveProperty([id]);
    return ex[id]!;
  };
  const inputValue = (e: Explanation, symbol: string) => e.inputs.find((i) => i.symbol === symbol)?.value;

  it('VCPU capacity of one cmp-r760 host: (2 × 32 × 2 − 4) × 4.0 = 496', () => {
    const e = get(explainId.computeInventory('cmp-r760', 'VCPU'));
    expect(e.value).toBe(496);
    expect(e.unit).toBe('vCPU');
    expect(e.inputs.map((i) => [i.symbol, i.value, i.from])).toEqual([
      ['sockets', 2, 'hardware.cmp-r760.cpu.sockets'],
      ['cores_per_socket', 32, 'hardware.cmp-r760.cpu.coresPerSocket'],
      ['threads_per_core', 2, 'hardware.cmp-r760.cpu.threadsPerCore'],
      ['reserved', 4, 'openstack.reserved.hostCpus'],
      ['allocation_ratio', 4, 'openstack.allocationRatio.cpu'],
    ]);
    expect(e.source).toContain('placement/objects/resource_provider.py');
  });

  it('MEMORY_MB of one cmp-r760 host: 512 GiB = 524,288 MiB − 16 GiB = 16,384 MiB reserved = 507,904 MiB', () => {
    expect(get(explainId.computeInventory('cmp-r760', 'MEMORY_MB')).value).toBe(507_904);
  });

  it('VCPU total 3 × 496 = 1,488; N+1 removes one host: 1,488 − 496 = 992', () => {
    const total = get(explainId.computeTotal('VCPU'));
    expect(total.value).toBe(1488);
    expect(inputValue(total, 'n1')).toBe(3);
    const tol = get(explainId.computeTolerated('VCPU'));
    expect(tol.value).toBe(992);
    expect(tol.inputs.find((i) => i.symbol === 'c1')?.from).toBe(explainId.computeInventory('cmp-r760', 'VCPU'));
  });

  it('month-0 demand: 40 × 1 + 30 × 2 + 14 × 4 + 4 × 8 = 188 vCPU; 40 × 2,048 + 30 × 4,096 + 14 × 8,192 + 4 × 16,384 = 385,024 MiB', () => {
    expect(get(explainId.computeDemand('VCPU')).value).toBe(188);
    const mem = get(explainId.computeDemand('MEMORY_MB'));
    expect(mem.value).toBe(385_024);
    expect(mem.inputs.find((i) => i.symbol === 'f1')?.from).toBe('openstack.flavors["m1.small"].ramBytes');
  });

  it('raw = 3 hosts × 8 × 7.68 TB = 184.32 TB; pool volumes usable = 184.32 TB ÷ 3 = 61.44 TB (the whole rule, shared)', () => {
    expect(get(explainId.storageRaw()).value).toBe(184.32e12);
    const usable = get(explainId.poolUsable('volumes'));
    expect(usable.value).toBe(61.44e12);
    expect(usable.unit).toBe('bytes');
    expect(usable.inputs.map((i) => i.symbol)).toEqual(['raw', 'raw_used_rate']);
  });

  it('the rule set: 161.28 TB re-protectable raw (a lost OSD: 7 of 8 left in its host); PGs 80 per OSD, factor 1 + 5/80 = 1.0625; safe raw 161.28 × 0.9 ÷ 1.0625 = 136.6136 TB', () => {
    const resource = 'storage.rule.replicated_rule';
    expect(get(explainId.ruleSetFullestFactor(resource)).value).toBe(1.0625);
    expect(get(explainId.resourceCapacityTolerated(resource)).value).toBeCloseTo(161.28e12 / 1.0625, 0);
    expect(get(explainId.ruleSetSafeRaw(resource)).value).toBe(Math.round((161.28e12 * 0.9) / 1.0625));
    // demand: (8 + 2 + 1) × 3 + 1.2 × 3 = 36.6 TB raw (every pool size 3 here)
    expect(get(explainId.resourceDemand(resource)).value).toBeCloseTo(36.6e12, 0);
    // volumes alone, the others keeping their 12.6 TB raw: (136.6136 − 12.6) ÷ 3 = 41.3379 TB
    const safe = get(explainId.poolSafeUsable('volumes'));
    expect((safe.value as number) / 1e12).toBeCloseTo((136.613647 - 12.6) / 3, 5);
    expect(get(explainId.poolToleratedUsable('volumes')).value).toBe(53.76e12);
  });

  it('MAX AVAIL of volumes at month 0, fullest OSD at 1.0625 × the mean: (0.95 − 0.198568 × 1.0625) × 184.32 ÷ 3 = 45.4055 TB; no expression (algorithmic)', () => {
    const e = get(explainId.poolMaxAvail('volumes'));
    expect(e.expression).toBeUndefined();
    expect(Math.abs((e.value as number) - 45.4055e12) / 45.4055e12).toBeLessThan(1e-5);
    // the fullest OSD: 36.6 / 184.32 × 1.0625 = 0.210978
    expect(inputValue(e, 'u') as number).toBeCloseTo((36.6 / 184.32) * 1.0625, 9);
  });

  it('quorum of 3 controllers: floor(3 ÷ 2) + 1 = 2, tolerating 3 − 2 = 1', () => {
    const q = get(explainId.quorum());
    expect([q.value, q.expression, inputValue(q, 'n')]).toEqual([2, 'floor(n / 2) + 1', 3]);
    expect(q.inputs[0]!.from).toBe('nodes[0].count');
    expect(get(explainId.quorumToleratedFailures()).value).toBe(1);
  });

  it('memory runway: none within the horizon; last month 385,024 × 1.025^23 = 679,417.5 MiB of 1,015,808 MiB = 66.9 %', () => {
    const runway = get(explainId.resourceRunway('compute.memory'));
    expect(runway.value).toBe('none within the horizon (24 months)');
    expect(inputValue(runway, 't')).toBe(23);
    const last = get(explainId.resourceUtilisation('compute.memory', 'last'));
    expect(last.value as number).toBeCloseTo(0.66884, 4);
    expect(inputValue(last, 'capacity_tolerated')).toBe(1_015_808);
  });

  it('storage bond1: 2 × 25 Gbit/s 802.3ad = 50 Gbit/s aggregate, 25 for one flow, 25 after a link loss; recovery 50 × (3 − 1) = 100 Gbit/s', () => {
    expect(get(explainId.linkAggregate('storage', 'sto-r7615', 'bond1')).value).toBe(50e9);
    expect(get(explainId.linkSingleFlow('storage', 'sto-r7615', 'bond1')).value).toBe(25e9);
    expect(get(explainId.linkAfterLoss('storage', 'sto-r7615', 'bond1')).value).toBe(25e9);
    const rec = get(explainId.recoveryBandwidth());
    expect(rec.value).toBe(100e9);
    expect(rec.inputs[0]!.from).toBe(explainId.linkAggregate('storage', 'sto-r7615', 'bond1'));
  });

  it('mgmt: 10.10.0.0/24 has 2^8 − 2 = 254 usable addresses', () => {
    const e = get(explainId.subnetUsable('mgmt'));
    expect([e.value, e.expression]).toEqual([254, '2^(32 - prefix) - 2']);
  });

  it('rack r1 at the start: 350 + 600 + 450 + 110 = 1,510 W typical, 800 + 1,400 + 1,100 + 600 = 3,900 W maximum, within its 6 kW budget', () => {
    // r1 holds one host of each model (nodes spread over r1..r3, and the deploy host in r1):
    // ctl-r660 350 W / 800 W, cmp-r760 600 W / 1,400 W, sto-r7615 450 W / 1,100 W, dep-r360 110 W / 600 W.
    // typical 350 + 600 + 450 + 110 = 1,510 W; maximum 800 + 1,400 + 1,100 + 600 = 3,900 W <= 6,000 W.
    const typical = get(explainId.rackPower('r1', 'month0', 'typical'));
    expect([typical.value, typical.unit, typical.expression]).toEqual([1510, 'W', 'n1 * w1 + n2 * w2 + n3 * w3 + n4 * w4']);
    expect(typical.inputs.map((i) => [i.symbol, i.value, i.from])).toEqual([
      ['n1', 1, undefined],
      ['w1', 350, 'hardware.ctl-r660.power.typicalWatts'],
      ['n2', 1, undefined],
      ['w2', 600, 'hardware.cmp-r760.power.typicalWatts'],
      ['n3', 1, undefined],
      ['w3', 450, 'hardware.sto-r7615.power.typicalWatts'],
      ['n4', 1, undefined],
      ['w4', 110, 'hardware.dep-r360.power.typicalWatts'],
      ['budget', 6000, 'racks[name=r1].powerBudgetWatts'],
    ]);
    const max = get(explainId.rackPower('r1', 'month0', 'max'));
    expect(max.value).toBe(3900);
    expect(inputValue(max, 'w2')).toBe(1400);
    // the maximum's inputs point at the maximum figures (each model's path worked out once per figure)
    expect(max.inputs.map((i) => i.from)).toEqual([
      undefined,
      'hardware.ctl-r660.power.maxWatts',
      undefined,
      'hardware.cmp-r760.power.maxWatts',
      undefined,
      'hardware.sto-r7615.power.maxWatts',
      undefined,
      'hardware.dep-r360.power.maxWatts',
      'racks[name=r1].powerBudgetWatts',
    ]);
    expect(max.formula).toContain('within it');
    // no procurement: no "after every purchase" explanation
    expect(ex).not.toHaveProperty([explainId.rackPower('r1', 'after', 'max')]);
  });

  it('a lost OSD at 2028-12 (36.6 TB × 1.7646 × 3 ÷ 24 OSDs... = 2.691 TB) refills on 7 host-mates at 7 × 100 MB/s: 3,844 s + 620 s = 4,464 s', () => {
    const e = get(explainId.recoveryTime('osd'));
    // raw used 36.6e12 × 1.025^23 = 64.585e12 over 24 equal OSDs = 2.69103e12 bytes
    expect(inputValue(e, 'data') as number).toBeCloseTo(2.69103e12, -8);
    expect(inputValue(e, 'targets')).toBe(7);
    expect(e.value as number).toBeCloseTo(620 + 2.69103e12 / 700e6, 0);
  });
});

describe('explanations of the regional cloud, by hand', () => {
  const plan = planOf('regional-cloud.yaml');
  const ex = plan.explanations!;

  it('backups, erasure 4+2: raw used rate (4 + 2) ÷ 4 = 1.5; replication fan-out is the worst pool: size 3 − 1 = 2 > (4 + 2 − 1) ÷ 4 = 1.25', () => {
    expect([ex[explainId.poolRawUsedRate('backups')]!.value, ex[explainId.poolRawUsedRate('backups')]!.expression]).toEqual([1.5, '(k + m) / k']);
    expect(ex[explainId.replicationFanOut()]!.value).toBe(2);
  });

  it('every purchase is priced: quantity × the model’s price, and CAPEX is their sum', () => {
    const p = plan.procurement!;
    expect(p.purchases.length).toBeGreaterThan(0);
    for (const x of p.purchases) {
      const e = ex[explainId.purchaseTotalPrice(explainId.purchaseKey(x), x.deliveryMonth)]!;
      // cmp-dl380g11 costs 45,000 EUR, sto-r760xd2 38,000 EUR (the scenario's estimates)
      expect(e.value).toBe(x.quantity * (x.role === 'compute' ? 45_000 : 38_000));
      expect(e.unit).toBe('EUR');
    }
    expect(ex[explainId.capexTotal()]!.inputs.length).toBe(p.purchases.length);
  });
});

describe("tolerated compute capacity: each class's own worst loss (headroom's N+1 policy)", () => {
  it('3 × 128 threads / 512 GiB + 1 × 192 threads / 256 GiB: memory loses a 512 GiB host, VCPU the 192-thread host', async () => {
    const { baseHardware, makeScenario } = await import('../model/test-scenario.js');
    const base = baseHardware()['cmp-r760']!;
    const s = makeScenario({
      hardware: { ...baseHardware(), 'cmp-wide': { ...base, name: 'cmp-wide', cpu: { ...base.cpu, coresPerSocket: 48 }, memory: { ...base.memory, sizeBytes: 256 * 2 ** 30 } } },
      nodes: [
        { role: 'compute', hardware: 'cmp-r760', count: 3, placement: 'spread', namePrefix: 'compute' },
        { role: 'compute', hardware: 'cmp-wide', count: 1, placement: 'spread', namePrefix: 'wide' },
      ],
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
    s.openstack.reserved.hostMemoryBytes = 0;
    const ex = explainPlan(evaluate(s));
    const mem = ex[explainId.computeTolerated('MEMORY_MB')]!;
    // total 3 × 524,288 + 262,144 = 1,835,008 MiB; − 1 × 524,288 (compute-01) = 1,310,720 MiB = 1,280 GiB.
    expect(mem.value).toBe(1_310_720);
    expect(mem.expression).toBe('total - (k1 * c1)');
    expect(mem.inputs.map((i) => [i.symbol, i.value])).toEqual([
      ['total', 1_835_008],
      ['k1', 1],
      ['c1', 524_288],
    ]);
    expect(mem.label).toContain('without compute-01');
    const vcpu = ex[explainId.computeTolerated('VCPU')]!;
    // total 3 × 512 + 768 = 2,304 vCPU; − 1 × 768 (wide-01) = 1,536.
    expect(vcpu.value).toBe(1536);
    expect(vcpu.label).toContain('without wide-01');
    expect(vcpu.inputs.find((i) => i.symbol === 'c1')?.from).toBe(explainId.computeInventory('cmp-wide', 'VCPU'));
  });
});
