/**
 * planNetwork: the network section of the plan and its findings. Runs, in order: links per
 * role and hardware (links.ts), addresses and floating IPs (addresses.ts), VIPs (vips.ts),
 * MTU (mtu.ts), redundancy (redundancy.ts), separation (separation.ts), Ceph traffic and
 * recovery bandwidth (traffic.ts), oversubscription (oversubscription.ts). Pure.
 */
import { demandModel } from '../forecast/demand.js';
import type { Finding } from '../diagnostics/types.js';
import { type Role, ROLES, type Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import { constantHostsPerMonth, planAddresses, planFloatingIps } from './addresses.js';
import { allRoleLinks, networkByName, resolvePorts, type RoleLinks } from './links.js';
import { checkMtu } from './mtu.js';
import { planOversubscription } from './oversubscription.js';
import { checkRedundancy } from './redundancy.js';
import { checkSeparation } from './separation.js';
import { planTraffic, recoveryFrom, replicationFanOut } from './traffic.js';
import type { NetworkPlan, RoleInterfaces } from '../model/network.js';
import { apiNetwork, checkVips } from './vips.js';

export interface PlanNetworkOptions {
  /** Hosts per role per horizon month; default: today's host count in every month. */
  hostsPerMonth?: Partial<Record<Role, number[]>>;
}

/** The port and bond map of one role on one hardware model, for the plan and the report. */
function interfaces(scenario: Scenario, rl: RoleLinks): RoleInterfaces {
  const config = scenario.network!;
  const hw = scenario.hardware[rl.hardware]!;
  const linkOfPort = new Map<string, string>();
  for (const l of rl.links) for (const m of l.members) linkOfPort.set(m.id, l.name);
  return {
    role: rl.role,
    hardware: rl.hardware,
    hosts: [...rl.hosts],
    ports: resolvePorts(hw, config.roles[rl.role]).map((p) => ({
      id: p.id,
      card: p.card,
      port: p.port,
      speedBitsPerSecond: p.speedBitsPerSecond,
      switch: p.switch ?? null,
      interfaceName: p.interfaceName ?? null,
      link: linkOfPort.get(p.id) ?? null,
    })),
    links: rl.links.map((l) => ({
      name: l.name,
      kind: l.kind,
      mode: l.bond?.mode ?? null,
      hashPolicy: l.bond ? (l.bond.hashPolicy ?? (l.bond.mode === 'active-backup' ? null : 'layer2')) : null,
      lacpRate: l.bond?.mode === '802.3ad' ? (l.bond.lacpRate ?? 'slow') : null,
      primary: l.bond?.primary ?? null,
      miimonMs: l.bond?.miimonMs ?? null,
      members: l.members.map((m) => m.id),
      mtuBytes: l.mtuBytes,
      ...l.bandwidth,
      networks: l.attachments.map((a) => {
        const net = networkByName(config, a.network);
        return { network: a.network, vlan: a.tagged ? (net?.vlan ?? null) : null, tagged: a.tagged, addressed: a.addressed, mtuBytes: net?.mtuBytes ?? 1500 };
      }),
    })),
  };
}

/**
 * The network plan of a scenario with a `network:` section (undefined without one), and
 * every `network.*` finding. `hosts` are the plan's hosts (expandHosts).
 */
export function planNetwork(scenario: Scenario, hosts: readonly Host[], options: PlanNetworkOptions = {}): { plan: NetworkPlan; findings: Finding[] } | undefined {
  const config = scenario.network;
  if (!config) return undefined;
  const counts: Partial<Record<Role, number>> = {};
  for (const role of ROLES) counts[role] = hosts.filter((h) => h.role === role).length;
  const months = scenario.horizonMonths;
  const roleLinks = allRoleLinks(scenario, hosts);

  const addresses = planAddresses(config, options.hostsPerMonth ?? constantHostsPerMonth(counts, months), months, scenario.start);
  const perMonth = options.hostsPerMonth ?? constantHostsPerMonth(counts, months);
  const fipDemand: { floatingIps?: number; routers?: number } = {};
  if (scenario.demand.floatingIps !== undefined) fipDemand.floatingIps = scenario.demand.floatingIps;
  if (scenario.demand.routers !== undefined) fipDemand.routers = scenario.demand.routers;
  const fips = planFloatingIps(config, fipDemand, demandModel(scenario).floatingIps, months, scenario.start, perMonth.compute ?? []);
  const traffic = planTraffic(scenario, roleLinks, counts);
  const oversubscription = planOversubscription(scenario, config, hosts, roleLinks);
  const api = apiNetwork(config);

  const plan: NetworkPlan = {
    networks: addresses.rows,
    vips: {
      internal: config.vips.internal ?? null,
      external: config.vips.external ?? config.vips.internal ?? null,
      apiNetwork: api?.name ?? null,
    },
    addressUsage: addresses.usage,
    floatingIps: fips.plan,
    roles: roleLinks.map((rl) => interfaces(scenario, rl)),
    replicationFanOut: replicationFanOut(scenario.ceph.pools),
    traffic: traffic.rows,
    cephRecovery: recoveryFrom(scenario, roleLinks, counts.storage ?? 0),
    oversubscription: oversubscription.rows,
  };
  const findings = [
    ...addresses.findings,
    ...fips.findings,
    ...checkVips(config),
    ...checkMtu(config, roleLinks),
    ...checkRedundancy(roleLinks),
    ...checkSeparation(config, roleLinks, counts),
    ...traffic.findings,
    ...oversubscription.findings,
  ];
  return { plan, findings };
}
