/**
 * The containment rule: the anchored search (a harmed loss filed under its rarest host) gives
 * exactly what the all-pairs search gives, on random families of losses over a few hosts (so
 * that many losses contain one another, with equal sets, empty sets and chains).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContainmentScratch, inheritContainedHarm, inheritContainedHarmWith } from './containment.js';
import { harmSeverity, makeImpact } from './harm.js';
import type { FailureDomain, FailureImpact } from '../model/failure.js';

/** The rule as first written: every loss against every harmed loss no larger, in size order (O(D² × |set|)); the oracle. */
function allPairs(domains: readonly FailureDomain[], impacts: Map<string, FailureImpact>, stopped: (d: FailureDomain) => ReadonlySet<string>): void {
  if (![...impacts.values()].some((i) => i.firstHarmMonth !== null)) return;
  const withImpact = domains.filter((d) => impacts.has(d.id)).map((d) => ({ d, set: stopped(d) }));
  withImpact.sort((a, b) => a.set.size - b.set.size);
  const month = (id: string): number => impacts.get(id)?.firstHarmMonth ?? Number.POSITIVE_INFINITY;
  const harmed = withImpact.filter((x) => month(x.d.id) !== Number.POSITIVE_INFINITY);
  for (const big of withImpact) {
    let best: (typeof withImpact)[number] | undefined;
    for (const small of harmed) {
      if (small.set.size > big.set.size) break;
      if (small.d.id === big.d.id) continue;
      if (month(small.d.id) >= Math.min(month(big.d.id), best ? month(best.d.id) : Number.POSITIVE_INFINITY)) continue;
      if ([...small.set].every((h) => big.set.has(h))) best = small;
    }
    if (!best) continue;
    const own = impacts.get(big.d.id)!;
    const from = impacts.get(best.d.id)!;
    const source = best.d;
    const inherited = from.harms
      .filter((h) => h.month === from.firstHarmMonth)
      .map((h) => ({
        ...h,
        severity: harmSeverity(h.harm, big.d.tolerated),
        from: h.from ?? source.id,
        message: `${h.message} (Losing ${source.kind} ${source.name} alone already does this from that month, and this loss contains it.)`,
      }));
    const kept = own.harms.filter((h) => !inherited.some((i) => i.code === h.code));
    impacts.set(
      big.d.id,
      makeImpact(big.d, own.subsystem, `${own.message} ${inherited[0]?.message ?? ''}`.trim(), [...kept, ...inherited], own.compute ? { compute: own.compute } : {}),
    );
    if (own.firstHarmMonth === null) {
      const at = harmed.findIndex((x) => x.set.size > big.set.size);
      harmed.splice(at < 0 ? harmed.length : at, 0, big);
    }
  }
}

const arbFamily = fc.array(
  fc.record({
    hosts: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }),
    harms: fc.array(fc.record({ code: fc.constantFrom('a', 'b'), month: fc.integer({ min: 0, max: 5 }), outage: fc.boolean() }), { maxLength: 2 }),
    tolerated: fc.boolean(),
    withImpact: fc.integer({ min: 0, max: 9 }),
  }),
  { maxLength: 14 },
);

