/**
 * The baseline scenario written from real Ceph captures loads with zero errors, and carries
 * the observed numbers (quoted from the fixture files).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.js';
import { cephBaselineYaml } from './baseline.js';
import { readCephState } from './state.js';

const CEPH = join(import.meta.dirname, '../../../../test/fixtures/real/cluster-state/ceph');
const state = (dir: string) =>
  readCephState(
    readdirSync(join(CEPH, dir))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ name: f, text: readFileSync(join(CEPH, dir, f), 'utf8') })),
  ).state!;
const opts = { name: 'imported', start: '2026-12', sourceLabel: 'state/' };

describe('cephBaselineYaml', () => {
  it('siphon-tentacle: 5 hosts of 2 x 10,733,223,936 B hdd OSDs, 2 pools, stored bytes; loads with zero errors', () => {
    const { yaml, diagnostics } = cephBaselineYaml(state('siphon-tentacle'), opts);
    expect(diagnostics).toEqual([]);
    const parsed = parseScenario(yaml!, { fileName: 'baseline.yaml' });
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const s = parsed.scenario!;
    // osd_df_tree.json: every OSD "kb":10481664 -> x 1024 = 10,733,223,936 bytes; 5 hosts of 2 OSDs
    expect(s.nodes).toEqual([expect.objectContaining({ role: 'storage', count: 5 })]);
    // crush_weight 0.009796142578125 is not 10,733,223,936 / 2^40 = 0.0097618...: written, MAX AVAIL depends on it
    expect(yaml).toContain('- { count: 2, size: 10733223936 B, kind: hdd, use: osd, deviceClass: hdd, crushWeight: 0.009796142578125 }');
    // osd_dump.json: mytestpool pool 2 size 3 min_size 2; df.json "stored":415
    expect(yaml).toContain('- { name: "mytestpool", type: replicated, size: 3, minSize: 2 }');
    expect(yaml).toContain('"mytestpool": 415 B   # observed: ceph df stored');
    // written as read (float32 0.95 = 0.949999988079071): get_rule_avail computes with it
    expect(yaml).toContain('ratios: { nearfull: 0.8500000238418579, backfillfull: 0.8999999761581421, full: 0.949999988079071 }');
    // osd_df_tree.json osd.9: kb 10481664, kb_avail 10414820 -> (10481664 - 10414820) / 10481664
    expect(yaml).toContain(`- { osd: 0, utilisation: ${(10481664 - 10414820) / 10481664} }   # observed: osd.9 on ceph-osd-01`);
    expect(yaml).toContain('left out (a scenario pool name cannot start with "."): .mgr');
    expect(yaml).toContain('# PLACEHOLDER: not in any Ceph output');
  });

  it('siphon-squid: the rule dump becomes ceph.rules; loads with zero errors', () => {
    const { yaml } = cephBaselineYaml(state('siphon-squid'), opts);
    expect(yaml).toContain('- { name: "replicated_rule", type: replicated, failureDomain: host }   # observed: crush rule 0');
    expect(parseScenario(yaml!, { fileName: 'b.yaml' }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('names from the cluster cannot end a comment and inject YAML: line breaks and separators are escaped', () => {
    // A CRUSH host and a skipped pool renamed to carry a line break then YAML ("nodes: []",
    // "horizonMonths: 1") and a U+2028: written raw, the comment would end and the keys load.
    const dir = join(CEPH, 'siphon-tentacle');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({
        name: f,
        text: readFileSync(join(dir, f), 'utf8').replaceAll('"ceph-osd-01"', '"ceph-osd-01\\nnodes: []\\u2028x"').replaceAll('".mgr"', '".mgr\\nhorizonMonths: 1"'),
      }));
    const { yaml } = cephBaselineYaml(readCephState(files).state!, opts);
    expect(yaml).toContain('ceph-osd-01\\u000anodes: []\\u2028x');
    expect(yaml).toContain('.mgr\\u000ahorizonMonths: 1');
    const s = parseScenario(yaml!, { fileName: 'b.yaml' }).scenario!;
    expect(s.nodes).toEqual([expect.objectContaining({ role: 'storage', count: 5 })]);
    expect(s.horizonMonths).toBe(24);
  });

  it('monasca-luminous has no CRUSH tree: no baseline, an error saying why', () => {
    const r = cephBaselineYaml(state('monasca-luminous'), opts);
    expect(r.yaml).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ceph.state.missing']);
  });
});
