/**
 * The two recoveries headroom times: the fullest OSD lost, and the fullest host lost, at the
 * month with the most data.
 */
import type { CephRecoverySettings } from '../model/scenario.js';
import type { CephRecoveryCase } from '../model/ceph-plan.js';
import type { CrushTree } from './crush.js';
import { osdRecoveryBytesPerSecond, recoveryTiming, type RecoveryWork } from './recovery.js';
import type { RuleView } from './rule-view.js';

/** A pool as the recovery needs it. */
export interface RecoveryPool {
  ruleIndex: number;
  copies: number;
  /** k of an erasure pool (its network amplification); null for replicated pools. */
  k: number | null;
  rawUsedBytes: number;
}

export interface RecoveryInput {
  tree: CrushTree;
  views: readonly RuleView[];
  pools: readonly RecoveryPool[];
  /** Bytes on each OSD at the month of the recovery. */
  used: readonly number[];
  pgReplicasPerOsd: readonly number[];
  settings: CephRecoverySettings;
  /** Replication network bandwidth of a host, bits per second; null when unknown. */
  bandwidth: (host: string) => number | null;
  /** Share of an OSD's mClock bandwidth recovery takes (CEPH_DEFAULTS.mclockRecoveryShare). */
  recoveryShare?: number;
}

/** Σ of the mClock recovery bandwidth of some OSDs (rotational, kind hdd: 150 MiB/s; ssd, nvme: 1200 MiB/s; x the recovery share). */
function diskBandwidthOf(input: RecoveryInput, osdIndices: readonly number[]): number {
  // one figure per disk kind, added OSD by OSD in order
  const byKind = new Map<string, number>();
  let sum = 0;
  for (const i of osdIndices) {
    const kind = input.tree.osds[i]!.kind;
    let b = byKind.get(kind);
    if (b === undefined) {
      b = osdRecoveryBytesPerSecond(kind, input.recoveryShare);
      byKind.set(kind, b);
    }
    sum += b;
  }
  return sum;
}

/** The distinct OSD indices of some rules' OSD lists, in first-appearance order, less those `drop` says (what [...new Set(lists.flat())].filter(keep) gives, without a Set of every OSD). */
function unionOf(count: number, lists: readonly (readonly number[])[], drop: (i: number) => boolean): number[] {
  const seen = new Uint8Array(count);
  const out: number[] = [];
  for (const list of lists)
    for (const i of list) {
      if (seen[i] === 1) continue;
      seen[i] = 1;
      if (!drop(i)) out.push(i);
    }
  return out;
}

const argmax = (xs: readonly number[]): number => xs.reduce((best, x, i) => (x > xs[best]! ? i : best), 0);

/** Sum of the replication bandwidth of the hosts of some OSDs; null when any is unknown. */
function bandwidthOf(input: RecoveryInput, osdIndices: readonly number[]): number | null {
  // the hosts in first-appearance order (a host's OSDs are consecutive: one Set probe per run)
  const hosts = new Set<string>();
  let last: string | undefined;
  for (const i of osdIndices) {
    const host = input.tree.osds[i]!.host;
    if (host === last) continue;
    last = host;
    hosts.add(host);
  }
  let sum = 0;
  for (const host of hosts) {
    const b = input.bandwidth(host);
    if (b === null) return null;
    sum += b;
  }
  return sum;
}

/** Network bytes per byte re-created: raw-weighted mean of 1 (replicated) and k (erasure). */
function amplification(pools: readonly RecoveryPool[]): number {
  const raw = pools.reduce((s, p) => s + p.rawUsedBytes, 0);
  return raw > 0 ? pools.reduce((s, p) => s + p.rawUsedBytes * (p.k ?? 1), 0) / raw : 1;
}

function makeCase(base: Pick<CephRecoveryCase, 'failure' | 'subject' | 'reprotectable' | 'note'>, work: RecoveryWork, settings: CephRecoverySettings): CephRecoveryCase {
  const timing = recoveryTiming(work, settings);
  // No re-protection possible, or no throughput at all: it never completes.
  return {
    ...base,
    ...work,
    diskBandwidthBytesPerSecond: work.diskBandwidthBytesPerSecond ?? null,
    ...timing,
    totalSeconds: base.reprotectable && timing.rateBytesPerSecond > 0 ? timing.totalSeconds : null,
  };
}

