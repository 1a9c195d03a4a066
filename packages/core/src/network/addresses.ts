/**
 * Address space: every network must hold its hosts' addresses over the whole horizon,
 * besides the gateway, the VIPs, the reserved ranges and the allocation pools; the provider
 * pools must hold the floating IPs the demand needs. Month by month, so that growing host
 * counts (procurement) can be fed in later: today a role's host count is constant.
 *
 *   nodeCapacity = |node pool| - |fixed addresses in the node pool|
 *   node pool    = the node range, else the subnet's usable addresses (ip.ts usableRange)
 *   fixed        = gateway, VIPs in the subnet, reserved ranges, allocation pools
 *                  (overlaps counted once)
 *   nodes(t)     = sum over roles with an address on the network of hosts(role, t)
 *   exhausted    = first t with nodes(t) > nodeCapacity
 * Worked example: 10.1.0.0/24 with gateway .1, reserved .2-.9, a VIP at .250 and no node
 * range: 254 usable - (1 + 8 + 1) = 244 host addresses.
 */
import type { Finding } from '../diagnostics/types.js';
import { growthFactor, monthLabel } from '../forecast/growth.js';
import type { Growth, Role } from '../model/scenario.js';
import type { NetworkConfig, NetworkDef } from '../model/network-config.js';
import { countAsNumber, coveredCount, firstFree, formatIp, type Ip, type IpRange, inRange, parseCidr, parseIp, parseRange, rangeSize, usableRange } from './ip.js';
import type { AddressUsage, FloatingIpPlan, NetworkRow } from '../model/network.js';

const ADDRESS_SOURCE = 'headroom address plan: hosts + gateway + VIPs + reserved + pools must fit the subnet\u2019s usable addresses for every month of the horizon';
const FIP_SOURCE =
  'Neutron: floating IPs, router gateway ports and (ML2/OVS DVR) one floating IP agent gateway port per compute host are allocated from the external subnet\u2019s allocation_pools';

const single = (ip: Ip): IpRange => ({ family: ip.family, start: ip.value, end: ip.value });
const ranges = (texts: readonly string[]): IpRange[] => texts.map(parseRange).filter((r): r is IpRange => r !== undefined);

/** The address layout of one network: usable range, node pool and the fixed ranges inside. */
export interface NetworkAddresses {
  usable: IpRange;
  nodePool: IpRange;
  gateway: IpRange[];
  vips: IpRange[];
  reserved: IpRange[];
  pools: IpRange[];
  nodeCapacity: bigint;
}

/** The VIP addresses of `config` (internal, and external when given), parsed. */
export function vipAddresses(config: NetworkConfig): Ip[] {
  return [config.vips.internal, config.vips.external].flatMap((t) => (t === undefined ? [] : [parseIp(t)].filter((x): x is Ip => x !== undefined)));
}

/** The address layout of `net` (undefined when its CIDR does not parse). */
export function networkAddresses(net: NetworkDef, vips: readonly Ip[]): NetworkAddresses | undefined {
  const c = parseCidr(net.cidr);
  if (!c.ok) return undefined;
  const usable = usableRange(c.cidr);
  const gw = net.gateway === undefined ? undefined : parseIp(net.gateway);
  const gateway = gw ? [single(gw)] : [];
  const vipRanges = vips.filter((v) => inRange(usable, v)).map(single);
  const unique = vipRanges.filter((v, i) => vipRanges.findIndex((w) => w.start === v.start) === i);
  const reserved = ranges(net.reserved);
  const pools = ranges(net.allocationPools);
  const nodePool = (net.nodeRange !== undefined ? parseRange(net.nodeRange) : undefined) ?? usable;
  const fixed = [...gateway, ...unique, ...reserved, ...pools];
  return { usable, nodePool, gateway, vips: unique, reserved, pools, nodeCapacity: rangeSize(nodePool) - coveredCount(fixed, nodePool) };
}

/** Hosts per role per month: constant `count` for each of `months` months (no procurement yet). */
export function constantHostsPerMonth(counts: Partial<Record<Role, number>>, months: number): Partial<Record<Role, number[]>> {
  const out: Partial<Record<Role, number[]>> = {};
  for (const [role, n] of Object.entries(counts) as [Role, number][]) out[role] = Array.from({ length: months }, () => n);
  return out;
}

