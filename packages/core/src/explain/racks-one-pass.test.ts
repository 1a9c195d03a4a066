/**
 * explainRacks counts each rack's models in one pass and builds the inputs with loops: it must
 * give the former code's explanations (below, verbatim but for its name: filtered unit lists,
 * countByModel, flatMap and spreads), the same JSON in the same order, on random racks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthLabel } from '../forecast/growth.js';
import type { Host, PlanResult } from '../model/plan.js';
import type { Purchase } from '../model/procurement.js';
import { inServiceAt, type RackElevation, type RackLoad, type RackUnit } from '../model/racks.js';
import { makeScenario } from '../model/test-scenario.js';
import { rackElevations } from '../racks/elevation.js';
import { modelsArb, rackFixture, rackNames, racksArb } from '../racks/test-rack-models.js';
import { ExplanationSet, input, sum } from './common.js';
import { explainId, type RackPoint } from './ids.js';
import { scenarioPath } from './paths.js';
import { explainRacks } from './racks.js';

const SOURCE =
  'headroom [model] (racks/elevation.ts rackElevations): the scenario’s hardware power figures summed per rack; ' +
  'budgets are checked against the maximum draw, as the procurement schedule (procurement/schedule.ts) places hosts';

/** [hardware, hosts] of `units`, in the order each model first appears in the rack (bottom-up). */
function countByModel(units: readonly RackUnit[]): [string, number][] {
  const out = new Map<string, number>();
  for (const u of units) out.set(u.hardware, (out.get(u.hardware) ?? 0) + 1);
  return [...out];
}

/**
 * Where a rack's power budget comes from: the scenario's rack, or for a rack the procurement
 * plan adds the `procurement.newRack` template, else the last declared rack (as
 * procurement/schedule.ts builds it).
 */
function budgetPath(plan: PlanResult, rack: RackElevation): string {
  const s = plan.scenario;
  if (rack.added === null) return scenarioPath('racks', { name: rack.name }, 'powerBudgetWatts');
  if (s.procurement?.newRack) return scenarioPath('procurement', 'newRack', 'powerBudgetWatts');
  return scenarioPath('racks', s.racks.length - 1, 'powerBudgetWatts');
}

/** True when the fleet changes (a host bought or retired, a rack added): the racks then have an end-of-horizon ("after") load. */
const hasPurchases = (racks: readonly RackElevation[]): boolean =>
  racks.some((r) => r.added !== null || r.units.some((u) => u.inServiceMonthIndex !== 0 || u.outOfServiceMonthIndex !== null));

function explainRacksPlain(plan: PlanResult, out: ExplanationSet): void {
  const racks = plan.racks ?? [];
  const after = hasPurchases(racks);
  const s = plan.scenario;
  // the path of each model's power figure, once per (model, figure)
  const wattsPaths = new Map<string, string>();
  const wattsPath = (hw: string, field: 'typicalWatts' | 'maxWatts'): string => {
    const key = `${field}\n${hw}`;
    let path = wattsPaths.get(key);
    if (path === undefined) {
      path = scenarioPath('hardware', hw, 'power', field);
      wattsPaths.set(key, path);
    }
    return path;
  };
  for (const rack of racks) {
    // one budget path per rack (read by each of its explanations)
    const budgetFrom = rack.powerBudgetWatts === null ? '' : budgetPath(plan, rack);
    const points: [RackPoint, RackLoad, RackUnit[]][] = [];
    if (rack.added === null) points.push(['month0', rack.month0, rack.units.filter((u) => inServiceAt(u, 0))]);
    if (after) points.push(['after', rack.afterPurchases, rack.units.filter((u) => u.outOfServiceMonthIndex === null)]);
    for (const [point, load, units] of points) {
      const models = countByModel(units);
      const when = point === 'month0' ? 'with the hosts in service at the start (month 0)' : 'at the end of the horizon, after every purchase and retirement';
      const hosts =
        point === 'month0'
          ? 'the hosts in service in the rack in month 0'
          : 'the hosts in service in the rack at the end of the horizon: those there at the start and not retired, and those the purchases place there';
      for (const [kind, field, value] of [
        ['typical', 'typicalWatts', load.powerTypicalWatts],
        ['max', 'maxWatts', load.powerMaxWatts],
      ] as const) {
        if (value === null) continue; // a host model without power data: the rack's power is unknown
        const words = kind === 'typical' ? 'typical' : 'maximum';
        const budget =
          rack.powerBudgetWatts === null
            ? ''
            : kind === 'max'
              ? `; checked against the power budget: ${load.overBudget === true ? 'over it' : 'within it'} (over when rack power > budget)`
              : '; budgets are checked against the maximum draw, not this one';
        out.add({
          id: explainId.rackPower(rack.name, point, kind),
          label: `Power of rack ${rack.name} at ${words} draw, ${when}`,
          value,
          unit: 'W',
          formula: `rack power = Σ_i n_i × w_i over the hardware models i of ${hosts}: n_i hosts of model i, w_i its ${words} draw per host${budget}`,
          expression: sum(models.map((_, i) => `n${i + 1} * w${i + 1}`)),
          inputs: [
            ...models.flatMap(([hw, n], i) => [
              input(`n${i + 1}`, `${hw} hosts in ${rack.name}`, n, 'hosts'),
              input(`w${i + 1}`, `${words} draw of one ${hw}`, s.hardware[hw]?.power?.[field] ?? 0, 'W', wattsPath(hw, field)),
            ]),
            ...(rack.powerBudgetWatts === null
              ? []
              : [
                  input(
                    'budget',
                    `power budget of ${rack.name}${rack.added ? ' (an added rack: the newRack template’s, else the last declared rack’s)' : ''}`,
                    rack.powerBudgetWatts,
                    'W',
                    budgetFrom,
                  ),
                ]),
          ],
          source: SOURCE,
        });
      }
    }
  }
}

