import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import { planControlPlane, quorumOf } from './quorum.js';

const controllers = (n: number): Host[] => Array.from({ length: n }, (_, i) => ({ name: `control-0${i + 1}`, role: 'control' as const, hardware: 'ctl', rack: 'r1' }));

describe('quorum (Galera weighted quorum with equal weights: floor(n/2) + 1)', () => {
  it.each([
    // n, quorum = floor(n/2) + 1, tolerated = n − quorum
    [1, 1, 0], // floor(0.5) + 1 = 1
    [2, 2, 0], // floor(1) + 1 = 2: the survivor holds 1/2 of the weight, not more than half
    [3, 2, 1], // floor(1.5) + 1 = 2
    [4, 3, 1], // floor(2) + 1 = 3: no better than 3
    [5, 3, 2], // floor(2.5) + 1 = 3
  ])('n = %i: quorum %i, tolerates %i', (n, quorum, tolerated) => {
    expect(quorumOf(n)).toEqual({ controllers: n, quorum, toleratedFailures: tolerated });
  });

  it('findings per controller count', () => {
    const codes = (n: number) => planControlPlane(controllers(n)).findings.map((f) => [f.code, f.severity]);
    expect(codes(0)).toEqual([['control.none', 'error']]);
    expect(codes(1)).toEqual([['control.quorum.below_three', 'warning']]);
    expect(codes(2)).toEqual([['control.quorum.two_nodes', 'error']]);
    expect(codes(3)).toEqual([]);
    expect(codes(4)).toEqual([['control.quorum.even', 'info']]);
    expect(codes(5)).toEqual([]);
    expect(codes(6)).toEqual([['control.quorum.even', 'info']]);
    expect(planControlPlane(controllers(2)).findings[0]!.message).toContain('two nodes are worse than one');
  });

  it('counts only control hosts', () => {
    const hosts = [...controllers(3), { name: 'compute-01', role: 'compute' as const, hardware: 'c', rack: 'r1' }];
    expect(planControlPlane(hosts).plan).toEqual({ controllers: 3, quorum: 2, toleratedFailures: 1 });
  });
});