/** Roles attached to `net`, and those that take an address on it, in ROLES order. */
export function attachedRoles(config: NetworkConfig, net: string): { roles: Role[]; addressedRoles: Role[] } {
  const roles: Role[] = [];
  const addressedRoles: Role[] = [];
  for (const role of ['control', 'compute', 'storage', 'deploy'] as const) {
    const a = config.roles[role]?.attachments.find((x) => x.network === net);
    if (!a) continue;
    roles.push(role);
    if (a.addressed) addressedRoles.push(role);
  }
  return { roles, addressedRoles };
}

/** First index whose value exceeds `capacity`, or null. */
export function firstMonthOver(values: readonly number[], capacity: number): number | null {
  const i = values.findIndex((v) => v > capacity);
  return i < 0 ? null : i;
}

/**
 * The VLAN/subnet table rows and the address usage per month of every network, with a
 * `network.addresses.exhausted` error at the first month a network has more hosts than
 * host addresses (value = hosts, limit = addresses). `hostsPerMonth[role][t]` is the
 * number of hosts of `role` in month t; `months` is the horizon length; `start` labels months.
 */
export function planAddresses(
  config: NetworkConfig,
  hostsPerMonth: Partial<Record<Role, number[]>>,
  months: number,
  start: string,
): { rows: NetworkRow[]; usage: AddressUsage[]; findings: Finding[] } {
  const vips = vipAddresses(config);
  const rows: NetworkRow[] = [];
  const usage: AddressUsage[] = [];
  const findings: Finding[] = [];
  for (const net of config.networks) {
    const a = networkAddresses(net, vips);
    const { roles, addressedRoles } = attachedRoles(config, net.name);
    const count = (n: bigint | undefined) => (n === undefined ? null : countAsNumber(n));
    const within = (rs: IpRange[]) => (a ? coveredCount(rs, a.usable) : undefined);
    rows.push({
      name: net.name,
      purpose: net.purpose,
      vlan: net.vlan ?? null,
      cidr: net.cidr,
      family: net.family,
      gateway: net.gateway ?? null,
      mtuBytes: net.mtuBytes,
      overlay: net.overlay ? { ...net.overlay } : null,
      defaultRoute: net.defaultRoute,
      usableAddresses: count(a ? rangeSize(a.usable) : undefined),
      fixedAddresses: { gateway: a?.gateway.length ?? 0, vips: a?.vips.length ?? 0, reserved: count(within(a?.reserved ?? [])), pools: count(within(a?.pools ?? [])) },
      nodeRange: net.nodeRange ?? null,
      nodeCapacity: count(a?.nodeCapacity),
      roles,
      addressedRoles,
    });
    const nodesByMonth = Array.from({ length: months }, (_, t) => addressedRoles.reduce((s, r) => s + (hostsPerMonth[r]?.[t] ?? 0), 0));
    const capacity = count(a?.nodeCapacity);
    const exhaustedMonth = capacity === null ? null : firstMonthOver(nodesByMonth, capacity);
    const peak = Math.max(0, ...nodesByMonth);
    usage.push({ network: net.name, nodeCapacity: capacity, nodesByMonth, exhaustedMonth, peakUtilisation: capacity === null || capacity === 0 ? null : peak / capacity });
    if (exhaustedMonth !== null) {
      const nodes = nodesByMonth[exhaustedMonth]!;
      findings.push({
        code: 'network.addresses.exhausted',
        severity: 'error',
        subject: `network ${net.name}`,
        message: `${net.name} (${net.cidr}) runs out of host addresses in ${monthLabel(start, exhaustedMonth)} (month ${exhaustedMonth}): ${nodes} hosts need an address, ${capacity} are left after the gateway, VIPs, reserved ranges and pools`,
        month: exhaustedMonth,
        value: nodes,
        limit: capacity!,
        unit: 'addresses',
        source: ADDRESS_SOURCE,
      });
    }
  }
  return { rows, usage, findings };
}

