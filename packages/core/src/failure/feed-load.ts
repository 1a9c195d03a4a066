/**
 * Feeds as circuits in the failure analysis: when a feed is lost, the feeds a rack has left
 * must carry its whole maximum draw; where they cannot, the breaker trips and every host of
 * the rack loses power.
 */
import type { Rack, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import { feedsLeftWatts } from '../racks/feeds.js';
import { rackPowerFeeds } from './topology.js';

/** A rack whose remaining feeds cannot carry it when a feed is lost. */
export interface FeedTrip {
  rack: string;
  /** Σ power.max of the rack's hosts in service (those with power data), watts. */
  drawWatts: number;
  /** Feeds of the rack left, and what they carry continuously: feedsLeft × usable, watts. */
  feedsLeft: number;
  leftWatts: number;
  /** Hosts of the rack, host order: all of them lose power. */
  hosts: string[];
}

/**
 * For each feed some rack with a `feed:` circuit uses, the racks it trips when lost: a rack
 * trips when draw > (its feeds − 1) × usable (with one feed or fewer left: nothing to trip to;
 * a single-fed rack's hosts are lost with its feed anyway). Hand-worked: 8 hosts × 800 W =
 * 6,400 W on A/B feeds of 230 V × 32 A × 0.8 = 5,888 W; losing A leaves B: 6,400 > 5,888,
 * the rack trips. Source: racks/feeds.ts FEED_SOURCE (NEC 210.19(A)(1), 210.20(A)).
 */
export function feedTrips(scenario: Pick<Scenario, 'hardware'>, racks: readonly Rack[], hosts: readonly Host[]): Map<string, FeedTrip[]> {
  const out = new Map<string, FeedTrip[]>();
  if (!racks.some((r) => r.feed)) return out; // no circuit given: nothing can trip
  const byRack = new Map<string, Host[]>();
  for (const h of hosts) {
    const list = byRack.get(h.rack);
    if (list) list.push(h);
    else byRack.set(h.rack, [h]);
  }
  for (const rack of racks) {
    const circuit = rack.feed;
    const members = byRack.get(rack.name);
    if (!circuit || !members) continue;
    const feeds = [...new Set(rackPowerFeeds(rack))];
    if (feeds.length < 2) continue;
    const draw = members.reduce((a, h) => a + (Object.hasOwn(scenario.hardware, h.hardware) ? (scenario.hardware[h.hardware]!.power?.maxWatts ?? 0) : 0), 0);
    const left = feedsLeftWatts(circuit, feeds.length, 1);
    if (draw <= left) continue;
    for (const feed of feeds) {
      const trip: FeedTrip = { rack: rack.name, drawWatts: draw, feedsLeft: feeds.length - 1, leftWatts: left, hosts: members.map((h) => h.name) };
      const list = out.get(feed);
      if (list) list.push(trip);
      else out.set(feed, [trip]);
    }
  }
  return out;
}
