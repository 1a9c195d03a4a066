/**
 * Durability of every pool of a Ceph plan: each pool's recovery window T from the recovery
 * model (the fullest OSD under its rule), its pg_num, the AFR of its device classes, then
 * poolDurability (durability.ts).
 */
import type { CephPoolDurability } from '../model/durability.js';
import type { CephRecoveryCase } from '../model/ceph-plan.js';
import type { CephPolicy, CephRecoverySettings, Rack } from '../model/scenario.js';
import type { CrushOsd, CrushTree } from './crush.js';
import { CEPH_DEFAULTS } from './defaults.js';
import { AFR_DEFAULTS, AFR_SOURCES, type DurabilityView, durabilityView, hostRacks, poolDurability } from './durability.js';
import { osdRecoveryCase, type RecoveryIndex, type RecoveryPool, recoveryIndex } from './recovery-cases.js';
import type { RuleView } from './rule-view.js';

/** A pool as the durability needs it. */
export interface DurabilityPool {
  name: string;
  rule: string;
  ruleIndex: number;
  width: number;
  tolerated: number;
  minSize: number;
  k: number | null;
  pgNum: number | null;
  storedBytes: number;
  rawUsedBytes: number;
}

export interface DurabilityPlanInput {
  tree: CrushTree;
  views: readonly RuleView[];
  racks: readonly Rack[];
  pools: readonly DurabilityPool[];
  /** Bytes on each OSD at the month the recovery is timed at. */
  used: readonly number[];
  pgReplicasPerOsd: readonly number[];
  settings: CephRecoverySettings;
  bandwidth: (host: string) => number | null;
  targetPgPerOsd: number;
  durability: CephPolicy['durability'];
  /** recovery-cases.ts recoveryIndex(tree), when the caller has it. */
  index?: RecoveryIndex;
  /**
   * An OSD case recovery-cases.ts already timed on these inputs (recoveryCases' first case), with
   * the OSD, its bytes and the pools it was timed with: a rule whose fullest OSD is that one with
   * the same bytes, timed with the same pools, takes it instead of timing it again (the same figures).
   */
  known?: { osd: number; dataBytes: number; pools: readonly RecoveryPool[]; osdCase: CephRecoveryCase };
  /** crush.ts uniformHosts(tree) when the tree is regular and the views are ruleView's of it (durability.ts durabilityView). */
  uniform?: readonly (CrushOsd | null)[];
  /** durability.ts durabilityView(tree, views[ruleIndex], racks, hostRack, uniform), when the caller keeps it (ceph-plan.ts CephCarry). */
  durabilityView?: (ruleIndex: number, view: RuleView) => DurabilityView;
}

/** The AFR table: the scenario's (normalize fills the defaults), else the defaults; sources for the defaults only. */
function afrTable(d: CephPolicy['durability']): { afr: Record<string, number>; sources: Record<string, string> } {
  const afr: Record<string, number> = { ...AFR_DEFAULTS, ...(d?.afr ?? {}) };
  const sources: Record<string, string> = {};
  for (const [key, value] of Object.entries(afr)) {
    const def = (AFR_DEFAULTS as Record<string, number>)[key];
    sources[key] = def === value ? (AFR_SOURCES as Record<string, string>)[key]! : `ceph.durability.afr.${key} (the scenario)`;
  }
  return { afr, sources };
}

/**
 * Every pool's durability (pools without a rule view are left out). T per pool: the recovery
 * model's OSD case (recovery-cases.ts) run on the OSDs of the pool's rule only, so it times the
 * fullest of them: detection + mon_osd_down_out_interval + its data / the slowest of backfills,
 * disks and network.
 */