describe('explainRacks in one pass', () => {
  it('equals the filter-and-spread code on random racks, hosts, purchases and retirements', () => {
    const s = makeScenario();
    fc.assert(
      fc.property(
        modelsArb,
        racksArb,
        fc.array(fc.record({ model: fc.nat(4), rack: fc.constantFrom(...rackNames), retire: fc.option(fc.nat(6)) }), { maxLength: 24 }),
        fc.array(
          fc.record({
            model: fc.nat(4),
            month: fc.nat(6),
            hosts: fc.array(fc.record({ rack: fc.constantFrom(...rackNames), retire: fc.option(fc.nat(8)) }), { maxLength: 5 }),
            added: fc.array(fc.constantFrom(...rackNames), { maxLength: 2 }),
          }),
          { maxLength: 4 },
        ),
        fc.boolean(),
        (models, rackList, hostList, buys, newRack) => {
          const { scenario: fixture, racks } = rackFixture(s, models, rackList);
          const scenario = newRack ? { ...fixture, procurement: { roles: {}, newRack: { namePrefix: 'n', heightRu: 42, powerBudgetWatts: 8000 } } } : fixture;
          const outOfService = new Map<string, number>();
          const hosts: Host[] = hostList.map((h, i) => {
            if (h.retire !== null) outOfService.set(`h${i}`, h.retire);
            return { name: `h${i}`, role: 'compute', hardware: `m${h.model}`, rack: h.rack };
          });
          const purchases = buys.map(
            (b, i) =>
              ({
                role: 'compute',
                hardware: `m${b.model}`,
                deliveryMonthIndex: b.month,
                deliveryMonth: monthLabel(s.start, b.month),
                hosts: b.hosts.map((h, k) => {
                  if (h.retire !== null) outOfService.set(`p${i}-${k}`, h.retire);
                  return { name: `p${i}-${k}`, rack: h.rack };
                }),
                racksAdded: b.added.map((name) => ({ name, reason: 'space' })),
              }) as unknown as Purchase,
          );
          // rack names repeat in the fixture: one elevation per name (explanation ids are per rack name)
          const seen = new Set<string>();
          const elevations = rackElevations(scenario, hosts, { racks, purchases }, outOfService).filter((r) => !seen.has(r.name) && seen.add(r.name));
          const plan = { scenario, racks: elevations } as unknown as PlanResult;
          const fast = new ExplanationSet();
          explainRacks(plan, fast);
          const slow = new ExplanationSet();
          explainRacksPlain(plan, slow);
          expect(JSON.stringify(fast.byId)).toBe(JSON.stringify(slow.byId));
        },
      ),
      { numRuns: 300 },
    );
  });
});
