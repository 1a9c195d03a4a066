/**
 * The Ceph output parsers against the real captures (test/fixtures/real/cluster-state/ceph,
 * provenance in test/fixtures/real/PROVENANCE.md). Expected numbers are quoted from the files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCephCommand } from './detect.js';
import { parseCephDf } from './df.js';
import { parseCrushRuleDump } from './crush-rules.js';
import { parseCephJsonText } from './json.js';
import { parseCrushTree, parseOsdDf } from './osd-df.js';
import { parseOsdDump } from './osd-dump.js';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/real/cluster-state/ceph');
const text = (p: string): string => readFileSync(join(FIXTURES, p), 'utf8');
const at = (ds: { code: string; location: { file: string; line: number; col: number } }[]) => ds.map((d) => [d.code, d.location.file, d.location.line, d.location.col]);

describe('ceph osd df', () => {
  it('squid osd df tree: KiB -> bytes, buckets matched on type (root type_id 11 here)', () => {
    const r = parseOsdDf(text('siphon-squid/osd_df_tree.json'), 'osd_df_tree.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.data!.osds).toHaveLength(10);
    const osd4 = r.data!.osds.find((o) => o.id === 4)!;
    // "kb":10481664 -> x 1024 = 10,733,223,936 bytes; "kb_avail":10454548 -> 10,705,457,152
    expect(osd4.totalBytes).toBe(10_733_223_936);
    expect(osd4.availBytes).toBe(10_705_457_152);
    expect(osd4.utilizationPercent).toBeCloseTo(0.2587, 4); // "utilization":0.25869938208284488 is a percent
    expect(osd4.status).toBe('up');
    expect(r.data!.buckets.find((b) => b.type === 'root')).toMatchObject({ name: 'default', children: [-5, -9, -3, -11, -7] });
    expect(r.data!.buckets.filter((b) => b.type === 'host')).toHaveLength(5);
  });

  it('luminous osd df (no tree): a down-and-out OSD has kb 0 -> installed from crush_weight (TiB)', () => {
    const r = parseOsdDf(text('monasca-luminous/test_ceph-osd-df.json'), 'osd-df.json');
    expect(r.data!.osds).toHaveLength(33);
    expect(r.data!.buckets).toEqual([]);
    const osd0 = r.data!.osds.find((o) => o.id === 0)!;
    expect(osd0.installedBytes).toBe(5_886_633_532 * 1024); // "kb": 5886633532 = 6,027,912,736,768 bytes
    expect(osd0.installedFrom).toBe('kb');
    const osd20 = r.data!.osds.find((o) => o.id === 20)!;
    // "kb": 0, "reweight": 0.0, "crush_weight": 5.482391 -> 5.482391 x 2^40 = 6,027,952,652,514 bytes
    expect(osd20.totalBytes).toBe(0);
    expect(osd20.installedFrom).toBe('crush_weight');
    expect(osd20.installedBytes).toBeCloseTo(6_027_952_652_514, -1);
    expect(osd20.reweight).toBe(0);
  });

  it('crush tree: the same buckets without sizes', () => {
    const r = parseCrushTree(text('siphon-tentacle/osd_crush_tree.json'), 'osd_crush_tree.json');
    expect(r.data!.osds).toHaveLength(10);
    expect(r.data!.osds[0]!.totalBytes).toBe(0);
    expect(r.data!.buckets.map((b) => b.type).sort()).toEqual(['host', 'host', 'host', 'host', 'host', 'root']);
  });
});

describe('ceph osd dump, crush rule dump, df', () => {
  it('osd dump: pools, float ratios, EC profile values as strings', () => {
    const r = parseOsdDump(text('siphon-squid/osd_dump.json'), 'osd_dump.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.data!.pools).toEqual([{ id: 1, name: '.mgr', type: 'replicated', size: 3, minSize: 2, ruleId: 0, profileName: '', rawUsedRate: 3 }]);
    expect(r.data!.fullRatio).toBe(0.949999988079071); // "full_ratio":0.949999988079071 (0.95f)
    expect(r.data!.backfillfullRatio).toBe(0.8999999761581421);
    expect(r.data!.nearfullRatio).toBe(0.8500000238418579);
    expect(r.data!.erasureCodeProfiles.default).toMatchObject({ k: '2', m: '2' });
  });

  it('osd dump: an erasure pool gets (k+m)/k from its profile; a missing profile is an error, not a throw', () => {
    const dump = (profile: string) =>
      JSON.stringify({
        epoch: 1,
        full_ratio: 0.95,
        osds: [],
        erasure_code_profiles: { ec42: { k: '4', m: '2' } },
        pools: [{ pool: 5, pool_name: 'ec', type: 3, size: 6, min_size: 5, crush_rule: 1, erasure_code_profile: profile }],
      });
    expect(parseOsdDump(dump('ec42'), 'd.json').data!.pools[0]).toMatchObject({ type: 'erasure', k: 4, m: 2, rawUsedRate: 1.5 }); // (4+2)/4
    const bad = parseOsdDump(dump('nope'), 'd.json');
    expect(bad.data!.pools[0]!.rawUsedRate).toBe(0);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['ceph.json.invalid_field']);
  });

  it('crush rule dump: take default, chooseleaf type host; a class rule takes default~hdd', () => {
    expect(parseCrushRuleDump(text('siphon-squid/osd_crush_rule_dump.json'), 'rules.json').data).toEqual([
      { id: 0, name: 'replicated_rule', type: 'replicated', takes: [{ root: 'default' }], failureDomain: 'host' },
    ]);
    const cls = JSON.stringify([
      { rule_id: 1, rule_name: 'fast', type: 1, steps: [{ op: 'take', item: -2, item_name: 'default~nvme' }, { op: 'chooseleaf_firstn', num: 0, type: 'rack' }, { op: 'emit' }] },
    ]);
    expect(parseCrushRuleDump(cls, 'r.json').data![0]).toMatchObject({ takes: [{ root: 'default', deviceClass: 'nvme' }], failureDomain: 'rack' });
  });

  it('df (Nautilus+): stored is client bytes, percent_used a fraction; per-class totals', () => {
    const r = parseCephDf(text('datadog/ceph_stats_by_class.df_detail.json'), 'df_detail.json');
    expect(r.data!.nautilusOrLater).toBe(true);
    // .mgr: "stored": 50767806, "bytes_used": 152313356, "max_avail": 2737432166400, "percent_used": 1.8546641513239592e-05
    expect(r.data!.pools[0]).toMatchObject({
      name: '.mgr',
      storedBytes: 50_767_806,
      rawUsedBytes: 152_313_356,
      maxAvailBytes: 2_737_432_166_400,
      percentUsedFraction: 1.8546641513239592e-5,
    });
    expect(Object.keys(r.data!.byClass).sort()).toEqual(['hdd', 'nvme']);
    expect(r.data!.byClass.nvme!.totalBytes).toBe(18_435_652_190_208);
  });

  it('df (Luminous): no stored -> bytes_used is client bytes, raw_bytes_used raw, percent_used a percent', () => {
    const r = parseCephDf(text('monasca-luminous/test_ceph-df.json'), 'df.json');
    expect(r.data!.nautilusOrLater).toBe(false);
    // cephfs_data: "bytes_used": 1743163949040, "raw_bytes_used": 3419234369536, "percent_used": 0.72 (%)
    expect(r.data!.pools[1]).toMatchObject({ name: 'cephfs_data', storedBytes: 1_743_163_949_040, rawUsedBytes: 3_419_234_369_536, maxAvailBytes: 52_729_787_449_344 });
    expect(r.data!.pools[1]!.percentUsedFraction).toBeCloseTo(0.0072, 12);
    expect(r.data!.totals.totalBytes).toBe(121_070_163_910_656);
  });
});

describe('malformed outputs: positioned diagnostics, never a throw', () => {
  it('a truncated osd df: ceph.json.invalid at the end of the file, naming it', () => {
    const cut = text('siphon-squid/osd_df_tree.json').slice(0, 300);
    const r = parseOsdDf(cut, 'osd_df_tree.json');
    expect(r.data).toBeUndefined();
    // the file starts with a line break, then one line: 300 characters = "\n" + 299 on line 2 -> the end is line 2, col 300
    expect(at(r.diagnostics)).toEqual([['ceph.json.invalid', 'osd_df_tree.json', 2, 300]]);
    expect(r.diagnostics[0]!.message).toContain('truncated');
    expect(r.diagnostics[0]!.message).toContain('ceph osd df tree -f json');
  });

  it('the wrong command: ceph df where osd df belongs, and osd df where df belongs', () => {
    const r = parseOsdDf(text('siphon-squid/df.json'), 'osd_df.json');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ceph.json.wrong_command']);
    expect(r.diagnostics[0]!.message).toBe('expected the output of `ceph osd df tree -f json`, but the file holds the output of `ceph df detail -f json`');
    expect(parseCephDf(text('siphon-squid/osd_df_tree.json'), 'df.json').diagnostics.map((d) => d.code)).toEqual(['ceph.json.wrong_command']);
    expect(parseOsdDump(text('siphon-squid/status.json'), 'dump.json').diagnostics[0]!.message).toContain('`ceph status -f json`');
  });

  it('-nan (old releases) is read as unknown with a warning at its first position', () => {
    const old = '{"nodes": [\n {"id": 3, "name": "osd.3", "type": "osd", "crush_weight": 1.0, "kb": 0, "kb_avail": 0, "utilization": -nan, "var": -nan}\n], "stray": []}';
    const r = parseOsdDf(old, 'old.json');
    expect(at(r.diagnostics)).toEqual([['ceph.json.nan', 'old.json', 2, 104]]); // ' {"id": 3, ... "utilization": ' is 103 characters
    expect(r.data!.osds[0]!.utilizationPercent).toBeUndefined();
    expect(r.data!.osds[0]!.installedBytes).toBe(2 ** 40); // crush_weight 1.0 TiB
    // a "nan" inside a string is left alone
    expect(parseCephJsonText('{"name": "-nan x"}', 'x.json', 'ceph df').diagnostics).toEqual([]);
  });

  it('a trailing comma: ceph.json.invalid at the offending character', () => {
    expect(at(parseCrushRuleDump('[{"rule_id": 0, "steps": [],}]', 'r.json').diagnostics)).toEqual([['ceph.json.invalid', 'r.json', 1, 29]]);
  });

  it('shapes: every fixture file is recognised as its command', () => {
    const kind = (p: string) => detectCephCommand(parseCephJsonText(text(p), p, '').value);
    expect(kind('siphon-squid/osd_df_tree.json')).toBe('osd df');
    expect(kind('siphon-squid/osd_crush_tree.json')).toBe('osd crush tree');
    expect(kind('siphon-squid/osd_crush_rule_dump.json')).toBe('osd crush rule dump');
    expect(kind('siphon-squid/osd_dump.json')).toBe('osd dump');
    expect(kind('siphon-squid/df.json')).toBe('df');
    expect(kind('siphon-squid/status.json')).toBe('status');
    expect(kind('siphon-squid/version.json')).toBe('version');
    expect(kind('monasca-luminous/test_ceph-osd-df.json')).toBe('osd df');
    expect(kind('monasca-luminous/test_ceph-osd-dump.json')).toBe('osd dump');
    expect(kind('datadog/ceph_stats_by_class.df_detail.json')).toBe('df');
  });
});

describe('issue 15: a pool size no cluster has', () => {
  it('size 1e308 (which made ceph df spin) is ceph.json.invalid_field at the pool, skipped; MAX AVAIL of the others still computes', async () => {
    const { readCephState } = await import('./state.js');
    const { reproduceMaxAvail } = await import('./reproduce.js');
    const dir = join(FIXTURES, 'siphon-tentacle');
    const names = ['df.json', 'osd_crush_tree.json', 'osd_df_tree.json', 'osd_dump.json'];
    const files = names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
    const dump = files.find((f) => f.name === 'osd_dump.json')!;
    dump.text = dump.text.replace(/"size":\s*\d+/, '"size": 1e308');
    const r = readCephState(files);
    expect(r.diagnostics.map((d) => [d.code, d.path.join('.')])).toEqual([['ceph.json.invalid_field', 'pools.0.size']]);
    expect(r.diagnostics[0]!.location.line).toBeGreaterThan(1);
    expect(reproduceMaxAvail(r.state!).length).toBeGreaterThan(0);
  });
});

describe('issue 15: full ratios no cluster has', () => {
  it('backfillfull_ratio 5e260 is ceph.json.invalid_field (error, at the key), not a baseline that does not load', () => {
    const text = readFileSync(join(FIXTURES, 'siphon-tentacle/osd_dump.json'), 'utf8').replace(/"backfillfull_ratio":\s*[\d.]+/, '"backfillfull_ratio": 5.1e260');
    const r = parseOsdDump(text, 'osd_dump.json');
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.path.join('.')])).toEqual([['ceph.json.invalid_field', 'error', 'backfillfull_ratio']]);
    expect(r.diagnostics[0]!.location.line).toBeGreaterThan(1);
    expect(r.data!.backfillfullRatio).toBeUndefined();
  });
});