describe('inheritContainedHarm', () => {
  it('a rack containing a host that harms from month 2 inherits month 2, marked from the host', () => {
    const host: FailureDomain = { id: 'host:a', kind: 'host', name: 'a', tolerated: true, hostsLost: ['a'], hostsDrained: [], hostsDegraded: [] };
    const rack: FailureDomain = { id: 'rack:r1', kind: 'rack', name: 'r1', tolerated: false, hostsLost: ['a', 'b'], hostsDrained: [], hostsDegraded: [] };
    const impacts = new Map([
      [host.id, makeImpact(host, 'compute', 'host', [{ code: 'x', harm: 'outage', month: 2, severity: 'error', message: 'short.' }], {})],
      [rack.id, makeImpact(rack, 'compute', 'rack', [], {})],
    ]);
    inheritContainedHarm([host, rack], impacts, (d) => new Set(d.hostsLost));
    expect(impacts.get(rack.id)).toMatchObject({ firstHarmMonth: 2, severity: 'warning', harms: [{ code: 'x', month: 2, from: 'host:a', severity: 'warning' }] });
  });

  it('gives what the all-pairs search gives (fast-check, seed 42)', () => {
    fc.assert(
      fc.property(arbFamily, (family) => {
        const domains: FailureDomain[] = family.map((x, i) => ({
          id: `rack:d${i}`,
          kind: 'rack',
          name: `d${i}`,
          tolerated: x.tolerated,
          hostsLost: x.hosts.map((h) => `h${h}`),
          hostsDrained: [],
          hostsDegraded: [],
        }));
        const build = () =>
          new Map(
            domains.flatMap((d, i) => {
              const x = family[i]!;
              if (x.withImpact === 0) return []; // no impact in this subsystem
              const harms = x.harms.map((h) => ({
                code: h.code,
                harm: h.outage ? ('outage' as const) : ('degraded' as const),
                month: h.month,
                severity: harmSeverity(h.outage ? 'outage' : 'degraded', d.tolerated),
                message: `${h.code}@${h.month}`,
              }));
              return [[d.id, makeImpact(d, 'compute', d.name, harms, {})] as const];
            }),
          );
        const stopped = (d: FailureDomain) => new Set(d.hostsLost);
        const expected = build();
        allPairs(domains, expected, stopped);
        const actual = build();
        inheritContainedHarm(domains, actual, stopped);
        expect([...actual]).toEqual([...expected]);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('one-host losses passed by host (not built as domains) give what building them gives (fast-check, seed 7)', () => {
    // hosts h0-h5, each with a one-host loss (harmed or not, or none); other losses stop 2 hosts or more
    const arb = fc.record({
      hosts: fc.array(fc.option(fc.array(fc.record({ code: fc.constantFrom('a', 'b'), month: fc.integer({ min: 0, max: 5 }), outage: fc.boolean() }), { maxLength: 2 })), {
        minLength: 6,
        maxLength: 6,
      }),
      others: fc.array(
        fc.record({
          hosts: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 6 }),
          harms: fc.array(fc.record({ code: fc.constantFrom('a', 'b'), month: fc.integer({ min: 0, max: 5 }), outage: fc.boolean() }), { maxLength: 2 }),
        }),
        { maxLength: 10 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ hosts, others }) => {
        const harmsOf = (d: FailureDomain, harms: readonly { code: string; month: number; outage: boolean }[]) =>
          harms.map((h) => ({
            code: h.code,
            harm: h.outage ? ('outage' as const) : ('degraded' as const),
            month: h.month,
            severity: harmSeverity(h.outage ? 'outage' : 'degraded', d.tolerated),
            message: `${h.code}@${h.month}`,
          }));
        const hostDomains: FailureDomain[] = hosts.map((_, i) => ({
          id: `host:h${i}`,
          kind: 'host',
          name: `h${i}`,
          tolerated: true,
          hostsLost: [`h${i}`],
          hostsDrained: [],
          hostsDegraded: [],
        }));
        const otherDomains: FailureDomain[] = others.map((x, i) => ({
          id: `rack:d${i}`,
          kind: 'rack',
          name: `d${i}`,
          tolerated: false,
          hostsLost: x.hosts.map((h) => `h${h}`),
          hostsDrained: [],
          hostsDegraded: [],
        }));
        const hostImpacts = new Map(
          hosts.flatMap((h, i) => (h === null ? [] : [[hostDomains[i]!.id, makeImpact(hostDomains[i]!, 'compute', `h${i}`, harmsOf(hostDomains[i]!, h), {})] as const])),
        );
        const otherImpacts = () => new Map(otherDomains.map((d, i) => [d.id, makeImpact(d, 'compute', d.name, harmsOf(d, others[i]!.harms), {})] as const));
        const stopped = (d: FailureDomain) => new Set(d.hostsLost);
        const expected = new Map([...hostImpacts, ...otherImpacts()]);
        inheritContainedHarm([...hostDomains, ...otherDomains], expected, stopped);
        const actual = otherImpacts();
        // host hN is number N
        const numbers = (d: FailureDomain) => d.hostsLost.map((h) => Number(h.slice(1)));
        inheritContainedHarmWith(otherDomains, actual, numbers, hosts.length, (_d, i) => hosts.length + i, {
          anyHarmed: [...hostImpacts.values()].some((x) => x.firstHarmMonth !== null),
          month: (h) => hostImpacts.get(`host:h${h}`)?.firstHarmMonth ?? undefined,
          rank: (h) => h,
          loss: (h) => ({ d: hostDomains[h]!, impact: hostImpacts.get(`host:h${h}`)! }),
        });
        // a one-host loss inherits nothing here; the others as when every loss is built
        for (const [id, impact] of hostImpacts) expect(expected.get(id)).toBe(impact);
        expect([...actual]).toEqual([...expected].filter(([id]) => !id.startsWith('host:')));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});

describe('inheritContainedHarmWith with one scratch reused across calls', () => {
  it('gives what the all-pairs search gives, call after call of growing and shrinking host counts, and leaves the scratch zeroed (fast-check, seed 43)', () => {
    const scratch = new ContainmentScratch(); // shared by every run: the reuse is what is tested
    fc.assert(
      fc.property(arbFamily, fc.integer({ min: 0, max: 40 }), (family, extra) => {
        const domains: FailureDomain[] = family.map((x, i) => ({
          id: `rack:d${i}`,
          kind: 'rack',
          name: `d${i}`,
          tolerated: x.tolerated,
          hostsLost: x.hosts.map((h) => `h${h}`),
          hostsDrained: [],
          hostsDegraded: [],
        }));
        const build = () =>
          new Map(
            domains.flatMap((d, i) => {
              const x = family[i]!;
              if (x.withImpact === 0) return [];
              const harms = x.harms.map((h) => ({
                code: h.code,
                harm: h.outage ? ('outage' as const) : ('degraded' as const),
                month: h.month,
                severity: harmSeverity(h.outage ? 'outage' : 'degraded', d.tolerated),
                message: `${h.code}@${h.month}`,
              }));
              return [[d.id, makeImpact(d, 'compute', d.name, harms, {})] as const];
            }),
          );
        const expected = build();
        allPairs(domains, expected, (d) => new Set(d.hostsLost));
        const actual = build();
        // host hN is number N + extra, among 7 + extra hosts (the scratch grows now and then)
        const hostCount = 7 + extra;
        inheritContainedHarmWith(domains, actual, (d) => d.hostsLost.map((h) => Number(h.slice(1)) + extra), hostCount, undefined, undefined, scratch);
        expect([...actual]).toEqual([...expected]);
        // the same with `has` telling which domains have an impact (the others are skipped unread)
        const told = build();
        const has = (i: number): boolean => family[i]!.withImpact !== 0;
        inheritContainedHarmWith(domains, told, (d) => d.hostsLost.map((h) => Number(h.slice(1)) + extra), hostCount, undefined, undefined, scratch, has);
        expect([...told]).toEqual([...expected]);
        const { stoppedBy, filedAt } = scratch.ready(hostCount);
        expect(stoppedBy.every((x) => x === 0) && filedAt.every((x) => x === 0)).toBe(true);
      }),
      { seed: 43, numRuns: 2000 },
    );
  });
});
