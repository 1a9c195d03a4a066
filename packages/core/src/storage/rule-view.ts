/**
 * What one CRUSH rule sees of the tree: the OSDs it takes, its failure domains with their
 * capacities, and the domains left after the tolerated failures.
 */
import type { CephRule, Policy, Rack } from '../model/scenario.js';
import type { CrushOsd, CrushTree } from './crush.js';
import { hostRawOf, osdsOfClass } from './crush.js';
import { failureDomains, type FailureDomainRaw, type HostRaw } from './raw.js';
import type { DomainCapacity } from './reprotect.js';
import { storageRemoval } from './tolerance.js';

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
 */
export function ruleView(tree: CrushTree, rule: CephRule, racks: readonly Rack[], tolerate: Policy['tolerate']): RuleView {
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

/** The text of a rule's steps: take, chooseleaf firstn|indep 0 type <domain>, emit. */
export function ruleSteps(rule: CephRule): string[] {
  return [
    `take default${rule.deviceClass === undefined ? '' : `~${rule.deviceClass}`}`,
    `chooseleaf ${rule.type === 'erasure' ? 'indep' : 'firstn'} 0 type ${rule.failureDomain}`,
    'emit',
  ];
}
