/**
 * Role requirements: every hardware model used in a role checked against what the role needs.
 * A fact the scenario does not know ('unknown') is never a pass.
 */
import { REQUIREMENT_LABELS, REQUIREMENT_SOURCES } from '../model/requirements.js';
import type { Finding } from '../diagnostics/types.js';
import type { HardwareModel, Role, RoleRequirements, Scenario } from '../model/scenario.js';
import { osdDevices } from '../storage/raw.js';
import type { CheckStatus, Host, RoleCheck } from '../plan/types.js';
import { fmtGiB, fmtNumber, fmtTB } from '../units/format.js';

export const SOURCES = {
  virtualization:
    'Nova: compute hosts need hardware virtualization (VT-x/AMD-V) for KVM — docs.openstack.org/nova/latest/admin/configuration/hypervisor-kvm.html',
  ecc: 'Production guidance: ECC memory on servers; an uncorrected bit flip silently corrupts Galera and Ceph data',
  nvmeDatabase: 'Production guidance: the control-plane database (Galera) and etcd need low-latency storage: NVMe',
  osdMemory: 'Ceph osd_memory_target default 4 GiB — src/common/options/global.yaml.in',
} as const;

/**
 * Where a size requirement comes from: the default's source, and the scenario key that
 * overrides it (`requirements.<role>.<key>` in the YAML).
 */
function requirementSource(role: Role, key: 'minPhysicalCores' | 'minMemoryBytes' | 'minNicPorts'): string {
  const yamlKey = key === 'minMemoryBytes' ? 'minMemory' : key;
  return `${REQUIREMENT_SOURCES[role][key]}; override with requirements.${role}.${yamlKey}`;
}

/** Physical cores of a model: sockets × coresPerSocket (threads not counted). */
export function physicalCores(hw: HardwareModel): number {
  return hw.cpu.sockets * hw.cpu.coresPerSocket;
}

/** NIC ports of a model: Σ ports over its NICs. */
export function nicPorts(hw: HardwareModel): number {
  return hw.nics.reduce((s, n) => s + n.ports, 0);
}

type CheckCore = Pick<RoleCheck, 'requirement' | 'status' | 'expected' | 'actual' | 'evidence' | 'source'>;

const atLeast = (actual: number, min: number): CheckStatus => (actual >= min ? 'pass' : 'fail');

/**
 * Checks one hardware model against one role's requirements, in a fixed order:
 * requireVirtualization (vt-x / amd-v pass, none fail, unknown unknown),
 * requireEcc (true pass, false fail, 'unknown' unknown),
 * requireNvmeDatabase (pass when some disk has use database and kind nvme; fail otherwise),
 * minPhysicalCores (sockets × coresPerSocket >= min),
 * minMemoryBytes (memory.sizeBytes >= min, shown in GiB),
 * minNicPorts (Σ NIC ports >= min),
 * memoryPerOsdBytes (memory.sizeBytes >= OSD devices × osd_memory_target).
 * Requirements left undefined (or boolean ones set to false) are not checked.
 */
