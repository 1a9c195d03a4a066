/**
 * The random rack fixtures shared by the rack property tests (rack-uses.test.ts,
 * elevation-one-pass.test.ts): up to four hardware models of random height and power (made
 * from model/test-scenario.ts's ctl-r660; a fifth index stands for a model the scenario does
 * not know) and racks of 42 U with an optional zone and power budget.
 */
import fc from 'fast-check';
import type { HardwareModel, Scenario } from '../model/scenario.js';
import { baseHardware } from '../model/test-scenario.js';
import type { RackDefinition } from './elevation.js';

/** `s` with models m0..m3 of the given heights and power, and the racks of `rackList`. */
export function rackFixture(
  s: Scenario,
  models: readonly { heightRu: number; power: HardwareModel['power'] }[],
  rackList: readonly { name: string; zone?: string | undefined; budget: number | null }[],
): { scenario: Scenario; racks: RackDefinition[] } {
  // model m4 (past the list) is unknown to the scenario
  const hardware: Record<string, HardwareModel> = {};
  models.forEach((m, i) => {
    hardware[`m${i}`] = { ...baseHardware()['ctl-r660']!, heightRu: m.heightRu, power: m.power };
  });
  const racks: RackDefinition[] = rackList.map((r) => ({
    name: r.name,
    ...(r.zone !== undefined ? { zone: r.zone } : {}),
    heightRu: 42,
    ...(r.budget !== null ? { powerBudgetWatts: r.budget } : {}),
  }));
  return { scenario: { ...s, hardware }, racks };
}

/** The rack names the property tests draw from (r*: the scenario's, n*: added ones). */
export const rackNames = ['r1', 'r2', 'r3', 'n1', 'n2'];

// tenths of a watt: sums of them round, so the order of the additions shows
const tenths = (max: number) => fc.integer({ min: 0, max: max * 10 }).map((x) => x / 10);
const watts = fc.oneof({ arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: fc.record({ typicalWatts: tenths(900), maxWatts: tenths(1500) }), weight: 6 });

/** Four hardware models m0..m3: 0-4 U, typical and max power in tenths of a watt (or none). */
export const modelsArb = fc.array(fc.record({ heightRu: fc.integer({ min: 0, max: 4 }), power: watts }), { minLength: 4, maxLength: 4 });

/** Up to five racks of `rackNames` (repeats allowed), each with an optional zone and power budget (W). */
export const racksArb = fc.array(
  fc.record({ name: fc.constantFrom(...rackNames), zone: fc.option(fc.constantFrom('az1', 'az2'), { nil: undefined }), budget: fc.option(fc.nat(5000)) }),
  {
    maxLength: 5,
  },
);
