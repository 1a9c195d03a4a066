/**
 * What one CRUSH rule sees of the tree: the OSDs it takes, its failure domains with their
 * capacities, and the domains left after the tolerated failures.
 */
import type { CephRule, Policy, Rack } from '../model/scenario.js';
import type { CrushOsd, CrushTree } from './crush.js';
import { hostRawOf, osdsOfClass, uniformHosts } from './crush.js';
import { addRepeated } from './repeated-sum.js';
import { failureDomains, type FailureDomainRaw, type HostRaw } from './raw.js';
import type { DomainCapacity } from './reprotect.js';
import { storageRemoval } from './tolerance.js';
import { topIndices } from '../compute/tolerance.js';

export interface RuleView {
  rule: CephRule;
  /** Indices into tree.osds of the OSDs the rule takes. */
  osdIndices: number[];
  osds: CrushOsd[];
  rawBytes: number;
  hostRaw: HostRaw[];
  domains: FailureDomainRaw[];
  capacities: DomainCapacity[];
  /** After the tolerated failures: the domains left, what was lost, and how many domains keep OSDs; null when nothing is tolerated. */
  tolerated: { survivors: DomainCapacity[]; lost: string[]; domainsRemaining: number } | null;
}

/** Capacities of failure domains, with the largest OSD of each. */
function capacitiesOf(domains: readonly FailureDomainRaw[], osds: readonly CrushOsd[]): DomainCapacity[] {
  // a host's OSDs are consecutive in the tree: one Map update per run of OSDs of one host (max does not depend on the order)
  const largest = new Map<string, number>();
  let host: string | undefined;
  let max = 0;
  for (const o of osds) {
    if (o.host !== host) {
      if (host !== undefined) largest.set(host, Math.max(largest.get(host) ?? 0, max));
      host = o.host;
      max = 0;
    }
    max = Math.max(max, o.sizeBytes);
  }
  if (host !== undefined) largest.set(host, Math.max(largest.get(host) ?? 0, max));
  return domains.map((d) => ({
    name: d.name,
    rawBytes: d.rawBytes,
    largestOsdBytes: d.hosts.reduce((m, h) => Math.max(m, largest.get(h) ?? 0), 0),
  }));
}

/**
 * The view of one rule: OSDs of its device class (or all), grouped into its failure domains
 * (failureDomains(): hosts, or racks holding hosts), and the tolerated failures applied to
 * those OSDs with storageRemoval() (the largest hosts or racks under the rule go first).
 * On a tree as buildCrushTree makes it (crushTreeIsRegular: tree.osds are the hosts' OSDs in
 * host order, osd.id = index), the view is built host by host (regularView): the same figures.
 * `uniform`: the tree is one buildCrushTree or CrushCarry made (so regular), and this is its
 * crush.ts uniformHosts; absent, the tree is checked.
 */
export function ruleView(tree: CrushTree, rule: CephRule, racks: readonly Rack[], tolerate: Policy['tolerate'], uniform?: readonly (CrushOsd | null)[]): RuleView {
  if (uniform) return regularView(tree, rule, racks, tolerate, uniform);
  if (crushTreeIsRegular(tree)) return regularView(tree, rule, racks, tolerate, uniformHosts(tree));
  return ruleViewByOsd(tree, rule, racks, tolerate);
}

