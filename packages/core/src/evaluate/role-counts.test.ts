import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { Role } from '../model/scenario.js';
import { roleCounts, roleCountsPlain } from './role-counts.js';

const host = (name: string, role: Role): Host => ({ name, role, hardware: 'x', rack: 'r' });

describe('hosts per role per epoch', () => {
  it('hand-worked: a delivery, a retirement, a role first seen late', () => {
    const c1 = host('c1', 'control');
    const s1 = host('s1', 'storage');
    const k1 = host('k1', 'compute');
    const k2 = host('k2', 'compute');
    const d1 = host('d1', 'deploy');
    // epoch 0: c1 s1 k1; epoch 1: + k2; epoch 2: s1 retired → c1 k1 k2 d1
    const epochs = [{ hosts: [c1, s1, k1] }, { hosts: [c1, s1, k1, k2] }, { hosts: [c1, k1, k2, d1] }];
    const out = roleCounts(epochs);
    expect(out).toEqual([
      { control: 1, storage: 1, compute: 1 },
      { control: 1, storage: 1, compute: 2 },
      { control: 1, compute: 2, deploy: 1 },
    ]);
    expect(out.map((x) => Object.keys(x))).toEqual([
      ['control', 'storage', 'compute'],
      ['control', 'storage', 'compute'],
      ['control', 'compute', 'deploy'],
    ]);
  });

  it('equals counting host by host, key order included', () => {
    const roles: Role[] = ['control', 'compute', 'storage', 'deploy'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...roles), { minLength: 1, maxLength: 12 }),
        fc.array(fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 6 }),
        (pool, masks, rotations) => {
          // a pool of hosts; each epoch keeps some of them (in pool order, or rotated: other prefixes)
          const all = pool.map((role, i) => host(`h${i}`, role));
          const epochs = masks.map((m, e) => {
            const kept = all.filter((_, i) => m[i]);
            const r = rotations[e] ?? 0;
            return { hosts: r % 3 === 0 ? [...kept.slice(r % (kept.length || 1)), ...kept.slice(0, r % (kept.length || 1))] : kept };
          });
          const fast = roleCounts(epochs);
          const plain = roleCountsPlain(epochs);
          expect(fast).toEqual(plain);
          expect(fast.map((x) => Object.keys(x))).toEqual(plain.map((x) => Object.keys(x)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
