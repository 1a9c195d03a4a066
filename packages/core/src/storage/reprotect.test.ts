/**
 * Re-protectable raw [model]: what the survivors can hold once every PG has its copies back
 * after the tolerated failure or one lost OSD (mon-config-ref.rst "Storage Capacity": plan
 * for the OSDs expected to fail). Hand-worked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DomainCapacity, reprotectableRaw } from './reprotect.js';

const TB = 1e12;
const domain = (name: string, rawTb: number, osdTb: number): DomainCapacity => ({ name, rawBytes: rawTb * TB, largestOsdBytes: osdTb * TB });
const hosts = (n: number, rawTb: number, osdTb: number) => Array.from({ length: n }, (_, i) => domain(`h${i + 1}`, rawTb, osdTb));
const without = (ds: DomainCapacity[], name: string) => ({ survivors: ds.filter((d) => d.name !== name), lost: [name] });

describe('reprotectableRaw', () => {
  it('3 hosts x 8 x 7.68 TB, size 3: one lost OSD binds (7/8 of raw); a lost host cannot be re-protected', () => {
    // intact: 3 x 61.44 TB, D* = 61.44 -> 184.32 TB raw.
    // host h1 lost: 2 hosts left for 3 copies: PGs keep 2 copies, nothing moves (D* with r' = 2 is
    //   61.44, not below intact): no extra fill.
    // one 7.68 TB OSD of h1 lost: h1 keeps 53.76 TB and must still hold a full copy:
    //   D* = min(176.64 / 3, (53.76 + 61.44) / 2, 53.76) = 53.76 -> 3 x 53.76 = 161.28 TB raw.
    const ds = hosts(3, 61.44, 7.68);
    const r = reprotectableRaw(ds, 3, without(ds, 'h1'));
    expect(r.intactRawBytes / TB).toBeCloseTo(184.32, 9);
    expect(r.reprotectableRawBytes / TB).toBeCloseTo(161.28, 9);
    expect(r.binding).toEqual({ kind: 'osd', domain: 'h1', osdBytes: 7.68 * TB });
  });

  it('4 hosts x 80 TB, size 3, one host tolerated: the 3 survivors hold everything (240 TB)', () => {
    // host lost: D*(3 x 80, r 3) = 80 -> 240 TB. One 8 TB OSD lost: D* = min(312 / 3, 232 / 2, 152) = 104 -> 312 TB.
    const ds = hosts(4, 80, 8);
    const r = reprotectableRaw(ds, 3, without(ds, 'h1'));
    expect(r.reprotectableRawBytes / TB).toBeCloseTo(240, 9);
    expect(r.binding).toEqual({ kind: 'domains', lost: ['h1'] });
  });

  it('EC 4+2 on 8 hosts x 480 TB, one host tolerated: 7/8 of raw (3,360 TB)', () => {
    // survivors 7 x 480, r 6: min(3360/6, 2880/5, 2400/4, ...) = 560 per shard -> 6 x 560 = 3,360 TB
    const ds = hosts(8, 480, 20);
    const r = reprotectableRaw(ds, 6, without(ds, 'h1'));
    expect(r.reprotectableRawBytes / TB).toBeCloseTo(3360, 9);
  });

  it('nothing tolerated, many OSDs per host: the OSD loss costs little', () => {
    // 8 hosts x 480 TB, size 3, no tolerated host; one 20 TB OSD lost: D* = min(3820 / 3, ...) = 1273.3 -> 3,820 TB
    const r = reprotectableRaw(hosts(8, 480, 20), 3, null);
    expect(r.reprotectableRawBytes / TB).toBeCloseTo(3820, 6);
    expect(r.binding.kind).toBe('osd');
  });

  it('a too-small domain is a re-protection bottleneck', () => {
    // hosts 1, 10, 10, 100 TB, size 3, the largest tolerated: intact D* = min(121/3, 21/2, 11) = 10.5;
    // without the 100 TB host every PG needs a copy on the 1 TB host: D* = min(21/3, 11/2, 1) = 1 -> 3 TB raw
    const ds = [domain('a', 1, 1), domain('b', 10, 1), domain('c', 10, 1), domain('d', 100, 1)];
    const r = reprotectableRaw(ds, 3, without(ds, 'd'));
    expect(r.intactRawBytes / TB).toBeCloseTo(31.5, 9);
    expect(r.reprotectableRawBytes / TB).toBeCloseTo(3, 9);
  });

  it('property: losing one more failure domain never raises what can be re-protected; 0 <= it <= intact <= raw', () => {
    const arb = fc.array(fc.record({ raw: fc.integer({ min: 1, max: 500 }), osds: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 8 }), (xs, r, drop) => {
        const ds = xs.map((x, i) => domain(`d${i}`, x.raw, x.raw / x.osds));
        const sorted = [...ds].sort((a, b) => b.rawBytes - a.rawBytes);
        const tolerate = (n: number) => (n === 0 ? null : { survivors: ds.filter((d) => !sorted.slice(0, n).includes(d)), lost: sorted.slice(0, n).map((d) => d.name) });
        const t1 = Math.min(1, ds.length);
        const a = reprotectableRaw(ds, r, tolerate(t1));
        // tolerating one more domain
        const b = reprotectableRaw(ds, r, tolerate(Math.min(t1 + 1, ds.length)));
        expect(b.reprotectableRawBytes).toBeLessThanOrEqual(a.reprotectableRawBytes * (1 + 1e-9) + 1e-3);
        // a cluster with one domain fewer never places more with every domain up
        const smaller = ds.filter((_, i) => i !== drop % ds.length);
        expect(reprotectableRaw(smaller, r, null).intactRawBytes).toBeLessThanOrEqual(a.intactRawBytes * (1 + 1e-9) + 1e-3);
        // 0 <= re-protectable <= intact <= raw
        const raw = ds.reduce((s, d) => s + d.rawBytes, 0);
        expect(a.reprotectableRawBytes).toBeGreaterThanOrEqual(0);
        expect(a.reprotectableRawBytes).toBeLessThanOrEqual(a.intactRawBytes * (1 + 1e-9));
        expect(a.intactRawBytes).toBeLessThanOrEqual(raw * (1 + 1e-9));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
