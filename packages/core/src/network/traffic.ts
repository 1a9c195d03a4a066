/**
 * Ceph traffic on the links, per host and direction, over the horizon; and the replication
 * bandwidth a recovery can use after a storage host is lost.
 *
 * With W and R the cluster-wide client write and read rates (bits/s at month 0, growing with
 * demand.growth), S storage hosts and C compute hosts, each less the tolerated host
 * failures (the survivors carry the load):
 *   storage, ceph-public:     in W / S, out R / S       (clients talk to primary OSDs)
 *   storage, replication:     in = out = W x f / S      (primary OSD -> the other shards)
 *   compute, ceph-public:     out W / C, in R / C       (RBD clients: the hypervisors)
 * f, the replication fan-out, is the extra bytes the primary sends per client byte written:
 *   replicated size n: n - 1 copies;  erasure k+m: k+m-1 chunks of 1/k -> (k+m-1)/k;
 * the worst pool is taken. Replication rides on the ceph-cluster network, or on ceph-public
 * when the storage hosts have none (Ceph's cluster_network unset). A link carries the sum of
 * its networks; its demand is the busier direction.
 * Worked example: W = 10 Gbit/s, size 3 (f = 2), 4 storage hosts, N+1 -> S = 3:
 * replication 10 x 2 / 3 = 6.67 Gbit/s each way per storage host.
 * Source: Ceph architecture ("Smart daemons": the primary OSD writes the replicas;
 * erasure coding: the primary encodes and sends the chunks), docs.ceph.com/en/latest/architecture.
 */
import { demandModel } from '../forecast/demand.js';
import type { Finding } from '../diagnostics/types.js';
import { growthFactor, monthLabel } from '../forecast/growth.js';
import type { CephPool, Role, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import { firstMonthOver } from './addresses.js';
import type { NetworkConfig, NetworkPurpose } from '../model/network-config.js';
import { linkOf, networkByName, resolveLinks, type RoleLinks } from './links.js';
import type { CephRecoveryBandwidth, LinkTraffic } from '../model/network.js';

const SOURCE = 'headroom traffic model: Ceph client I/O to primary OSDs plus replication fan-out (docs.ceph.com architecture); links are full duplex, the busier direction counts';

/** Extra bytes sent for replication per client byte written: n - 1, or (k+m-1)/k. */
export function fanOut(pool: CephPool): number {
  return pool.type === 'replicated' ? pool.size - 1 : (pool.k + pool.m - 1) / pool.k;
}

/** The pool with the largest fan-out, or null without pools. */
export function replicationFanOut(pools: readonly CephPool[]): { factor: number; pool: string } | null {
  let best: { factor: number; pool: string } | null = null;
  for (const p of pools) if (!best || fanOut(p) > best.factor) best = { factor: fanOut(p), pool: p.name };
  return best;
}

/** The storage role's replication network name: its ceph-cluster network, else its ceph-public one. */
function replicationNetwork(config: NetworkConfig): string | undefined {
  const attached = config.roles.storage?.attachments.map((a) => networkByName(config, a.network)) ?? [];
  return (attached.find((n) => n?.purpose === 'ceph-cluster') ?? attached.find((n) => n?.purpose === 'ceph-public'))?.name;
}

/** Month-0 traffic per host of one role, per network it is attached to: [in, out] bits/s. */
function perHostTraffic(scenario: Scenario, config: NetworkConfig, role: Role, counts: Partial<Record<Role, number>>): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const w = config.traffic.cephClientWriteBitsPerSecond;
  const r = config.traffic.cephClientReadBitsPerSecond;
  const survivors = (n: number) => Math.max(1, n - scenario.policy.tolerate.hosts);
  const add = (net: string | undefined, i: number, o: number) => {
    if (net === undefined) return;
    const v = out.get(net) ?? [0, 0];
    out.set(net, [v[0] + i, v[1] + o]);
  };
  const purposeOn = (p: NetworkPurpose) => config.roles[role]?.attachments.map((a) => networkByName(config, a.network)).find((n) => n?.purpose === p)?.name;
  if (role === 'storage' && (counts.storage ?? 0) > 0) {
    const s = survivors(counts.storage!);
    add(purposeOn('ceph-public'), w / s, r / s);
    const repl = ((replicationFanOut(scenario.ceph.pools)?.factor ?? 0) * w) / s;
    add(replicationNetwork(config), repl, repl);
  }
  if (role === 'compute' && (counts.compute ?? 0) > 0) {
    const c = survivors(counts.compute!);
    add(purposeOn('ceph-public'), r / c, w / c);
  }
  return out;
}

/**
 * Traffic rows for every link that carries Ceph traffic, and findings:
 * `network.bandwidth.threshold_crossed` (error at month 0, else warning) at the first month
 * the busier direction exceeds threshold x aggregate, and `network.bandwidth.exceeded`
 * (error) at the first month it exceeds the aggregate. Units: bits/s.
 */
