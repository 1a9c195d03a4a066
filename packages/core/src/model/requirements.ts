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
    minPhysicalCores: 16,
    minMemoryBytes: 64 * GiB,
    minNicPorts: 2,
    requireEcc: true,
    requireNvmeDatabase: true,
  },
  // KVM needs VT-x/AMD-V (Nova libvirt driver); ECC on every server.
  compute: {
    minPhysicalCores: 8,
    minMemoryBytes: 64 * GiB,
    minNicPorts: 2,
    requireVirtualization: true,
    requireEcc: true,
    // memory per core and NIC speed (Ceph client traffic): see REQUIREMENT_DEFAULT_SOURCES
    minMemoryPerCoreBytes: 4 * GiB,
    minNicSpeedBitsPerSecond: 10e9,
  },
  // Ceph: osd_memory_target 4 GiB per OSD (src/common/options/global.yaml.in).
  storage: {
    minPhysicalCores: 8,
    minMemoryBytes: 32 * GiB,
    minNicPorts: 2,
    memoryPerOsdBytes: 4 * GiB,
    requireEcc: true,
    // OS base memory, a core per OSD, flash WAL/DB for HDD OSDs, 10 Gb/s links: see REQUIREMENT_DEFAULT_SOURCES
    osdMemoryBaseBytes: 16 * GiB,
    minCoresPerOsd: 1,
    minWalDbFlashRatio: 0.01,
    minNicSpeedBitsPerSecond: 10e9,
  },
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
  minMemoryPerCoreBytes: 'Memory per core',
  minNicSpeedBitsPerSecond: 'NIC speed',
  osdMemoryBaseBytes: 'Memory for the OS of an OSD host',
  minCoresPerOsd: 'Cores per OSD',
  minWalDbFlashRatio: 'Flash WAL/DB for HDD OSDs',
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

const CEPH_NETWORK =
  'Ceph hardware recommendations: provision at least 10 Gb/s networking among Ceph hosts and between clients and the cluster — docs.ceph.com/en/latest/start/hardware-recommendations';

/**
 * Where the defaults of the hardware-fact requirements come from, per role (the size
 * requirements' sources are REQUIREMENT_SOURCES). Each names the scenario key that
 * overrides it.
 */
export const REQUIREMENT_DEFAULT_SOURCES = {
  minMemoryPerCoreBytes:
    "headroom default: at least 4 GiB per physical core. Nova's defaults (cpu_allocation_ratio 4.0, ram_allocation_ratio 1.0) with flavors of 2 GiB per vCPU use up to 16 GiB per core with SMT: raise it to match your flavors",
  minNicSpeedBitsPerSecond: {
    compute: `${CEPH_NETWORK} (hypervisors are RBD clients); the ports counted are the minNicPorts`,
    storage: `${CEPH_NETWORK}; public and cluster (replication) networks on their own ports`,
    control: 'headroom default',
    deploy: 'headroom default',
  },
  osdMemoryBaseBytes:
    'Canonical Ceph hardware recommendations: 16 GB for the operating system, plus the memory of each OSD (Ceph upstream advises total RAM > OSDs × osd_memory_target × 2)',
  minCoresPerOsd: 'IBM Storage Ceph minimum hardware recommendations: 1 CPU core per OSD (NVMe OSDs use more: Ceph hardware recommendations)',
  minWalDbFlashRatio: 'Red Hat / IBM Ceph hardware guide: block.db on SSD or NVMe when OSDs are HDD, 1 % of the block size for RBD / OpenStack workloads (4 % for object and file)',
} as const;
