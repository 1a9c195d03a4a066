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

/** Where each default requirement comes from, by requirement key. */
export const REQUIREMENT_SOURCES: Record<keyof RoleRequirements, string> = {
  minPhysicalCores: 'production guidance: controllers 16+ cores; compute and storage 8+; deploy host 4+',
  minMemoryBytes: 'production guidance: controllers 64-128 GB; Kolla-Ansible quickstart: deploy host 8 GB',
  minNicPorts: 'production guidance: separate physical networks for management, tenant and storage traffic (2+ ports)',
  memoryPerOsdBytes: 'Ceph osd_memory_target default 4 GiB per OSD (src/common/options/global.yaml.in)',
  requireVirtualization: 'Nova libvirt/KVM needs hardware virtualization: cpu flag vmx (Intel VT-x) or svm (AMD-V)',
  requireEcc: 'production guidance: ECC memory on every server',
  requireNvmeDatabase: 'production guidance: fast reliable disks (NVMe) for the control-plane database',
};
