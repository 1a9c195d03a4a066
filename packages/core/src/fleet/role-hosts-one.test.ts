/**
 * RoleHosts with one role (the storage hosts of each epoch procurement's schedule check reads)
 * equals filtering each list by role, whether a list extends the previous one (same Host
 * objects first) or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { Role } from '../model/scenario.js';
import { RoleHosts } from './role-hosts.js';

const host = (name: string, role: Role): Host => ({ name, role, hardware: 'x', rack: 'r1' });

describe('RoleHosts', () => {
  it('hand-worked: a list extending the last adds its new storage host; a shorter or other list starts over', () => {
    const a = [host('s1', 'storage'), host('c1', 'compute')];
    const b = [...a, host('s2', 'storage')];
    const other = [host('s1', 'storage'), host('s9', 'storage'), host('s3', 'storage')]; // s1 another object: not an extension
    const r = new RoleHosts(['storage']);
    expect(r.of(a)[0]!.map((h) => h.name)).toEqual(['s1']);
    expect(r.of(b)[0]!.map((h) => h.name)).toEqual(['s1', 's2']);
    expect(r.of(a)[0]!.map((h) => h.name)).toEqual(['s1']);
    expect(r.of(other)[0]!.map((h) => h.name)).toEqual(['s1', 's9', 's3']);
  });

  it('equals hosts.filter by role for every list of a sequence (extensions, cuts, new lists)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ keep: fc.nat(8), add: fc.array(fc.constantFrom<Role>('compute', 'storage', 'control'), { maxLength: 5 }), fresh: fc.boolean() }), { maxLength: 10 }),
        (steps) => {
          const r = new RoleHosts(['storage']);
          let last: Host[] = [];
          let n = 0;
          for (const s of steps) {
            // keep a prefix of the last list (its own objects, or copies of them), then new hosts
            const kept = last.slice(0, s.keep).map((h) => (s.fresh ? { ...h } : h));
            const list = [...kept, ...s.add.map((role) => host(`h${n++}`, role))];
            const got = r.of(list)[0]!;
            const expected = list.filter((h) => h.role === 'storage');
            expect(got).toHaveLength(expected.length);
            got.forEach((h, i) => expect(h).toBe(expected[i]));
            last = list;
          }
        },
      ),
    );
  });
});
