/**
 * The Ceph losses by host number (cephImpactNumbered, what analyze calls) against the losses by
 * name (cephImpact): the same outcomes, shared by the same losses; and a CephLossCarry shared by
 * the contexts of a growing fleet (as planEpochs shares one over its epochs) against each
 * context numbering its own parts and signatures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FailureDomain } from '../model/failure.js';
import type { Host } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import { failureDomainIndices, failureDomains, storageHostsRaw } from '../storage/raw.js';
import {
  type CephContext,
  CephLossCarry,
  type CephOutcome,
  cephContext,
  cephImpact,
  cephImpactNumbered,
  cephInputs,
  rebuildBytes,
  signatureNumber,
  survivorFill,
} from './ceph-impact.js';
import type { CephImpactHooks } from './ceph-impact.js';
import { exactSum } from './exact-sum.js';
import { handHardware, handScenario } from './test-failure.js';

const TB = 1e12;
const KINDS: FailureDomain['kind'][] = ['host', 'rack', 'zone', 'feed', 'switch', 'hosts', 'maintenance'];
// storage models: 30 TB (sto-30), 80 TB (sto-r760xd2), none (sto-none: no OSD disk), one not in the hardware (ghost)
const MODELS = ['sto-30', 'sto-r760xd2', 'sto-none', 'ghost'];

function scenarioOf(failureDomain: 'host' | 'rack', pools: { size: number; tb: number }[], growth: number): Scenario {
  const hw = handHardware();
  return handScenario({
    hardware: { ...hw, 'sto-none': { ...hw['sto-30']!, name: 'sto-none', disks: [{ count: 2, sizeBytes: 1e12, kind: 'ssd', use: 'os' }] } },
    ceph: {
      failureDomain,
      ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 },
      pools: pools.map((p, i) => ({ name: `p${i}`, type: 'replicated', size: p.size, minSize: p.size - 1, share: 1 / pools.length })),
    },
    demand: { instances: [], storageBytes: Object.fromEntries(pools.map((p, i) => [`p${i}`, p.tb * TB])), growth: { kind: 'compound', perMonth: growth } },
  });
}

/** Hooks that answer per hardware model, as failure/hooks.ts demands. */
function hooksOf(hosts: readonly Host[]): CephImpactHooks {
  const model = new Map(hosts.map((h) => [h.name, h.hardware]));
  const link = (m: string | undefined): number | null => (m === 'sto-30' ? 10e9 : m === 'sto-r760xd2' ? 25e9 : null);
  return {
    replicationBitsPerSecond: (h) => link(model.get(h)),
    ceph: {
      reprotectSeconds: (x) => (x.replicationBitsPerSecond === null ? null : (8 * x.rebuildBytes) / x.replicationBitsPerSecond + 60 * x.lostHosts.length + x.drainedHosts.length),
    },
  };
}

function contexts(s: Scenario, hosts: readonly Host[], carry?: CephLossCarry): { named: CephContext; numbered: CephContext } {
  const storage = storageHostsRaw(s, hosts);
  const crush = failureDomains(storage, s.ceph.failureDomain, s.racks);
  const hostRaw = new Map(storage.map((h) => [h.host, h.rawBytes]));
  const models = new Map(hosts.filter((h) => h.role === 'storage').map((h) => [h.name, h.hardware]));
  return {
    named: cephContext(s, crush, hostRaw, hooksOf(hosts), models),
    numbered: cephContext(s, crush, hostRaw, hooksOf(hosts), null, { hosts, storage }, carry),
  };
}

