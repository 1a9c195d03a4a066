/**
 * Role requirements: every hardware model used in a role checked against what the role needs.
 * A fact the scenario does not know ('unknown') is never a pass.
 */
import { REQUIREMENT_LABELS } from '../model/requirements.js';
import type { Finding } from '../diagnostics/types.js';
import type { HardwareModel, Role, RoleRequirements, Scenario } from '../model/scenario.js';
import type { Host, RoleCheck } from '../plan/types.js';
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

/**
 * Role checks for every (role, hardware model) pair used by the hosts, in host order, and
 * their findings: a failed check -> `role.requirement_failed` (error), an unknown fact ->
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
          ? `${p.hardware} does not meet ${requirementKey(c.requirement)} for role ${p.role}: needs ${c.expected}, has ${c.actual} (${p.hosts.length} host(s))`
          : `${requirementKey(c.requirement)} for role ${p.role} cannot be verified on ${p.hardware}: needs ${c.expected}; unknown: ${c.evidence} (${p.hosts.length} host(s))`,
        source: c.source,
      });
    }
  }
  return { checks, findings };
}
