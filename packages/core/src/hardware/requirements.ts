/**
 * Role requirements: every hardware model used in a role checked against what the role needs.
 * A fact the scenario does not know ('unknown') is never a pass.
 */
import { CEPH_DAEMON_DEFAULTS, CEPH_DAEMON_KINDS, CEPH_DAEMON_NAMES, cephDaemons, daemonHosts } from '../control/ceph-daemons.js';
import { REQUIREMENT_LABELS } from '../model/requirements.js';
import type { Finding } from '../diagnostics/types.js';
import type { CephDaemonKind, CephDaemons, HardwareModel, Role, RoleRequirements, Scenario } from '../model/scenario.js';
import { fmtGiB, fmtNumber } from '../units/format.js';
import type { Host, RoleCheck } from '../model/plan.js';
import { checkFacts, type CheckCore } from './checks.js';
import { factsOfModel } from './facts-from-model.js';

export { SOURCES } from './sources.js';
export type { CheckCore } from './checks.js';

/**
 * The YAML key of each requirement under `requirements.<role>` (model/schema.ts
 * RoleRequirementSchema), by its normalized field: messages name what the user writes
 * (`minMemory`), not the field headroom keeps (`minMemoryBytes`).
 */
export const REQUIREMENT_KEYS: Record<keyof RoleRequirements, string> = {
  minPhysicalCores: 'minPhysicalCores',
  minMemoryBytes: 'minMemory',
  minNicPorts: 'minNicPorts',
  memoryPerOsdBytes: 'memoryPerOsd',
  requireVirtualization: 'requireVirtualization',
  requireEcc: 'requireEcc',
  requireNvmeDatabase: 'requireNvmeDatabase',
  minMemoryPerCoreBytes: 'minMemoryPerCore',
  minNicSpeedBitsPerSecond: 'minNicSpeed',
  osdMemoryBaseBytes: 'osdMemoryBase',
  minCoresPerOsd: 'minCoresPerOsd',
  minWalDbFlashRatio: 'minWalDbFlashRatio',
};

/** The YAML key of a requirement (`minMemoryBytes` -> `minMemory`); unknown names unchanged. */
export function requirementKey(requirement: string): string {
  return Object.hasOwn(REQUIREMENT_KEYS, requirement) ? REQUIREMENT_KEYS[requirement as keyof RoleRequirements] : requirement;
}

/** Physical cores of a model: sockets × coresPerSocket (threads not counted). */
export function physicalCores(hw: HardwareModel): number {
  return hw.cpu.sockets * hw.cpu.coresPerSocket;
}

/** NIC ports of a model: Σ ports over its NICs. */
export function nicPorts(hw: HardwareModel): number {
  return hw.nics.reduce((s, n) => s + n.ports, 0);
}

/**
 * Checks one hardware model against one role's requirements: checkFacts on the model's
 * facts (an inventory's, or its scenario fields with `hardware.<name>.<field>` evidence).
 * See checkFacts for the order and the rules; unknown is never a pass.
 */
export function checkHardware(role: Role, hw: HardwareModel, req: RoleRequirements): CheckCore[] {
  return checkFacts(role, factsOfModel(hw), req);
}

/** The Ceph daemons one host runs besides its role's own work, and what they take. */
export interface DaemonLoad {
  kinds: CephDaemonKind[];
  memoryBytes: number;
  cores: number;
}

/**
 * The heaviest Ceph daemon load on any of `hostNames` (the hosts of one role and hardware
 * model): per host, Σ memory and Σ cores of the daemon kinds it runs (daemonHosts: one of a
 * kind per host); the host with the most memory (then cores) counts. Hand-worked, defaults on
 * controllers: ceph-mon 2 GiB + ceph-mgr 4 GiB = 6 GiB and 1 + 1 = 2 cores on the first two
 * controllers. Sizes: CEPH_DAEMON_DEFAULTS (Ceph hardware recommendations and cephadm).
 */
