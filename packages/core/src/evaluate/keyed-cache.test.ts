/**
 * planEpochs' caches by (rack count, the role's host names in order): KeyedCache finds an entry
 * exactly when the key of joined names would (the names' list compared one by one), without
 * building that list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { Role } from '../model/scenario.js';
import { KeyedCache, rolesOf, sameRoleNames, storageHostsAt } from './epochs.js';

const host = (name: string, role: Role): Host => ({ name, role, hardware: 'x', rack: 'r1' });

describe('KeyedCache', () => {
  it('hand-worked: the same compute names in another list (other objects, storage hosts between) hit; one name changed misses', () => {
    const cache = new KeyedCache<number>('compute');
    const a = [host('c1', 'compute'), host('s1', 'storage'), host('c2', 'compute')];
    // c1, c2 again as new objects, with storage hosts elsewhere: the compute key is the same
    const b = [host('s9', 'storage'), host('c1', 'compute'), host('c2', 'compute'), host('s1', 'storage')];
    const c = [host('c1', 'compute'), host('c3', 'compute')];
    let made = 0;
    expect(cache.get(10, a, () => ++made)).toBe(1);
    expect(cache.get(10, b, () => ++made)).toBe(1);
    expect(cache.get(10, c, () => ++made)).toBe(2);
    // another rack count: another key
    expect(cache.get(11, a, () => ++made)).toBe(3);
    expect(sameRoleNames(a, b, 'storage')).toBe(false); // s1 vs s9, s1
    expect(sameRoleNames(a, [host('s1', 'storage')], 'storage')).toBe(true);
  });

  it('hits exactly when the rack count and the role names joined one by one are the same', () => {
    const hostArb = fc.record({ name: fc.constantFrom('a', 'b', 'c', 'a,b', ''), role: fc.constantFrom<Role>('compute', 'storage', 'control') });
    fc.assert(
      fc.property(
        fc.array(fc.record({ racks: fc.integer({ min: 0, max: 2 }), hosts: fc.array(hostArb, { maxLength: 6 }), reuse: fc.nat() }), { maxLength: 12 }),
        fc.constantFrom<Role>('compute', 'storage'),
        (calls, role) => {
          const cache = new KeyedCache<number>(role);
          const reference = new Map<string, number>();
          const lists: Host[][] = [];
          calls.forEach((c, i) => {
            // some calls reuse an earlier list (the same Host objects), the others build new ones
            const hosts = c.reuse % 3 === 0 && lists.length > 0 ? lists[c.reuse % lists.length]! : c.hosts.map((h) => host(h.name, h.role));
            lists.push(hosts);
            const key = JSON.stringify([c.racks, hosts.filter((h) => h.role === role).map((h) => h.name)]);
            if (!reference.has(key)) reference.set(key, i);
            expect(cache.get(c.racks, hosts, () => i)).toBe(reference.get(key));
          });
        },
      ),
    );
  });
});

describe('storageHostsAt', () => {
  it("equals the Map of the storage hosts' names filtered and mapped, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c', 'd'), role: fc.constantFrom<Role>('compute', 'storage') })), (list) => {
        const hosts = list.map((h) => host(h.name, h.role));
        const expected = new Map(hosts.filter((h) => h.role === 'storage').map((h) => [h.name, 25e9]));
        expect([...storageHostsAt(hosts, 25e9)]).toEqual([...expected]);
      }),
    );
  });
});

describe('rolesOf', () => {
  it('equals the Map of [name, role] pairs (a repeated name: its last host, at its first place)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c'), role: fc.constantFrom<Role>('compute', 'storage') })), (list) => {
        const hosts = list.map((h) => host(h.name, h.role));
        expect([...rolesOf(hosts)]).toEqual([...new Map(hosts.map((h) => [h.name, h.role]))]);
      }),
    );
  });
});
