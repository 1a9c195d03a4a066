/**
 * RackPlacer accounts a placed host in the rack state it chose (no lookup by name unless two
 * racks share a name), reads the host's model once, and tells a dropped candidate set by a
 * counter: it must place as the former code (below, but for its name) on random racks (some
 * sharing a name), hosts, places and retirements. The former code here already used
 * RackHeap.replaceTop and anyWithSpace (with noSpaceUpTo), which placement-space.test.ts checks
 * against a pop then a push and a scan of every discarded rack.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { ProcurementRole } from '../model/procurement-rules.js';
import type { Rack, Role, Scenario } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { feedLimitWatts } from '../racks/feeds.js';
import { anyWithSpace, type PlaceResult, RackHeap, RackPlacer } from './placement.js';

interface RackState {
  rack: Rack;
  index: number;
  usedRu: number;
  powerMaxWatts: number;
  roleCount: Map<Role, number>;
  added: boolean;
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

/** The racks of a fleet and what they hold, with the placement rule above. */
class RackPlacerPlain {
  private readonly states: RackState[] = [];
  private readonly byName = new Map<string, RackState>();
  private readonly candidates = new Map<string, Candidates>();
  private nextRackNumber = 1;
  /** Racks added by place(), in order, and why. */
  readonly added: { rack: Rack; reason: 'space' | 'power' }[] = [];

  constructor(
    private readonly scenario: Scenario,
    racks: readonly Rack[],
    hosts: readonly Host[] = [],
  ) {
    for (const r of racks) this.addRack(r, false);
    for (const h of hosts) this.account(h.role, h.hardware, h.rack, 1);
  }

  /**
   * A placer in the same state as this one, independent of it: what `new RackPlacer(scenario,
   * racks, hosts)` gives for the racks and hosts this one was made with, when nothing was
   * placed or accounted since (the curves and the schedule start from one fleet: its hosts are
   * counted once, not once per placer).
   */
  clone(): RackPlacerPlain {
    const c = new RackPlacerPlain(this.scenario, []);
    for (const st of this.states) {
      const copy: RackState = { ...st, roleCount: new Map(st.roleCount) };
      c.states.push(copy);
      c.byName.set(st.rack.name, copy);
    }
    c.nextRackNumber = this.nextRackNumber;
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
    const hw = this.scenario.hardware[hardware];
    st.usedRu += sign * (hw?.heightRu ?? 0);
    st.powerMaxWatts += sign * (hw?.power?.maxWatts ?? 0);
    st.roleCount.set(role, (st.roleCount.get(role) ?? 0) + sign);
    // a removed host frees space, and the first host of a role changes the candidate set: rebuild lazily
    if (sign < 0 || (st.roleCount.get(role) === 1 && !st.added)) this.candidates.clear();
  }

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
    const hasSpace = (s: RackState): boolean => s.rack.heightRu - s.usedRu >= ru;
    let reason: 'space' | 'power';
    if (target !== undefined) {
      const t = this.byName.get(target);
      if (t && this.fits(t, ru, maxW)) return this.put(role, hardware, t);
      const addedFit = this.states.find((s) => s.added && (s.roleCount.get(role) ?? 0) === 0 && this.fits(s, ru, maxW));
      if (addedFit) return this.put(role, hardware, addedFit);
      reason = t && hasSpace(t) ? 'power' : 'space';
    } else {
      const c = this.candidatesFor(role, hardware, ru, maxW);
      for (let top = c.heap.peek(); top; top = c.heap.peek()) {
        if (this.fits(top, ru, maxW)) {
          const placed = this.put(role, hardware, top);
          // put() may have cleared the candidate sets (first host of the role: `c` is then dropped); else re-key this rack
          if (this.candidates.get(this.keyOf(role, hardware)) === c) {
            if (this.fits(top, ru, maxW)) c.heap.replaceTop(top.roleCount.get(role) ?? 0);
            else c.discarded.push(c.heap.pop()!);
          }
          return placed;
        }
        c.discarded.push(c.heap.pop()!); // never fits again: space and draw only grow while placing
      }
      reason = anyWithSpace(c, hasSpace) ? 'power' : 'space';
    }
    const rack = this.newRack();
    const fresh: RackState = { rack, index: -1, usedRu: 0, powerMaxWatts: 0, roleCount: new Map(), added: true };
    if (!this.fits(fresh, ru, maxW)) return { rack: null, reason: rack.heightRu < ru ? 'space' : 'power' };
    const st = this.addRack(rack, true);
    this.added.push({ rack, reason });
    const placed = this.put(role, hardware, st);
    return { rack: placed.rack, added: { name: rack.name, reason } };
  }

  private put(role: ProcurementRole, hardware: string, st: RackState): { rack: string } {
    this.account(role, hardware, st.rack.name, 1);
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

describe('RackPlacer accounting', () => {
  it('places and accounts as the former code: racks sharing names, retirements, targets, added racks', () => {
    const b = makeScenario();
    const hardware = ['cmp-r760', 'sto-r760xd2', 'small-r250', 'unknown'];
    const roles = ['compute', 'storage', 'compute', 'storage'] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.integer({ min: 0, max: 4 }),
            heightRu: fc.integer({ min: 2, max: 12 }),
            budget: fc.option(fc.integer({ min: 500, max: 4000 }), { nil: undefined }),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.array(fc.record({ hw: fc.integer({ min: 0, max: 3 }), rack: fc.integer({ min: 0, max: 5 }) }), { maxLength: 8 }),
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('place' as const), hw: fc.integer({ min: 0, max: 3 }), target: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) }),
            fc.record({ op: fc.constant('retire' as const), host: fc.nat(7) }),
          ),
          { maxLength: 60 },
        ),
        (rackSpec, hostSpec, ops) => {
          // rack names drawn from r0..r4: two racks may share one
          const racks: Rack[] = rackSpec.map((r) => ({ name: `r${r.name}`, heightRu: r.heightRu, ...(r.budget !== undefined ? { powerBudgetWatts: r.budget } : {}) }));
          const s: Scenario = { ...b, racks };
          const hosts: Host[] = hostSpec.map((h, i) => ({ name: `h${i}`, role: roles[h.hw]!, hardware: hardware[h.hw]!, rack: `r${h.rack}` }));
          const fast = new RackPlacer(s, racks, hosts).clone();
          const plain = new RackPlacerPlain(s, racks, hosts).clone();
          const run = (p: {
            place: (role: ProcurementRole, hardware: string, target?: string) => PlaceResult;
            account: (role: Role, hardware: string, rack: string, sign: 1 | -1) => void;
          }) =>
            ops.map((x) => {
              if (x.op === 'place') return p.place(roles[x.hw]!, hardware[x.hw]!, x.target === undefined ? undefined : `r${x.target}`);
              const h = hosts[x.host];
              if (h) p.account(h.role, h.hardware, h.rack, -1);
              return null;
            });
          expect(run(fast)).toEqual(run(plain));
          expect(fast.racks).toEqual(plain.racks);
          expect(fast.added).toEqual(plain.added);
        },
      ),
      { numRuns: 300 },
    );
  });
});
