import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { Role } from '../model/scenario.js';
import type { CephDaemons } from '../model/scenario.js';
import { daemonHosts } from './ceph-daemons.js';

const ROLES: Role[] = ['control', 'compute', 'storage', 'deploy'];

/** The daemons with the given roles and counts (memory and cores do not matter here). */
function daemons(p: Record<'mon' | 'mgr' | 'mds' | 'rgw', { role: Role; count: number }>): CephDaemons {
  const out = {} as CephDaemons;
  for (const [k, v] of Object.entries(p)) out[k as keyof CephDaemons] = { ...v, memoryBytes: 0, cores: 0 };
  return out;
}

describe('daemonHosts: the first `count` hosts of the role', () => {
  it('hand-worked: 3 monitors among 4 controllers, 2 managers, no mds, rgw on storage', () => {
    const hosts: Host[] = ['c1', 's1', 'c2', 'c3', 's2', 'c4'].map((name) => ({ name, role: name.startsWith('c') ? 'control' : 'storage', hardware: 'x', rack: 'r' }));
    const d = daemons({ mon: { role: 'control', count: 3 }, mgr: { role: 'control', count: 2 }, mds: { role: 'control', count: 0 }, rgw: { role: 'storage', count: 5 } });
    // control in host order: c1, c2, c3, c4 → mon c1..c3, mgr c1, c2; storage s1, s2 (fewer than 5)
    expect(daemonHosts(d, hosts)).toEqual({ mon: ['c1', 'c2', 'c3'], mgr: ['c1', 'c2'], mds: [], rgw: ['s1', 's2'] });
  });

  it('equals filter, slice and map for any roles and counts', () => {
    const placement = fc.record({ role: fc.constantFrom(...ROLES), count: fc.integer({ min: 0, max: 6 }) });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ROLES), { maxLength: 20 }), fc.record({ mon: placement, mgr: placement, mds: placement, rgw: placement }), (roles, p) => {
        const hosts: Host[] = roles.map((role, i) => ({ name: `h${i}`, role, hardware: 'x', rack: 'r' }));
        const d = daemons(p);
        const out = daemonHosts(d, hosts);
        for (const k of ['mon', 'mgr', 'mds', 'rgw'] as const) {
          expect(out[k]).toEqual(
            hosts
              .filter((h) => h.role === d[k].role)
              .slice(0, d[k].count)
              .map((h) => h.name),
          );
        }
      }),
    );
  });
});
