/**
 * Hosts: node groups expanded into named servers and placed in racks.
 */
import type { Finding } from '../diagnostics/types.js';
import type { Role, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';

/** Rack name given to hosts when the scenario declares no rack at all. */
export const UNRACKED = 'unracked';

/**
 * Host name `${prefix}-${n}` with n zero-padded to 2 digits, or to as many digits as the
 * largest number of that prefix needs (3 when there are more than 99 hosts).
 * hostName('compute', 7, 12) = 'compute-07'; hostName('compute', 7, 120) = 'compute-007'.
 */
export function hostName(prefix: string, index1: number, totalWithPrefix: number): string {
  const width = Math.max(2, String(totalWithPrefix).length);
  return `${prefix}-${String(index1).padStart(width, '0')}`;
}

export interface HostsResult {
  hosts: Host[];
  /** Rack units used per rack name (heightRu of every host placed there). */
  usedRuByRack: Record<string, number>;
  findings: Finding[];
}

/**
 * Expands `scenario.nodes` into hosts, in node-group order. Numbering is per name prefix
 * and continues across groups that share a prefix, so names are unique.
 *
 * Rack placement (headroom's rule, no upstream source):
 * - `rack` set on the group: that rack, always.
 * - `spread`: round-robin over `scenario.racks` in scenario order; one pointer per role,
 *   continued across groups of the same role, so each role is spread evenly.
 * - `pack`: first rack in scenario order whose free rack units (rack heightRu minus the
 *   heightRu of hosts already there) hold the host's heightRu; when none does, the last rack.
 * Explicitly placed hosts are counted first, so `pack` sees their rack units.
 * A rack whose placed hosts exceed its heightRu gets one `rack.space_exceeded` warning
 * (value = used RU, limit = rack heightRu).
 */
export function expandHosts(scenario: Scenario): HostsResult {
  const racks = scenario.racks;
  const rackByName = new Map(racks.map((r) => [r.name, r]));
  const usedRu: Record<string, number> = {};
  for (const r of racks) usedRu[r.name] = 0;

  const totals = new Map<string, number>();
  for (const g of scenario.nodes) totals.set(g.namePrefix, (totals.get(g.namePrefix) ?? 0) + Math.max(0, g.count));

  const heightOf = (hardware: string): number => scenario.hardware[hardware]?.heightRu ?? 0;
  const addRu = (rack: string, ru: number): void => {
    usedRu[rack] = (usedRu[rack] ?? 0) + ru;
  };

  // Names, in node-group order.
  const counters = new Map<string, number>();
  const slots: { group: number; name: string }[] = [];
  scenario.nodes.forEach((g, gi) => {
    for (let i = 0; i < g.count; i++) {
      const n = (counters.get(g.namePrefix) ?? 0) + 1;
      counters.set(g.namePrefix, n);
      slots.push({ group: gi, name: hostName(g.namePrefix, n, totals.get(g.namePrefix) ?? n) });
    }
  });

  const rackOf = new Map<number, string>(); // slot index -> rack
  // Pass 1: explicit racks.
  slots.forEach((s, si) => {
    const g = scenario.nodes[s.group];
    if (g?.rack !== undefined) {
      rackOf.set(si, g.rack);
      addRu(g.rack, heightOf(g.hardware));
    }
  });
  // Pass 2: spread and pack, in node-group order.
  const spreadPointer = new Map<Role, number>();
  slots.forEach((s, si) => {
    const g = scenario.nodes[s.group];
    if (!g || g.rack !== undefined) return;
    const last = racks[racks.length - 1];
    if (!last) {
      rackOf.set(si, UNRACKED);
      return;
    }
    const ru = heightOf(g.hardware);
    let rack: string;
    if (g.placement === 'spread') {
      const p = spreadPointer.get(g.role) ?? 0;
      rack = racks[p % racks.length]?.name ?? last.name;
      spreadPointer.set(g.role, p + 1);
    } else {
      const fit = racks.find((r) => r.heightRu - (usedRu[r.name] ?? 0) >= ru);
      rack = fit ? fit.name : last.name;
    }
    rackOf.set(si, rack);
    addRu(rack, ru);
  });

  const hosts: Host[] = slots.map((s, si) => {
    const g = scenario.nodes[s.group];
    const rack = rackOf.get(si) ?? UNRACKED;
    const zone = rackByName.get(rack)?.zone;
    const host: Host = { name: s.name, role: g?.role ?? 'deploy', hardware: g?.hardware ?? '', rack };
    if (zone !== undefined) host.zone = zone;
    if (g?.aggregates && g.aggregates.length > 0) host.aggregates = [...g.aggregates];
    return host;
  });

  const findings: Finding[] = [];
  for (const r of racks) {
    const used = usedRu[r.name] ?? 0;
    if (used > r.heightRu) {
      findings.push({
        code: 'rack.space_exceeded',
        severity: 'warning',
        subject: `rack ${r.name}`,
        message: `rack ${r.name} holds ${used} RU of servers but is ${r.heightRu} RU high (${used - r.heightRu} RU over)`,
        value: used,
        limit: r.heightRu,
        unit: 'RU',
        source: 'headroom rack placement: sum of hardware heightRu per rack vs rack heightRu',
      });
    }
  }
  return { hosts, usedRuByRack: usedRu, findings };
}
