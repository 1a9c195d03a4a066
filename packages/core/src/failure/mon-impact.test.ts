/**
 * Ceph monitor quorum after a loss: a majority of the monmap, floor(n/2) + 1
 * (docs.ceph.com/en/latest/rados/configuration/mon-config-ref, "Monitor Quorum").
 */
import { describe, expect, it } from 'vitest';
import { monImpact } from './mon-impact.js';
import { analyze, group, handScenario, impactOf } from './test-failure.js';
import type { FailureDomain } from '../model/failure.js';

const domain = (lost: string[], drained: string[] = [], kind: FailureDomain['kind'] = 'rack'): FailureDomain => ({
  id: `${kind}:x`,
  kind,
  name: 'x',
  tolerated: true,
  hostsLost: lost,
  hostsDrained: drained,
  hostsDegraded: [],
});

describe('monImpact', () => {
  it('3 mons: one down keeps the quorum (2 ≥ 2), two down lose it (1 < 2)', () => {
    const mons = ['c1', 'c2', 'c3'];
    expect(monImpact(domain(['c1']), mons)!.harms).toEqual([]);
    const lost = monImpact(domain(['c1', 'c2']), mons)!;
    expect(lost.harms[0]).toMatchObject({ code: 'failure.ceph.mon_quorum_lost', harm: 'outage', severity: 'error', value: 1, limit: 2, unit: 'monitors' });
    expect(monImpact(domain(['x9']), mons)).toBeUndefined();
  });
  it('a drained monitor stays in the monmap: 1 drained + 1 lost of 3 leaves 1 < 2', () => {
    expect(monImpact(domain(['c1'], ['c2'], 'host'), ['c1', 'c2', 'c3'])!.harms).toHaveLength(1);
  });
});

describe('monitor quorum in the failure analysis', () => {
  it('3 controllers (and their mons) all in r1: losing r1 loses the quorum; one controller does not', () => {
    const s = handScenario({ nodes: [group('control', 'ctl-r660', 3, { rack: 'r1' }), group('storage', 'sto-30', 3)] });
    const r = analyze(s);
    expect(impactOf(r, 'rack:r1', 'ceph')!.harms.map((h) => h.code)).toContain('failure.ceph.mon_quorum_lost');
    expect(impactOf(r, 'host:control-01', 'ceph')).toMatchObject({ harm: 'none' });
    expect(r.findings.some((f) => f.code === 'failure.ceph.mon_quorum_lost' && f.subject === 'rack r1')).toBe(true);
  });
  it('spread over r1, r2, r3: a rack loss keeps 2 of 3', () => {
    const s = handScenario({ nodes: [group('control', 'ctl-r660', 3), group('storage', 'sto-30', 3)] });
    expect(analyze(s).findings.filter((f) => f.code === 'failure.ceph.mon_quorum_lost')).toEqual([]);
  });
});