/**
 * Recovery cases [model] (timed by recoveryTiming):
 * - one OSD, the fullest: its bytes are re-created on other OSDs. When a pool on it has no
 *   more failure domains than copies, every domain already holds a copy, so the other OSDs
 *   of its own domain receive everything (bandwidth: that domain's hosts); otherwise every
 *   other OSD of its rules can (bandwidth: their hosts).
 * - one host, the fullest: its bytes go to the other hosts' OSDs; impossible when a pool on
 *   it would be left with fewer domains than copies (its PGs stay degraded until the host
 *   returns). A host is marked out automatically: mon_osd_down_out_subtree_limit is rack.
 * PGs to backfill: the PG replicas on the failed OSDs. Disk work (mClock, recovery.ts): the
 * receiving OSDs' osd_mclock_max_sequential_bandwidth of their class x the recovery share.
 * `options.hostCase` false: the OSD case only.
 */
export function recoveryCases(input: RecoveryInput, options: { hostCase?: boolean } = {}): CephRecoveryCase[] {
  const { tree, views } = input;
  if (tree.osds.length === 0) return [];
  const cases: CephRecoveryCase[] = [];

  const osd = argmax(input.used);
  const o = tree.osds[osd]!;
  const osdViews = views.flatMap((v, r) => (v.osdIndices.includes(osd) ? [r] : []));
  const osdPools = input.pools.filter((p) => osdViews.includes(p.ruleIndex));
  const confined = osdPools.find((p) => views[p.ruleIndex]!.domains.length <= p.copies);
  let targets: number[];
  let note: string;
  if (confined) {
    const v = views[confined.ruleIndex]!;
    const domain = v.domains.find((d) => d.hosts.includes(o.host));
    const inDomain = new Set(domain?.hosts ?? []);
    targets = v.osdIndices.filter((i) => i !== osd && inDomain.has(tree.osds[i]!.host));
    note = `every ${v.rule.failureDomain} already holds a copy of its PGs: the other OSDs of ${domain?.name ?? o.host} take all of it`;
  } else {
    targets = unionOf(
      tree.osds.length,
      osdViews.map((r) => views[r]!.osdIndices),
      (i) => i === osd,
    );
    note = 'spread over the other OSDs of its rules';
  }
  cases.push(
    makeCase(
      {
        failure: 'osd',
        subject: `osd.${o.id} (${o.host})`,
        reprotectable: targets.length > 0,
        note: targets.length > 0 ? note : 'the only OSD of its failure domain: nowhere to re-create its copies',
      },
      {
        dataBytes: input.used[osd]!,
        networkAmplification: amplification(osdPools),
        pgCount: Math.max(1, Math.round(input.pgReplicasPerOsd[osd] ?? 0)),
        targetOsdCount: targets.length,
        networkBitsPerSecond: bandwidthOf(input, targets),
        diskBandwidthBytesPerSecond: diskBandwidthOf(input, targets),
      },
      input.settings,
    ),
  );

  if (options.hostCase === false) return cases;
  const hostUsed = tree.hosts.map((h) => h.osds.reduce((s, x) => s + input.used[x.id]!, 0));
  const host = tree.hosts[argmax(hostUsed)]!;
  const onHost = new Set(host.osds.map((x) => x.id));
  const hostViews = views.flatMap((v, r) => (v.osdIndices.some((i) => onHost.has(tree.osds[i]!.id)) ? [r] : []));
  const hostPools = input.pools.filter((p) => hostViews.includes(p.ruleIndex));
  const stuck = hostPools.find((p) => {
    const v = views[p.ruleIndex]!;
    const left = v.domains.filter((d) => d.hosts.some((h) => h !== host.name)).length;
    return left < p.copies;
  });
  const hostTargets = unionOf(
    tree.osds.length,
    hostViews.map((r) => views[r]!.osdIndices),
    (i) => onHost.has(tree.osds[i]!.id),
  );
  cases.push(
    makeCase(
      {
        failure: 'host',
        subject: host.name,
        reprotectable: !stuck && hostTargets.length > 0,
        note: stuck
          ? `${views[stuck.ruleIndex]!.domains.length} failure domains for ${stuck.copies} copies or shards: the other domains already hold them, so the PGs stay degraded (serving I/O while min_size copies are up) until the host returns`
          : 'marked out automatically (a host is below mon_osd_down_out_subtree_limit, rack); re-created on the other hosts',
      },
      {
        dataBytes: hostUsed[tree.hosts.indexOf(host)]!,
        networkAmplification: amplification(hostPools),
        pgCount: Math.max(1, Math.round(host.osds.reduce((s, x) => s + (input.pgReplicasPerOsd[x.id] ?? 0), 0))),
        targetOsdCount: hostTargets.length,
        networkBitsPerSecond: bandwidthOf(input, hostTargets),
        diskBandwidthBytesPerSecond: diskBandwidthOf(input, hostTargets),
      },
      input.settings,
    ),
  );
  return cases;
}
