/**
 * `demand.storageFrom: <dir>`: month-0 stored bytes from a running cluster's `ceph df -f json`.
 * The files come from the caller; every problem is a diagnostic at the `storageFrom:` value
 * (columns counted by hand in SCENARIO), malformed JSON also in the file at its line:col.
 */
import { describe, expect, it } from 'vitest';
import { realFiles, realText } from '../../../../test/helpers/real-fixtures.js';
import { parseScenario } from './parse.js';
import { scenarioStatePaths, type StateDirInput } from './state-dirs.js';

const DIR = 'cluster-state/ceph/siphon-tentacle';
/** The fixture directory's *.json files, as the CLI passes them. */
const siphon: StateDirInput = {
  files: realFiles(DIR)
    .filter((n) => n.endsWith('.json'))
    .map((n) => ({ fileName: `state/${n}`, text: realText(DIR, n) })),
};

/** A scenario with pools `volumes` plus the two of siphon-tentacle; `extra` goes under demand (line 14 on). */
const scenario = (extra = '') => `schemaVersion: 1
name: storageFrom test
start: 2027-01
hardware:
  node: { model: M, heightRu: 1, cpu: { model: C, sockets: 1, coresPerSocket: 8, threadsPerCore: 2 }, memory: { size: 64 GiB }, disks: [{ count: 4, size: 4 TB, kind: ssd, use: osd }] }
nodes:
  - { role: storage, hardware: node, count: 3 }
ceph:
  pools:
    - { name: mytestpool, type: replicated, size: 3 }
    - { name: mynewpoolname, type: replicated, size: 3 }
demand:
  storageFrom: state
${extra}`;
// line 13 is `  storageFrom: state`: 2 spaces + "storageFrom: " = 15 characters, the value at col 16

const codes = (r: { diagnostics: { code: string; location: { file: string; line: number; col: number } }[] }) =>
  r.diagnostics.map((d) => [d.code, d.location.file, d.location.line, d.location.col]);

describe('scenarioStatePaths', () => {
  it('lists demand.storageFrom; tolerant of anything', () => {
    expect(scenarioStatePaths(scenario())).toEqual(['state']);
    expect(scenarioStatePaths('demand: { storage: {} }')).toEqual([]);
    expect(scenarioStatePaths('demand: [1')).toEqual([]);
    expect(scenarioStatePaths('- a')).toEqual([]);
  });
});

describe('demand.storageFrom', () => {
  it('takes month-0 stored bytes from ceph df, and records the source', () => {
    const r = parseScenario(scenario(), { fileName: 's.yaml', stateDirs: { state: siphon } });
    expect(codes(r)).toEqual([]);
    // df.json: pools[name=mytestpool].stats.stored = 415, pools[name=mynewpoolname].stats.stored = 41
    // (pools[name=.mgr], stored 597942, is not a scenario pool: ignored)
    expect(r.scenario!.demand.storageBytes).toEqual({ mytestpool: 415, mynewpoolname: 41 });
    expect(r.scenario!.demand.storageSource).toEqual({
      mytestpool: 'ceph df: state/df.json pools[name=mytestpool].stats.stored',
      mynewpoolname: 'ceph df: state/df.json pools[name=mynewpoolname].stats.stored',
    });
  });

  it('explicit demand.storage wins', () => {
    const r = parseScenario(scenario('  storage: { mytestpool: 1 TB }\n'), { fileName: 's.yaml', stateDirs: { state: siphon } });
    expect(codes(r)).toEqual([]);
    expect(r.scenario!.demand.storageBytes).toEqual({ mytestpool: 1e12, mynewpoolname: 41 });
    expect(r.scenario!.demand.storageSource!.mytestpool).toBe('demand.storage');
  });

  it('a scenario pool not in ceph df: a warning at the value, month 0 is 0', () => {
    const text = scenario().replace('    - { name: mynewpoolname', '    - { name: volumes, type: replicated, size: 3 }\n    - { name: mynewpoolname');
    const r = parseScenario(text, { fileName: 's.yaml', stateDirs: { state: siphon } });
    // one more pool line: storageFrom is on line 14
    expect(codes(r)).toEqual([['state.pool_missing', 's.yaml', 14, 16]]);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(r.scenario!.demand.storageBytes.volumes).toBe(0);
    // given explicitly: no warning
    const given = parseScenario(`${text}  storage: { volumes: 2 TB }\n`, { fileName: 's.yaml', stateDirs: { state: siphon } });
    expect(codes(given)).toEqual([]);
    expect(given.scenario!.demand.storageBytes.volumes).toBe(2e12);
  });

  it('a missing directory: state.unreadable at the value', () => {
    const r = parseScenario(scenario(), { fileName: 's.yaml', stateDirs: { state: { error: 'state: no such file or directory (ENOENT)' } } });
    expect(codes(r)).toEqual([['state.unreadable', 's.yaml', 13, 16]]);
    expect(r.scenario).toBeUndefined();
  });

  it('files not provided: state.not_provided', () => {
    expect(codes(parseScenario(scenario(), { fileName: 's.yaml' }))).toEqual([['state.not_provided', 's.yaml', 13, 16]]);
  });

  it('a malformed file: ceph.json.invalid at its line:col, state.invalid at the value', () => {
    // line 2 `  "pools": [1,]`: 2 spaces, `"pools"` cols 3-9, `:` 10, space 11, `[` 12, `1` 13,
    // `,` 14: the "]" after the trailing comma is at col 15
    const bad = { fileName: 'state/bad.json', text: '{\n  "pools": [1,]\n}\n' };
    const r = parseScenario(scenario(), { fileName: 's.yaml', stateDirs: { state: { files: [...(siphon as { files: [] }).files, bad] } } });
    expect(codes(r)).toEqual([
      ['state.invalid', 's.yaml', 13, 16],
      ['ceph.json.invalid', 'state/bad.json', 2, 15],
    ]);
  });

  it('no ceph df output: state.no_df', () => {
    const files = (siphon as { files: { fileName: string; text: string }[] }).files.filter((f) => !f.fileName.endsWith('/df.json'));
    expect(codes(parseScenario(scenario(), { fileName: 's.yaml', stateDirs: { state: { files } } }))).toEqual([['state.no_df', 's.yaml', 13, 16]]);
  });
});
