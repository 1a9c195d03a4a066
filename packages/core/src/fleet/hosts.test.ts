import { describe, expect, it } from 'vitest';
import { expandHosts, hostName } from './hosts.js';
import { makeScenario } from '../model/test-scenario.js';

describe('host names', () => {
  it('2 digits, 3 when more than 99 hosts share the prefix', () => {
    expect(hostName('compute', 7, 12)).toBe('compute-07');
    expect(hostName('compute', 7, 99)).toBe('compute-07');
    expect(hostName('compute', 7, 120)).toBe('compute-007');
  });

  it('numbering continues across groups sharing a prefix', () => {
    const s = makeScenario({
      nodes: [
        { role: 'compute', hardware: 'cmp-r760', count: 2, placement: 'spread', namePrefix: 'compute' },
        { role: 'compute', hardware: 'cmp-r760', count: 1, placement: 'spread', namePrefix: 'compute' },
      ],
    });
    expect(expandHosts(s).hosts.map((h) => h.name)).toEqual(['compute-01', 'compute-02', 'compute-03']);
  });

  it('120 hosts are numbered 001..120', () => {
    const s = makeScenario({ nodes: [{ role: 'compute', hardware: 'cmp-r760', count: 120, placement: 'spread', namePrefix: 'c' }] });
    const names = expandHosts(s).hosts.map((h) => h.name);
    expect(names[0]).toBe('c-001');
    expect(names[119]).toBe('c-120');
  });
});

describe('rack placement', () => {
  it('spread: round-robin per role, zone from the rack', () => {
    const hosts = expandHosts(makeScenario()).hosts;
    const where = (prefix: string) => hosts.filter((h) => h.name.startsWith(prefix)).map((h) => `${h.name}@${h.rack}/${h.zone}`);
    expect(where('control')).toEqual(['control-01@r1/az1', 'control-02@r2/az2', 'control-03@r3/az3']);
    // each role starts at r1
    expect(where('compute')).toEqual(['compute-01@r1/az1', 'compute-02@r2/az2', 'compute-03@r3/az3']);
    expect(where('storage')).toEqual(['storage-01@r1/az1', 'storage-02@r2/az2', 'storage-03@r3/az3', 'storage-04@r1/az1']);
  });

  it('spread: the pointer continues across groups of the same role', () => {
    const s = makeScenario({
      nodes: [
        { role: 'compute', hardware: 'cmp-r760', count: 2, placement: 'spread', namePrefix: 'a' },
        { role: 'compute', hardware: 'cmp-r760', count: 2, placement: 'spread', namePrefix: 'b' },
      ],
    });
    expect(expandHosts(s).hosts.map((h) => h.rack)).toEqual(['r1', 'r2', 'r3', 'r1']);
  });

  it('explicit rack wins; pack fills racks in order and counts explicit hosts first', () => {
    const s = makeScenario({
      racks: [
        { name: 'r1', heightRu: 4 },
        { name: 'r2', heightRu: 4 },
      ],
      nodes: [
        { role: 'compute', hardware: 'cmp-r760', count: 3, placement: 'pack', namePrefix: 'compute' }, // 2 RU each
        { role: 'deploy', hardware: 'small-r250', count: 1, placement: 'spread', rack: 'r1', namePrefix: 'deploy' }, // 1 RU
      ],
    });
    const r = expandHosts(s);
    // r1: deploy 1 RU + compute-01 2 RU = 3 RU (compute-02 does not fit in the last 1 RU); r2: compute-02, compute-03 = 4 RU
    expect(r.hosts.map((h) => `${h.name}@${h.rack}`)).toEqual(['compute-01@r1', 'compute-02@r2', 'compute-03@r2', 'deploy-01@r1']);
    expect(r.usedRuByRack).toEqual({ r1: 3, r2: 4 });
    expect(r.findings).toEqual([]);
    expect(r.hosts[0]!.zone).toBeUndefined();
  });

  it('pack overflow goes to the last rack with rack.space_exceeded', () => {
    const s = makeScenario({
      racks: [{ name: 'r1', heightRu: 4 }],
      nodes: [{ role: 'compute', hardware: 'cmp-r760', count: 3, placement: 'pack', namePrefix: 'compute' }],
    });
    const r = expandHosts(s);
    expect(r.hosts.map((h) => h.rack)).toEqual(['r1', 'r1', 'r1']);
    // 3 × 2 RU = 6 RU in a 4 RU rack
    expect(r.findings).toEqual([expect.objectContaining({ code: 'rack.space_exceeded', severity: 'warning', subject: 'rack r1', value: 6, limit: 4, unit: 'RU' })]);
  });
});