export function planDurability(input: DurabilityPlanInput): CephPoolDurability[] {
  const { afr, sources } = afrTable(input.durability);
  const recoveryPools: RecoveryPool[] = input.pools.map((p) => ({ ruleIndex: p.ruleIndex, copies: p.width, k: p.k, rawUsedBytes: p.rawUsedBytes }));
  const recovery = {
    tree: input.tree,
    views: input.views,
    pools: recoveryPools,
    used: input.used,
    pgReplicasPerOsd: input.pgReplicasPerOsd,
    settings: input.settings,
    bandwidth: input.bandwidth,
    recoveryShare: CEPH_DEFAULTS.mclockRecoveryShare,
    index: input.index ?? recoveryIndex(input.tree),
    // a regular tree and ruleView's views: the OSD case host by host
    ...(input.uniform ? { uniform: input.uniform, regular: true } : {}),
  };
  const byRule = new Map<number, { seconds: number | null; subject: string; dv: DurabilityView }>();
  let hostRack: ReadonlyMap<string, string> | undefined; // hostRacks(tree), made once when a view needs it
  const out: CephPoolDurability[] = [];
  for (const p of input.pools) {
    const view = input.views[p.ruleIndex];
    if (!view || view.osds.length === 0) continue;
    let rec = byRule.get(p.ruleIndex);
    if (!rec) {
      // The fullest OSD under the rule: the argmax of `used` with the OSDs outside the rule at -1
      // (they never win the fullest-OSD pick), the first on a tie.
      const { osd, bytes } = fullestOf(input.used, view.osdIndices);
      const known = input.known;
      const osdCase =
        input.tree.osds.length === 0
          ? undefined
          : known !== undefined && known.osd === osd && Object.is(known.dataBytes, bytes) && samePools(known.pools, recoveryPools)
            ? known.osdCase
            : osdRecoveryCase(recovery, osd, bytes);
      let dv: DurabilityView;
      if (input.durabilityView) dv = input.durabilityView(p.ruleIndex, view);
      else {
        hostRack ??= hostRacks(input.tree);
        dv = durabilityView(input.tree, view, input.racks, hostRack, input.uniform);
      }
      rec = { seconds: osdCase?.totalSeconds ?? null, subject: osdCase?.subject ?? '', dv };
      byRule.set(p.ruleIndex, rec);
    }
    out.push(
      poolDurability(
        input.tree,
        view,
        input.racks,
        {
          pool: p.name,
          rule: p.rule,
          width: p.width,
          tolerated: p.tolerated,
          minSize: p.minSize,
          pgNum: p.pgNum,
          targetPgPerOsd: input.targetPgPerOsd,
          storedBytes: p.storedBytes,
          recoverySeconds: rec.seconds,
          recoverySubject: rec.subject,
          afr,
          afrSources: sources,
        },
        rec.dv,
      ),
    );
  }
  return out;
}

/** True when two pool lists time a recovery alike: the same rules, copies, k and raw bytes (Object.is), in order. */
function samePools(a: readonly RecoveryPool[], b: readonly RecoveryPool[]): boolean {
  return (
    a.length === b.length && a.every((p, i) => p.ruleIndex === b[i]!.ruleIndex && p.copies === b[i]!.copies && p.k === b[i]!.k && Object.is(p.rawUsedBytes, b[i]!.rawUsedBytes))
  );
}

/** 1 at each index of `list` within 0 .. n - 1, 0 elsewhere. */
function markedIn(n: number, list: readonly number[]): Uint8Array {
  const mark = new Uint8Array(n);
  for (let j = 0; j < list.length; j++) {
    const i = list[j]!;
    if (i >= 0 && i < n) mark[i] = 1;
  }
  return mark;
}

/**
 * argmax over i of (i in `inRule` ? used[i] : -1), the first index on a tie (what
 * recovery-cases.ts argmax gives on that array), without building it; `bytes` is that value.
 */
export function fullestOf(used: readonly number[], inRule: readonly number[]): { osd: number; bytes: number } {
  const n = used.length;
  // (the marking loop in its own function: compiled on its own, it leaves no unvisited code after
  // it in this one's compiled loop — the argmax below then ran interpreted after each call's bail-out)
  const mark = markedIn(n, inRule);
  let osd = 0;
  let bytes = n > 0 ? (mark[0] === 1 ? used[0]! : -1) : (undefined as unknown as number);
  for (let i = 1; i < n; i++) {
    const x = mark[i] === 1 ? used[i]! : -1;
    if (x > bytes) {
      osd = i;
      bytes = x;
    }
  }
  return { osd, bytes };
}
