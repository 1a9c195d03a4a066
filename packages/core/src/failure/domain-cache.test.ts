/**
 * The domain cache (enumerateDomainsNumbered with a DomainCache, evaluate/epochs.ts): a fleet
 * that grows by appended hosts gets its rack, zone, switch and feed domains extended, and the
 * result equals enumerating every host anew; racks that gained no host keep their domain.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FailurePolicy } from '../model/failure.js';
import type { Host } from '../model/plan.js';
import type { Rack } from '../model/scenario.js';
import { type DomainCache, type DomainContext, domainCache, domainContext, enumerateDomainsNumbered, rackAttachments } from './domains.js';

const policy: FailurePolicy = { tolerate: { hosts: 1, racks: 1, zones: 0, switches: 1, feeds: 1 }, maintenance: { hosts: 0, roles: ['compute'] } };

/** The context of `hosts` over `racks`, attachments by rack (as analyze builds it, with the cache's rack lists when given). */
function context(hosts: readonly Host[], racks: readonly Rack[], cache?: DomainCache): DomainContext {
  const attach = rackAttachments(racks, cache);
  return domainContext({ hosts, racks, policy, largestFirst: {}, hostSwitches: attach.hostSwitches, hostFeeds: attach.hostFeeds, attachedByRack: true });
}

/** Racks r0..r4: r0 on a single switch, r1 and r2 sharing switch `shared` (besides their own), r3 on feed A only, zones az1/az2 (or one). */
function racksOf(zones: number): Rack[] {
  const zone = (i: number) => `az${(i % zones) + 1}`;
  return [
    { name: 'r0', zone: zone(0), heightRu: 42, switches: ['tor-0'] },
    { name: 'r1', zone: zone(1), heightRu: 42, switches: ['r1-a', 'shared'] },
    { name: 'r2', zone: zone(2), heightRu: 42, switches: ['shared', 'r2-a'] },
    { name: 'r3', zone: zone(3), heightRu: 42, powerFeeds: ['A'] },
    { name: 'r4', zone: zone(4), heightRu: 42 },
  ];
}

describe('enumerateDomainsNumbered with a DomainCache', () => {
  it('a growing fleet: the cached enumeration equals a fresh one at every step (fast-check, seed 11)', () => {
    const arb = fc.record({
      zones: fc.integer({ min: 1, max: 2 }),
      // each step appends hosts, each given by its rack (and, when the flag is set, another zone
      // than its rack's: hosts of one rack in two zones), and names the first `view` racks
      // (as an epoch's view lists the racks in use, the racks purchases add coming last)
      steps: fc.array(fc.record({ hosts: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.boolean()), { maxLength: 8 }), view: fc.integer({ min: 3, max: 5 }) }), {
        minLength: 1,
        maxLength: 6,
      }),
    });
    fc.assert(
      fc.property(arb, ({ zones, steps }) => {
        const all = racksOf(zones);
        const cache = domainCache();
        const hosts: Host[] = [];
        let before: Map<string, unknown> = new Map();
        let last: { out: unknown; json: string } | undefined;
        let view = 0;
        for (const step of steps) {
          view = Math.max(view, step.view); // racks in use only grow with the fleet
          const racks = all.slice(0, view); // a new array each step, the same rack objects
          const grown = new Set<string>();
          for (const [r, other] of step.hosts) {
            const rack = all[r % view]!;
            const zone = other ? 'az9' : rack.zone;
            hosts.push({ name: `h${hosts.length}`, role: 'compute', hardware: 'x', rack: rack.name, ...(zone ? { zone } : {}) });
            grown.add(rack.name);
          }
          const fleet = [...hosts]; // a new array each step, the same host objects (as the fleet timeline gives them)
          const cached = enumerateDomainsNumbered(context(fleet, racks, cache), { hosts: false }, cache);
          const fresh = enumerateDomainsNumbered(context(fleet, racks), { hosts: false });
          expect(cached).toEqual(fresh);
          // a rack that gained no host keeps the very domain object of the previous step
          for (const d of cached.domains) if (d.kind === 'rack' && !grown.has(d.name) && before.has(d.id)) expect(d).toBe(before.get(d.id));
          before = new Map(cached.domains.map((d) => [d.id, d]));
          // the previous step's result is left as it was (groups are copied before they grow)
          if (last) expect(JSON.stringify(last.out)).toBe(last.json);
          last = { out: cached, json: JSON.stringify(cached) };
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('rack domains follow the racks as named at each step (the kept rack order is rebuilt when the names change)', () => {
    const racks = racksOf(1);
    const hosts: Host[] = [0, 4, 3].map((r, i) => ({ name: `h${i}`, role: 'compute', hardware: 'x', rack: `r${r}`, zone: 'az1' }));
    const cache = domainCache();
    const rackIds = (out: { domains: { id: string; kind: string }[] }) => out.domains.filter((d) => d.kind === 'rack').map((d) => d.id);
    // racks r0..r4 in scenario order: r0, r3, r4 hold hosts
    expect(rackIds(enumerateDomainsNumbered(context(hosts, racks, cache), { hosts: false }, cache))).toEqual(['rack:r0', 'rack:r3', 'rack:r4']);
    // the same rack objects named in reverse, no host added (the groups are extended by none): reverse order
    const reversed = [...racks].reverse();
    expect(rackIds(enumerateDomainsNumbered(context([...hosts], reversed, cache), { hosts: false }, cache))).toEqual(['rack:r4', 'rack:r3', 'rack:r0']);
    // the same names, a host added in a rack they do not name: its rack comes after them
    const more: Host[] = [...hosts, { name: 'h3', role: 'compute', hardware: 'x', rack: 'r9', zone: 'az1' }];
    const out = enumerateDomainsNumbered(context(more, reversed, cache), { hosts: false }, cache);
    expect(rackIds(out)).toEqual(['rack:r4', 'rack:r3', 'rack:r0', 'rack:r9']);
    expect(out).toEqual(enumerateDomainsNumbered(context(more, reversed), { hosts: false }));
  });

  it('a fleet that lost a host, or racks whose switches changed, is enumerated anew (same result as without the cache)', () => {
    const racks = racksOf(2);
    const hosts: Host[] = [0, 1, 2, 3, 4, 0, 1].map((r, i) => ({ name: `h${i}`, role: 'compute', hardware: 'x', rack: `r${r}`, zone: racks[r]!.zone! }));
    const cache = domainCache();
    enumerateDomainsNumbered(context(hosts, racks, cache), { hosts: false }, cache);
    // h2 retired: not a prefix of the cached hosts
    const fewer = hosts.filter((h) => h.name !== 'h2');
    expect(enumerateDomainsNumbered(context(fewer, racks, cache), { hosts: false }, cache)).toEqual(enumerateDomainsNumbered(context(fewer, racks), { hosts: false }));
    // r4 gets a single switch (a new rack object, the list as long): its hosts are now cut off by losing it
    const rewired = racks.map((r) => (r.name === 'r4' ? { ...r, switches: ['tor-4'] } : r));
    const out = enumerateDomainsNumbered(context(fewer, rewired, cache), { hosts: false }, cache);
    expect(out).toEqual(enumerateDomainsNumbered(context(fewer, rewired), { hosts: false }));
    expect(out.domains.find((d) => d.id === 'switch:tor-4')).toMatchObject({ hostsLost: ['h4'], hostsDegraded: [] });
  });
});
