/**
 * Which traffic rides where: every role on the networks it needs, management apart from
 * tenant traffic, Ceph replication on its own links.
 * - `network.role.no_interfaces` (warning): a role with hosts has no entry in network.roles.
 * - `network.role.missing_network` (warning): a role is not attached to a network of a
 *   purpose it needs, among the purposes the scenario defines: every role management and
 *   oob; compute tunnel; control and compute ceph-public (when there are storage hosts);
 *   storage ceph-public and ceph-cluster.
 * - `network.separation.management_tenant` (warning): a physical port carries both a
 *   management network and tenant traffic (tunnel or provider).
 * - `network.separation.ceph_replication` (warning): on storage hosts the ceph-cluster
 *   network shares a port with another network, or there is none (replication then
 *   shares the public network with client I/O).
 */
import type { Finding } from '../diagnostics/types.js';
import type { Role } from '../model/scenario.js';
import type { NetworkConfig, NetworkPurpose } from '../model/network-config.js';
import { networkByName, type ResolvedLink, type RoleLinks } from './links.js';

const GUIDANCE = 'Production guidance for OpenStack clouds: management, tenant (overlay and provider) and storage traffic on separate physical networks';
const CEPH =
  'Ceph network configuration reference (docs.ceph.com, rados/configuration/network-config-ref): a cluster network carries OSD replication, recovery and heartbeats apart from client traffic';
const KOLLA = 'Kolla-Ansible: network_interface/api_interface on every host, tunnel_interface on compute and network hosts, storage_interface on Ceph clients';

/** Purposes a role needs, among those `defined` (rules in the file comment). */
export function neededPurposes(role: Role, defined: ReadonlySet<NetworkPurpose>, hasStorage: boolean): NetworkPurpose[] {
  const want: NetworkPurpose[] = ['management', 'oob'];
  if (role === 'compute') want.push('tunnel');
  if ((role === 'compute' || role === 'control') && hasStorage) want.push('ceph-public');
  if (role === 'storage') want.push('ceph-public', 'ceph-cluster');
  return want.filter((p) => defined.has(p));
}

/** Ports (by id) of the links carrying a network of one of `purposes`. */
function portsCarrying(config: NetworkConfig, links: readonly ResolvedLink[], purposes: readonly NetworkPurpose[]): Set<string> {
  const out = new Set<string>();
  for (const l of links) {
    if (l.attachments.some((a) => purposes.includes(networkByName(config, a.network)?.purpose ?? 'other'))) {
      for (const m of l.members) out.add(m.id);
    }
  }
  return out;
}

/** Separation findings (rules in the file comment); `hostCounts` gives the hosts per role. */
export function checkSeparation(config: NetworkConfig, roleLinks: readonly RoleLinks[], hostCounts: Partial<Record<Role, number>>): Finding[] {
  const findings: Finding[] = [];
  const defined = new Set(config.networks.map((n) => n.purpose));
  const hasStorage = (hostCounts.storage ?? 0) > 0;
  for (const role of ['control', 'compute', 'storage', 'deploy'] as const) {
    if ((hostCounts[role] ?? 0) === 0) continue;
    const rc = config.roles[role];
    if (!rc) {
      findings.push({
        code: 'network.role.no_interfaces',
        severity: 'warning',
        subject: `role ${role}`,
        message: `role ${role} has ${hostCounts[role]} host(s) but no ports, bonds or networks under network.roles.${role}`,
        source: KOLLA,
      });
      continue;
    }
    const have = new Set(rc.attachments.map((a) => networkByName(config, a.network)?.purpose));
    const missing = neededPurposes(role, defined, hasStorage).filter((p) => !have.has(p));
    if (missing.length > 0) {
      findings.push({
        code: 'network.role.missing_network',
        severity: 'warning',
        subject: `role ${role}`,
        message: `role ${role} is not attached to a network of purpose ${missing.join(', ')}`,
        source: KOLLA,
      });
    }
  }
  for (const rl of roleLinks) {
    const where = `role ${rl.role} / hardware ${rl.hardware}`;
    const mgmt = portsCarrying(config, rl.links, ['management']);
    const tenant = portsCarrying(config, rl.links, ['tunnel', 'provider']);
    const shared = [...mgmt].filter((p) => tenant.has(p));
    if (shared.length > 0) {
      findings.push({
        code: 'network.separation.management_tenant',
        severity: 'warning',
        subject: where,
        message: `on ${rl.role} (${rl.hardware}) management and tenant traffic share port${shared.length === 1 ? '' : 's'} ${shared.join(', ')}: a tenant flood can starve the control plane`,
        source: GUIDANCE,
      });
    }
    if (rl.role !== 'storage') continue;
    const cluster = portsCarrying(config, rl.links, ['ceph-cluster']);
    const others = new Set<string>();
    for (const l of rl.links) {
      if (l.attachments.some((a) => networkByName(config, a.network)?.purpose !== 'ceph-cluster')) for (const m of l.members) others.add(m.id);
    }
    const overlap = [...cluster].filter((p) => others.has(p));
    if (cluster.size === 0 || overlap.length > 0) {
      findings.push({
        code: 'network.separation.ceph_replication',
        severity: 'warning',
        subject: where,
        message:
          cluster.size === 0
            ? `storage hosts (${rl.hardware}) have no ceph-cluster network: replication and recovery share links with client I/O`
            : `on storage hosts (${rl.hardware}) the ceph-cluster network shares port${overlap.length === 1 ? '' : 's'} ${overlap.join(', ')} with other networks`,
        source: CEPH,
      });
    }
  }
  return findings;
}
