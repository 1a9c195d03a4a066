/**
 * Losing a feed when the other cannot carry the rack: NEC 210.19(A)(1) / 210.20(A), continuous
 * load ≤ 80 % of the breaker. 230 V × 32 A × 0.8 = 5,888 W per feed; 8 × 800 W = 6,400 W.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model/scenario.js';
import { feedCircuit } from '../racks/feeds.js';
import { analyze, group, handHardware, handScenario, impactOf } from './test-failure.js';

/** 8 hypervisors of 800 W max in r1 (A/B feeds of `breaker` amperes at 230 V), 3 controllers and 3 storage hosts spread. */
function rackOnFeeds(breaker: number): Scenario {
  const hw = handHardware();
  hw['cmp-20'] = { ...hw['cmp-20']!, power: { typicalWatts: 400, maxWatts: 800 } };
  const base = handScenario();
  return handScenario({
    hardware: hw,
    racks: base.racks.map((r) => ({ ...r, powerFeeds: ['A', 'B'], feed: feedCircuit({ voltage: 230, breaker })! })),
    nodes: [group('control', 'ctl-r660', 3), group('compute', 'cmp-20', 8, { rack: 'r1' }), group('storage', 'sto-30', 3)],
  });
}

describe('feed loss with circuits', () => {
  it('32 A: 6,400 W > 5,888 W, losing feed A trips r1: its 8 hypervisors and control-01 lose power (outage)', () => {
    const r = analyze(rackOnFeeds(32));
    const feedA = r.plan.domains.find((d) => d.id === 'feed:A')!;
    // r1 holds the 8 hypervisors and control-01 (spread), and storage-01: 8 × 800 + 800 + storage (no power data) = 7,200 W
    expect(feedA.hostsLost).toEqual(expect.arrayContaining(['compute-01', 'compute-08', 'control-01']));
    const power = impactOf(r, 'feed:A', 'power')!;
    expect(power).toMatchObject({ harm: 'outage', severity: 'error' });
    expect(power.harms[0]).toMatchObject({ code: 'failure.power.rack_tripped', value: 7200, limit: 5888, unit: 'W' });
    // the tripped hosts count as lost in the compute impact of the feed
    expect(impactOf(r, 'feed:A', 'compute')).toBeDefined();
    expect(r.findings.some((f) => f.code === 'failure.power.rack_tripped')).toBe(true);
  });
  it('63 A: 230 × 63 × 0.8 = 11,592 W ≥ 7,200 W, the other feed carries r1: nobody loses power', () => {
    const r = analyze(rackOnFeeds(63));
    expect(r.plan.domains.find((d) => d.id === 'feed:A')!.hostsLost).toEqual([]);
    expect(impactOf(r, 'feed:A', 'power')).toMatchObject({ harm: 'none' });
  });
});
