/**
 * Rack placement of purchased hosts, incremental: the rule of the purchase schedule, with the
 * per-rack state (rack units used, summed maximum draw, hosts per role) kept up to date so that
 * placing n hosts costs O(n log racks), not an expandHosts of the whole fleet per host.
 *
 * The rule (unchanged from the first schedule, procurement/schedule.ts):
 *   - with a `target` rack (a Ceph failure domain `rack`): that rack when it has the space and
 *     the power, else the first added rack holding no host of the role that has them;
 *   - else the candidate racks are those holding hosts of the role plus every rack added by
 *     procurement (all racks when none holds the role), fewest hosts of the role first, then
 *     rack order; the first with the space (heightRu - Σ heightRu of its hosts >= the host's
 *     heightRu) and the power (Σ maximum draw of its hosts + the host's <= powerBudgetWatts);
 *   - when none fits, a rack is added: the `procurement.newRack` template, else a copy of the
 *     scenario's last rack (height, power budget, zone; `<name>-tor-a/b` switches when the last
 *     rack names switches; the same power feeds). The reason is `power` when a candidate had
 *     the space, else `space`.
 * A host that does not fit even an empty new rack cannot be placed: place() returns the reason.
 * Source: headroom [model].
 */
import { feedLimitWatts } from '../racks/feeds.js';
import type { HardwareModel, Rack, Role, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import type { ProcurementRole } from '../model/procurement-rules.js';

export type PlaceResult = { rack: string; added?: { name: string; reason: 'space' | 'power' } } | { rack: null; reason: 'space' | 'power' };

interface RackState {
  rack: Rack;
  index: number;
  usedRu: number;
  powerMaxWatts: number;
  roleCount: Map<Role, number>;
  added: boolean;
}

/** A binary min-heap of racks keyed by (hosts of the role, rack order); exported for its tests. */
export class RackHeap<R extends { index: number }> {
  private items: { key: number; index: number; rack: R }[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): R | undefined {
    return this.items[0]?.rack;
  }
  private less(a: number, b: number): boolean {
    const x = this.items[a]!,
      y = this.items[b]!;
    return x.key < y.key || (x.key === y.key && x.index < y.index);
  }
  private swap(a: number, b: number): void {
    const t = this.items[a]!;
    this.items[a] = this.items[b]!;
    this.items[b] = t;
  }
  push(key: number, rack: R): void {
    this.items.push({ key, index: rack.index, rack });
    let i = this.items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): R | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last) {
      this.items[0] = last;
      this.siftDown();
    }
    return top?.rack;
  }
  /**
   * pop() then push(key, the popped rack) in one sift and no new item. The same racks come out
   * in the same order: (key, rack order) is a strict order (a rack is in a heap at most once), so
   * the smallest item of a set does not depend on the heap's layout.
   */
  replaceTop(key: number): void {
    const top = this.items[0];
    if (!top) return;
    top.key = key;
    this.siftDown();
  }
  private siftDown(): void {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1,
        r = l + 1;
      let m = i;
      if (l < this.items.length && this.less(l, m)) m = l;
      if (r < this.items.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
}

interface Candidates {
  heap: RackHeap<RackState>;
  discarded: RackState[];
  /**
   * discarded[0 .. noSpaceUpTo) have not the space for a host of the set's model: that stays so
   * while the set lives (rack units used only grow; a removed host clears the sets), so
   * `anyWithSpace` scans each discarded rack past it once, not once per rack added.
   */
  noSpaceUpTo: number;
  holdingEmpty: boolean;
}

/**
 * discarded.some(hasSpace), given that the first c.noSpaceUpTo discarded racks have no space
 * and keep none; advances c.noSpaceUpTo past the racks found without space.
 */
export function anyWithSpace<T>(c: { readonly discarded: readonly T[]; noSpaceUpTo: number }, hasSpace: (s: T) => boolean): boolean {
  const d = c.discarded;
  for (let i = c.noSpaceUpTo; i < d.length; i++) {
    if (hasSpace(d[i]!)) {
      c.noSpaceUpTo = i;
      return true;
    }
  }
  c.noSpaceUpTo = d.length;
  return false;
}

/** The racks of a fleet and what they hold, with the placement rule above. */
export class RackPlacer {
  private readonly states: RackState[] = [];
  private readonly byName = new Map<string, RackState>();
  private readonly candidates = new Map<string, Candidates>();
  /** Two racks have one name (byName then holds the last of them). */
  private sharedNames = false;
  private nextRackNumber = 1;
  /** Racks added by place(), in order, and why. */
  readonly added: { rack: Rack; reason: 'space' | 'power' }[] = [];

  constructor(
    private readonly scenario: Scenario,
    racks: readonly Rack[],
    hosts: readonly Host[] = [],
  ) {
    for (let i = 0; i < racks.length; i++) this.addRack(racks[i]!, false);
    for (let i = 0; i < hosts.length; i++) {
      const h = hosts[i]!;
      this.account(h.role, h.hardware, h.rack, 1);
    }
  }

  /**
   * A placer in the same state as this one, independent of it: what `new RackPlacer(scenario,
   * racks, hosts)` gives for the racks and hosts this one was made with, when nothing was
   * placed or accounted since (the curves and the schedule start from one fleet: its hosts are
   * counted once, not once per placer).
   */
  clone(): RackPlacer {
    const c = new RackPlacer(this.scenario, []);
    for (let i = 0; i < this.states.length; i++) {
      const st = this.states[i]!;
      const copy: RackState = { ...st, roleCount: new Map(st.roleCount) };
      c.states.push(copy);
      c.byName.set(st.rack.name, copy);
    }
    c.nextRackNumber = this.nextRackNumber;
    c.sharedNames = this.sharedNames;
    for (const a of this.added) c.added.push(a);
    return c;
  }

  /** The zone of a rack (undefined when it has none or is unknown). */
  zoneOf(rack: string): string | undefined {
    return this.byName.get(rack)?.rack.zone;
  }

  /** Every rack: the scenario's, then the added ones. */
  get racks(): Rack[] {
    return this.states.map((s) => s.rack);
  }

  /** How many racks there are (racks.length without copying them). */
  get rackCount(): number {
    return this.states.length;
  }

  /** The first n racks (racks.slice(0, n)). */
  racksUpTo(n: number): Rack[] {
    const out: Rack[] = [];
    for (let i = 0; i < Math.min(n, this.states.length); i++) out.push(this.states[i]!.rack);
    return out;
  }

  private addRack(rack: Rack, added: boolean): RackState {
    const st: RackState = { rack, index: this.states.length, usedRu: 0, powerMaxWatts: 0, roleCount: new Map(), added };
    if (this.byName.has(rack.name)) this.sharedNames = true;
    this.states.push(st);
    this.byName.set(rack.name, st);
    // an added rack is a candidate of every role; a rack of the scenario only once it holds the role
    for (const c of this.candidates.values()) if (added || c.holdingEmpty) c.heap.push(0, st);
    return st;
  }

  /** Adds (sign 1) or removes (sign -1, a retired host) a host's space, draw and role in its rack. */
  account(role: Role, hardware: string, rack: string, sign: 1 | -1): void {
    const st = this.byName.get(rack);
    if (!st) return; // unracked
    this.accountIn(st, role, this.scenario.hardware[hardware], sign);
  }

  /** account() in a rack's state, the host's model given (undefined: unknown, no space or draw). */
  private accountIn(st: RackState, role: Role, hw: HardwareModel | undefined, sign: 1 | -1): void {
    st.usedRu += sign * (hw?.heightRu ?? 0);
    st.powerMaxWatts += sign * (hw?.power?.maxWatts ?? 0);
    const n = (st.roleCount.get(role) ?? 0) + sign;
    st.roleCount.set(role, n);
    // a removed host frees space, and the first host of a role changes the candidate set: rebuild lazily
    if (sign < 0 || (n === 1 && !st.added)) {
      this.candidates.clear();
      this.clears += 1;
    }
  }
  /** How many times the candidate sets were dropped (a set fetched before is still the one in use while this is unchanged). */
  private clears = 0;

  /** Space, the power budget, and the feeds left after losing one (racks[].feed, racks/feeds.ts feedLimitWatts). */
  private fits(st: RackState, ru: number, maxW: number): boolean {
    const after = st.powerMaxWatts + maxW;
    const feed = feedLimitWatts(st.rack);
    return st.rack.heightRu - st.usedRu >= ru && (st.rack.powerBudgetWatts === undefined || after <= st.rack.powerBudgetWatts) && (feed === undefined || after <= feed);
  }

  /** The key of a role and model's candidate set (the last one kept: hosts come in runs of one model). */
  private keyOf(role: Role, hardware: string): string {
    if (role !== this.lastKey.role || hardware !== this.lastKey.hardware) this.lastKey = { role, hardware, key: `${role}\u0000${hardware}` };
    return this.lastKey.key;
  }
  private lastKey: { role: Role | null; hardware: string; key: string } = { role: null, hardware: '', key: '' };

  private candidatesFor(role: Role, hardware: string, ru: number, maxW: number): Candidates {
    const key = this.keyOf(role, hardware);
    let c = this.candidates.get(key);
    if (c) return c;
    const holding = this.states.filter((s) => (s.roleCount.get(role) ?? 0) > 0 || s.added);
    const pool = holding.length > 0 ? holding : this.states;
    c = { heap: new RackHeap<RackState>(), discarded: [], noSpaceUpTo: 0, holdingEmpty: holding.length === 0 };
    for (const s of pool) {
      if (this.fits(s, ru, maxW)) c.heap.push(s.roleCount.get(role) ?? 0, s);
      else c.discarded.push(s);
    }
    this.candidates.set(key, c);
    return c;
  }

  /** Places one host of `hardware` for `role` (see the module comment) and records it. */
  place(role: ProcurementRole, hardware: string, target?: string): PlaceResult {
    const hw = this.scenario.hardware[hardware];
    const ru = hw?.heightRu ?? 0;
    const maxW = hw?.power?.maxWatts ?? 0;
    let reason: 'space' | 'power';
    if (target !== undefined) {
      const t = this.byName.get(target);
      if (t && this.fits(t, ru, maxW)) return this.put(role, hw, t);
      const addedFit = this.states.find((s) => s.added && (s.roleCount.get(role) ?? 0) === 0 && this.fits(s, ru, maxW));
      if (addedFit) return this.put(role, hw, addedFit);
      reason = t && t.rack.heightRu - t.usedRu >= ru ? 'power' : 'space';
    } else {
      const c = this.candidatesFor(role, hardware, ru, maxW);
      for (let top = c.heap.peek(); top; top = c.heap.peek()) {
        if (this.fits(top, ru, maxW)) {
          const clears = this.clears;
          const placed = this.put(role, hw, top);
          // put() may have cleared the candidate sets (first host of the role: `c` is then dropped); else re-key this rack
          if (this.clears === clears) {
            if (this.fits(top, ru, maxW)) c.heap.replaceTop(top.roleCount.get(role) ?? 0);
            else c.discarded.push(c.heap.pop()!);
          }
          return placed;
        }
        c.discarded.push(c.heap.pop()!); // never fits again: space and draw only grow while placing
      }
      reason = anyWithSpace(c, (s: RackState): boolean => s.rack.heightRu - s.usedRu >= ru) ? 'power' : 'space';
    }
    const rack = this.newRack();
    const fresh: RackState = { rack, index: -1, usedRu: 0, powerMaxWatts: 0, roleCount: new Map(), added: true };
    if (!this.fits(fresh, ru, maxW)) return { rack: null, reason: rack.heightRu < ru ? 'space' : 'power' };
    const st = this.addRack(rack, true);
    this.added.push({ rack, reason });
    const placed = this.put(role, hw, st);
    return { rack: placed.rack, added: { name: rack.name, reason } };
  }

  private put(role: ProcurementRole, hw: HardwareModel | undefined, st: RackState): { rack: string } {
    // account(role, hardware, st.rack.name, 1): the rack of that name is st unless two racks share it (then the last one)
    const owner = this.sharedNames ? this.byName.get(st.rack.name) : st;
    if (owner) this.accountIn(owner, role, hw, 1);
    return { rack: st.rack.name };
  }

  /** The next rack to add (not yet added): newRack template or a copy of the scenario's last rack. */
  private newRack(): Rack {
    const template = this.scenario.procurement?.newRack;
    const last = this.scenario.racks[this.scenario.racks.length - 1];
    const prefix = template?.namePrefix ?? 'new-rack';
    while (this.byName.has(`${prefix}-${String(this.nextRackNumber).padStart(2, '0')}`)) this.nextRackNumber++;
    const name = `${prefix}-${String(this.nextRackNumber).padStart(2, '0')}`;
    const rack: Rack = { name, heightRu: template?.heightRu ?? last?.heightRu ?? 42 };
    const budget = template ? template.powerBudgetWatts : last?.powerBudgetWatts;
    if (budget !== undefined) rack.powerBudgetWatts = budget;
    const zone = template ? template.zone : last?.zone;
    if (zone !== undefined) rack.zone = zone;
    if (last?.switches) rack.switches = [`${name}-tor-a`, `${name}-tor-b`];
    if (last?.powerFeeds) rack.powerFeeds = [...last.powerFeeds];
    if (last?.feed) rack.feed = { ...last.feed };
    return rack;
  }
}
