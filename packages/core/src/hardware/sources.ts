/**
 * Where the role requirements come from: the rule's source (a Nova/Ceph document, a code
 * path, guidance), and the scenario key that overrides a default.
 */
import { REQUIREMENT_SOURCES } from '../model/requirements.js';
import type { Role } from '../model/scenario.js';

export const SOURCES = {
  virtualization: 'Nova: compute hosts need hardware virtualization (VT-x/AMD-V) for KVM — docs.openstack.org/nova/latest/admin/configuration/hypervisor-kvm.html',
  ecc: 'Production guidance: ECC memory on servers; an uncorrected bit flip silently corrupts Galera and Ceph data',
  nvmeDatabase: 'Production guidance: the control-plane database (Galera) and etcd need low-latency storage: NVMe',
  osdMemory: 'Ceph osd_memory_target default 4 GiB — src/common/options/global.yaml.in',
} as const;

/**
 * Where a size requirement comes from: the default's source, and the scenario key that
 * overrides it (`requirements.<role>.<key>` in the YAML).
 */
export function requirementSource(role: Role, key: 'minPhysicalCores' | 'minMemoryBytes' | 'minNicPorts'): string {
  const yamlKey = key === 'minMemoryBytes' ? 'minMemory' : key;
  return `${REQUIREMENT_SOURCES[role][key]}; override with requirements.${role}.${yamlKey}`;
}
