/**
 * The racks purchases add that an epoch's hosts stand in (planEpochs' view of the racks),
 * carried from epoch to epoch: an epoch of a growing fleet holds the previous epoch's hosts
 * (the same Host objects, first) and a few more, so only the new hosts are read.
 */
import type { Host } from '../model/plan.js';
import type { Rack } from '../model/scenario.js';
import { commonPrefix } from '../fleet/prefix.js';

/** The added racks in use per epoch (`of`), one instance per planEpochs call; the answer is addedRacksInUse's with or without the carry. */
export class AddedRacksInUse {
  private readonly wanted: Set<string>;
  // null before the first call (an empty literal's elements kind differs from a host list's)
  private lastHosts: readonly Host[] | null = null;
  private present = new Set<string>();

  /** `racks`: the timeline's racks; those after the first `initial` are the added ones. */
  constructor(initial: number, racks: readonly Rack[]) {
    this.wanted = new Set(racks.slice(initial).map((r) => r.name));
  }

  /**
   * epochs.ts addedRacksInUse(initial, racks, hosts): the names of the added racks some host of
   * `hosts` stands in (a Set no later call changes). O(previous hosts) pointer comparisons when
   * `hosts` begins with the previous call's hosts, then O(the new hosts); else O(hosts).
   */
  of(hosts: readonly Host[]): Set<string> {
    const last = this.lastHosts;
    // the last call's hosts all begin `hosts`, else every host is read
    const from = last !== null && last.length <= hosts.length && commonPrefix(last, hosts) === last.length ? last.length : 0;
    const present = from === 0 ? new Set<string>() : new Set(this.present);
    if (this.wanted.size > 0) racksFrom(hosts, from, this.wanted, present);
    this.lastHosts = hosts;
    this.present = present; // not changed after: the next call copies it
    return present;
  }
}

/** Adds to `present` the racks of `wanted` that hosts[from..] stand in, stopping once every one is. */
function racksFrom(hosts: readonly Host[], from: number, wanted: ReadonlySet<string>, present: Set<string>): void {
  for (let i = from; i < hosts.length && present.size < wanted.size; i++) {
    const rack = hosts[i]!.rack;
    if (wanted.has(rack)) present.add(rack);
  }
}
