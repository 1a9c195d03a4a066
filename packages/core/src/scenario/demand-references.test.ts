/**
 * Per-resource demand in YAML (demand.growthBy, flavorGroups, events, commitments): what
 * normalize makes of it, and every mistake as [code, line, col] (columns counted by hand).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.js';

/** Flavors m1.small, m1.large; pools volumes, images; `extra` goes under demand, from line 15 on. */
const scenario = (extra: string) => `schemaVersion: 1
name: demand test
start: 2027-01
horizonMonths: 12
hardware:
  node: { model: M, heightRu: 1, cpu: { model: C, sockets: 1, coresPerSocket: 8, threadsPerCore: 2 }, memory: { size: 64 GiB }, disks: [{ count: 4, size: 4 TB, kind: ssd, use: osd }] }
nodes:
  - { role: storage, hardware: node, count: 3 }
openstack:
  flavors: { m1.small: { vcpus: 1, ram: 2 GiB }, m1.large: { vcpus: 4, ram: 8 GiB } }
ceph:
  pools: [{ name: volumes, type: replicated, size: 3 }, { name: images, type: replicated, size: 3 }]
demand:
  instances: [{ flavor: m1.large, count: 10 }]
${extra}`;

const codes = (text: string) => parseScenario(text, { fileName: 's.yaml' }).diagnostics.map((d) => [d.code, d.location.line, d.location.col]);

describe('demand per resource in YAML', () => {
  it('normalizes growthBy, groups, events and commitments with their month index', () => {
    const r = parseScenario(
      scenario(`  flavorGroups: { general: [m1.small, m1.large] }
  growthBy:
    flavors: { general: { kind: linear, perMonth: 0.02 } }
    pools: { volumes: { kind: compound, perMonth: 0.03, p10: 0.01, p90: 0.05 } }
  events:
    - { month: 2027-09, flavor: m1.large, instances: 200, note: tenant ACME }
    - { month: 2027-04, pool: images, stored: 50 TB, grows: true }
  commitments:
    - { from: 2027-03, until: 2027-07, pool: volumes, stored: 100 TB, customer: ACME }
`),
      { fileName: 's.yaml' },
    );
    expect(r.diagnostics).toEqual([]);
    const d = r.scenario!.demand;
    expect(d.growthBy).toEqual({ flavors: { general: { kind: 'linear', perMonth: 0.02 } }, pools: { volumes: { kind: 'compound', perMonth: 0.03, p10: 0.01, p90: 0.05 } } });
    // 2027-09 is month 8 from 2027-01; 2027-04 month 3; 2027-03 .. 2027-07 months 2 .. 6
    expect(d.events).toEqual([
      { month: '2027-09', monthIndex: 8, target: { kind: 'flavor', name: 'm1.large' }, amount: 200, grows: false, note: 'tenant ACME' },
      { month: '2027-04', monthIndex: 3, target: { kind: 'pool', name: 'images' }, amount: 50e12, grows: true },
    ]);
    expect(d.commitments).toEqual([
      { from: '2027-03', fromIndex: 2, until: '2027-07', untilIndex: 6, target: { kind: 'pool', name: 'volumes' }, amount: 100e12, customer: 'ACME' },
    ]);
  });

  it('a flavor group named like a flavor is ambiguous', () => {
    // line 15 "  flavorGroups: { m1.small: [m1.large] }": the key at col 19
    expect(codes(scenario('  flavorGroups: { m1.small: [m1.large] }\n'))).toEqual([['demand.group.shadows_flavor', 15, 19]]);
  });

  it('every mistake is a coded diagnostic at its line and column', () => {
    const text = scenario(`  flavorGroups: { a: [m1.small, m9.tiny], b: [m1.small] }
  growthBy:
    flavors: { m1.lrge: { kind: compound, perMonth: 0.02 } }
    pools: { volume: { kind: compound, perMonth: 0.03, p10: 0.05 } }
  events:
    - { month: 2027-09, instances: 5 }
    - { month: 2027-09, flavor: m1.large, stored: 5 TB }
    - { month: 2029-01, pool: volumes, stored: 5 TB }
  commitments:
    - { from: 2027-06, until: 2027-06, flavor: m1.large, instances: 4 }
`);
    expect(codes(text)).toEqual([
      // line 15 "  flavorGroups: { a: [m1.small, m9.tiny], b: [m1.small] }": 2 + "flavorGroups: { a: [m1.small, "
      // (30) = 32 characters before m9.tiny (col 33); 14 more ("m9.tiny], b: [") before the second m1.small (col 47)
      ['ref.unknown_flavor', 15, 33],
      ['demand.group.overlap', 15, 47],
      // line 17 "    flavors: { m1.lrge: ...": the key at col 16
      ['ref.unknown_flavor', 17, 16],
      // line 18 "    pools: { volume: { kind: compound, perMonth: 0.03, p10: 0.05 } }": key at 4 + 9 + 1 = col 14;
      // the p10 value after "volume: { kind: compound, perMonth: 0.03, p10: " (47 more): col 61
      ['ref.unknown_pool', 18, 14],
      ['demand.band.order', 18, 61],
      // line 20 "    - { month: 2027-09, instances: 5 }": no target, at the entry (col 7)
      ['demand.target', 20, 7],
      // line 21 "    - { month: 2027-09, flavor: m1.large, stored: 5 TB }": a flavor with stored (the value
      // "5 TB" at 6 + "{ month: 2027-09, flavor: m1.large, stored: " (44) + 1 = col 51) and so no instances (the entry, col 7)
      ['demand.amount', 21, 7],
      ['demand.amount', 21, 51],
      // line 22: 2029-01 is month 24, the horizon is months 0-11: a warning at the month (col 16)
      ['demand.outside_horizon', 22, 16],
      // line 24 "    - { from: 2027-06, until: 2027-06, ...": until at col 31
      ['demand.commitment.empty', 24, 31],
    ]);
  });
});
