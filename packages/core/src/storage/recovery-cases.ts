/**
 * The two recoveries headroom times: the fullest OSD lost, and the fullest host lost, at the
 * month with the most data.
 */
import type { CephRecoverySettings } from '../model/scenario.js';
import type { CephRecoveryCase } from '../model/ceph-plan.js';
import type { CrushHost, CrushOsd, CrushTree } from './crush.js';
import { addRepeated } from './repeated-sum.js';
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
  /** recoveryIndex(tree), when the caller has it (else built per call). */
  index?: RecoveryIndex;
  /**
   * crush.ts uniformHosts(tree) of a regular tree (`regular`) whose views are all rule-view.ts
   * ruleView's of it (each takes its class's OSDs, host by host in tree order): the OSDs a rule
   * takes and the targets of one rule are then read host by host, a host of alike OSDs at once.
   */
  uniform?: readonly (CrushOsd | null)[];
  /** True when alike OSDs (same device class, size and CRUSH weight: the same rules) hold the same bytes in `used`, as a uniform fill gives (fill.ts uniformFill): a host of alike OSDs then sums its bytes as one repeated term. */
  usedAlike?: boolean;
  /** argmax(used), when the caller has it (else found per call). */
  fullest?: number;
  /** True when the tree is regular (rule-view.ts crushTreeIsRegular: the hosts' OSDs in host order, id = index), as buildCrushTree makes it. */
  regular?: boolean;
}

/**
 * Per-OSD facts of a tree as typed arrays, read by the recovery cases instead of the OSD objects
 * (recoveryIndex builds it in one pass; give it in RecoveryInput.index to share it between calls).
 */
export interface RecoveryIndex {
  /** tree.osds[i].id. */
  id: Int32Array;
  /** Index into `hostNames` of tree.osds[i].host: the distinct host names in first-appearance order. */
  host: Int32Array;
  hostNames: string[];
  /** Index into `kinds` of tree.osds[i].kind: the distinct disk kinds in first-appearance order. */
  kind: Int32Array;
  kinds: string[];
}

/**
 * The RecoveryIndex of a tree: O(OSDs), one Map probe per run of OSDs of one host and kind.
 * `prefix`: the index of a tree whose OSDs are the first ones of this tree (the same objects,
 * as CrushCarry extends a tree): its entries are copied and only the new OSDs are read.
 */
export function recoveryIndex(tree: CrushTree, prefix?: RecoveryIndex): RecoveryIndex {
  const n = tree.osds.length;
  const m = prefix && prefix.id.length <= n ? prefix.id.length : 0;
  const id = new Int32Array(n);
  const host = new Int32Array(n);
  const kind = new Int32Array(n);
  const hostNames: string[] = m > 0 ? prefix!.hostNames.slice() : [];
  const kinds: string[] = m > 0 ? prefix!.kinds.slice() : [];
  if (m > 0) {
    id.set(prefix!.id);
    host.set(prefix!.host);
    kind.set(prefix!.kind);
  }
  const hostIds = new Map<string, number>(hostNames.map((x, i) => [x, i]));
  const kindIds = new Map<string, number>(kinds.map((x, i) => [x, i]));
  fillIndex(tree, m, { id, host, kind, hostNames, kinds, hostIds, kindIds });
  return { id, host, hostNames, kind, kinds };
}

/**
 * A RecoveryIndex kept to be extended in place (ceph-plan.ts CephCarry): its typed arrays have
 * room for more OSDs than `count`, and the Maps number `hostNames` and `kinds`.
 */
export interface RecoveryIndexStore {
  count: number;
  id: Int32Array;
  host: Int32Array;
  kind: Int32Array;
  hostNames: string[];
  kinds: string[];
  hostIds: Map<string, number>;
  kindIds: Map<string, number>;
}

/** An empty RecoveryIndexStore. */
export function emptyRecoveryIndexStore(): RecoveryIndexStore {
  return { count: 0, id: new Int32Array(0), host: new Int32Array(0), kind: new Int32Array(0), hostNames: [], kinds: [], hostIds: new Map(), kindIds: new Map() };
}