const fleetArb = fc.record({
  failureDomain: fc.constantFrom<'host' | 'rack'>('host', 'rack'),
  pools: fc.array(fc.record({ size: fc.integer({ min: 2, max: 4 }), tb: fc.integer({ min: 0, max: 400 }) }), { minLength: 1, maxLength: 3 }),
  growth: fc.constantFrom(0, 0.05, 0.2),
  // per host: compute (-1) or a storage model index, and a rack (r1-r3; r4 is in no scenario rack)
  // mostly sto-30 hosts, so that many losses look alike but for their CRUSH grouping
  hosts: fc.array(fc.tuple(fc.constantFrom(-1, 0, 0, 0, 0, 1, 2, 3), fc.constantFrom(1, 1, 2, 2, 3, 4)), { minLength: 1, maxLength: 14 }),
  extra: fc.array(fc.tuple(fc.constantFrom(-1, 0, 0, 1, 2, 3), fc.integer({ min: 1, max: 4 })), { maxLength: 6 }),
  losses: fc.array(
    fc.record({
      kind: fc.integer({ min: 0, max: KINDS.length - 1 }),
      tolerated: fc.boolean(),
      // host numbers (taken modulo the fleet), lost then drained
      lost: fc.array(fc.nat(40), { minLength: 1, maxLength: 5 }),
      drained: fc.array(fc.nat(40), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 25 },
  ),
});

type Fleet = typeof fleetArb extends fc.Arbitrary<infer T> ? T : never;

const hostsOf = (spec: [number, number][]): Host[] =>
  spec.map(([m, r], i) =>
    m < 0 ? { name: `c${i}`, role: 'compute', hardware: 'cmp-20', rack: `r${r}` } : { name: `s${i}`, role: 'storage', hardware: MODELS[m]!, rack: `r${r}` },
  );

/** The losses over `hosts`: distinct host numbers, lost then drained. */
function lossesOf(losses: Fleet['losses'], hosts: readonly Host[]): { d: FailureDomain; numbers: number[] }[] {
  return losses.map((l, k) => {
    const seen = new Set<number>();
    const pick = (xs: number[]) => xs.map((x) => x % hosts.length).filter((x) => !seen.has(x) && seen.add(x));
    const lost = pick(l.lost);
    const drained = pick(l.drained);
    const kind = KINDS[l.kind]!;
    return {
      d: {
        id: `${kind}:${k}`,
        kind,
        name: `${k}`,
        tolerated: l.tolerated,
        hostsLost: lost.map((i) => hosts[i]!.name),
        hostsDrained: drained.map((i) => hosts[i]!.name),
        hostsDegraded: [],
      },
      numbers: [...lost, ...drained],
    };
  });
}

/** A loss of kind `kind` named `name`: the hosts s<i> of `lost`, then of `drained`. */
function domainOf(kind: FailureDomain['kind'], name: string, lost: number[], drained: number[] = []): FailureDomain {
  return {
    id: `${kind}:${name}`,
    kind,
    name,
    tolerated: true,
    hostsLost: lost.map((i) => `s${i}`),
    hostsDrained: drained.map((i) => `s${i}`),
    hostsDegraded: [],
  };
}

/** Per pair of losses, whether they have the same outcome record. */
function sharing(outs: readonly (CephOutcome | undefined)[]): boolean[] {
  const out: boolean[] = [];
  for (let a = 0; a < outs.length; a++) for (let b = a + 1; b < outs.length; b++) out.push(outs[a] !== undefined && outs[a] === outs[b]);
  return out;
}

describe('Ceph losses by host number', () => {
  it('cephImpactNumbered = cephImpact by name, with the same losses sharing a record (fast-check, seed 13)', () => {
    fc.assert(
      fc.property(fleetArb, (f) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        const hosts = hostsOf(f.hosts);
        const { named, numbered } = contexts(s, hosts);
        const losses = lossesOf(f.losses, hosts);
        const byName = losses.map(({ d }) => cephImpact(named, d));
        const byNumber = losses.map(({ d, numbers }) => cephImpactNumbered(numbered, d, numbers));
        expect(byNumber).toEqual(byName);
        expect(sharing(byNumber)).toEqual(sharing(byName));
      }),
      { seed: 13, numRuns: 1000 },
    );
  });

  it('one CephLossCarry over a growing fleet = a fresh numbering per fleet (fast-check, seed 17)', () => {
    fc.assert(
      fc.property(fleetArb, (f) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        const carry = new CephLossCarry();
        // the fleet, then the fleet with the extra hosts, then the fleet again: the carry sees all three
        for (const spec of [f.hosts, [...f.hosts, ...f.extra], f.hosts]) {
          const hosts = hostsOf(spec);
          const carried = contexts(s, hosts, carry).numbered;
          const fresh = contexts(s, hosts).numbered;
          // the fill order merged from the previous fleet's = sorted anew
          expect(carried.liveBefore).toEqual(fresh.liveBefore);
          expect(carried.fillBefore).toEqual(fresh.fillBefore);
          const losses = lossesOf(f.losses, hosts);
          const a = losses.map(({ d, numbers }) => cephImpactNumbered(carried, d, numbers));
          const b = losses.map(({ d, numbers }) => cephImpactNumbered(fresh, d, numbers));
          expect(a).toEqual(b);
          expect(sharing(a)).toEqual(sharing(b));
        }
      }),
      { seed: 17, numRuns: 300 },
    );
  });

  it('two 30 TB hosts of one CRUSH rack are not two 30 TB hosts of two CRUSH racks', () => {
    // rack failure domain; r1 holds s0, s1 and r2 holds s2, s3: every host 30 TB in a 60 TB
    // CRUSH rack (the same model, raw and CRUSH domain raw: one part). Losing s0 + s1 empties
    // CRUSH rack r1 (1 domain affected, 1 left); losing s0 + s2 takes 30 TB from each (2
    // affected, 2 left): the position of each host's first CRUSH rack mate tells them apart.
    const s = scenarioOf('rack', [{ size: 2, tb: 10 }], 0);
    const hosts = hostsOf([
      [0, 1],
      [0, 1],
      [0, 2],
      [0, 2],
    ]);
    const { numbered } = contexts(s, hosts, new CephLossCarry());
    const loss = (name: string, lost: number[]): FailureDomain => domainOf('rack', name, lost);
    const one = cephImpactNumbered(numbered, loss('a', [0, 1]), [0, 1])!;
    const two = cephImpactNumbered(numbered, loss('b', [0, 2]), [0, 2])!;
    expect(one.detail.domainsAffected).toBe(1);
    expect(two.detail.domainsAffected).toBe(2);
    expect(one.detail.pools[0]!.domainsLeft).toBe(1);
    expect(two.detail.pools[0]!.domainsLeft).toBe(2);
    // s2 + s3 empty CRUSH rack r2 as s0 + s1 empty r1: the same signature, the same record
    expect(cephImpactNumbered(numbered, loss('c', [2, 3]), [2, 3])).toBe(one);
  });

  it('two drained 30 TB hosts of one CRUSH rack are not two drained 30 TB hosts of two CRUSH racks (maintenance)', () => {
    // as above, the hosts drained (maintenance) instead of lost: s0 + s1 drain CRUSH rack r1 only
    // (1 domain affected), s0 + s2 one host of each of r1 and r2 (2 affected); the drained hosts'
    // positions (after the lost ones: none here) tell their CRUSH racks apart
    const s = scenarioOf('rack', [{ size: 2, tb: 10 }], 0);
    const hosts = hostsOf([
      [0, 1],
      [0, 1],
      [0, 2],
      [0, 2],
    ]);
    const { numbered } = contexts(s, hosts, new CephLossCarry());
    const drain = (name: string, drained: number[]): FailureDomain => domainOf('maintenance', name, [], drained);
    expect(cephImpactNumbered(numbered, drain('a', [0, 1]), [0, 1])!.detail.domainsAffected).toBe(1);
    expect(cephImpactNumbered(numbered, drain('b', [0, 2]), [0, 2])!.detail.domainsAffected).toBe(2);
  });

  it('the fill after a loss counts each touched CRUSH domain: one 30 TB host lost, then two', () => {
    // host failure domain, 4 x 30 TB = 120 TB raw; one pool of size 2 storing 30 TB: 60 TB raw,
    // at most 30 TB (one copy) per host. One host lost: 60 TB over 3 x 30 TB, 20 TB each (under
    // the 30 TB cap): fill 2/3. Two lost: 60 TB over 2 x 30 TB: 30 TB each, fill 1. The two
    // losses touch domains of the same (before, after) pair, once and twice: two fills.
    const s = scenarioOf('host', [{ size: 2, tb: 30 }], 0);
    const hosts = hostsOf([
      [0, 1],
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    const { numbered } = contexts(s, hosts, new CephLossCarry());
    const zone = (name: string, lost: number[]): FailureDomain => domainOf('zone', name, lost);
    expect(cephImpactNumbered(numbered, zone('a', [0]), [0])!.detail.survivorFillMonth0).toBeCloseTo(2 / 3, 12);
    expect(cephImpactNumbered(numbered, zone('b', [1, 2]), [1, 2])!.detail.survivorFillMonth0).toBeCloseTo(1, 12);
  });

  it('signatureNumber: equal sequences share a number, sequences of equal hash do not', () => {
    const carry = new CephLossCarry();
    const n = (xs: number[]) => signatureNumber(carry, Int32Array.from(xs), xs.length);
    // hash of [a, b]: h = imul(imul(2 ^ a, P) ^ b, P); [0, 0] and [1, b'] with
    // b' = imul(2, P) ^ imul(3, P) give the same h (P = 0x01000193): two numbers all the same
    const P = 0x01000193;
    const b = Math.imul(2, P) ^ Math.imul(3, P);
    const x = n([0, 0]);
    const y = n([1, b]);
    expect(y).not.toBe(x);
    expect(n([0, 0])).toBe(x);
    expect(n([1, b])).toBe(y);
    expect(n([0, 0, 0])).not.toBe(x);
    expect(n([0])).not.toBe(x);
  });

  it('failureDomainIndices: each entry in the domain that lists its host', () => {
    fc.assert(
      fc.property(fleetArb, (f) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        const storage = storageHostsRaw(s, hostsOf([...f.hosts, ...f.extra]));
        const domains = failureDomains(storage, f.failureDomain, s.racks);
        const idx = failureDomainIndices(storage, f.failureDomain, domains);
        expect([...idx]).toEqual(storage.map((h) => domains.findIndex((d) => d.hosts.includes(h.host))));
      }),
      { seed: 19, numRuns: 200 },
    );
  });

  it('cephInputs with a carry over a growing fleet = built from each fleet alone (fast-check, seed 29)', () => {
    fc.assert(
      fc.property(fleetArb, fc.array(fc.nat(20), { minLength: 1, maxLength: 5 }), (f, cuts) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        const all = hostsOf([...f.hosts, ...f.extra]);
        const carry = new CephLossCarry();
        // prefixes of the timeline's hosts, in the order of `cuts`: mostly growing, some shorter (built anew);
        // once the same fleet as other Host objects (built anew: the carry compares objects)
        for (const [k, cut] of cuts.entries()) {
          const prefix = all.slice(0, 1 + (cut % all.length));
          const hosts = k === 2 ? prefix.map((h) => ({ ...h, hardware: h.hardware === 'sto-30' ? 'sto-r760xd2' : h.hardware })) : prefix;
          const carried = cephInputs(s, hosts, carry);
          const fresh = cephInputs(s, hosts);
          expect(carried.storage).toEqual(fresh.storage);
          expect([...carried.hostRaw]).toEqual([...fresh.hostRaw]);
          expect(carried.crush).toEqual(fresh.crush);
          expect(fresh.storage).toEqual(storageHostsRaw(s, hosts));
          expect(fresh.crush).toEqual(failureDomains(fresh.storage, s.ceph.failureDomain, s.racks));
        }
      }),
      { seed: 29, numRuns: 300 },
    );
  });

  it("a context's losses one after another, its fill scratch reused = with a fresh scratch for each (fast-check, seed 47)", () => {
    fc.assert(
      fc.property(fleetArb, (f) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        const hosts = hostsOf(f.hosts);
        const reused = contexts(s, hosts).numbered;
        const fresh = contexts(s, hosts).numbered;
        for (const { d, numbers } of lossesOf(f.losses, hosts)) {
          fresh.fillScratch = null;
          expect(cephImpactNumbered(reused, d, numbers)).toEqual(cephImpactNumbered(fresh, d, numbers));
        }
      }),
      { seed: 47, numRuns: 500 },
    );
  });

  it('the same domain objects over the epochs of one carry (signatures recorded) = each fleet analysed alone (fast-check, seed 53)', () => {
    fc.assert(
      fc.property(fleetArb, fc.array(fc.nat(20), { minLength: 2, maxLength: 6 }), (f, cuts) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        const all = hostsOf([...f.hosts, ...f.extra]).filter((h) => h.hardware !== 'ghost');
        if (all.length === 0) return;
        // the losses over the whole fleet, made once: each epoch gives the same domain objects and numbers arrays
        const losses = lossesOf(f.losses, all);
        const carry = new CephLossCarry();
        let len = 0;
        for (const [k, cut] of cuts.entries()) {
          len = cut % 4 === 0 ? 1 + (cut % all.length) : Math.min(all.length, len + 1 + (cut % 3));
          // once the same fleet as other Host objects, every other one of another model (numbered anew: their parts differ)
          const prefix = all.slice(0, len);
          const hosts = k === 2 ? prefix.map((h, i) => ({ ...h, hardware: i % 2 && h.hardware === 'sto-30' ? 'sto-r760xd2' : h.hardware })) : prefix;
          const inputs = cephInputs(s, hosts, carry);
          const carried = cephContext(s, inputs.crush, inputs.hostRaw, hooksOf(hosts), null, { hosts, storage: inputs.storage }, carry);
          const fresh = contexts(s, hosts).numbered;
          // the losses within this fleet; every other one also with its numbers reversed (another array, other positions);
          // fresh: new domain objects and arrays at each call (nothing recorded is met again)
          const mine = losses.filter(({ numbers }) => numbers.every((x) => x < len));
          const calls = mine.flatMap(({ d, numbers }, j) => [{ d, numbers }, ...(j % 2 ? [{ d, numbers: [...numbers].reverse() }] : [])]);
          const x = calls.map(({ d, numbers }) => cephImpactNumbered(carried, d, numbers));
          const y = calls.map(({ d, numbers }) => cephImpactNumbered(fresh, { ...d }, [...numbers]));
          expect(x).toEqual(y);
        }
      }),
      { seed: 53, numRuns: 400 },
    );
  });

  it("a domain's recorded signature is not taken after the hosts are numbered anew: a rack's CRUSH raw bytes grew", () => {
    // CRUSH by rack, 30 TB storage hosts. Epoch 1: s0 alone in r1, s1 in r2. Epoch 2: s2 joins r1
    // (60 TB), s3 comes alone in r3. The loss D of s0 had, in epoch 1, the signature of a 30 TB
    // host alone in a 30 TB CRUSH rack, which the loss E of s3 has in epoch 2. In epoch 2, D
    // empties no CRUSH rack: r1 keeps s2's 30 TB, so 3 racks are left (E: r3 emptied, 2 left).
    const s = scenarioOf('rack', [{ size: 2, tb: 10 }], 0);
    const one = hostsOf([
      [0, 1],
      [0, 2],
    ]);
    const two = [
      ...one,
      ...hostsOf([
        [0, 1],
        [0, 1],
        [0, 1],
        [0, 3],
      ]).slice(2),
    ];
    const loss = (host: string): FailureDomain => ({ id: `rack:${host}`, kind: 'rack', name: host, tolerated: true, hostsLost: [host], hostsDrained: [], hostsDegraded: [] });
    const D = loss('s0');
    const E = loss('s3');
    const nD = [0];
    const carry = new CephLossCarry();
    const contextOf = (hosts: readonly Host[]): CephContext => {
      const inputs = cephInputs(s, hosts, carry);
      return cephContext(s, inputs.crush, inputs.hostRaw, hooksOf(hosts), null, { hosts, storage: inputs.storage }, carry);
    };
    expect(cephImpactNumbered(contextOf(one), D, nD)!.detail.pools[0]!.domainsLeft).toBe(1);
    const ctx2 = contextOf(two);
    expect(cephImpactNumbered(ctx2, E, [3])!.detail.pools[0]!.domainsLeft).toBe(2);
    const d2 = cephImpactNumbered(ctx2, D, nD)!.detail;
    expect([d2.domainsAffected, d2.pools[0]!.domainsLeft]).toEqual([1, 3]);
  });

  it('the host numbering carried over a growing fleet (cephInputs, then cephContext, one carry) = numbered anew (fast-check, seed 41)', () => {
    fc.assert(
      fc.property(fleetArb, fc.array(fc.nat(20), { minLength: 2, maxLength: 6 }), (f, cuts) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        // the hosts of a known model, as analyze gives them; prefixes mostly growing, some shorter
        const all = hostsOf([...f.hosts, ...f.extra]).filter((h) => h.hardware !== 'ghost');
        if (all.length === 0) return;
        const carry = new CephLossCarry();
        let len = 0;
        for (const cut of cuts) {
          len = cut % 4 === 0 ? 1 + (cut % all.length) : Math.min(all.length, len + 1 + (cut % 3));
          const hosts = all.slice(0, len);
          const inputs = cephInputs(s, hosts, carry);
          const carried = cephContext(s, inputs.crush, inputs.hostRaw, hooksOf(hosts), null, { hosts, storage: inputs.storage }, carry);
          const fresh = contexts(s, hosts).numbered;
          // the same CRUSH domain per host, the same hosts without a part, equal parts for the same hosts
          expect([...carried.numbered!.crushOf]).toEqual([...fresh.numbered!.crushOf]);
          const a = [...carried.numbered!.part];
          const b = [...fresh.numbered!.part];
          expect(a.map((p) => p < 0)).toEqual(b.map((p) => p < 0));
          for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) expect(a[i] === a[j]).toBe(b[i] === b[j]);
          const losses = lossesOf(f.losses, hosts);
          const x = losses.map(({ d, numbers }) => cephImpactNumbered(carried, d, numbers));
          const y = losses.map(({ d, numbers }) => cephImpactNumbered(fresh, d, numbers));
          expect(x).toEqual(y);
          expect(sharing(x)).toEqual(sharing(y));
        }
      }),
      { seed: 41, numRuns: 300 },
    );
  });

  it("the raw bytes by host number = hostRaw's: taken from cephInputs' own pair with no name twice, else looked up (fast-check, seed 61)", () => {
    fc.assert(
      fc.property(fleetArb, fc.array(fc.nat(20), { minLength: 2, maxLength: 5 }), fc.boolean(), (f, cuts, twice) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        // with `twice`, storage hosts of other models share names (s0, s1, s2 again): the Map keeps the last one's raw bytes
        const all = hostsOf([...f.hosts, ...f.extra])
          .filter((h) => h.hardware !== 'ghost')
          .map((h, i) => (twice && h.role === 'storage' ? { ...h, name: `s${i % 3}` } : h));
        if (all.length === 0) return;
        const carry = new CephLossCarry();
        let len = 0;
        for (const cut of cuts) {
          len = cut % 4 === 0 ? 1 + (cut % all.length) : Math.min(all.length, len + 1 + (cut % 3));
          const hosts = all.slice(0, len);
          const inputs = cephInputs(s, hosts, carry);
          const carried = cephContext(s, inputs.crush, inputs.hostRaw, hooksOf(hosts), null, { hosts, storage: inputs.storage }, carry);
          const nb = carried.numbered!;
          const distinct = new Set(inputs.storage.map((h) => h.host)).size === inputs.storage.length;
          // names all distinct: the raw bytes by number are taken, and are hostRaw's
          expect(nb.raw !== null).toBe(distinct);
          if (nb.raw) for (let i = 0; i < hosts.length; i++) if (nb.part[i]! >= 0) expect(nb.raw[i]).toBe(inputs.hostRaw.get(hosts[i]!.name));
          // the same outcomes as a context that looks each lost host's raw bytes up
          const lookup = cephContext(s, inputs.crush, inputs.hostRaw, hooksOf(hosts), null, { hosts, storage: inputs.storage });
          expect(lookup.numbered!.raw).toBeNull();
          const losses = lossesOf(f.losses, hosts);
          expect(losses.map(({ d, numbers }) => cephImpactNumbered(carried, d, numbers))).toEqual(losses.map(({ d, numbers }) => cephImpactNumbered(lookup, d, numbers)));
        }
      }),
      { seed: 61, numRuns: 300 },
    );
  });

  it("the numbering is extended on cephInputs' prefix check only for cephInputs' own hosts after the numbered ones", () => {
    // 6 storage hosts; A = the first 3, B = all 6 (cephInputs extends A's results). A numbering of
    // other Host objects (clones) with the same storage list must be made anew (a new generation)
    const s = scenarioOf('host', [{ size: 2, tb: 10 }], 0);
    const all = hostsOf([0, 0, 1, 0, 1, 0].map((m) => [m, 1] as [number, number]));
    const A = all.slice(0, 3);
    const B = all.slice();
    const clones = (hosts: readonly Host[]) => hosts.map((h) => ({ ...h }));
    const numberWith = (carry: CephLossCarry, inputs: ReturnType<typeof cephInputs>, hosts: readonly Host[]) =>
      cephContext(s, inputs.crush, inputs.hostRaw, {}, null, { hosts, storage: inputs.storage }, carry);
    // hosts other than cephInputs' (the clones of B), after a numbering of A: anew
    let carry = new CephLossCarry();
    numberWith(carry, cephInputs(s, A, carry), A);
    let g = carry.numberingGeneration;
    numberWith(carry, cephInputs(s, B, carry), clones(B));
    expect(carry.numberingGeneration).toBe(g + 1);
    // cephInputs' hosts (B), after a numbering of other hosts than its previous ones (clones of A): anew
    carry = new CephLossCarry();
    const inputsA = cephInputs(s, A, carry);
    numberWith(carry, inputsA, clones(A));
    g = carry.numberingGeneration;
    numberWith(carry, cephInputs(s, B, carry), B);
    expect(carry.numberingGeneration).toBe(g + 1);
    // B after A, both cephInputs' own: extended (the same generation)
    carry = new CephLossCarry();
    numberWith(carry, cephInputs(s, A, carry), A);
    g = carry.numberingGeneration;
    numberWith(carry, cephInputs(s, B, carry), B);
    expect(carry.numberingGeneration).toBe(g);
  });

  it("a context's host numbering is not changed by the later contexts of its carry (growing, shrinking, growing again; fast-check, seed 67)", () => {
    fc.assert(
      fc.property(fleetArb, fc.array(fc.nat(20), { minLength: 2, maxLength: 7 }), (f, cuts) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        const all = hostsOf([...f.hosts, ...f.extra]).filter((h) => h.hardware !== 'ghost');
        if (all.length === 0) return;
        const carry = new CephLossCarry();
        const seen: { ctx: CephContext; part: number[]; crushOf: number[]; raw: number[] | null }[] = [];
        let len = 0;
        for (const cut of cuts) {
          len = cut % 4 === 0 ? 1 + (cut % all.length) : Math.min(all.length, len + 1 + (cut % 3));
          const hosts = all.slice(0, len);
          const inputs = cephInputs(s, hosts, carry);
          const ctx = cephContext(s, inputs.crush, inputs.hostRaw, hooksOf(hosts), null, { hosts, storage: inputs.storage }, carry);
          const nb = ctx.numbered!;
          seen.push({ ctx, part: [...nb.part], crushOf: [...nb.crushOf], raw: nb.raw && [...nb.raw] });
          // every earlier context's arrays as they were made
          for (const x of seen) {
            expect([...x.ctx.numbered!.part]).toEqual(x.part);
            expect([...x.ctx.numbered!.crushOf]).toEqual(x.crushOf);
            expect(x.ctx.numbered!.raw && [...x.ctx.numbered!.raw]).toEqual(x.raw);
          }
        }
      }),
      { seed: 67, numRuns: 300 },
    );
  });

  it("the context's fill before any loss (its fill order shared with the fills after one) = survivorFill (fast-check, seed 31)", () => {
    // capacities of 0, under a byte (kept before a loss, none after one) and whole TB, with ties
    const arb = fc.record({
      caps: fc.array(
        fc.oneof(
          fc.constant(0),
          fc.constant(0.5),
          fc.integer({ min: 1, max: 6 }).map((x) => x * TB),
        ),
        { minLength: 1, maxLength: 10 },
      ),
      pools: fc.array(fc.record({ size: fc.integer({ min: 2, max: 4 }), tb: fc.integer({ min: 0, max: 20 }) }), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(arb, ({ caps, pools }) => {
        const s = scenarioOf('host', pools, 0);
        const crush = caps.map((c, i) => ({ name: `d${i}`, rawBytes: c, osdCount: 1, hosts: [`d${i}`] }));
        const ctx = cephContext(s, crush, new Map(), {});
        expect(ctx.fillBefore).toEqual(survivorFill(caps, ctx.loads));
      }),
      { seed: 31, numRuns: 500 },
    );
  });

  it('rebuildBytes = the correctly rounded sum of its terms, in any order of the domains (fast-check, seed 37)', () => {
    const terms = (heldAfter: number[], heldBefore: number[], before: number[], after: number[]): number[] =>
      heldAfter.map((x, i) => (after[i]! > 0 ? Math.max(0, x - (heldBefore[i]! * after[i]!) / before[i]!) : 0));
    // mostly positive terms of unrelated magnitudes, so that another order of the additions rounds otherwise
    const arb = fc.array(
      fc.record({
        ha: fc.double({ min: 1e9, max: 1e14, noNaN: true }),
        hb: fc.double({ min: 0, max: 1e10, noNaN: true }),
        b: fc.double({ min: 1, max: 1e14, noNaN: true }),
        a: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e14, noNaN: true })),
      }),
      { minLength: 3, maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (xs) => {
        const cols = [xs.map((x) => x.ha), xs.map((x) => x.hb), xs.map((x) => x.b), xs.map((x) => x.a)] as const;
        const rebuild = rebuildBytes(...cols);
        expect(rebuild).toBe(exactSum(terms(...cols)));
        // the domains reversed: the same bits (a loop from 0 in index order would differ in the last bit for some)
        const reversed = cols.map((c) => [...c].reverse()) as unknown as typeof cols;
        expect(rebuildBytes(...reversed)).toBe(rebuild);
      }),
      { seed: 37, numRuns: 1000 },
    );
  });

  it('a loss computed after another that touches equal domains = the loss computed alone (fast-check, seed 47)', () => {
    // Losses that take the same capacities from different CRUSH domains of equal size share one
    // fill (fillCache); their rebuild, and the re-protection time from it, must not depend on which
    // of them was computed first (before the rebuild was summed exactly, it did in the last bit).
    fc.assert(
      fc.property(fleetArb, (f) => {
        const s = scenarioOf(f.failureDomain, f.pools, f.growth);
        const hosts = hostsOf(f.hosts);
        const shared = contexts(s, hosts).numbered;
        for (const { d, numbers } of lossesOf(f.losses, hosts)) {
          const after = cephImpactNumbered(shared, d, numbers);
          const alone = cephImpactNumbered(contexts(s, hosts).numbered, d, numbers);
          expect(after).toEqual(alone);
        }
      }),
      { seed: 47, numRuns: 1000 },
    );
  });
});