/** ruleView OSD by OSD, on any tree (the straightforward form; ruleView's host-by-host form gives the same view). */
export function ruleViewByOsd(tree: CrushTree, rule: CephRule, racks: readonly Rack[], tolerate: Policy['tolerate']): RuleView {
  const osds = osdsOfClass(tree, rule.deviceClass);
  const osdIndices: number[] = [];
  if (osds === tree.osds) {
    for (let i = 0; i < tree.osds.length; i++) osdIndices.push(i);
  } else {
    const ids = new Set(osds.map((o) => o.id));
    for (let i = 0; i < tree.osds.length; i++) if (ids.has(tree.osds[i]!.id)) osdIndices.push(i);
  }
  const hostRaw = hostRawOf(osds);
  const domains = failureDomains(hostRaw, rule.failureDomain, racks);
  const removal = storageRemoval(hostRaw, domains, rule.failureDomain, tolerate);
  let tolerated: RuleView['tolerated'] = null;
  if (removal.removedHosts.length > 0) {
    const gone = new Set(removal.removedHosts);
    const left = osds.filter((o) => !gone.has(o.host));
    const survivors = capacitiesOf(failureDomains(hostRawOf(left), rule.failureDomain, racks), left);
    const lost = removal.removedDomains.length > 0 ? removal.removedDomains : removal.removedHosts;
    tolerated = { survivors, lost, domainsRemaining: removal.domainsRemaining };
  }
  return {
    rule,
    osdIndices,
    osds,
    rawBytes: osds.reduce((s, o) => s + o.sizeBytes, 0),
    hostRaw,
    domains,
    capacities: capacitiesOf(domains, osds),
    tolerated,
  };
}

/**
 * True when tree.osds are the OSDs of tree.hosts, host after host in their order, and each
 * OSD's id is its index (what buildCrushTree and appendCrushHost make).
 */
export function crushTreeIsRegular(tree: CrushTree): boolean {
  let k = 0;
  for (const h of tree.hosts)
    for (const o of h.osds) {
      if (tree.osds[k] !== o || o.id !== k || o.host !== h.name) return false;
      k += 1;
    }
  return k === tree.osds.length;
}

/**
 * The host-by-host part of a regular view of one rule, as of the first `hosts` hosts of a tree:
 * the rule's OSDs (with a device class; without, the tree's own list is the view's), per host
 * name its raw bytes, OSD count and largest OSD, Σ raw, and with host failure domains the
 * domains and capacities of hostRaw[0 .. covered). ceph-plan.ts CephCarry keeps it to extend the
 * view of the next tree of a growing fleet by its new hosts only: the loop continued where it
 * stopped makes the same additions in the same order.
 */
export interface ViewHosts {
  deviceClass: string | undefined;
  failureDomain: 'host' | 'rack';
  hosts: number;
  osds: CrushOsd[];
  osdIndices: number[];
  hostRaw: HostRaw[];
  byName: Map<string, HostRaw>;
  largest: Map<string, number>;
  rawBytes: number;
  domains: FailureDomainRaw[];
  capacities: DomainCapacity[];
  covered: number;
  /** A host name met again changed an entry of hostRaw (or its largest OSD): the host domains are rebuilt. */
  stale: boolean;
}

function emptyViewHosts(rule: CephRule): ViewHosts {
  return {
    deviceClass: rule.deviceClass,
    failureDomain: rule.failureDomain,
    hosts: 0,
    osds: [],
    osdIndices: [],
    hostRaw: [],
    byName: new Map(),
    largest: new Map(),
    rawBytes: 0,
    domains: [],
    capacities: [],
    covered: 0,
    stale: false,
  };
}

/**
 * ruleView on a regular tree, one pass over the hosts: per host, the raw bytes (from its first
 * OSD on, OSD by OSD), OSD count and largest OSD of the OSDs the rule takes; a name met again
 * adds its OSDs one by one to the first entry (as hostRawOf). The domains left after the
 * tolerated failures are those of the hosts not lost (whole names go): their entries and
 * largest OSDs are the ones already computed. A host of alike OSDs (uniformHosts) is taken at
 * once: its sums are one term repeated (repeated-sum.ts addRepeated, the loop's result).
 */
function regularView(tree: CrushTree, rule: CephRule, racks: readonly Rack[], tolerate: Policy['tolerate'], uniform: readonly (CrushOsd | null)[]): RuleView {
  return regularViewFrom(tree, rule, racks, tolerate, uniform).view;
}