/**
 * recoveryIndex(tree) from a store holding the index of a tree whose OSDs are the first
 * `store.count` of this tree (the same objects, as CrushCarry extends a tree): only the new OSDs
 * are read, into the store's arrays (grown by doubling when full). The answer views the store's
 * arrays (subarrays, and its name lists): the store's next extension appends to them, and an
 * index answered before reads the same entries up to its own length, but its name lists grow
 * (read an index before the store is extended again). The same entries as recoveryIndex: the
 * prefix's, then the same numbering of the new OSDs' hosts and kinds.
 */
export function recoveryIndexFrom(tree: CrushTree, store: RecoveryIndexStore): RecoveryIndex {
  const n = tree.osds.length;
  const m = store.count;
  if (n > store.id.length) {
    const size = Math.max(n, 2 * store.id.length);
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a.subarray(0, m));
      return b;
    };
    store.id = grow(store.id);
    store.host = grow(store.host);
    store.kind = grow(store.kind);
  }
  fillIndex(tree, m, store);
  store.count = n;
  return { id: store.id.subarray(0, n), host: store.host.subarray(0, n), hostNames: store.hostNames, kind: store.kind.subarray(0, n), kinds: store.kinds };
}

/** Fills the index entries of tree.osds[from ..] (the entries before `from` and the name numbering are the first OSDs'). */
function fillIndex(
  tree: CrushTree,
  from: number,
  x: { id: Int32Array; host: Int32Array; kind: Int32Array; hostNames: string[]; kinds: string[]; hostIds: Map<string, number>; kindIds: Map<string, number> },
): void {
  const { id, host, kind, hostNames, kinds, hostIds, kindIds } = x;
  const n = tree.osds.length;
  let lastHost: string | undefined;
  let lastKind: string | undefined;
  let h = -1;
  let k = -1;
  for (let i = from; i < n; i++) {
    const o = tree.osds[i]!;
    id[i] = o.id;
    if (o.host !== lastHost || h < 0) {
      lastHost = o.host;
      h = intern(o.host, hostNames, hostIds);
    }
    host[i] = h;
    if (o.kind !== lastKind || k < 0) {
      lastKind = o.kind;
      k = intern(o.kind, kinds, kindIds);
    }
    kind[i] = k;
  }
}

/** Σ of the mClock recovery bandwidth of some OSDs (rotational, kind hdd: 150 MiB/s; ssd, nvme: 1200 MiB/s; x the recovery share), added OSD by OSD in order. */
function diskBandwidthOf(input: RecoveryInput, index: RecoveryIndex, osdIndices: readonly number[]): number {
  // one figure per disk kind
  const byKind = kindRates(index, input.recoveryShare);
  const kindOf = index.kind;
  let sum = 0;
  for (let j = 0; j < osdIndices.length; j++) sum += byKind[kindOf[osdIndices[j]!]!]!;
  return sum;
}

