/**
 * Ceph's own daemons besides the OSDs (monitors, managers, CephFS MDS, RADOS gateways): their
 * defaults, the hosts that run them, and the monitors' Paxos quorum. One place, used by
 * normalize (scenario files) and by the analyses (hand-built Scenario objects without
 * `ceph.daemons` get the same defaults).
 */
import type { CephDaemonKind, CephDaemonPlacement, CephDaemons, NodeGroup, Role, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';

const GiB = 2 ** 30;

export const CEPH_DAEMON_KINDS: readonly CephDaemonKind[] = ['mon', 'mgr', 'mds', 'rgw'];

/** The daemon names as Ceph writes them. */
export const CEPH_DAEMON_NAMES: Record<CephDaemonKind, string> = { mon: 'ceph-mon', mgr: 'ceph-mgr', mds: 'ceph-mds', rgw: 'radosgw' };

/**
 * Memory and physical cores one daemon takes on its host, and where the figure comes from.
 * - mon 2 GiB, mgr 4 GiB: the allowances cephadm subtracts for them before it sizes
 *   osd_memory_target (IBM Storage Ceph / Red Hat Ceph Storage, "Automatically tuning OSD
 *   memory": Ceph Monitor 2 GB, Ceph Manager 4 GB); the Ceph hardware recommendations
 *   (docs.ceph.com/en/latest/start/hardware-recommendations, "Monitors and managers") add that
 *   they need more at boot, on topology changes and in recovery, so plan for the peak.
 *   1 core each: "Monitor / manager nodes do not have heavy CPU demands" (same page).
 * - mds 8 GiB, 2 cores: the default MDS cache (mds_cache_memory_limit) is 4 GB and at least
 *   8 GB of RAM is recommended for it; an MDS under the most aggressive client load uses about
 *   2 to 3 cores (docs.ceph.com/en/latest/cephfs/add-remove-mds, "Provisioning Hardware for an MDS").
 * - rgw 4 GiB, 1 core: Canonical Ceph hardware recommendations, memory requirements (RadosGW
 *   4 GB; up to 32 GB can improve performance); 1 core: headroom default.
 */
export const CEPH_DAEMON_DEFAULTS: Record<CephDaemonKind, { memoryBytes: number; cores: number; source: string }> = {
  mon: {
    memoryBytes: 2 * GiB,
    cores: 1,
    source:
      'ceph-mon: 2 GiB, as cephadm allows a Ceph Monitor when it sizes osd_memory_target (IBM Storage Ceph, "Automatically tuning OSD memory"); more at boot and in recovery (docs.ceph.com/en/latest/start/hardware-recommendations, "Monitors and managers"); 1 core: "monitor / manager nodes do not have heavy CPU demands" (same page)',
  },
  mgr: {
    memoryBytes: 4 * GiB,
    cores: 1,
    source:
      'ceph-mgr: 4 GiB, as cephadm allows a Ceph Manager when it sizes osd_memory_target (IBM Storage Ceph, "Automatically tuning OSD memory"); 1 core (docs.ceph.com/en/latest/start/hardware-recommendations)',
  },
  mds: {
    memoryBytes: 8 * GiB,
    cores: 2,
    source:
      'ceph-mds: 8 GiB for the default 4 GB mds_cache_memory_limit, 2 cores (an MDS under aggressive load uses about 2 to 3): docs.ceph.com/en/latest/cephfs/add-remove-mds, "Provisioning Hardware for an MDS"',
  },
  rgw: {
    memoryBytes: 4 * GiB,
    cores: 1,
    source: 'radosgw: 4 GiB (Canonical Ceph hardware recommendations, memory requirements: RadosGW 4 GB); 1 core: headroom default',
  },
};

/**
 * Monitors by default on `hosts` hosts of their role: the largest odd count ≤ min(hosts, 5),
 * as cephadm deploys 5 monitors when there are hosts for them (docs.ceph.com/en/latest/cephadm/services/mon).
 * 0 -> 0, 1 -> 1, 2 -> 1, 3 -> 3, 4 -> 3, 5 -> 5, 9 -> 5.
 */
export function defaultMonCount(hosts: number): number {
  const n = Math.min(Math.max(0, Math.floor(hosts)), 5);
  return n % 2 === 1 ? n : Math.max(0, n - 1);
}

/** Hosts of each role at the start: Σ count of its node groups. */
export function roleHostCounts(nodes: readonly Pick<NodeGroup, 'role' | 'count'>[]): Record<Role, number> {
  const out: Record<Role, number> = { control: 0, compute: 0, storage: 0, deploy: 0 };
  for (const g of nodes) out[g.role] += g.count;
  return out;
}

/** What a scenario may give per daemon kind (everything optional). */
export interface CephDaemonInput {
  role?: Role;
  count?: number;
  memory?: number;
  cores?: number;
}

/**
 * Every daemon kind with its defaults filled: mon on role control (default count
 * defaultMonCount of the role's hosts); mgr on the monitors' role, min(2, hosts) of them
 * (an active and a standby); mds and rgw on the monitors' role, none unless counted. Without
 * Ceph (no pool and no storage host) the default counts are 0. Memory and cores: CEPH_DAEMON_DEFAULTS.
 */
export function resolveCephDaemons(given: Partial<Record<CephDaemonKind, CephDaemonInput>>, hostsOf: Record<Role, number>, hasCeph: boolean): CephDaemons {
  const monRole = given.mon?.role ?? 'control';
  const defaults: Record<CephDaemonKind, { role: Role; count: number }> = {
    mon: { role: monRole, count: hasCeph ? defaultMonCount(hostsOf[monRole]) : 0 },
    mgr: { role: given.mgr?.role ?? monRole, count: hasCeph ? Math.min(2, hostsOf[given.mgr?.role ?? monRole]) : 0 },
    mds: { role: given.mds?.role ?? monRole, count: 0 },
    rgw: { role: given.rgw?.role ?? monRole, count: 0 },
  };
  const out = {} as CephDaemons;
  for (const k of CEPH_DAEMON_KINDS) {
    const g = given[k] ?? {};
    out[k] = {
      role: defaults[k].role,
      count: g.count ?? defaults[k].count,
      memoryBytes: g.memory ?? CEPH_DAEMON_DEFAULTS[k].memoryBytes,
      cores: g.cores ?? CEPH_DAEMON_DEFAULTS[k].cores,
    };
  }
  return out;
}

/** The scenario's daemons: `ceph.daemons` as normalize filled it, else the defaults from its node groups. */
export function cephDaemons(scenario: Scenario): CephDaemons {
  if (scenario.ceph.daemons) return scenario.ceph.daemons;
  const hasCeph = scenario.ceph.pools.length > 0 || scenario.nodes.some((g) => g.role === 'storage' && g.count > 0);
  return resolveCephDaemons({}, roleHostCounts(scenario.nodes), hasCeph);
}

/**
 * The hosts that run each daemon kind: the first `count` hosts of its role in host order (one
 * daemon per host; fewer when the role has fewer hosts). With the default spread placement,
 * consecutive hosts of a role sit in different racks, so the monitors spread over the racks.
 */
export function daemonHosts(daemons: CephDaemons, hosts: readonly Host[]): Record<CephDaemonKind, string[]> {
  const out = {} as Record<CephDaemonKind, string[]>;
  for (const k of CEPH_DAEMON_KINDS) {
    const p: CephDaemonPlacement = daemons[k];
    if (!(Number.isInteger(p.count) && p.count >= 0)) {
      out[k] = hosts
        .filter((h) => h.role === p.role)
        .slice(0, p.count)
        .map((h) => h.name);
      continue;
    }
    // the first `count` hosts of the role: the scan stops there (a fleet has thousands of hosts, a role's daemons a handful)
    const names: string[] = [];
    for (let i = 0; i < hosts.length && names.length < p.count; i++) if (hosts[i]!.role === p.role) names.push(hosts[i]!.name);
    out[k] = names;
  }
  return out;
}

/**
 * Monitor quorum: the monitors form a quorum while a majority of the monitor map is up:
 * quorum = floor(n/2) + 1 (Paxos; docs.ceph.com/en/latest/rados/configuration/mon-config-ref,
 * "Monitor Quorum"). A stopped monitor stays in the monmap, so drained monitors count as down.
 * 3 mons: quorum 2, 1 down keeps it (2 ≥ 2), 2 down do not (1 < 2); 5 mons: quorum 3, 2 down keep it.
 */
export function monQuorum(n: number, down: number): { monitors: number; quorum: number; up: number; toleratedFailures: number; ok: boolean } {
  const quorum = n > 0 ? Math.floor(n / 2) + 1 : 0;
  const up = Math.max(0, n - down);
  return { monitors: n, quorum, up, toleratedFailures: Math.max(0, n - quorum), ok: n > 0 && up >= quorum };
}

export const MON_QUORUM_SOURCE =
  'Ceph monitors keep a quorum while a majority of the monmap is up: floor(n/2) + 1 (Paxos) — docs.ceph.com/en/latest/rados/configuration/mon-config-ref ("Monitor Quorum"): without a quorum no client can connect and no map changes (an OSD down, a new client), so the cluster is unavailable';
