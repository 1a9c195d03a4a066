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
import { type DomainContext, domainCache, domainContext, enumerateDomainsNumbered, rackAttachments } from './domains.js';

const policy: FailurePolicy = { tolerate: { hosts: 1, racks: 1, zones: 0, switches: 1, feeds: 1 }, maintenance: { hosts: 0, roles: ['compute'] } };

/** The context of `hosts` over `racks`, attachments by rack (as analyze builds it). */
function context(hosts: readonly Host[], racks: readonly Rack[]): DomainContext {
  const attach = rackAttachments(racks);
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
      // each step appends hosts, each given by its rack
      steps: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, ({ zones, steps }) => {
        const racks = racksOf(zones);
        const cache = domainCache();
        const hosts: Host[] = [];
        let before: Map<string, unknown> = new Map();
        let last: { out: unknown; json: string } | undefined;
        for (const step of steps) {
          const grown = new Set<string>();
          for (const r of step) {
            const rack = racks[r]!;
            hosts.push({ name: `h${hosts.length}`, role: 'compute', hardware: 'x', rack: rack.name, ...(rack.zone ? { zone: rack.zone } : {}) });
            grown.add(rack.name);
          }
          const fleet = [...hosts]; // a new array each step, the same host objects (as the fleet timeline gives them)
          const cached = enumerateDomainsNumbered(context(fleet, racks), { hosts: false }, cache);
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

  it('a fleet that lost a host, or racks whose switches changed, is enumerated anew (same result as without the cache)', () => {
    const racks = racksOf(2);
    const hosts: Host[] = [0, 1, 2, 3, 4, 0, 1].map((r, i) => ({ name: `h${i}`, role: 'compute', hardware: 'x', rack: `r${r}`, zone: racks[r]!.zone! }));
    const cache = domainCache();
    enumerateDomainsNumbered(context(hosts, racks), { hosts: false }, cache);
    // h2 retired: not a prefix of the cached hosts
    const fewer = hosts.filter((h) => h.name !== 'h2');
    expect(enumerateDomainsNumbered(context(fewer, racks), { hosts: false }, cache)).toEqual(enumerateDomainsNumbered(context(fewer, racks), { hosts: false }));
    // r4 gets a single switch: its hosts are now cut off by losing it
    const rewired = racks.map((r) => (r.name === 'r4' ? { ...r, switches: ['tor-4'] } : r));
    const out = enumerateDomainsNumbered(context(fewer, rewired), { hosts: false }, cache);
    expect(out).toEqual(enumerateDomainsNumbered(context(fewer, rewired), { hosts: false }));
    expect(out.domains.find((d) => d.id === 'switch:tor-4')).toMatchObject({ hostsLost: ['h4'], hostsDegraded: [] });
  });
});
