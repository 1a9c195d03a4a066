/**
 * headroom's MAX AVAIL against what `ceph df` printed, for EVERY pool of every fixture that
 * has both `osd df` and `df` (test/fixtures/real/cluster-state/ceph). The expected values
 * are the fixtures' own `max_avail` fields; Ceph computes in single precision, hence 1e-4.
 * The datadog fixture has `df detail` only (no osd df): nothing to reproduce there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCephDf } from './df.js';
import { parseCrushRuleDump } from './crush-rules.js';
import { parseOsdDf } from './osd-df.js';
import { parseOsdDump } from './osd-dump.js';
import { reproduceMaxAvail, type CephClusterState } from './reproduce.js';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/real/cluster-state/ceph');
const text = (p: string): string => readFileSync(join(FIXTURES, p), 'utf8');

interface Fixture {
  dir: string;
  osdDf: string;
  dump: string;
  df: string;
  rules?: string;
}
const FIXTURE_FILES: Fixture[] = [
  { dir: 'siphon-squid', osdDf: 'osd_df_tree.json', dump: 'osd_dump.json', df: 'df.json', rules: 'osd_crush_rule_dump.json' },
  { dir: 'siphon-tentacle', osdDf: 'osd_df_tree.json', dump: 'osd_dump.json', df: 'df.json' },
  { dir: 'monasca-luminous', osdDf: 'test_ceph-osd-df.json', dump: 'test_ceph-osd-dump.json', df: 'test_ceph-df.json' },
];

function load(f: Fixture): CephClusterState {
  const state: CephClusterState = {
    osdDf: parseOsdDf(text(`${f.dir}/${f.osdDf}`), f.osdDf).data!,
    osdDump: parseOsdDump(text(`${f.dir}/${f.dump}`), f.dump).data!,
    df: parseCephDf(text(`${f.dir}/${f.df}`), f.df).data!,
  };
  if (f.rules) state.rules = parseCrushRuleDump(text(`${f.dir}/${f.rules}`), f.rules).data!;
  return state;
}

/** The printed max_avail per pool name, read straight from the df file. */
const printed = (f: Fixture): [string, number][] =>
  (JSON.parse(text(`${f.dir}/${f.df}`)) as { pools: { name: string; stats: { max_avail: number } }[] }).pools.map((p) => [p.name, p.stats.max_avail]);

describe.each(FIXTURE_FILES)('MAX AVAIL of every pool of $dir matches ceph df within 1e-4', (f) => {
  const rows = reproduceMaxAvail(load(f));
  it.each(printed(f))('pool %s: ceph df printed %d bytes', (name, maxAvail) => {
    const row = rows.find((r) => r.pool === name)!;
    expect(row).toBeDefined();
    expect(row.cephMaxAvailBytes).toBe(maxAvail);
    expect(Math.abs(row.maxAvailBytes! - maxAvail) / maxAvail).toBeLessThan(1e-4);
  });
  it('no pool is left out', () => {
    expect(rows.map((r) => r.pool).sort()).toEqual(
      printed(f)
        .map(([n]) => n)
        .sort(),
    );
  });
});

describe('what is read, and what is inferred', () => {
  it('monasca-luminous: one host down (10 OSDs at kb 0), no rule dump, no tree; classes from the rule names', () => {
    const rows = reproduceMaxAvail(load(FIXTURE_FILES[2]!));
    const by = (n: string) => rows.find((r) => r.pool === n)!;
    // osd dump: cephfs_metadata crush_rule 2, erasure_code_profile "metadata_ssd"; 3 OSDs have "device_class": "ssd"
    expect(by('cephfs_metadata')).toMatchObject({ ruleId: 2, deviceClass: 'ssd', osdCount: 3 });
    // cephfs_data crush_rule 1, "data_hdd"; 30 hdd OSDs (10 of them down with kb 0, weight kept)
    expect(by('cephfs_data')).toMatchObject({ ruleId: 1, deviceClass: 'hdd', osdCount: 30 });
    expect(by('volumes')).toMatchObject({ ruleId: 0, osdCount: 33, rawUsedRate: 2 });
    expect(by('cephfs_data').inferred.join(' ')).toContain('from its name "data_hdd"');
    expect(by('volumes').inferred.join(' ')).toContain('no CRUSH tree');
    expect(by('volumes').storableBytes).toBeUndefined(); // no hosts known: no water-fill
  });

  it('siphon-squid: the rule dump is read, nothing inferred; storable (perfect placement) >= MAX AVAIL', () => {
    const [row] = reproduceMaxAvail(load(FIXTURE_FILES[0]!));
    expect(row!.inferred).toEqual([]);
    expect(row!.fullRatio).toBe(0.949999988079071);
    // 5 hosts of 2 equal OSDs, size 3: water-fill places everything, so storable = the sum of
    // every OSD's (kb_avail - kb x (1 - full)) x 1024 / 3; MAX AVAIL takes the fullest OSD instead.
    const nodes = (JSON.parse(text('siphon-squid/osd_df_tree.json')) as { nodes: { type: string; kb: number; kb_avail: number }[] }).nodes.filter((n) => n.type === 'osd');
    const sum = nodes.reduce((s, n) => s + (n.kb_avail - n.kb * (1 - 0.949999988079071)) * 1024, 0);
    expect(row!.storableBytes! / (sum / 3)).toBeCloseTo(1, 9);
    expect(row!.storableBytes!).toBeGreaterThan(row!.maxAvailBytes!);
  });

  it('siphon-tentacle: no rule dump -> rule 0 read as every OSD under default, and said so', () => {
    const rows = reproduceMaxAvail(load(FIXTURE_FILES[1]!));
    expect(rows.every((r) => r.inferred.some((s) => s.startsWith('rule 0 is not in a rule dump')))).toBe(true);
  });
});

describe('MAX AVAIL at backfillfull (what can be added while recovery can still place data)', () => {
  it('siphon-squid by hand: 10 OSDs of equal crush_weight -> 10 x min(kb_avail - kb x (1 - 0.9)) x 1024 / 3', () => {
    const [row] = reproduceMaxAvail(load(FIXTURE_FILES[0]!));
    const bf = 0.8999999761581421; // osd_dump.json "backfillfull_ratio"
    expect(row!.backfillfullRatio).toBe(bf);
    const nodes = (JSON.parse(text('siphon-squid/osd_df_tree.json')) as { nodes: { type: string; kb: number; kb_avail: number }[] }).nodes.filter((n) => n.type === 'osd');
    // every OSD has crush_weight 0.009796142578125: the weight share is 1/10
    const fullest = Math.min(...nodes.map((n) => (n.kb_avail - n.kb * (1 - bf)) * 1024));
    expect(row!.safeMaxAvailBytes! / ((fullest * 10) / 3)).toBeCloseTo(1, 9);
    expect(row!.safeMaxAvailBytes).toBeLessThan(row!.maxAvailBytes!);
  });
});
