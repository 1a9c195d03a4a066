/**
 * The procurement schedule's rack table without drawing the elevations (rackUses) equals the
 * elevations' afterPurchases read off one by one (rackElevations(...).map(rackUse)): the same
 * keys in the same order and the same doubles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { Purchase } from '../model/procurement.js';
import type { HardwareModel, Scenario } from '../model/scenario.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { modelsArb, rackFixture, rackNames, racksArb } from './test-rack-models.js';
import { rackElevations, rackUse, rackUses, type RackDefinition } from './elevation.js';

/** A purchase with only what the rack table reads. */
const purchase = (hardware: string, hosts: { name: string; rack: string }[], racksAdded: string[] = []): Purchase =>
  ({ role: 'compute', hardware, deliveryMonthIndex: 3, deliveryMonth: '2027-04', hosts, racksAdded: racksAdded.map((name) => ({ name, reason: 'space' })) }) as unknown as Purchase;

describe('rackUses', () => {
  it('hand-worked: r1 holds a 1 RU host of 0.1 W / 0.2 W and a bought 2 RU host of 0.2 W / 0.7 W; r2 an unpowered host', () => {
    const s = makeScenario();
    const hardware: Record<string, HardwareModel> = {
      a: { ...baseHardware()['ctl-r660']!, heightRu: 1, power: { typicalWatts: 0.1, maxWatts: 0.2 } },
      b: { ...baseHardware()['ctl-r660']!, heightRu: 2, power: { typicalWatts: 0.2, maxWatts: 0.7 } },
      c: { ...baseHardware()['cmp-r760']!, heightRu: 2, power: undefined },
    };
    const scenario: Scenario = { ...s, hardware };
    const hosts: Host[] = [
      { name: 'h1', role: 'control', hardware: 'a', rack: 'r1' },
      { name: 'h2', role: 'compute', hardware: 'c', rack: 'r2' },
    ];
    const racks: RackDefinition[] = [
      { name: 'r1', zone: 'az1', heightRu: 42, powerBudgetWatts: 1000 },
      { name: 'r2', heightRu: 42 },
      { name: 'n1', heightRu: 48, powerBudgetWatts: null },
    ];
    const uses = rackUses(scenario, hosts, racks, [purchase('b', [{ name: 'x1', rack: 'r1' }], ['n1'])]);
    // r1: 1 + 2 = 3 RU; typical 0 + 0.1 + 0.2 = 0.30000000000000004 W, max 0 + 0.2 + 0.7 = 0.8999999999999999 W
    expect(uses[0]).toEqual({
      name: 'r1',
      added: false,
      heightRu: 42,
      usedRu: 3,
      powerBudgetWatts: 1000,
      powerTypicalWatts: 0.30000000000000004,
      powerMaxWatts: 0.8999999999999999,
      zone: 'az1',
    });
    // r2: model c has no power data: both sums null
    expect(uses[1]).toEqual({ name: 'r2', added: false, heightRu: 42, usedRu: 2, powerBudgetWatts: null, powerTypicalWatts: null, powerMaxWatts: null });
    // n1: added, empty
    expect(uses[2]).toEqual({ name: 'n1', added: true, heightRu: 48, usedRu: 0, powerBudgetWatts: null, powerTypicalWatts: 0, powerMaxWatts: 0 });
  });

  it('equals rackElevations(...).map(rackUse): keys, order and doubles', () => {
    const s = makeScenario();
    fc.assert(
      fc.property(
        modelsArb,
        racksArb,
        fc.array(fc.record({ model: fc.nat(4), rack: fc.constantFrom(...rackNames, 'elsewhere') }), { maxLength: 30 }),
        fc.array(
          fc.record({ model: fc.nat(4), hosts: fc.array(fc.constantFrom(...rackNames), { maxLength: 6 }), added: fc.array(fc.constantFrom(...rackNames), { maxLength: 2 }) }),
          { maxLength: 4 },
        ),
        (models, rackList, hostList, buys) => {
          const { scenario, racks } = rackFixture(s, models, rackList);
          const hosts: Host[] = hostList.map((h, i) => ({ name: `h${i}`, role: 'compute', hardware: `m${h.model}`, rack: h.rack }));
          const purchases = buys.map((b, i) =>
            purchase(
              `m${b.model}`,
              b.hosts.map((rack, k) => ({ name: `p${i}-${k}`, rack })),
              b.added,
            ),
          );
          const fast = rackUses(scenario, hosts, racks, purchases);
          const slow = rackElevations(scenario, hosts, { racks, purchases }).map(rackUse);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
          fast.forEach((u, i) => {
            expect(Object.is(u.powerTypicalWatts, slow[i]!.powerTypicalWatts)).toBe(true);
            expect(Object.is(u.powerMaxWatts, slow[i]!.powerMaxWatts)).toBe(true);
          });
        },
      ),
    );
  });
});
