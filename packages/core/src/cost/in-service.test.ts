import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FleetHost } from '../model/fleet.js';
import type { HardwareModel } from '../model/scenario.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { inServiceByMonth, inServiceByMonthPlain } from './in-service.js';

/** Hardware m0..m3 with the given RU and typical watts (null: no power data). */
function hardware(figures: readonly { ru: number; watts: number | null }[]): Record<string, HardwareModel> {
  const base = baseHardware()['ctl-r660']!;
  const out: Record<string, HardwareModel> = {};
  figures.forEach((f, i) => {
    const { power: _p, ...rest } = base;
    out[`m${i}`] = { ...rest, name: `m${i}`, heightRu: f.ru, ...(f.watts === null ? {} : { power: { typicalWatts: f.watts, maxWatts: 2 * Math.abs(f.watts) + 1 } }) };
  });
  return out;
}

const host = (i: number, hw: string, fromMonth: number, untilMonth: number | null): FleetHost => ({
  name: `h${i}`,
  role: 'compute',
  hardware: hw,
  rack: 'r1',
  fromMonth,
  untilMonth,
  purchased: fromMonth > 0,
});

describe('servers in service month by month', () => {
  it('hand-worked: counts, RU and watts per month, the model without power', () => {
    // m0: 2 RU, 450 W; m1: 1 RU, no power. Horizon 4 months.
    // h0 m0 months 0..3; h1 m1 months 1..3; h2 m0 months 0..1 (retired at 2); h3 unknown model 3..3.
    const scenario = makeScenario({
      hardware: hardware([
        { ru: 2, watts: 450 },
        { ru: 1, watts: null },
      ]),
    });
    const hosts = [host(0, 'm0', 0, null), host(1, 'm1', 1, null), host(2, 'm0', 0, 2), host(3, 'nope', 3, null)];
    const out = inServiceByMonth(scenario, hosts, 4);
    // month 0: h0, h2 → 2 servers, 4 RU, 900 W; month 1: + h1 → 3, 5 RU, 900 W;
    // month 2: h0, h1 → 2, 3 RU, 450 W; month 3: + h3 (unknown: 0 RU, no power) → 3, 3 RU, 450 W
    expect(out.servers).toEqual([2, 3, 2, 3]);
    expect(out.ru).toEqual([4, 5, 3, 3]);
    expect(out.watts).toEqual([900, 900, 450, 450]);
    // m1 met in month 1, 'nope' in month 3
    expect([...out.noPower]).toEqual(['m1', 'nope']);
    expect(out).toEqual(inServiceByMonthPlain(scenario, hosts, 4));
  });

  it('equals the straightforward loop (exact and inexact figures)', () => {
    const figure = fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0.1, max: 1000, noNaN: true }), fc.constantFrom(0.1, 0.5, 333.3));
    fc.assert(
      fc.property(
        fc.array(fc.record({ ru: fc.integer({ min: 1, max: 4 }), watts: fc.option(figure, { nil: null }) }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ model: fc.nat(4), from: fc.integer({ min: -1, max: 8 }), until: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }) }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 8 }),
        (figures, specs, horizon) => {
          const scenario = makeScenario({ hardware: hardware(figures) });
          const hosts = specs.map((s, i) => host(i, `m${s.model}`, s.from, s.until));
          const fast = inServiceByMonth(scenario, hosts, horizon);
          const plain = inServiceByMonthPlain(scenario, hosts, horizon);
          expect(fast.servers).toEqual(plain.servers);
          expect(fast.ru).toEqual(plain.ru);
          // Object.is per month: the same doubles, not merely close ones
          fast.watts.forEach((w, m) => expect(Object.is(w, plain.watts[m])).toBe(true));
          expect([...fast.noPower]).toEqual([...plain.noPower]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('inexact watts take the loop: the order of additions decides the double', () => {
    // 0.1 and 1.1 are no binary fractions. Host order: 0.1 + 1.1 + 0.1 = 1.3000000000000003;
    // per model (2 × 0.1 + 1.1) it would be 1.3: the fast path must refuse and add host by host
    const scenario = makeScenario({
      hardware: hardware([
        { ru: 1, watts: 0.1 },
        { ru: 1, watts: 1.1 },
      ]),
    });
    const hosts = [host(0, 'm0', 0, null), host(1, 'm1', 0, null), host(2, 'm0', 0, null)];
    expect(inServiceByMonth(scenario, hosts, 1).watts[0]).toBe(1.3000000000000003);
  });
});
