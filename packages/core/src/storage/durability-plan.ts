/**
 * Durability of every pool of a Ceph plan: each pool's recovery window T from the recovery
 * model (the fullest OSD under its rule), its pg_num, the AFR of its device classes, then
 * poolDurability (durability.ts).
 */
import type { CephPoolDurability } from '../model/durability.js';
import type { CephPolicy, CephRecoverySettings, Rack } from '../model/scenario.js';
import type { CrushTree } from './crush.js';
import { CEPH_DEFAULTS } from './defaults.js';
import { AFR_DEFAULTS, AFR_SOURCES, poolDurability } from './durability.js';
import { type RecoveryPool, recoveryCases } from './recovery-cases.js';
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
  const byRule = new Map<number, { seconds: number | null; subject: string }>();
  const out: CephPoolDurability[] = [];
  for (const p of input.pools) {
    const view = input.views[p.ruleIndex];
    if (!view || view.osds.length === 0) continue;
    let rec = byRule.get(p.ruleIndex);
    if (!rec) {
      const inView = new Set(view.osdIndices);
      // OSDs outside the rule never win the fullest-OSD pick.
      const used = input.used.map((u, i) => (inView.has(i) ? u : -1));
      const osdCase = recoveryCases(
        {
          tree: input.tree,
          views: input.views,
          pools: recoveryPools,
          used,
          pgReplicasPerOsd: input.pgReplicasPerOsd,
          settings: input.settings,
          bandwidth: input.bandwidth,
          recoveryShare: CEPH_DEFAULTS.mclockRecoveryShare,
        },
        { hostCase: false },
      )[0];
      rec = { seconds: osdCase?.totalSeconds ?? null, subject: osdCase?.subject ?? '' };
      byRule.set(p.ruleIndex, rec);
    }
    out.push(
      poolDurability(input.tree, view, input.racks, {
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
      }),
    );
  }
  return out;
}
