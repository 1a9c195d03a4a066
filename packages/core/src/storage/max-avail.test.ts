/**
 * MAX AVAIL as `ceph df` computes it (src/mon/PGMap.cc PGMap::get_rule_avail, divided by
 * OSDMap::pool_raw_used_rate), against hand-worked examples and real `ceph osd df` / `ceph df`
 * captures (test/fixtures/real/cluster-state/ceph, provenance in PROVENANCE.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxAvailBytes, type OsdStat, ruleAvailBytes } from './max-avail.js';

const TB = 1e12;
/** 3 hosts x 10 OSDs x 8 TB, every OSD `used` bytes used; crush weight = size in TiB. */
const cluster = (usedBytes: (i: number) => number): OsdStat[] =>
  Array.from({ length: 30 }, (_, i) => ({ id: i, crushWeight: (8 * TB) / 2 ** 40, totalBytes: 8 * TB, usedBytes: usedBytes(i) }));

describe('ruleAvailBytes / maxAvailBytes (PGMap::get_rule_avail)', () => {
  it('the reference example: 3 x 10 x 8 TB, 50 % used, full 0.95 -> size 3: 36 TB; EC 4+2: 72 TB', () => {
    // headroom per OSD = 8 TB x (0.95 - 0.50) = 3.6 TB; f = 1/30; proj = 3.6 TB x 30 = 108 TB raw
    const avail = ruleAvailBytes(
      cluster(() => 4 * TB),
      0.95,
    );
    expect(avail / TB).toBeCloseTo(108, 9);
    expect(maxAvailBytes(avail, 3) / TB).toBeCloseTo(36, 9); // 108 / 3
    expect(maxAvailBytes(avail, 1.5) / TB).toBeCloseTo(72, 9); // 108 / ((4 + 2) / 4)
  });

  it('a hot OSD lowers MAX AVAIL for every pool on the rule', () => {
    // osd.7 at 80 %: headroom 8 TB x (0.95 - 0.80) = 1.2 TB; proj = 1.2 TB x 30 = 36 TB raw;
    // the other OSDs project 108 TB: the fullest wins -> size 3: 36 / 3 = 12 TB
    const avail = ruleAvailBytes(
      cluster((i) => (i === 7 ? 6.4 * TB : 4 * TB)),
      0.95,
    );
    expect(avail / TB).toBeCloseTo(36, 9);
    expect(maxAvailBytes(avail, 3) / TB).toBeCloseTo(12, 9);
  });

  it('an OSD past the full ratio has no headroom: MAX AVAIL 0', () => {
    // osd.0 at 96 %: avail 0.32 TB < 8 TB x 0.05 = 0.4 TB unusable -> headroom max(0, -0.08) = 0
    expect(
      ruleAvailBytes(
        cluster((i) => (i === 0 ? 7.68 * TB : 4 * TB)),
        0.95,
      ),
    ).toBe(0);
  });

  it('an out OSD (stats zeroed) is skipped but keeps its weight in the sum', () => {
    // osd.0 out: total 0 -> skipped; f of the others stays 1/30: proj = 3.6 TB x 30 = 108 TB,
    // as if the out OSD still took its share (Ceph's own behaviour)
    const osds = cluster(() => 4 * TB).map((o, i) => (i === 0 ? { ...o, totalBytes: 0, usedBytes: 0, in: false, up: false } : o));
    expect(ruleAvailBytes(osds, 0.95) / TB).toBeCloseTo(108, 9);
  });

  it('zero weight, no OSD: skipped, or 0; availBytes wins over usedBytes; reweight is not used', () => {
    const osds: OsdStat[] = [
      { id: 0, crushWeight: 0, totalBytes: 8 * TB, usedBytes: 7.9 * TB }, // weight 0: skipped
      { id: 1, crushWeight: 1, totalBytes: 10 * TB, availBytes: 6 * TB, usedBytes: 0, reweight: 0.5 },
    ];
    // only osd.1: f = 1/1; headroom = 6 TB - 10 TB x 0.05 = 5.5 TB
    expect(ruleAvailBytes(osds, 0.95) / TB).toBeCloseTo(5.5, 9);
    expect(ruleAvailBytes([], 0.95)).toBe(0);
    expect(maxAvailBytes(5.5 * TB, 0)).toBe(0);
  });

  it('property: MAX AVAIL never exceeds raw x full ratio / raw used rate (every OSD in)', () => {
    // min_i headroom_i / f_i <= sum_i f_i x headroom_i / f_i = sum headroom_i <= full x sum total_i
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ w: fc.double({ min: 0, max: 20, noNaN: true }), total: fc.double({ min: 1e9, max: 3e13, noNaN: true }), u: fc.double({ min: 0, max: 1, noNaN: true }) }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.constantFrom(1, 2, 3, 1.5, 1.25, 4 / 3),
        (xs, full, rate) => {
          const osds = xs.map((x, i) => ({ id: i, crushWeight: x.w, totalBytes: x.total, usedBytes: x.u * x.total }));
          const raw = xs.reduce((s, x) => s + x.total, 0);
          const m = maxAvailBytes(ruleAvailBytes(osds, full), rate);
          expect(m).toBeGreaterThanOrEqual(0);
          expect(m).toBeLessThanOrEqual((raw * full) / rate + 1);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/real/cluster-state/ceph');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));
interface OsdDfNode {
  id: number;
  type: string;
  crush_weight: number;
  kb: number;
  kb_avail: number;
  reweight: number;
  device_class: string;
  status?: string;
}
/** `ceph osd df -f json` nodes -> OsdStat (kb are KiB). */
const osdStats = (nodes: readonly OsdDfNode[]): (OsdStat & { deviceClass: string })[] =>
  nodes
    .filter((n) => n.type === 'osd')
    .map((n) => ({
      id: n.id,
      crushWeight: n.crush_weight,
      totalBytes: n.kb * 1024,
      availBytes: n.kb_avail * 1024,
      reweight: n.reweight,
      deviceClass: n.device_class,
    }));
const relative = (a: number, b: number): number => Math.abs(a - b) / b;

describe('against real ceph df output (within 1e-4)', () => {
  it('Ceph 19.2.4 (siphon-squid): replicated_rule over 10 OSDs, pool .mgr size 3', () => {
    // osd_crush_rule_dump.json: replicated_rule takes default, chooseleaf firstn 0 type host;
    // osd_dump.json: full_ratio 0.949999988 (a float), pool .mgr size 3 on rule 0.
    const tree = readJson('siphon-squid/osd_df_tree.json') as { nodes: OsdDfNode[] };
    const df = readJson('siphon-squid/df.json') as { pools: { name: string; stats: { max_avail: number } }[] };
    const got = maxAvailBytes(ruleAvailBytes(osdStats(tree.nodes), 0.949999988079071), 3);
    expect(relative(got, df.pools[0]!.stats.max_avail)).toBeLessThan(1e-4); // 32,497,870,848 bytes printed
  });

  it('Ceph 12.2.1 (monasca-luminous): 33 OSDs, one host down and out, hdd and ssd classes', () => {
    // The fixture has no rule dump. Rule 0 takes every OSD (its size-2 pools print exactly 1.5 x
    // the size-3 ones); rules 1 and 2 are read as the hdd and ssd classes (cephfs_data,
    // cephfs_metadata). The 10 OSDs of the down host report kb = 0: skipped, weight kept.
    const osds = osdStats((readJson('monasca-luminous/test_ceph-osd-df.json') as { nodes: OsdDfNode[] }).nodes);
    const df = readJson('monasca-luminous/test_ceph-df.json') as { pools: { name: string; stats: { max_avail: number } }[] };
    const printed = (name: string) => df.pools.find((p) => p.name === name)!.stats.max_avail;
    const all = ruleAvailBytes(osds, 0.95);
    expect(relative(maxAvailBytes(all, 3), printed('.rgw.root'))).toBeLessThan(1e-4);
    expect(relative(maxAvailBytes(all, 2), printed('volumes'))).toBeLessThan(1e-4);
    const hdd = ruleAvailBytes(
      osds.filter((o) => o.deviceClass === 'hdd'),
      0.95,
    );
    expect(relative(maxAvailBytes(hdd, 3), printed('cephfs_data'))).toBeLessThan(1e-4);
    const ssd = ruleAvailBytes(
      osds.filter((o) => o.deviceClass === 'ssd'),
      0.95,
    );
    expect(relative(maxAvailBytes(ssd, 3), printed('cephfs_metadata'))).toBeLessThan(1e-4);
  });
});