/**
 * regularView continued from `from`, the ViewHosts of the same rule (device class and failure
 * domain) on a tree whose first from.hosts hosts are this tree's (the same CrushHost objects,
 * with their uniformHosts entries): only the hosts after them are read. `from` is extended in
 * place (its arrays are the new view's): the view built from it before must not be read again.
 * Without `from`, from the first host. Returns the view and its ViewHosts.
 */
export function regularViewFrom(
  tree: CrushTree,
  rule: CephRule,
  racks: readonly Rack[],
  tolerate: Policy['tolerate'],
  uniform: readonly (CrushOsd | null)[],
  from?: ViewHosts,
): { view: RuleView; hosts: ViewHosts } {
  const cls = rule.deviceClass;
  const x = from ?? emptyViewHosts(rule);
  const { osdIndices, hostRaw, byName, largest } = x;
  const osds: CrushOsd[] = cls === undefined ? tree.osds : x.osds;
  let rawBytes = x.rawBytes;
  for (let j = x.hosts; j < tree.hosts.length; j++) {
    const h = tree.hosts[j]!;
    const u = uniform[j];
    if (u) {
      if (cls !== undefined && u.deviceClass !== cls) continue;
      const n = h.osds.length;
      const size = u.sizeBytes;
      if (cls !== undefined) for (const o of h.osds) osds.push(o);
      // regular: the host's OSD ids are consecutive from its first
      for (let i = u.id; i < u.id + n; i++) osdIndices.push(i);
      rawBytes = addRepeated(rawBytes, size, n);
      const max = Math.max(0, size);
      const seen = byName.get(h.name);
      if (seen) {
        seen.rawBytes = addRepeated(seen.rawBytes, size, n);
        seen.osdCount += n;
        largest.set(h.name, Math.max(largest.get(h.name) ?? 0, max));
        x.stale = true;
        continue;
      }
      const e: HostRaw = { host: h.name, rack: h.rack, rawBytes: addRepeated(size, size, n - 1), osdCount: n };
      byName.set(h.name, e);
      hostRaw.push(e);
      largest.set(h.name, max);
      continue;
    }
    let count = 0;
    let raw = 0;
    let max = 0;
    for (const o of h.osds) {
      if (cls !== undefined && o.deviceClass !== cls) continue;
      if (cls !== undefined) osds.push(o);
      osdIndices.push(o.id);
      raw = count === 0 ? o.sizeBytes : raw + o.sizeBytes;
      count += 1;
      max = Math.max(max, o.sizeBytes);
      rawBytes += o.sizeBytes;
    }
    if (count === 0) continue;
    const seen = byName.get(h.name);
    if (seen) {
      // the same name again: hostRawOf adds these OSDs one by one to its first entry
      for (const o of h.osds) {
        if (cls !== undefined && o.deviceClass !== cls) continue;
        seen.rawBytes += o.sizeBytes;
        seen.osdCount += 1;
      }
      largest.set(h.name, Math.max(largest.get(h.name) ?? 0, max));
      x.stale = true;
      continue;
    }
    const e: HostRaw = { host: h.name, rack: h.rack, rawBytes: raw, osdCount: count };
    byName.set(h.name, e);
    hostRaw.push(e);
    largest.set(h.name, max);
  }
  x.hosts = tree.hosts.length;
  x.rawBytes = rawBytes;
  if (rule.failureDomain === 'host') {
    // raw.ts failureDomains(hostRaw, 'host') and capacitiesFrom, entry by entry: one domain per
    // host entry with OSDs, its largest OSD the host's (names are unique in hostRaw)
    if (x.stale) {
      x.domains = [];
      x.capacities = [];
      x.covered = 0;
      x.stale = false;
    }
    for (let k = x.covered; k < hostRaw.length; k++) {
      const h = hostRaw[k]!;
      if (!(h.osdCount > 0 && h.rawBytes > 0)) continue;
      x.domains.push({ name: h.host, rawBytes: h.rawBytes, osdCount: h.osdCount, hosts: [h.host] });
      x.capacities.push({ name: h.host, rawBytes: h.rawBytes, largestOsdBytes: Math.max(0, largest.get(h.host) ?? 0) });
    }
    x.covered = hostRaw.length;
  } else {
    x.domains = failureDomains(hostRaw, rule.failureDomain, racks);
    x.capacities = capacitiesFrom(x.domains, largest);
  }
  const { domains, capacities } = x;
  let tolerated: RuleView['tolerated'] = null;
  if (rule.failureDomain === 'host' && tolerate.racks <= 0) {
    // Host domains and no rack loss: storageRemoval removes the tolerate.hosts hosts with the
    // most raw bytes (compute/tolerance.ts topIndices over the hosts with OSDs, the first on
    // ties), each its own domain: the lost domains are those, the survivors the other capacities.
    const removed = topIndices(domains.length, Math.max(0, tolerate.hosts), (i) => domains[i]!.rawBytes);
    if (removed.length > 0) {
      const gone = new Uint8Array(domains.length);
      for (const i of removed) gone[i] = 1;
      tolerated = {
        survivors: capacities.filter((_, i) => gone[i] === 0),
        lost: removed.map((i) => domains[i]!.name),
        domainsRemaining: domains.length - removed.length,
      };
    }
  } else {
    const removal = storageRemoval(hostRaw, domains, rule.failureDomain, tolerate);
    if (removal.removedHosts.length > 0) {
      const gone = new Set(removal.removedHosts);
      const left = hostRaw.filter((h) => !gone.has(h.host));
      const survivors = capacitiesFrom(failureDomains(left, rule.failureDomain, racks), largest);
      const lost = removal.removedDomains.length > 0 ? removal.removedDomains : removal.removedHosts;
      tolerated = { survivors, lost, domainsRemaining: removal.domainsRemaining };
    }
  }
  return { view: { rule, osdIndices, osds, rawBytes, hostRaw, domains, capacities, tolerated }, hosts: x };
}