/** osdRecoveryBytesPerSecond of each disk kind of the index (index.kinds order), as doubles in a Float64Array (the same values: one array kind, whether the figures are integers or not). */
function kindRates(index: RecoveryIndex, recoveryShare: number | undefined): Float64Array {
  const rates = new Float64Array(index.kinds.length);
  for (let k = 0; k < rates.length; k++) rates[k] = osdRecoveryBytesPerSecond(index.kinds[k]!, recoveryShare);
  return rates;
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

/** What the receiving OSDs give a recovery: how many, their hosts' replication bandwidth (null: one unknown), their mClock disk bandwidth. */
interface TargetWork {
  count: number;
  networkBitsPerSecond: number | null;
  diskBandwidthBytesPerSecond: number;
}

/**
 * TargetWork of the union of some rules' OSD lists less `drop` (unionOf, then bandwidthOf and
 * diskBandwidthOf): for one list of distinct indices (a rule view's), in one pass without
 * building the list of targets; the same counts and sums in the same order.
 */
function targetWork(input: RecoveryInput, index: RecoveryIndex, lists: readonly (readonly number[])[], drop: (i: number) => boolean): TargetWork {
  const count = input.tree.osds.length;
  const list = lists.length === 1 ? lists[0]! : undefined;
  if (list === undefined || !distinct(count, list)) {
    const targets = unionOf(count, lists, drop);
    return { count: targets.length, networkBitsPerSecond: bandwidthOf(input, index, targets), diskBandwidthBytesPerSecond: diskBandwidthOf(input, index, targets) };
  }
  const byKind = kindRates(index, input.recoveryShare);
  const kindOf = index.kind;
  const hostOf = index.host;
  const seen = new Uint8Array(index.hostNames.length);
  const order: number[] = [];
  let last = -1;
  let n = 0;
  let disk = 0;
  for (let j = 0; j < list.length; j++) {
    const i = list[j]!;
    if (drop(i)) continue;
    n += 1;
    disk += byKind[kindOf[i]!]!;
    const h = hostOf[i]!;
    if (h === last) continue;
    last = h;
    if (seen[h] === 1) continue;
    seen[h] = 1;
    order.push(h);
  }
  return { count: n, networkBitsPerSecond: networkOf(input, index, order), diskBandwidthBytesPerSecond: disk };
}

/** The index of `key` in `list` (appended, and filed in `ids`, when new): `list[ids.get(key)] === key`. */
function intern(key: string, list: string[], ids: Map<string, number>): number {
  let x = ids.get(key);
  if (x === undefined) {
    x = list.length;
    list.push(key);
    ids.set(key, x);
  }
  return x;
}

/**
 * targetWork of one rule view's OSDs less those of `dropHost` (a CrushHost of the tree) or the
 * OSD of index `dropOsd`, host by host (RecoveryInput.uniform: the view takes its class's OSDs of
 * each host in tree order, a regular tree's ids being indices): a host of alike OSDs adds its
 * count, its disk figure as one repeated term (repeated-sum.ts addRepeated, the loop's sum) and
 * its name once; the other hosts OSD by OSD. The same counts and sums in the same order.
 */
function targetWorkByHost(
  input: RecoveryInput,
  index: RecoveryIndex,
  uniform: readonly (CrushOsd | null)[],
  view: RuleView,
  dropHost: CrushHost | null,
  dropOsd: number,
): TargetWork {
  const { tree } = input;
  const cls = view.rule.deviceClass;
  const byKind = kindRates(index, input.recoveryShare);
  const kindOf = index.kind;
  const hostOf = index.host;
  const seen = new Uint8Array(index.hostNames.length);
  const order: number[] = [];
  let last = -1;
  let n = 0;
  let disk = 0;
  for (let j = 0; j < tree.hosts.length; j++) {
    const host = tree.hosts[j]!;
    if (host === dropHost) continue;
    const u = uniform[j];
    let h = -1;
    if (u) {
      if (cls !== undefined && u.deviceClass !== cls) continue;
      const m = host.osds.length - (dropOsd >= u.id && dropOsd < u.id + host.osds.length ? 1 : 0);
      if (m === 0) continue;
      n += m;
      disk = addRepeated(disk, byKind[kindOf[u.id]!]!, m);
      h = hostOf[u.id]!;
    } else {
      for (const o of host.osds) {
        if ((cls !== undefined && o.deviceClass !== cls) || o.id === dropOsd) continue;
        n += 1;
        disk += byKind[kindOf[o.id]!]!;
        h = hostOf[o.id]!;
      }
      if (h < 0) continue;
    }
    // the host's name, once, in first-appearance order (a host's OSDs share it)
    if (h === last) continue;
    last = h;
    if (seen[h] === 1) continue;
    seen[h] = 1;
    order.push(h);
  }
  return { count: n, networkBitsPerSecond: networkOf(input, index, order), diskBandwidthBytesPerSecond: disk };
}

/** The replication bandwidth of the hosts `order` (host indices, each once), summed in that order; null when one host has none. Bits per second. */
function networkOf(input: RecoveryInput, index: RecoveryIndex, order: readonly number[]): number | null {
  let network = 0;
  for (const h of order) {
    const b = input.bandwidth(index.hostNames[h]!);
    if (b === null) return null;
    network += b;
  }
  return network;
}

/** True when a view (rule-view.ts ruleView's, RecoveryInput.uniform) takes an OSD: its device class is the rule's, or the rule takes every OSD. */
function takes(view: RuleView, o: CrushOsd): boolean {
  return view.rule.deviceClass === undefined || o.deviceClass === view.rule.deviceClass;
}

/** True when a list of indices below `count` is strictly increasing (so distinct), as a rule view's osdIndices. */
function distinct(count: number, list: readonly number[]): boolean {
  let last = -1;
  for (let j = 0; j < list.length; j++) {
    const i = list[j]!;
    if (!(i > last && i < count)) return false;
    last = i;
  }
  return true;
}

/** The fullest OSD of a fill: the index of the largest of `xs`, the first on a tie (xs.reduce((best, x, i) => (x > xs[best]! ? i : best), 0)). */
export const argmax = (xs: readonly number[]): number => {
  let best = 0;
  let top = xs[0]!;
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    if (x > top) {
      best = i;
      top = x;
    }
  }
  return best;
};

