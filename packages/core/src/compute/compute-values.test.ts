/**
 * ComputeHostCache keeps each resource class's per-host values (`capacity[rc] ?? 0`) in step with
 * the groups `entries` returns (cut back and extended like them), so that toleranceOf sums the
 * same values without a keyed load per host and class.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import type { Host, ResourceClass } from '../model/plan.js';
import { parseScenario } from '../scenario/parse.js';
import { ComputeHostCache } from './compute-plan.js';
import { hostOffer } from './host-offer.js';
import { toleranceOf, toleranceOfPlain } from './tolerance-fast.js';

const scenarios = ['nfv-gpu-cloud.yaml', 'regional-cloud.yaml'].map((name) => {
  const text = readFileSync(join(import.meta.dirname, '../../../../scenarios', name), 'utf8');
  return parseScenario(text, { fileName: name }).scenario!;
});

describe('ComputeHostCache.values', () => {
  for (const scenario of scenarios) {
    it('equals capacity[rc] ?? 0 of the last groups after lists that share prefixes, grow, shrink and change', () => {
      const pool = expandHosts(scenario).hosts;
      const classes: ResourceClass[] = ['VCPU', 'MEMORY_MB', 'DISK_GB', 'PCPU', 'VGPU'];
      fc.assert(
        fc.property(
          fc.array(fc.record({ keep: fc.nat({ max: pool.length }), add: fc.array(fc.nat({ max: pool.length - 1 }), { maxLength: 40 }), ask: fc.subarray(classes) }), {
            maxLength: 8,
          }),
          (steps) => {
            const cache = new ComputeHostCache(scenario);
            let last: Host[] = [];
            for (const s of steps) {
              // the previous list's first `keep` hosts (the same objects), then hosts of the fleet (repeats allowed)
              const all = [...last.slice(0, s.keep), ...s.add.map((i) => pool[i]!)];
              const { groups } = cache.entries(all);
              // classes asked at different steps: some arrays are built late, some carried
              for (const rc of s.ask) expect(cache.values(rc)).toEqual(groups.map((g) => g.capacity[rc] ?? 0));
              last = all;
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  for (const scenario of scenarios) {
    it('property: toleranceOf with the running sums and largest hosts kept by the cache = tolerance.ts, over lists that grow, shrink and change', () => {
      const pool = expandHosts(scenario).hosts;
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              keep: fc.nat({ max: pool.length }),
              add: fc.array(fc.nat({ max: pool.length - 1 }), { maxLength: 40 }),
              hosts: fc.integer({ min: 0, max: 10 }),
              racks: fc.constantFrom(0, 0, 1),
            }),
            { maxLength: 8 },
          ),
          (steps) => {
            const cache = new ComputeHostCache(scenario);
            let last: Host[] = [];
            for (const s of steps) {
              // the previous list's first `keep` hosts (the same objects), then hosts of the fleet (repeats allowed: no known numbering then)
              const all = [...last.slice(0, s.keep), ...s.add.map((i) => pool[i]!)];
              const { entries, groups } = cache.entries(all);
              const known = cache.scan(entries).known ?? undefined;
              const tolerate = { hosts: s.hosts, racks: s.racks };
              expect(toleranceOf(groups, tolerate, known)).toEqual(toleranceOfPlain(groups, tolerate));
              last = all;
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('toleranceOf with the values equals tolerance.ts on the hosts (rack and host options)', () => {
    const scenario = scenarios[1]!;
    const cache = new ComputeHostCache(scenario);
    const hosts = expandHosts(scenario).hosts;
    for (const n of [hosts.length >> 1, hosts.length]) {
      const { entries, groups } = cache.entries(hosts.slice(0, n));
      const known = cache.scan(entries).known!;
      expect(known.values?.('VCPU')).toBe(cache.values('VCPU'));
      for (const tolerate of [
        { hosts: 1, racks: 0 },
        { hosts: 2, racks: 1 },
      ])
        expect(toleranceOf(groups, tolerate, known)).toEqual(toleranceOfPlain(groups, tolerate));
    }
  });

  it("a scan's figures go stale at the next entries call: undefined then, not the next fleet's", () => {
    // the cache cuts back and extends its arrays in place, so the same array holds another
    // fleet after the next call: a KnownHosts kept past it must not read that fleet's values
    const scenario = scenarios[1]!;
    const cache = new ComputeHostCache(scenario);
    const hosts = expandHosts(scenario).hosts;
    const half = cache.entries(hosts.slice(0, hosts.length >> 1));
    const known = cache.scan(half.entries).known!;
    expect(known.values?.('VCPU')).toHaveLength(half.groups.length);
    cache.entries(hosts);
    expect(known.values?.('VCPU')).toBeUndefined();
    expect(known.sums?.('VCPU')).toBeUndefined();
    expect(known.largest?.('VCPU', 1)).toBeUndefined();
  });

  it("each host's plan is its own offer's: a model's offer shared by its hosts without aggregates or devices, never one with devices", () => {
    let sawDevices = 0;
    let sawShared = 0;
    for (const scenario of scenarios) {
      const cache = new ComputeHostCache(scenario);
      const compute = expandHosts(scenario).hosts.filter((h) => h.role === 'compute');
      // the hosts as they are, then without their aggregates (the GPU hosts of nfv-gpu-cloud have some)
      const hosts: Host[] = [...compute, ...compute.map(({ aggregates: _a, ...h }) => ({ ...h, name: `${h.name}-plain` }))];
      const { plans } = cache.entries(hosts);
      plans.forEach((plan, i) => {
        const h = hosts[i]!;
        const offer = hostOffer(scenario, h, new Map());
        expect(plan.host).toBe(h.name);
        expect(plan.inventories).toEqual(offer.inventories);
        // providers are named after their host (nfv-gpu-cloud's GPU models)
        expect(plan.providers ?? []).toEqual(offer.providers);
        if (offer.providers.length > 0) sawDevices += 1;
        else if (h.aggregates === undefined) sawShared += 1;
        if (plan.traits) expect(plan.traits).toEqual([...offer.traits!]);
        if (plan.numaCells) expect(plan.numaCells).toEqual([...offer.cells!]);
        expect(plan.aggregates ?? []).toEqual(offer.aggregates);
      });
    }
    expect(sawDevices).toBeGreaterThan(1);
    expect(sawShared).toBeGreaterThan(1);
  });
});