/**
 * Visits the OSDs of `view` in order, or, when `uniform` is given (crush.ts uniformHosts of the
 * regular tree the view was built from by ruleView), one OSD standing for each run of alike OSDs
 * of a host: for scans that keep the first of equal OSDs (device classes, disk kinds).
 */
export function visitDistinctOsds(tree: CrushTree, view: RuleView, uniform: readonly (CrushOsd | null)[] | undefined, visit: (o: CrushOsd) => void): void {
  if (!uniform) {
    for (const o of view.osds) visit(o);
    return;
  }
  const cls = view.rule.deviceClass;
  for (let j = 0; j < tree.hosts.length; j++) {
    const u = uniform[j];
    if (u) {
      if (cls === undefined || u.deviceClass === cls) visit(u);
      continue;
    }
    for (const o of tree.hosts[j]!.osds) if (cls === undefined || o.deviceClass === cls) visit(o);
  }
}

/** capacitiesOf with the largest OSD of each host name known. */
function capacitiesFrom(domains: readonly FailureDomainRaw[], largest: ReadonlyMap<string, number>): DomainCapacity[] {
  return domains.map((d) => ({
    name: d.name,
    rawBytes: d.rawBytes,
    largestOsdBytes: d.hosts.reduce((m, h) => Math.max(m, largest.get(h) ?? 0), 0),
  }));
}

/** The text of a rule's steps: take, chooseleaf firstn|indep 0 type <domain>, emit. */
export function ruleSteps(rule: CephRule): string[] {
  return [
    `take default${rule.deviceClass === undefined ? '' : `~${rule.deviceClass}`}`,
    `chooseleaf ${rule.type === 'erasure' ? 'indep' : 'firstn'} 0 type ${rule.failureDomain}`,
    'emit',
  ];
}
