/** evaluateLayouts: sizing each layout for the horizon, and another storage model (hand-worked on the base test scenario). */
import { describe, expect, it } from 'vitest';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import type { Scenario } from '../model/scenario.js';
import { evaluateLayouts } from './layouts.js';

/** 4 storage hosts of 10 x 8 TB HDD (20,000 EUR each), 40 TB stored, no growth, N+1 hosts. */
function scenario(): Scenario {
  const hardware = baseHardware();
  hardware['sto-r760xd2']!.price = { amount: 20_000, currency: 'EUR' };
  // The same chassis with 10 x 16 TB: twice the raw per host, 26,000 EUR.
  hardware['sto-16tb'] = {
    ...hardware['sto-r760xd2']!,
    name: 'sto-16tb',
    disks: [{ count: 10, sizeBytes: 16e12, kind: 'hdd', use: 'osd' }],
    price: { amount: 26_000, currency: 'EUR' },
  };
  const base = makeScenario();
  return makeScenario({ hardware, demand: { ...base.demand, storageBytes: { volumes: 40e12 } }, policy: { ...base.policy, tolerate: { hosts: 1, racks: 0 } } });
}

describe('evaluateLayouts', () => {
  const c = evaluateLayouts(scenario());
  const row = (label: string) => c.rows.find((r) => r.label === label)!;

  it('replica 3, host: 3 hosts go clean but cannot heal after one is lost; 4 hold 40 TB x 3 = 120 TB of raw in the 3 x 80 TB left: 4 hosts, 80,000 EUR', () => {
    expect(row('replicated 3, host').horizon).toMatchObject({ hosts: 4, capex: 80_000 });
    // 80,000 EUR / (320 / 3 = 106.67 TB) = 750 EUR per usable TB.
    expect(row('replicated 3, host').horizon!.capexPerUsableTb).toBeCloseTo(750, 6);
  });

  it('EC 4+2, host: 6 shards + 1 host to heal = 7 hosts (60 TB of raw in 6 x 80 TB left): 140,000 EUR, 140,000 / (560 / 1.5 TB) = 375 EUR per usable TB', () => {
    expect(row('EC 4+2, host').horizon).toMatchObject({ hosts: 7, capex: 140_000 });
    expect(row('EC 4+2, host').horizon!.capexPerUsableTb).toBeCloseTo(375, 6);
  });

  it('failure domain rack with 3 racks: EC 4+2 never fits, whatever the hosts (null); the search is said', () => {
    expect(row('EC 4+2, rack').horizon).toBeNull();
    expect(c.horizonSizing).toContain('bisected over 1..');
  });

  it('another storage model (--hardware): 4 hosts of 10 x 16 TB, 640 TB raw, 104,000 EUR', () => {
    const h = evaluateLayouts(scenario(), { hardware: 'sto-16tb' });
    expect([h.hardware, h.rawBytes, h.capex]).toEqual(['sto-16tb', 640e12, { amount: 104_000, currency: 'EUR' }]);
    // replica 3 usable 640 / 3 = 213.33 TB: 104,000 / 213.33 = 487.5 EUR per TB.
    expect(h.rows.find((r) => r.label === 'replicated 3, host')!.capexPerUsableTb).toBeCloseTo(487.5, 6);
  });

  it('several storage groups: not sized, and said why', () => {
    const s = scenario();
    const two = { ...s, nodes: [...s.nodes, { role: 'storage' as const, hardware: 'sto-16tb', count: 1, placement: 'spread' as const, namePrefix: 'big' }] };
    const h = evaluateLayouts(two);
    expect(h.horizonSizing).toBe('not sized: 2 storage node groups (sizing adds hosts to a single group)');
    expect(h.rows.every((r) => r.horizon === null)).toBe(true);
  });
});
