/**
 * Power feeds as circuits: what one feed carries continuously, and whether the feeds of a rack
 * left after losing one carry the rack's maximum draw.
 *
 * Source: NEC (NFPA 70) 210.19(A)(1) and 210.20(A): branch-circuit conductors and overcurrent
 * devices are sized at 125 % of the continuous load, i.e. a continuous load may draw at most
 * 80 % of the breaker rating (100 % for an assembly listed for it). Power: single-phase
 * P = V × I; three-phase P = √3 × V(line to line) × I (unity power factor, as server PSUs
 * with active PFC approach).
 */
import type { Finding } from '../diagnostics/types.js';
import type { FeedCircuit, Rack } from '../model/scenario.js';
import { fmtNumber } from '../units/format.js';
import { inServiceAt, type RackElevation } from '../model/racks.js';

/** NEC 210.19(A)(1) / 210.20(A): continuous load ≤ 80 % of the breaker rating. */
export const NEC_CONTINUOUS_RATIO = 0.8;

export const FEED_SOURCE =
  'NEC (NFPA 70) 210.19(A)(1) and 210.20(A): conductors and breakers sized at 125 % of the continuous load (continuous load ≤ 80 % of the breaker rating); single-phase P = V × A, three-phase P = √3 × V(line-line) × A; with A/B feeds the feeds left after losing one carry the whole rack';

/**
 * Usable continuous watts of one feed: V × A × (√3 when three-phase) × continuousRatio.
 * 230 V × 32 A × 0.8 = 5,888 W (single-phase); 400 V × 32 A × √3 × 0.8 = 17,736 W (three-phase);
 * 208 V × 30 A × √3 × 0.8 = 8,646 W. Source: FEED_SOURCE.
 */
export function feedUsableWatts(voltageVolts: number, amps: number, phases: 1 | 3, continuousRatio = NEC_CONTINUOUS_RATIO): number {
  return voltageVolts * amps * (phases === 3 ? Math.sqrt(3) : 1) * continuousRatio;
}

/** The normalized circuit of a rack's `feed:` (either form); undefined when it gives neither a usable power nor both voltage and breaker. */
export function feedCircuit(f: { voltage?: number; breaker?: number; phases?: 1 | 3; continuousRatio?: number; usable?: number }): FeedCircuit | undefined {
  if (f.usable !== undefined) return { usableWatts: f.usable };
  if (f.voltage === undefined || f.breaker === undefined) return undefined;
  const phases = f.phases ?? 1;
  const continuousRatio = f.continuousRatio ?? NEC_CONTINUOUS_RATIO;
  return { usableWatts: feedUsableWatts(f.voltage, f.breaker, phases, continuousRatio), breaker: { voltageVolts: f.voltage, amps: f.breaker, phases, continuousRatio } };
}

/**
 * Watts the feeds of a rack carry continuously when `lost` of its `feeds` are gone: the
 * feeds left × one feed's usable watts. A/B at 5,888 W each, one lost: 1 × 5,888 = 5,888 W.
 * With a single feed nothing is lost in normal operation: 1 × usable.
 */
export function feedsLeftWatts(circuit: FeedCircuit, feeds: number, lost: number): number {
  return Math.max(0, feeds - lost) * circuit.usableWatts;
}

/**
 * The most a rack's hosts may draw at maximum so that its feeds carry it with one feed lost:
 * (feeds − 1) × usable with two feeds or more, usable with one. Undefined without a circuit.
 */
export function feedLimitWatts(rack: Pick<Rack, 'powerFeeds' | 'feed'>): number | undefined {
  if (!rack.feed) return undefined;
  const feeds = rack.powerFeeds && rack.powerFeeds.length > 0 ? rack.powerFeeds.length : 2;
  return feedsLeftWatts(rack.feed, feeds, feeds >= 2 ? 1 : 0);
}

/** How a circuit reads: "230 V × 32 A × 0.8 = 5,888 W" or "7,400 W usable". */
export function circuitText(c: FeedCircuit): string {
  if (!c.breaker) return `${fmtNumber(Math.round(c.usableWatts))} W usable`;
  const b = c.breaker;
  return `${fmtNumber(b.voltageVolts)} V × ${fmtNumber(b.amps)} A${b.phases === 3 ? ' × √3' : ''} × ${fmtNumber(b.continuousRatio)} = ${fmtNumber(Math.round(c.usableWatts))} W`;
}

/**
 * `rack.feed_overloaded` (error) for each rack with a `feed:` circuit whose maximum draw
 * (Σ power.max of its hosts, purchased hosts from their delivery) exceeds what its feeds carry
 * with one of them lost: (feeds − 1) × usable, or the one feed itself when the rack has a
 * single feed. From the first month it does (0, or the delivery that tips it over). value =
 * maximum draw, limit = the feeds' usable watts, W. Hand-worked: 8 hosts × 800 W = 6,400 W on
 * A/B feeds of 230 V × 32 A × 0.8 = 5,888 W: 6,400 > 5,888, overloaded by 512 W.
 */
export function rackFeedFindings(elevations: readonly RackElevation[], racks: readonly Pick<Rack, 'name' | 'powerFeeds' | 'feed'>[]): Finding[] {
  const byName = new Map(racks.map((r) => [r.name, r]));
  const out: Finding[] = [];
  for (const e of elevations) {
    const rack = byName.get(e.name);
    const circuit = rack?.feed;
    if (!circuit) continue;
    const feeds = rack.powerFeeds && rack.powerFeeds.length > 0 ? rack.powerFeeds.length : 2;
    const limit = feedLimitWatts(rack) ?? Number.POSITIVE_INFINITY;
    const months = [...new Set(e.units.map((u) => u.inServiceMonthIndex))].sort((a, b) => a - b);
    const drawAt = (m: number): number => e.units.filter((u) => inServiceAt(u, m)).reduce((a, u) => a + (u.powerMaxWatts ?? 0), 0);
    const month = months.find((m) => drawAt(m) > limit);
    if (month === undefined) continue;
    const draw = drawAt(month);
    const unknown = e.units.filter((u) => inServiceAt(u, month) && u.powerMaxWatts === null).map((u) => u.host);
    const when = month === 0 ? 'with the hosts in service at the start' : `after the ${e.units.find((u) => u.inServiceMonthIndex === month)?.inServiceMonth ?? ''} delivery`;
    const what =
      feeds >= 2
        ? `losing one of its ${feeds} feeds leaves ${feeds - 1 === 1 ? `1 feed of ${circuitText(circuit)}` : `${feeds - 1} feeds of ${circuitText(circuit)} (${fmtNumber(Math.round(limit))} W)`}: the breaker trips and the rack loses power`
        : `its single feed carries ${circuitText(circuit)}: the breaker trips in normal operation`;
    out.push({
      code: 'rack.feed_overloaded',
      severity: 'error',
      subject: `rack ${e.name}`,
      message: `rack ${e.name} can draw ${unknown.length > 0 ? 'more than ' : ''}${fmtNumber(draw)} W at maximum ${when}; ${what} (${fmtNumber(Math.round(draw - limit))} W over)${unknown.length > 0 ? `; ${unknown.join(', ')} without power data not counted` : ''}`,
      ...(month === 0 ? {} : { month }),
      value: draw,
      limit: Math.round(limit),
      unit: 'W',
      source: FEED_SOURCE,
    });
  }
  return out;
}
