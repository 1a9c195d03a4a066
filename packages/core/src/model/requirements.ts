/**
 * Default hardware requirements per role, each with where it comes from. A scenario
 * overrides any of them under `requirements.<role>`.
 */
import type { Role, RoleRequirements } from './scenario.js';

const GiB = 2 ** 30;

export const DEFAULT_REQUIREMENTS: Record<Role, RoleRequirements> = {
  // Production guidance for controllers: 16+ cores, 64-128 GB RAM, fast reliable disks
  // (NVMe) for the MariaDB/Galera database, separate NICs for management and tenant traffic.
  control: {
    minPhysicalCores: 16, minMemoryBytes: 64 * GiB, minNicPorts: 2,
    requireEcc: true, requireNvmeDatabase: true,
  },
  // KVM needs VT-x/AMD-V (Nova libvirt driver); ECC on every server.
  compute: { minPhysicalCores: 8, minMemoryBytes: 64 * GiB, minNicPorts: 2, requireVirtualization: true, requireEcc: true },
  // Ceph: osd_memory_target 4 GiB per OSD (src/common/options/global.yaml.in).
  storage: { minPhysicalCores: 8, minMemoryBytes: 32 * GiB, minNicPorts: 2, memoryPerOsdBytes: 4 * GiB, requireEcc: true },
  // Kolla-Ansible deployment host: 8 GB RAM and 2 NICs minimum (quickstart host requirements).
  deploy: { minPhysicalCores: 4, minMemoryBytes: 8 * GiB, minNicPorts: 2, requireEcc: true },
};

/** Human-readable names of the requirements, for tables. */
export const REQUIREMENT_LABELS: Record<keyof RoleRequirements, string> = {
  minPhysicalCores: 'Physical cores',
  minMemoryBytes: 'Memory',
  minNicPorts: 'NIC ports',
  memoryPerOsdBytes: 'Memory for OSDs (osd_memory_target)',
  requireVirtualization: 'Hardware virtualization',
  requireEcc: 'ECC memory',
  requireNvmeDatabase: 'NVMe for the database',
};

const CONTROL_SIZING = 'production guidance: controllers 16+ cores, 64-128 GB RAM';
const SEPARATE_NETWORKS = 'production guidance: separate physical networks for management, tenant and storage traffic (2+ ports)';

/** Where each default size requirement comes from, per role. */
export const REQUIREMENT_SOURCES: Record<Role, Record<'minPhysicalCores' | 'minMemoryBytes' | 'minNicPorts', string>> = {
  control: { minPhysicalCores: CONTROL_SIZING, minMemoryBytes: CONTROL_SIZING, minNicPorts: SEPARATE_NETWORKS },
  compute: {
    minPhysicalCores: 'headroom default: 8+ physical cores for a hypervisor',
    minMemoryBytes: 'headroom default: 64 GiB+ for a hypervisor',
    minNicPorts: SEPARATE_NETWORKS,
  },
  storage: {
    minPhysicalCores: 'headroom default: 8+ physical cores for a Ceph OSD host',
    minMemoryBytes: 'headroom default: 32 GiB+ for a Ceph OSD host (plus osd_memory_target per OSD, checked separately)',
    minNicPorts: 'production guidance: Ceph public and cluster (replication) networks on their own links (2+ ports)',
  },
  deploy: {
    minPhysicalCores: 'headroom default: 4+ physical cores for the deployment host',
    minMemoryBytes: 'Kolla-Ansible quickstart host requirements: 8 GB main memory',
    minNicPorts: 'Kolla-Ansible quickstart host requirements: 2 network interfaces',
  },
};
