/**
 * rackElevations builds each rack's units in one pass over the hosts and purchases, and reads a
 * rack's loads off its whole unit list when every unit is in service: it must equal the former
 * code (below, verbatim but for names: a record per placed host, then filters per rack).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthLabel } from '../forecast/growth.js';
import type { Host } from '../model/plan.js';
import type { Purchase } from '../model/procurement.js';
import { inServiceAt, type RackElevation, type RackLoad, type RackUnit } from '../model/racks.js';
import type { Role, Scenario } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { modelsArb, rackFixture, rackNames, racksArb } from './test-rack-models.js';
import { rackElevations, rackPowerFindings, type RackDefinition } from './elevation.js';
import type { Finding } from '../diagnostics/types.js';

function loadPlain(heightRu: number, budgetWatts: number | null, units: readonly RackUnit[]): RackLoad {
  const usedRu = units.reduce((a, u) => a + u.heightRu, 0);
  const missing = units.some((u) => u.powerMaxWatts === null || u.powerTypicalWatts === null);
  const typical = units.reduce((a, u) => a + (u.powerTypicalWatts ?? 0), 0);
  const max = units.reduce((a, u) => a + (u.powerMaxWatts ?? 0), 0);
  const overBudget = budgetWatts === null ? null : max > budgetWatts ? true : missing ? null : false;
  return { usedRu, freeRu: heightRu - usedRu, powerTypicalWatts: missing ? null : typical, powerMaxWatts: missing ? null : max, overBudget };
}

function rackElevationsPlain(
  scenario: Scenario,
  hosts: readonly Host[],
  procurement: { racks: readonly RackDefinition[]; purchases: readonly Purchase[] },
  outOfService: ReadonlyMap<string, number>,
): RackElevation[] {
  const { racks, purchases } = procurement;
  const added = new Map<string, NonNullable<RackElevation['added']>>();
  for (const p of purchases) {
    for (const r of p.racksAdded) {
      if (!added.has(r.name)) added.set(r.name, { monthIndex: p.deliveryMonthIndex, month: p.deliveryMonth, reason: r.reason });
    }
  }
  type Placed = { host: string; role: Role; hardware: string; rack: string; monthIndex: number; purchased: boolean };
  const placed: Placed[] = [
    ...hosts.map((h) => ({ host: h.name, role: h.role, hardware: h.hardware, rack: h.rack, monthIndex: 0, purchased: false })),
    ...purchases.flatMap((p) => p.hosts.map((h) => ({ host: h.name, role: p.role, hardware: p.hardware, rack: h.rack, monthIndex: p.deliveryMonthIndex, purchased: true }))),
  ];
  return racks.map((r) => {
    const units: RackUnit[] = [];
    let next = 1;
    for (const x of placed.filter((p) => p.rack === r.name)) {
      const hw = scenario.hardware[x.hardware];
      const heightRu = hw?.heightRu ?? 0;
      units.push({
        host: x.host,
        role: x.role,
        hardware: x.hardware,
        model: hw?.model ?? x.hardware,
        bottomRu: next,
        heightRu,
        powerTypicalWatts: hw?.power?.typicalWatts ?? null,
        powerMaxWatts: hw?.power?.maxWatts ?? null,
        inServiceMonthIndex: x.monthIndex,
        inServiceMonth: monthLabel(scenario.start, x.monthIndex),
        purchased: x.purchased,
        outOfServiceMonthIndex: outOfService.get(x.host) ?? null,
        outOfServiceMonth: outOfService.has(x.host) ? monthLabel(scenario.start, outOfService.get(x.host)!) : null,
      });
      next += heightRu;
    }
    const budget = r.powerBudgetWatts ?? null;
    return {
      name: r.name,
      zone: r.zone ?? null,
      heightRu: r.heightRu,
      powerBudgetWatts: budget,
      added: added.get(r.name) ?? null,
      units,
      month0: loadPlain(
        r.heightRu,
        budget,
        units.filter((u) => inServiceAt(u, 0)),
      ),
      afterPurchases: loadPlain(
        r.heightRu,
        budget,
        units.filter((u) => u.outOfServiceMonthIndex === null),
      ),
      hostsWithoutPower: units.filter((u) => u.powerMaxWatts === null).map((u) => u.host),
    };
  });
}

/** The former rackPowerFindings, verbatim but for its name: a filtered unit list per month checked. */
function rackPowerFindingsPlain(elevations: readonly RackElevation[]): Finding[] {
  const knownMaxWatts = (units: readonly RackUnit[]): number => units.reduce((a, u) => a + (u.powerMaxWatts ?? 0), 0);
  const out: Finding[] = [];
  for (const e of elevations) {
    const budget = e.powerBudgetWatts;
    if (budget === null) continue;
    // the draw only grows at a delivery: the months to check are the delivery months
    const months = [...new Set(e.units.map((u) => u.inServiceMonthIndex))].sort((a, b) => a - b);
    const month = months.find((m) => knownMaxWatts(e.units.filter((u) => inServiceAt(u, m))) > budget);
    if (month === undefined) continue;
    const max = knownMaxWatts(e.units.filter((u) => inServiceAt(u, month)));
    const unknown = e.units.filter((u) => inServiceAt(u, month) && u.powerMaxWatts === null).map((u) => u.host);
    const what = month === 0 ? 'with the hosts in service at the start' : `after the ${e.units.find((u) => u.inServiceMonthIndex === month)?.inServiceMonth ?? ''} delivery`;
    out.push({
      code: 'rack.power_exceeded',
      severity: 'warning',
      subject: `rack ${e.name}`,
      message: `rack ${e.name} can draw ${unknown.length > 0 ? 'more than ' : ''}${max} W at maximum ${what}, over its ${budget} W power budget (${max - budget} W over)${unknown.length > 0 ? `; ${unknown.join(', ')} without power data not counted` : ''}`,
      ...(month === 0 ? {} : { month }),
      value: max,
      limit: budget,
      unit: 'W',
      source: 'headroom [model]: sum of the hardware maximum draw (power.max) per rack vs the rack powerBudget',
    });
  }
  return out;
}

