/**
 * The racks purchases add that an epoch's hosts stand in (planEpochs' view of the racks),
 * carried from epoch to epoch: an epoch of a growing fleet holds the previous epoch's hosts
 * (the same Host objects, first) and a few more, so only the new hosts are read.
 */
import type { Host } from '../model/plan.js';
import type { Rack } from '../model/scenario.js';

/** The added racks in use per epoch (`of`), one instance per planEpochs call; the answer is addedRacksInUse's with or without the carry. */
export class AddedRacksInUse {
  private readonly wanted: Set<string>;
  private lastHosts: readonly Host[] = [];
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
    const { wanted } = this;
    const last = this.lastHosts;
    let from = last.length <= hosts.length ? last.length : 0;
    for (let i = 0; i < from; i++) {
      if (last[i] !== hosts[i]) {
        from = 0;
        break;
      }
    }
    const present = from === 0 ? new Set<string>() : new Set(this.present);
    for (let i = from; i < hosts.length && present.size < wanted.size; i++) if (wanted.has(hosts[i]!.rack)) present.add(hosts[i]!.rack);
    this.lastHosts = hosts;
    this.present = present; // not changed after: the next call copies it
    return present;
  }
}