/** Sum of the replication bandwidth of the hosts of some OSDs, each host name once in first-appearance order; null when any is unknown. */
function bandwidthOf(input: RecoveryInput, index: RecoveryIndex, osdIndices: readonly number[]): number | null {
  const hostOf = index.host;
  const seen = new Uint8Array(index.hostNames.length);
  const order: number[] = [];
  let last = -1;
  for (let j = 0; j < osdIndices.length; j++) {
    const h = hostOf[osdIndices[j]!]!;
    if (h === last) continue;
    last = h;
    if (seen[h] === 1) continue;
    seen[h] = 1;
    order.push(h);
  }
  let sum = 0;
  for (const h of order) {
    const b = input.bandwidth(index.hostNames[h]!);
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
  const index = input.index ?? recoveryIndex(tree);
  const osd = input.fullest ?? argmax(input.used);
  const cases: CephRecoveryCase[] = [osdCase(input, index, osd, input.used[osd]!)];
  if (options.hostCase === false) return cases;

  let top = -1;
  let host = tree.hosts[0]!;
  let hostBytes = 0;
  // on a regular tree (RecoveryInput.regular) host j's OSDs are indices start .. start + n - 1, ids the same
  let start = 0;
  const byHost = input.uniform !== undefined && input.regular === true;
  const alike = byHost && input.usedAlike === true ? input.uniform : undefined;
  for (let j = 0; j < tree.hosts.length; j++) {
    const h = tree.hosts[j]!;
    let s = 0;
    if (alike?.[j]) {
      // alike OSDs holding the same bytes: Σ is one term repeated (the loop's sum)
      s = addRepeated(0, input.used[start]!, h.osds.length);
      start += h.osds.length;
    } else if (input.regular) {
      const end = start + h.osds.length;
      for (let i = start; i < end; i++) s += input.used[i]!;
      start = end;
    } else for (const x of h.osds) s += input.used[x.id]!;
    // argmax: the first host with the most bytes
    if (top < 0 || s > hostBytes) {
      top = 0;
      host = h;
      hostBytes = s;
    }
  }
  const onHost = new Set(host.osds.map((x) => x.id));
  // ids outside [lo, hi] are not on the host: no Set probe for them
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const x of host.osds) {
    lo = Math.min(lo, x.id);
    hi = Math.max(hi, x.id);
  }
  const ids = index.id;
  const dropped = (i: number): boolean => {
    const id = ids[i]!;
    return id >= lo && id <= hi && onHost.has(id);
  };
  const hostViews = views.flatMap((v, r) => ((byHost ? host.osds.some((o) => takes(v, o)) : v.osdIndices.some(dropped)) ? [r] : []));
  const hostPools = input.pools.filter((p) => hostViews.includes(p.ruleIndex));
  const stuck = hostPools.find((p) => {
    const v = views[p.ruleIndex]!;
    const left = v.domains.filter((d) => d.hosts.some((h) => h !== host.name)).length;
    return left < p.copies;
  });
  const hostTargets =
    byHost && hostViews.length === 1
      ? targetWorkByHost(input, index, input.uniform!, views[hostViews[0]!]!, host, -1)
      : targetWork(
          input,
          index,
          hostViews.map((r) => views[r]!.osdIndices),
          dropped,
        );
  cases.push(
    makeCase(
      {
        failure: 'host',
        subject: host.name,
        reprotectable: !stuck && hostTargets.count > 0,
        note: stuck
          ? `${views[stuck.ruleIndex]!.domains.length} failure domains for ${stuck.copies} copies or shards: the other domains already hold them, so the PGs stay degraded (serving I/O while min_size copies are up) until the host returns`
          : 'marked out automatically (a host is below mon_osd_down_out_subtree_limit, rack); re-created on the other hosts',
      },
      {
        dataBytes: hostBytes,
        networkAmplification: amplification(hostPools),
        pgCount: Math.max(1, Math.round(host.osds.reduce((s, x) => s + (input.pgReplicasPerOsd[x.id] ?? 0), 0))),
        targetOsdCount: hostTargets.count,
        networkBitsPerSecond: hostTargets.networkBitsPerSecond,
        diskBandwidthBytesPerSecond: hostTargets.diskBandwidthBytesPerSecond,
      },
      input.settings,
    ),
  );
  return cases;
}

