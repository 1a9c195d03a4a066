/**
 * Feeds as circuits. NEC (NFPA 70) 210.19(A)(1) and 210.20(A): a continuous load draws at most
 * 80 % of the breaker rating. Single-phase P = V × A; three-phase P = √3 × V(line-line) × A.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model/scenario.js';
import { expandHosts } from '../fleet/hosts.js';
import { makeScenario } from '../model/test-scenario.js';
import { rackElevations } from './elevation.js';
import { circuitText, feedCircuit, feedLimitWatts, feedUsableWatts, rackFeedFindings } from './feeds.js';

/** 8 controllers (ctl-r660: 800 W max) in rack r1 on A/B feeds of the given circuit. */
function eightInR1(feed: { voltage: number; breaker: number; phases?: 1 | 3 }): Scenario {
  const base = makeScenario();
  return makeScenario({
    racks: [{ ...base.racks[0]!, powerFeeds: ['A', 'B'], feed: feedCircuit(feed)! }, base.racks[1]!, base.racks[2]!],
    nodes: [{ role: 'control', hardware: 'ctl-r660', count: 8, placement: 'spread', namePrefix: 'control', rack: 'r1' }],
  });
}

describe('feedUsableWatts', () => {
  it('single-phase 230 V 32 A: 230 × 32 × 0.8 = 5,888 W', () => {
    expect(feedUsableWatts(230, 32, 1)).toBeCloseTo(5888, 9);
  });
  it('three-phase 400 V 32 A: √3 × 400 × 32 × 0.8 = 1.7320508 × 12,800 × 0.8 = 17,736.2 W', () => {
    expect(feedUsableWatts(400, 32, 3)).toBeCloseTo(17_736.2, 1);
  });
  it('North American 208 V 30 A three-phase: √3 × 208 × 30 × 0.8 = 8,646.4 W; a 100 %-rated breaker 10,808 W', () => {
    expect(feedUsableWatts(208, 30, 3)).toBeCloseTo(8646.4, 1);
    expect(feedUsableWatts(208, 30, 3, 1)).toBeCloseTo(10_808, 0);
  });
  it('a usable power is taken as given; the limit with A/B is one feed, with A/B/C two', () => {
    const c = feedCircuit({ usable: 7400 })!;
    expect(c).toEqual({ usableWatts: 7400 });
    expect(feedLimitWatts({ powerFeeds: ['A', 'B'], feed: c })).toBe(7400); // (2 − 1) × 7,400
    expect(feedLimitWatts({ powerFeeds: ['A', 'B', 'C'], feed: c })).toBe(14_800); // (3 − 1) × 7,400
    expect(feedLimitWatts({ powerFeeds: ['A'], feed: c })).toBe(7400); // a single feed carries it all
    expect(feedLimitWatts({ powerFeeds: ['A', 'B'] })).toBeUndefined();
    expect(feedCircuit({ voltage: 230 })).toBeUndefined();
    expect(circuitText(feedCircuit({ voltage: 230, breaker: 32 })!)).toBe('230 V × 32 A × 0.8 = 5,888 W');
  });
});

describe('rackFeedFindings', () => {
  it('8 hosts × 800 W = 6,400 W on A/B feeds of 5,888 W: losing a feed overloads the other by 512 W', () => {
    const s = eightInR1({ voltage: 230, breaker: 32 });
    const findings = rackFeedFindings(rackElevations(s, expandHosts(s).hosts), s.racks);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'rack.feed_overloaded', severity: 'error', subject: 'rack r1', value: 6400, limit: 5888, unit: 'W' });
    expect(findings[0]!.message).toContain('6,400 W'); // 6,400 − 5,888 = 512 W over
    expect(findings[0]!.message).toContain('512 W over');
    expect(findings[0]!.source).toContain('NEC');
  });
  it('a purchase counts from its delivery: 7 × 800 = 5,600 W fits 5,888 W, the 8th host delivered in month 6 tips it', () => {
    const s = eightInR1({ voltage: 230, breaker: 32 });
    const [r1] = rackElevations(s, expandHosts(s).hosts);
    // the 8th host as if bought: in service from month 6 (2027-07)
    const units = r1!.units.map((u, i) => (i === 7 ? { ...u, inServiceMonthIndex: 6, inServiceMonth: '2027-07', purchased: true } : u));
    const [f] = rackFeedFindings([{ ...r1!, units }], s.racks);
    expect(f).toMatchObject({ code: 'rack.feed_overloaded', month: 6, value: 6400, limit: 5888 });
    expect(f!.message).toContain('after the 2027-07 delivery');
  });
  it('the same rack on 400 V 32 A three-phase feeds (17,736 W) fits', () => {
    const s = eightInR1({ voltage: 400, breaker: 32, phases: 3 });
    expect(rackFeedFindings(rackElevations(s, expandHosts(s).hosts), s.racks)).toEqual([]);
  });
});