describe('rackElevations in one pass', () => {
  it('equals the record-per-host and filter code: units, loads (same doubles), added racks', () => {
    const s = makeScenario();
    fc.assert(
      fc.property(
        modelsArb,
        racksArb,
        fc.array(fc.record({ model: fc.nat(4), rack: fc.constantFrom(...rackNames, 'elsewhere'), retire: fc.option(fc.nat(6)) }), { maxLength: 30 }),
        fc.array(
          fc.record({
            model: fc.nat(4),
            month: fc.nat(6),
            hosts: fc.array(fc.record({ rack: fc.constantFrom(...rackNames), retire: fc.option(fc.nat(8)) }), { maxLength: 6 }),
            added: fc.array(fc.constantFrom(...rackNames), { maxLength: 2 }),
          }),
          { maxLength: 4 },
        ),
        (models, rackList, hostList, buys) => {
          const { scenario, racks } = rackFixture(s, models, rackList);
          const outOfService = new Map<string, number>();
          const hosts: Host[] = hostList.map((h, i) => {
            if (h.retire !== null) outOfService.set(`h${i}`, h.retire);
            return { name: `h${i}`, role: i % 2 === 0 ? 'compute' : 'storage', hardware: `m${h.model}`, rack: h.rack };
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
          const fast = rackElevations(scenario, hosts, { racks, purchases }, outOfService);
          const slow = rackElevationsPlain(scenario, hosts, { racks, purchases }, outOfService);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
          // the power findings summed per month without filtered lists: the same findings, the same doubles
          const findings = rackPowerFindings(fast);
          const plain = rackPowerFindingsPlain(fast);
          expect(JSON.stringify(findings)).toBe(JSON.stringify(plain));
          findings.forEach((f, i) => expect(Object.is(f.value, plain[i]!.value)).toBe(true));
          fast.forEach((r, i) => {
            for (const k of ['month0', 'afterPurchases'] as const) {
              expect(Object.is(r[k].powerTypicalWatts, slow[i]![k].powerTypicalWatts)).toBe(true);
              expect(Object.is(r[k].powerMaxWatts, slow[i]![k].powerMaxWatts)).toBe(true);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