export function checkHardware(role: Role, hw: HardwareModel, req: RoleRequirements): CheckCore[] {
  const out: CheckCore[] = [];
  const ev = (path: string): string => `hardware.${hw.name}.${path}`;

  if (req.requireVirtualization) {
    const v = hw.cpu.virtualization;
    const status: CheckStatus = v === 'vt-x' || v === 'amd-v' ? 'pass' : v === 'none' ? 'fail' : 'unknown';
    const actual = v === 'vt-x' ? 'vt-x (vmx)' : v === 'amd-v' ? 'amd-v (svm)' : v;
    out.push({ requirement: 'requireVirtualization', status, expected: 'vt-x (vmx) or amd-v (svm)', actual, evidence: ev('cpu.virtualization'), source: SOURCES.virtualization });
  }
  if (req.requireEcc) {
    const e = hw.memory.ecc;
    const status: CheckStatus = e === true ? 'pass' : e === false ? 'fail' : 'unknown';
    const actual = e === true ? 'ECC' : e === false ? 'non-ECC' : 'unknown';
    out.push({ requirement: 'requireEcc', status, expected: 'ECC memory', actual, evidence: ev('memory.ecc'), source: SOURCES.ecc });
  }
  if (req.requireNvmeDatabase) {
    const db = hw.disks.filter((d) => d.use === 'database');
    const status: CheckStatus = db.some((d) => d.kind === 'nvme') ? 'pass' : 'fail';
    const actual = db.length === 0 ? 'no database disk' : db.map((d) => `${d.count} × ${fmtTB(d.sizeBytes)} ${d.kind}`).join(', ');
    out.push({ requirement: 'requireNvmeDatabase', status, expected: 'a database disk of kind nvme', actual, evidence: ev('disks'), source: SOURCES.nvmeDatabase });
  }
  if (req.minPhysicalCores !== undefined) {
    const cores = physicalCores(hw);
    out.push({
      requirement: 'minPhysicalCores',
      status: atLeast(cores, req.minPhysicalCores),
      expected: `≥ ${fmtNumber(req.minPhysicalCores)} physical cores`,
      actual: `${fmtNumber(cores)} physical cores (${hw.cpu.sockets} × ${hw.cpu.coresPerSocket})`,
      evidence: ev('cpu'),
      source: requirementSource(role, 'minPhysicalCores'),
    });
  }
  if (req.minMemoryBytes !== undefined) {
    out.push({
      requirement: 'minMemoryBytes',
      status: atLeast(hw.memory.sizeBytes, req.minMemoryBytes),
      expected: `≥ ${fmtGiB(req.minMemoryBytes)}`,
      actual: fmtGiB(hw.memory.sizeBytes),
      evidence: ev('memory.size'),
      source: requirementSource(role, 'minMemoryBytes'),
    });
  }
  if (req.minNicPorts !== undefined) {
    const ports = nicPorts(hw);
    out.push({
      requirement: 'minNicPorts',
      status: atLeast(ports, req.minNicPorts),
      expected: `≥ ${fmtNumber(req.minNicPorts)} NIC ports`,
      actual: `${fmtNumber(ports)} NIC ports`,
      evidence: ev('nics'),
      source: requirementSource(role, 'minNicPorts'),
    });
  }
  if (req.memoryPerOsdBytes !== undefined) {
    const osds = osdDevices(hw).osdCount;
    const needed = osds * req.memoryPerOsdBytes;
    out.push({
      requirement: 'memoryPerOsdBytes',
      status: atLeast(hw.memory.sizeBytes, needed),
      expected: `≥ ${fmtGiB(needed)} (${osds} OSDs × ${fmtGiB(req.memoryPerOsdBytes)} osd_memory_target)`,
      actual: fmtGiB(hw.memory.sizeBytes),
      evidence: `${ev('memory.size')}, ${ev('disks')} (use osd); osd_memory_target`,
      source: SOURCES.osdMemory,
    });
  }
  return out;
}

/**
 * Role checks for every (role, hardware model) pair used by the hosts, in host order, and
 * their findings: a failed check -> `role.requirement_failed` (error), an unknown fact ->
 * `role.requirement_unknown` (warning); subject `role <role> / hardware <name>`.
 */
export function checkRoles(scenario: Scenario, hosts: readonly Host[]): { checks: RoleCheck[]; findings: Finding[] } {
  const pairs: { role: Role; hardware: string; hosts: string[] }[] = [];
  for (const h of hosts) {
    const p = pairs.find((x) => x.role === h.role && x.hardware === h.hardware);
    if (p) p.hosts.push(h.name);
    else pairs.push({ role: h.role, hardware: h.hardware, hosts: [h.name] });
  }
  const checks: RoleCheck[] = [];
  const findings: Finding[] = [];
  for (const p of pairs) {
    const hw = Object.hasOwn(scenario.hardware, p.hardware) ? scenario.hardware[p.hardware] : undefined;
    const req = scenario.requirements[p.role];
    if (!hw || !req) continue;
    for (const c of checkHardware(p.role, hw, req)) {
      const check: RoleCheck = {
        role: p.role, hardware: p.hardware, hosts: [...p.hosts], ...c,
        label: REQUIREMENT_LABELS[c.requirement as keyof RoleRequirements] ?? c.requirement,
      };
      checks.push(check);
      if (c.status === 'pass') continue;
      const failed = c.status === 'fail';
      findings.push({
        code: failed ? 'role.requirement_failed' : 'role.requirement_unknown',
        severity: failed ? 'error' : 'warning',
        subject: `role ${p.role} / hardware ${p.hardware}`,
        message: failed
          ? `${p.hardware} does not meet ${c.requirement} for role ${p.role}: needs ${c.expected}, has ${c.actual} (${p.hosts.length} host(s))`
          : `${c.requirement} for role ${p.role} cannot be verified on ${p.hardware}: needs ${c.expected}, ${c.evidence} is unknown (${p.hosts.length} host(s))`,
        source: c.source,
      });
    }
  }
  return { checks, findings };
}
