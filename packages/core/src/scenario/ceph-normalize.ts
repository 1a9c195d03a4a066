/**
 * normalize, Ceph section: zod's output of `ceph:` -> the normalized CephPolicy, with the
 * CRUSH rules resolved (declared ones, then those the pools imply), every pool's rule and
 * share set, and every default filled in (see storage/defaults.ts for their sources).
 */
import type { CephPolicy, CephPool, CephRule, HardwareModel } from '../model/scenario.js';
import type { ScenarioFileOutput } from '../model/schema.js';
import { CEPH_DEFAULTS } from '../storage/defaults.js';
import { MIN_ALLOC_DEFAULTS } from '../storage/allocation.js';
import { AFR_DEFAULTS } from '../storage/durability.js';
import { impliedRuleName, resolveRules, resolveShares, subtreeKey } from '../storage/settings.js';
import { defaultMinSize } from './normalize.js';

type CephFile = ScenarioFileOutput['ceph'];

/** Copies each disk's `deviceClass` and `crushWeight` (when given) onto the normalized hardware, disk by disk (inventory entries without a `disks:` override have none). */
export function applyDeviceClasses(hardware: Record<string, HardwareModel>, file: ScenarioFileOutput['hardware']): void {
  for (const [name, h] of Object.entries(file)) {
    (h.disks ?? []).forEach((d, i) => {
      const disk = hardware[name]?.disks[i];
      if (disk && d.deviceClass !== undefined) disk.deviceClass = d.deviceClass;
      if (disk && d.crushWeight !== undefined) disk.crushWeight = d.crushWeight;
    });
  }
}

/**
 * Normalizes `ceph:`. Rules: declared rules take their failure domain from
 * `ceph.failureDomain` when they give none. Shares: pools without a share split what is
 * left of the raw capacity of their rule's OSDs (same device class) evenly.
 */
export function normalizeCeph(f: CephFile): CephPolicy {
  const declared: CephRule[] = f.rules.map((r) => {
    const rule: CephRule = { name: r.name, type: r.type, failureDomain: r.failureDomain ?? f.failureDomain };
    if (r.deviceClass !== undefined) rule.deviceClass = r.deviceClass;
    return rule;
  });
  const rules = resolveRules(declared, f.pools, f.failureDomain);
  const ruleNamed = new Map(rules.map((r) => [r.name, r]));
  const ruleName = (p: CephFile['pools'][number]): string => p.rule ?? impliedRuleName(p);
  const shares = resolveShares(f.pools, (p) => subtreeKey(ruleNamed.get(ruleName(p))));
  const pools: CephPool[] = f.pools.map((p, i) => {
    const rest = {
      minSize: p.minSize ?? defaultMinSize(p),
      share: shares[i] ?? 0,
      rule: ruleName(p),
      bulk: p.bulk,
      ...(p.application !== undefined ? { application: p.application } : {}),
      ...(p.maxBytes === undefined ? {} : { maxBytes: p.maxBytes }),
      ...(p.averageObjectSize === undefined ? {} : { averageObjectBytes: p.averageObjectSize }),
    };
    return p.type === 'replicated'
      ? { name: p.name, type: 'replicated', size: p.size, ...rest }
      : { name: p.name, type: 'erasure', k: p.k, m: p.m, ...rest, ...(p.allowEcOverwrites !== undefined ? { allowEcOverwrites: p.allowEcOverwrites } : {}) };
  });
  const recovery = f.recovery;
  return {
    failureDomain: f.failureDomain,
    ratios: { ...f.ratios },
    pools,
    rules,
    fill: { osds: f.fill.osds.map((o) => ({ osd: o.osd, utilisation: o.utilisation })) },
    osdMemoryTargetBytes: f.osdMemoryTarget ?? CEPH_DEFAULTS.osdMemoryTargetBytes,
    hostMemoryBytes: f.hostMemory ?? CEPH_DEFAULTS.hostMemoryBytes,
    cpuThreadsPerOsd: { ...f.cpuThreadsPerOsd },
    pgs: { ...f.pgs },
    recovery: {
      backfillBytesPerSecond: recovery.backfillThroughput ?? CEPH_DEFAULTS.backfillBytesPerSecond,
      maxBackfills: recovery.maxBackfills,
      downOutIntervalSeconds: recovery.downOutIntervalSeconds,
      detectionSeconds: recovery.detectionSeconds,
    },
    bluestoreMinAllocBytes: {
      hdd: f.bluestoreMinAllocSize.hdd ?? MIN_ALLOC_DEFAULTS.hdd,
      ssd: f.bluestoreMinAllocSize.ssd ?? MIN_ALLOC_DEFAULTS.ssd,
      nvme: f.bluestoreMinAllocSize.nvme ?? MIN_ALLOC_DEFAULTS.nvme,
    },
    durability: { afr: { ...AFR_DEFAULTS, ...f.durability.afr } },
  };
}
