/**
 * Issue 14 item 9 on a real Ceph 16.2.15 cluster captured with shared/ceph-lab
 * (test/fixtures/real/cluster-state/ceph/ceph-lab-pacific-*; 11 hdd + 3 ssd OSDs, rules
 * replicated_rule (every OSD), r_hdd, r_ssd, EC 2+1 on hdd):
 *  - a directory with both `df` and `df detail`, both `osd df` and `osd df tree`, is one cluster;
 *  - without the rule dump, each rule's OSD set is what the outputs prove, else unknown;
 *  - with PGs degraded, MAX AVAIL is divided by rate x (copies - degraded) / copies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reproduceMaxAvail } from './reproduce.js';
import { readCephState, type CephStateFile } from './state.js';

const CEPH = join(import.meta.dirname, '../../../../test/fixtures/real/cluster-state/ceph');
const files = (dir: string, without: readonly string[] = []): CephStateFile[] =>
  readdirSync(join(CEPH, dir))
    .filter((f) => f.endsWith('.json') && !without.includes(f))
    .map((f) => ({ name: f, text: readFileSync(join(CEPH, dir, f), 'utf8') }));
const printed = (dir: string, pool: string): number =>
  (JSON.parse(readFileSync(join(CEPH, dir, 'ceph_df_detail.json'), 'utf8')) as { pools: { name: string; stats: { max_avail: number } }[] }).pools.find((p) => p.name === pool)!
    .stats.max_avail;

describe('ceph-lab pacific captures', () => {
  it('df + df detail and osd df + osd df tree of one cluster are read as one (the detail and the tree kept)', () => {
    const read = readCephState(files('ceph-lab-pacific-clean'));
    expect(read.diagnostics).toEqual([]);
    expect(read.state!.df!.detail).toBe(true);
    // osd df tree names 6 hosts; osd df has no buckets
    expect(read.state!.osdDf.buckets.filter((b) => b.type === 'host')).toHaveLength(6);
  });

  it("two clusters' df outputs are still refused", () => {
    const other = files('siphon-tentacle').filter((f) => f.name === 'df.json');
    const read = readCephState([...files('ceph-lab-pacific-clean', ['ceph_df.json']), ...other]);
    expect(read.diagnostics.map((d) => [d.code, d.location.file])).toEqual([['ceph.json.wrong_command', 'df.json']]);
  });

  it("without the rule dump: df max_avail and autoscale-status prove each rule's OSD set", () => {
    const rows = reproduceMaxAvail(readCephState(files('ceph-lab-pacific-clean', ['ceph_osd_crush_rule_dump.json'])).state!);
    // rule 1 (r_hdd): autoscale-status subtree_capacity 83,751,862,272 B = the 11 hdd OSDs
    // (8+8+8+6+6+6+10+4+12+5+5 = 78 GiB of memstore: 78 x 2^30 = 83,751,862,272 exactly);
    // only class hdd reproduces max_avail 24,913,567,744 B
    expect(rows.map((r) => [r.pool, r.deviceClass ?? 'every OSD', r.osdCount])).toEqual([
      ['device_health_metrics', 'ssd', 3],
      ['volumes', 'hdd', 11],
      ['meta', 'ssd', 3],
      ['backups', 'hdd', 11],
      ['images', 'every OSD', 14],
    ]);
    for (const r of rows) expect(Math.abs(r.maxAvailBytes! - r.cephMaxAvailBytes!) / r.cephMaxAvailBytes!).toBeLessThan(1e-4);
    expect(rows.find((r) => r.pool === 'volumes')!.inferred.join('\n')).toContain(
      'class hdd under default is the only OSD set that agrees with autoscale-status subtree_capacity 83751862272 B',
    );
  });

  it('without the rule dump, df and autoscale-status: MAX AVAIL unknown, no figure', () => {
    const rows = reproduceMaxAvail(
      readCephState(files('ceph-lab-pacific-clean', ['ceph_osd_crush_rule_dump.json', 'ceph_df.json', 'ceph_df_detail.json', 'ceph_osd_pool_autoscale_status.json'])).state!,
    );
    for (const r of rows) {
      expect(r.maxAvailBytes).toBeUndefined();
      expect(r.unknown).toMatch(/2 device classes \(hdd, ssd\).*MAX AVAIL unknown/);
    }
  });

  it('degraded (osd.11 down, noout): MAX AVAIL / (copies - degraded) / copies, as ceph df detail prints', () => {
    const rows = reproduceMaxAvail(readCephState(files('ceph-lab-pacific-degraded')).state!);
    const volumes = rows.find((r) => r.pool === 'volumes')!;
    // pg dump pools: volumes 120 object copies, 16 degraded -> 104 / 120 = 0.8666667 (float32)
    // clean MAX AVAIL 24,913,454,659 B / 0.8666667 = 28,746,294,891 B; ceph df 28,746,295,296 B
    expect(volumes.copiesRate).toBeCloseTo(104 / 120, 7);
    expect(volumes.cleanMaxAvailBytes).toBe(24_913_454_659);
    expect(volumes.maxAvailBytes).toBe(28_746_294_891);
    for (const r of rows) expect(Math.abs(r.maxAvailBytes! - printed('ceph-lab-pacific-degraded', r.pool)) / printed('ceph-lab-pacific-degraded', r.pool)).toBeLessThan(1e-4);
    // without pg dump pools the clean figure misses by 13-19 %, and the output says why
    const clean = reproduceMaxAvail(readCephState(files('ceph-lab-pacific-degraded', ['ceph_pg_dump_pools.json'])).state!);
    const v = clean.find((r) => r.pool === 'volumes')!;
    expect(v.relativeDifference).toBeGreaterThan(0.13);
    expect(v.inferred.join('\n')).toContain('PGs were degraded');
  });
});