/**
 * The OSD case of recoveryCases for OSD `osd` (an index into tree.osds) holding `dataBytes`:
 * what recoveryCases times for the fullest OSD, and planDurability for the fullest OSD under one rule.
 */
export function osdRecoveryCase(input: RecoveryInput, osd: number, dataBytes: number): CephRecoveryCase {
  return osdCase(input, input.index ?? recoveryIndex(input.tree), osd, dataBytes);
}

function osdCase(input: RecoveryInput, index: RecoveryIndex, osd: number, dataBytes: number): CephRecoveryCase {
  const { tree, views } = input;
  const o = tree.osds[osd]!;
  const byHost = input.uniform !== undefined && input.regular === true;
  const osdViews = views.flatMap((v, r) => ((byHost ? takes(v, o) : v.osdIndices.includes(osd)) ? [r] : []));
  const osdPools = input.pools.filter((p) => osdViews.includes(p.ruleIndex));
  const confined = osdPools.find((p) => views[p.ruleIndex]!.domains.length <= p.copies);
  let targets: TargetWork;
  let note: string;
  if (confined) {
    const v = views[confined.ruleIndex]!;
    const domain = v.domains.find((d) => d.hosts.includes(o.host));
    const inDomain = new Set(domain?.hosts ?? []);
    const list = v.osdIndices.filter((i) => i !== osd && inDomain.has(tree.osds[i]!.host));
    targets = { count: list.length, networkBitsPerSecond: bandwidthOf(input, index, list), diskBandwidthBytesPerSecond: diskBandwidthOf(input, index, list) };
    note = `every ${v.rule.failureDomain} already holds a copy of its PGs: the other OSDs of ${domain?.name ?? o.host} take all of it`;
  } else {
    targets =
      byHost && osdViews.length === 1
        ? targetWorkByHost(input, index, input.uniform!, views[osdViews[0]!]!, null, osd)
        : targetWork(
            input,
            index,
            osdViews.map((r) => views[r]!.osdIndices),
            (i) => i === osd,
          );
    note = 'spread over the other OSDs of its rules';
  }
  return makeCase(
    {
      failure: 'osd',
      subject: `osd.${o.id} (${o.host})`,
      reprotectable: targets.count > 0,
      note: targets.count > 0 ? note : 'the only OSD of its failure domain: nowhere to re-create its copies',
    },
    {
      dataBytes,
      networkAmplification: amplification(osdPools),
      pgCount: Math.max(1, Math.round(input.pgReplicasPerOsd[osd] ?? 0)),
      targetOsdCount: targets.count,
      networkBitsPerSecond: targets.networkBitsPerSecond,
      diskBandwidthBytesPerSecond: targets.diskBandwidthBytesPerSecond,
    },
    input.settings,
  );
}