export function daemonLoad(daemons: CephDaemons, placed: Record<CephDaemonKind, string[]>, hostNames: readonly string[]): DaemonLoad {
  let best: DaemonLoad = { kinds: [], memoryBytes: 0, cores: 0 };
  // a host that runs no daemon has no load (never above `best`): only the placed hosts are weighed
  const placedHosts = new Set(CEPH_DAEMON_KINDS.flatMap((k) => placed[k]));
  for (const h of hostNames) {
    if (!placedHosts.has(h)) continue;
    const kinds = CEPH_DAEMON_KINDS.filter((k) => placed[k].includes(h));
    const load = { kinds, memoryBytes: kinds.reduce((a, k) => a + daemons[k].memoryBytes, 0), cores: kinds.reduce((a, k) => a + daemons[k].cores, 0) };
    if (load.memoryBytes > best.memoryBytes || (load.memoryBytes === best.memoryBytes && load.cores > best.cores)) best = load;
  }
  return best;
}

/**
 * The role's requirements grown by the Ceph daemons on its hosts: minMemoryBytes (and the
 * OS base of an OSD host, osdMemoryBaseBytes, when the role checks OSD memory) + the daemons'
 * memory, minPhysicalCores + their cores. Hand-worked: control 64 GiB + 6 GiB = 70 GiB, 16 + 2 = 18 cores.
 */
export function withDaemons(req: RoleRequirements, load: DaemonLoad): RoleRequirements {
  if (load.kinds.length === 0) return req;
  const out: RoleRequirements = { ...req };
  if (out.minMemoryBytes !== undefined) out.minMemoryBytes += load.memoryBytes;
  if (out.memoryPerOsdBytes !== undefined) out.osdMemoryBaseBytes = (out.osdMemoryBaseBytes ?? 0) + load.memoryBytes;
  if (out.minPhysicalCores !== undefined) out.minPhysicalCores += load.cores;
  return out;
}

/** A memory or core check of a role that runs Ceph daemons, saying what the daemons add and where their sizes come from. */
function annotateDaemons(c: CheckCore, load: DaemonLoad, daemons: CephDaemons): CheckCore {
  if (load.kinds.length === 0) return c;
  const sources = load.kinds.map((k) => CEPH_DAEMON_DEFAULTS[k].source).join('; ');
  if (c.requirement === 'minMemoryBytes' || c.requirement === 'memoryPerOsdBytes') {
    const parts = load.kinds.map((k) => `${CEPH_DAEMON_NAMES[k]} ${fmtGiB(daemons[k].memoryBytes)}`).join(' + ');
    return { ...c, expected: `${c.expected}, including ${parts} (ceph.daemons)`, source: `${c.source}; ${sources}` };
  }
  if (c.requirement === 'minPhysicalCores') {
    const parts = load.kinds.map((k) => `${CEPH_DAEMON_NAMES[k]} ${fmtNumber(daemons[k].cores)}`).join(' + ');
    return { ...c, expected: `${c.expected}, including ${parts} (ceph.daemons)`, source: `${c.source}; ${sources}` };
  }
  return c;
}

/**
 * Role checks for every (role, hardware model) pair used by the hosts, in host order, and
 * their findings (memory and cores grown by the Ceph daemons the hosts run, `withDaemons`): a failed check -> `role.requirement_failed` (error), an unknown fact ->
 * `role.requirement_unknown` (warning); subject `role <role> / hardware <name>`; messages
 * name the requirement by its YAML key (`requirementKey`).
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
  const daemons = cephDaemons(scenario);
  const placed = daemonHosts(daemons, hosts);
  for (const p of pairs) {
    const hw = Object.hasOwn(scenario.hardware, p.hardware) ? scenario.hardware[p.hardware] : undefined;
    const base = scenario.requirements[p.role];
    if (!hw || !base) continue;
    const load = daemonLoad(daemons, placed, p.hosts);
    const req = withDaemons(base, load);
    for (const raw of checkHardware(p.role, hw, req)) {
      const c = annotateDaemons(raw, load, daemons);
      const check: RoleCheck = {
        role: p.role,
        hardware: p.hardware,
        hosts: [...p.hosts],
        ...c,
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
          ? `${p.hardware} does not meet ${requirementKey(c.requirement)} for role ${p.role}: needs ${c.expected}, has ${c.actual} (${p.hosts.length} host(s))`
          : `${requirementKey(c.requirement)} for role ${p.role} cannot be verified on ${p.hardware}: needs ${c.expected}; unknown: ${c.evidence} (${p.hosts.length} host(s))`,
        source: c.source,
      });
    }
  }
  return { checks, findings };
}
