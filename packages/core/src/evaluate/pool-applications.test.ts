/**
 * EC pools under RBD/CephFS (docs.ceph.com rados/operations/erasure-code, "Erasure Coding
 * with Overwrites"): allow_ec_overwrites and a replicated pool for the metadata.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.js';
import type { CephPool } from '../model/scenario.js';
import { poolApplicationFindings } from './pool-applications.js';
import { makeScenario } from '../model/test-scenario.js';

const codes = (pools: CephPool[]): string[] => {
  const s = makeScenario();
  return poolApplicationFindings({ ...s, ceph: { ...s.ceph, pools } }).map((f) => `${f.code} ${f.subject}`);
};
const ec = (extra: Partial<Extract<CephPool, { type: 'erasure' }>> = {}): CephPool => ({ name: 'backups', type: 'erasure', k: 4, m: 2, minSize: 5, share: 0.35, ...extra });
const rep = (name: string, application?: 'rbd' | 'cephfs' | 'rgw'): CephPool => ({
  name,
  type: 'replicated',
  size: 3,
  minSize: 2,
  share: 0.5,
  ...(application ? { application } : {}),
});

describe('poolApplicationFindings', () => {
  it('EC 4+2 for rbd, no overwrites, no replicated rbd pool: both findings', () => {
    expect(codes([rep('volumes'), ec({ application: 'rbd' })])).toEqual(['ceph.pool.ec_overwrites_disabled pool backups', 'ceph.pool.ec_without_replicated_metadata pool backups']);
  });
  it('with allowEcOverwrites and a replicated rbd pool (volumes, where the image headers live): none', () => {
    expect(codes([rep('volumes', 'rbd'), ec({ application: 'rbd', allowEcOverwrites: true })])).toEqual([]);
  });
  it('cephfs needs a replicated cephfs pool; an rbd one does not count', () => {
    expect(codes([rep('volumes', 'rbd'), ec({ application: 'cephfs', allowEcOverwrites: true })])).toEqual(['ceph.pool.ec_without_replicated_metadata pool backups']);
  });
  it('rgw and pools without an application append whole objects: no finding', () => {
    expect(codes([ec({ application: 'rgw' }), ec({ name: 'plain' })])).toEqual([]);
  });
});

describe('regional-cloud: the EC backups pool for Cinder backups (RBD)', () => {
  const file = join(import.meta.dirname, '../../../../scenarios/regional-cloud.yaml');
  const text = readFileSync(file, 'utf8');
  const findings = (t: string): string[] => poolApplicationFindings(parseScenario(t, { fileName: 'regional-cloud.yaml' }).scenario!).map((f) => f.code);
  it('as shipped (allowEcOverwrites, volumes as the replicated rbd pool): fine', () => {
    expect(findings(text)).toEqual([]);
  });
  it('without allow_ec_overwrites and without a replicated rbd pool: both findings', () => {
    const broken = text
      .replace(', application: rbd, allowEcOverwrites: true }', ', application: rbd }')
      .replaceAll('rule: replicated_hdd, application: rbd }', 'rule: replicated_hdd }');
    expect(findings(broken)).toEqual(['ceph.pool.ec_overwrites_disabled', 'ceph.pool.ec_without_replicated_metadata']);
  });
});
