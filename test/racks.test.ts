/**
 * Rack elevations of the shipped reference scenarios, hand-worked from their nodes, racks and
 * hardware (scenarios/reference-pilot.yaml, scenarios/regional-cloud.yaml).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario, type PlanResult } from '../packages/core/src/index.js';

const root = join(import.meta.dirname, '..');
const planOf = (name: string): PlanResult => evaluate(parseScenario(readFileSync(join(root, 'scenarios', `${name}.yaml`), 'utf8'), { fileName: `${name}.yaml` }).scenario!);

describe('racks of scenarios/reference-pilot.yaml', () => {
  // Three racks r1-r3 of 42 RU, 6 kW budget, no procurement. Node groups in order, each
  // spread round-robin r1, r2, r3: control-0N (ctl-r660: 1 RU, 350 W typical / 800 W max),
  // compute-0N (cmp-r760: 2 RU, 600 / 1,400 W), storage-0N (sto-r7615: 2 RU, 450 / 1,100 W);
  // deploy-01 (dep-r360: 1 RU, 110 / 600 W) pinned to r1.
  // r1: control-01 RU 1, compute-01 RU 2-3, storage-01 RU 4-5, deploy-01 RU 6:
  //   1 + 2 + 2 + 1 = 6 RU used, 36 free; typical 350 + 600 + 450 + 110 = 1,510 W;
  //   max 800 + 1,400 + 1,100 + 600 = 3,900 W <= 6,000 W.
  // r2, r3: 1 + 2 + 2 = 5 RU, 37 free; typical 350 + 600 + 450 = 1,400 W; max 800 + 1,400 + 1,100 = 3,300 W.
  const plan = planOf('reference-pilot');
  const racks = plan.racks!;

  it('stacks each rack bottom-up in host order', () => {
    expect(racks.map((r) => [r.name, r.zone, r.heightRu, r.powerBudgetWatts, r.added])).toEqual([
      ['r1', 'az1', 42, 6000, null],
      ['r2', 'az1', 42, 6000, null],
      ['r3', 'az1', 42, 6000, null],
    ]);
    expect(racks[0]!.units.map((u) => [u.host, u.role, u.model, u.bottomRu, u.heightRu, u.purchased])).toEqual([
      ['control-01', 'control', 'Dell PowerEdge R660', 1, 1, false],
      ['compute-01', 'compute', 'Dell PowerEdge R760', 2, 2, false],
      ['storage-01', 'storage', 'Dell PowerEdge R7615', 4, 2, false],
      ['deploy-01', 'deploy', 'Dell PowerEdge R360', 6, 1, false],
    ]);
    expect(racks[2]!.units.map((u) => [u.host, u.bottomRu])).toEqual([
      ['control-03', 1],
      ['compute-03', 2],
      ['storage-03', 4],
    ]);
  });

  it('space and power per rack, the same at month 0 and after (no purchases)', () => {
    expect(racks[0]!.month0).toEqual({ usedRu: 6, freeRu: 36, powerTypicalWatts: 1510, powerMaxWatts: 3900, overBudget: false });
    for (const r of racks.slice(1)) {
      expect(r.month0).toEqual({ usedRu: 5, freeRu: 37, powerTypicalWatts: 1400, powerMaxWatts: 3300, overBudget: false });
    }
    for (const r of racks) {
      expect(r.afterPurchases).toEqual(r.month0);
      expect(r.hostsWithoutPower).toEqual([]);
    }
    expect(plan.findings.filter((f) => f.code === 'rack.power_exceeded')).toEqual([]);
  });
});

describe('racks of scenarios/regional-cloud.yaml (with procurement)', () => {
  // Six racks r1-r6 of 42 RU, 15 kW. Host order: control-01..03 (spread r1-r3);
  // compute-01..24 (cmp-sr650v3: 2 RU, 600 / 1,100 W) spread r1..r6, 4 per rack: r5 gets
  // compute-05, -11, -17, -23; compute-25..40 (cmp-dl380g11: 2 RU, 800 / 1,600 W) continue the
  // compute pointer at r1: r5 gets compute-29 and -35; storage-01..08 (sto-r760xd2: 2 RU,
  // 700 / 1,400 W) spread from r1: r5 gets storage-05; deploy-01 pinned to r6.
  // r5 at month 0: 7 hosts x 2 RU = 14 RU; typical 4 x 600 + 2 x 800 + 700 = 4,700 W;
  //   max 4 x 1,100 + 2 x 1,600 + 1,400 = 9,000 W.
  // Purchases placed in r5 (golden plan): compute in 2028-04 (month 15) {r5, r6}, 2028-09
  // (month 20) {r5, r6} and 2028-11 (month 22) {r5, r6}; no storage host (the pools share the
  // hdd rules' raw space, which holds). Bought compute hosts are numbered in delivery order, two
  // per order: 2028-04 compute-new-01 (r5), -02 (r6); 2028-06 -03, -04; 2028-07 -05, -06;
  // 2028-09 -07 (r5), -08 (r6); 2028-10 -09, -10; 2028-11 -11 (r5), -12 (r6).
  // r5 after: + compute-new-01 RU 15-16, compute-new-07 RU 17-18, compute-new-11 RU 19-20:
  //   20 RU, 22 free; typical 4,700 + 3 x 800 = 7,100 W; max 9,000 + 3 x 1,600 = 13,800 W <= 15,000.
  const plan = planOf('regional-cloud');
  const racks = plan.racks!;
  const r5 = racks.find((r) => r.name === 'r5')!;

  it('r5: the scenario hosts, then the purchased ones on top from their delivery month', () => {
    expect(r5.units.map((u) => [u.host, u.bottomRu, u.heightRu, u.inServiceMonth, u.purchased])).toEqual([
      ['compute-05', 1, 2, '2027-01', false],
      ['compute-11', 3, 2, '2027-01', false],
      ['compute-17', 5, 2, '2027-01', false],
      ['compute-23', 7, 2, '2027-01', false],
      ['compute-29', 9, 2, '2027-01', false],
      ['compute-35', 11, 2, '2027-01', false],
      ['storage-05', 13, 2, '2027-01', false],
      ['compute-new-01', 15, 2, '2028-04', true],
      ['compute-new-07', 17, 2, '2028-09', true],
      ['compute-new-11', 19, 2, '2028-11', true],
    ]);
    expect(r5.month0).toEqual({ usedRu: 14, freeRu: 28, powerTypicalWatts: 4700, powerMaxWatts: 9000, overBudget: false });
    expect(r5.afterPurchases).toEqual({ usedRu: 20, freeRu: 22, powerTypicalWatts: 7100, powerMaxWatts: 13800, overBudget: false });
  });

  it('no seventh rack: without a storage host in r5, the 2028-11 pair fits r5 and r6', () => {
    // r5 13,800 W max after (above); r6 14,400 W <= 15,000. Before rule sets, a storage host bought
    // for 2028-10 took r5 to 13,600 W and the last hypervisor went to a new rack.
    expect(racks.filter((r) => r.added !== null)).toEqual([]);
    expect(racks.find((r) => r.name === 'r6')!.afterPurchases).toMatchObject({ powerMaxWatts: 14400, overBudget: false });
  });

  it('procurement.racks is the after-purchases view of the same racks', () => {
    expect(plan.procurement!.racks.map((r) => [r.name, r.usedRu, r.powerTypicalWatts, r.powerMaxWatts])).toEqual(
      racks.map((r) => [r.name, r.afterPurchases.usedRu, r.afterPurchases.powerTypicalWatts, r.afterPurchases.powerMaxWatts]),
    );
  });
});