export function planTraffic(scenario: Scenario, roleLinks: readonly RoleLinks[], counts: Partial<Record<Role, number>>): { rows: LinkTraffic[]; findings: Finding[] } {
  const config = scenario.network;
  const rows: LinkTraffic[] = [];
  const findings: Finding[] = [];
  if (!config) return { rows, findings };
  const months = scenario.horizonMonths;
  for (const rl of roleLinks) {
    const traffic = perHostTraffic(scenario, config, rl.role, counts);
    const trafficGrowth = demandModel(scenario).traffic;
    for (const link of rl.links) {
      const perNetwork = link.attachments
        .filter((a) => traffic.has(a.network))
        .map((a) => ({ network: a.network, inBitsPerSecond: traffic.get(a.network)![0], outBitsPerSecond: traffic.get(a.network)![1] }));
      const inSum = perNetwork.reduce((s, n) => s + n.inBitsPerSecond, 0);
      const outSum = perNetwork.reduce((s, n) => s + n.outBitsPerSecond, 0);
      if (inSum === 0 && outSum === 0) continue;
      const aggregate = link.bandwidth.aggregateBitsPerSecond;
      const threshold = aggregate * config.bandwidthThreshold;
      const demand = Array.from({ length: months }, (_, t) => Math.max(inSum, outSum) * growthFactor(trafficGrowth, t));
      const row: LinkTraffic = {
        role: rl.role,
        hardware: rl.hardware,
        link: link.name,
        aggregateBitsPerSecond: aggregate,
        thresholdBitsPerSecond: threshold,
        perNetwork,
        demandByMonthBitsPerSecond: demand,
        peakUtilisation: aggregate > 0 ? Math.max(...demand) / aggregate : null,
        thresholdMonth: firstMonthOver(demand, threshold),
        exceededMonth: firstMonthOver(demand, aggregate),
      };
      rows.push(row);
      const subject = `role ${rl.role} / hardware ${rl.hardware} / ${link.name}`;
      const gbit = (v: number) => `${Math.round(v / 1e7) / 100} Gbit/s`;
      if (row.thresholdMonth !== null) {
        const t = row.thresholdMonth;
        findings.push({
          code: 'network.bandwidth.threshold_crossed',
          severity: t === 0 ? 'error' : 'warning',
          subject,
          message: `${link.name} of ${rl.role} (${rl.hardware}) carries ${gbit(demand[t]!)} per host in ${monthLabel(scenario.start, t)} (month ${t}), above ${Math.round(config.bandwidthThreshold * 100)} % of its ${gbit(aggregate)}`,
          month: t,
          value: demand[t]!,
          limit: threshold,
          unit: 'bit/s',
          source: SOURCE,
        });
      }
      if (row.exceededMonth !== null) {
        const t = row.exceededMonth;
        findings.push({
          code: 'network.bandwidth.exceeded',
          severity: 'error',
          subject,
          message: `${link.name} of ${rl.role} (${rl.hardware}) needs ${gbit(demand[t]!)} per host in ${monthLabel(scenario.start, t)} (month ${t}), more than its ${gbit(aggregate)}`,
          month: t,
          value: demand[t]!,
          limit: aggregate,
          unit: 'bit/s',
          source: SOURCE,
        });
      }
    }
  }
  return { rows, findings };
}

/**
 * The replication bandwidth available to Ceph recovery after one storage host is lost:
 * per surviving storage host, the aggregate bandwidth (bits/s, each direction) of the link
 * carrying the replication network (ceph-cluster, else ceph-public) on the slowest storage
 * hardware model; recovery runs many PGs at once, so the aggregate, not the single-flow
 * figure, applies. Survivors = storage hosts - 1. For the Ceph recovery-time estimate:
 * time >= bytes to re-replicate / totalBitsPerSecond x 8 (and no host receives faster than
 * perHostBitsPerSecond). Null without a network section, storage hosts, or a replication link.
 * Worked example: 4 storage hosts, ceph-cluster on 2 x 25 Gbit/s 802.3ad -> 50 Gbit/s per
 * host, 3 survivors, 150 Gbit/s in total.
 */
export function cephRecoveryBandwidth(scenario: Scenario, hosts: readonly Host[]): CephRecoveryBandwidth | null {
  // allRoleLinks(scenario, hosts) restricted to the storage role (the only one recoveryFrom reads):
  // its hardware models in host order, without resolving the other roles' links
  // recoveryFrom reads each model's links, not its host names: those lists are left empty
  // (the scenario read here once: the per-host loop, in its own function, never reads it — each
  // epoch's view has its own shape)
  const config = scenario.network;
  const roleLinks: RoleLinks[] = [];
  const storageHosts = storageRoleLinks(hosts, config, scenario.hardware, roleLinks);
  return recoveryFrom(scenario, roleLinks, storageHosts);
}

/** cephRecoveryBandwidth's walk: the storage-role hosts of `hosts` counted, and one RoleLinks per hardware model (host order) into `roleLinks`. */
function storageRoleLinks(hosts: readonly Host[], config: Scenario['network'], hardware: Scenario['hardware'], roleLinks: RoleLinks[]): number {
  const rc = config?.roles.storage;
  let storageHosts = 0;
  const seen = new Set<string>();
  for (const h of hosts) {
    if (h.role !== 'storage') continue;
    storageHosts += 1;
    if (!config || !rc || seen.has(h.hardware)) continue;
    seen.add(h.hardware);
    const hw = Object.hasOwn(hardware, h.hardware) ? hardware[h.hardware] : undefined;
    if (hw) roleLinks.push({ role: 'storage', hardware: h.hardware, hosts: [], links: resolveLinks(config, rc, hw) });
  }
  return storageHosts;
}

/** cephRecoveryBandwidth from links already resolved. */
export function recoveryFrom(scenario: Scenario, roleLinks: readonly RoleLinks[], storageHosts: number): CephRecoveryBandwidth | null {
  const config = scenario.network;
  const network = config ? replicationNetwork(config) : undefined;
  if (!network || storageHosts === 0) return null;
  let best: { link: string; bps: number } | undefined;
  for (const rl of roleLinks.filter((x) => x.role === 'storage')) {
    const link = linkOf(rl.links, network);
    if (link && (!best || link.bandwidth.aggregateBitsPerSecond < best.bps)) best = { link: link.name, bps: link.bandwidth.aggregateBitsPerSecond };
  }
  if (!best) return null;
  const survivingHosts = storageHosts - 1;
  return { network, link: best.link, perHostBitsPerSecond: best.bps, survivingHosts, totalBitsPerSecond: best.bps * survivingHosts };
}