/**
 * The external network's allocation pools month by month. Neutron takes from the external
 * subnet's allocation_pools not only floating IPs but every port it creates there:
 *  - a router gateway port per router with an external gateway (network:router_gateway;
 *    `openstack router set --external-gateway`), and
 *  - with ML2/OVS DVR, a floating IP agent gateway port per compute host that hosts a
 *    floating IP (device_owner network:floatingip_agent_gateway, neutron-lib
 *    DEVICE_OWNER_AGENT_GW; its fixed IP on the external subnet sits on the fg- device of
 *    the fip-<network> namespace, neutron/agent/l3/dvr_fip_ns.py). Counted for every
 *    compute host, as one floating IP on a host is enough to create it. ML2/OVN routes
 *    floating IPs without such ports: leave `dvr` unset there.
 *
 *   demand(t) = ceil(floatingIps x g(t)) + ceil(routers x g(t)) + (dvr ? computeHosts(t) : 0)
 *
 * against the addresses of every provider network's allocation pools;
 * `network.floating_ips.exhausted` (error) at the first month demand exceeds them (value =
 * demand, limit = pool addresses). Null when the scenario plans none of the three.
 * Example: 40 floating IPs, 10 routers, DVR on 6 compute hosts, no growth: 40 + 10 + 6 = 56.
 */
export function planFloatingIps(
  config: NetworkConfig,
  demand: { floatingIps?: number; routers?: number },
  growth: Growth,
  months: number,
  start: string,
  computeHostsByMonth: readonly number[] = [],
): { plan: FloatingIpPlan | null; findings: Finding[] } {
  const dvr = config.dvr === true;
  if (demand.floatingIps === undefined && demand.routers === undefined && !dvr) return { plan: null, findings: [] };
  let total = 0n;
  for (const net of config.networks.filter((n) => n.purpose === 'provider')) {
    const c = parseCidr(net.cidr);
    if (c.ok) total += coveredCount(ranges(net.allocationPools), usableRange(c.cidr));
  }
  const poolAddresses = countAsNumber(total);
  const grown = (n: number | undefined) => Array.from({ length: months }, (_, t) => Math.max(0, Math.ceil((n ?? 0) * growthFactor(growth, t) - 1e-9)));
  const floatingIpsByMonth = grown(demand.floatingIps);
  const routerGatewaysByMonth = grown(demand.routers);
  const agentGatewaysByMonth = Array.from({ length: months }, (_, t) => (dvr ? (computeHostsByMonth[t] ?? computeHostsByMonth[computeHostsByMonth.length - 1] ?? 0) : 0));
  const demandByMonth = floatingIpsByMonth.map((f, t) => f + routerGatewaysByMonth[t]! + agentGatewaysByMonth[t]!);
  const exhaustedMonth = poolAddresses === null ? null : firstMonthOver(demandByMonth, poolAddresses);
  const findings: Finding[] = [];
  if (exhaustedMonth !== null) {
    const t = exhaustedMonth;
    const parts = [
      `${floatingIpsByMonth[t]} floating IPs`,
      ...(demand.routers !== undefined ? [`${routerGatewaysByMonth[t]} router gateways`] : []),
      ...(dvr ? [`${agentGatewaysByMonth[t]} DVR floating IP agent gateways (one per compute host)`] : []),
    ];
    findings.push({
      code: 'network.floating_ips.exhausted',
      severity: 'error',
      subject: 'floating IPs',
      message: `the external network's allocation pools run out in ${monthLabel(start, t)} (month ${t}): ${demandByMonth[t]} addresses needed (${parts.join(' + ')}), the provider allocation pools hold ${poolAddresses}`,
      month: t,
      value: demandByMonth[t]!,
      limit: poolAddresses!,
      unit: 'addresses',
      source: FIP_SOURCE,
    });
  }
  return { plan: { poolAddresses, demandByMonth, floatingIpsByMonth, routerGatewaysByMonth, agentGatewaysByMonth, exhaustedMonth }, findings };
}

/**
 * The addresses of `hostNames` (in that order) on `net`: the first free addresses of the
 * node pool, skipping the gateway, VIPs, reserved ranges and pools. Hosts beyond the
 * capacity get no address (the address check reports it).
 */
export function assignHostAddresses(net: NetworkDef, vips: readonly Ip[], hostNames: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const a = networkAddresses(net, vips);
  if (!a) return out;
  const free = firstFree(a.nodePool, [...a.gateway, ...a.vips, ...a.reserved, ...a.pools], hostNames.length);
  hostNames.forEach((h, i) => {
    const ip = free[i];
    if (ip) out.set(h, formatIp(ip));
  });
  return out;
}
