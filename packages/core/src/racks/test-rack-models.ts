/**
 * The random rack fixtures shared by the rack property tests (rack-uses.test.ts,
 * elevation-one-pass.test.ts): up to four hardware models of random height and power (made
 * from model/test-scenario.ts's ctl-r660; a fifth index stands for a model the scenario does
 * not know) and racks of 42 U with an optional zone and power budget.
 */
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
