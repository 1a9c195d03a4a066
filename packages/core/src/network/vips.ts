/**
 * The control-plane VIPs (keepalived moves them between the controllers; HAProxy listens on
 * them), checked the way Kolla-Ansible's prechecks do before a deploy
 * (openstack/kolla-ansible ansible/roles/loadbalancer/tasks/precheck.yml):
 *   "Checking if kolla_internal_vip_address is in the same network as api_interface on all
 *    nodes"  -> the internal VIP must lie in the API network;
 *   "Checking if kolla_internal_vip_address and kolla_external_vip_address are not pingable
 *    from any node" -> a VIP must not be an address something else already answers on: a
 *    host's address, the gateway.
 * headroom adds: not inside a Neutron allocation pool (Neutron would hand it to a floating
 * IP or a router, and the VIP becomes pingable: the same precheck fails on the next deploy).
 */
import type { Finding } from '../diagnostics/types.js';
import type { NetworkConfig, NetworkDef } from '../model/network-config.js';
import { inRange, parseCidr, parseIp, parseRange, usableRange } from './ip.js';

const KOLLA_PRECHECK = 'Kolla-Ansible prechecks, ansible/roles/loadbalancer/tasks/precheck.yml';
const SOURCES = {
  outside: `${KOLLA_PRECHECK}: "Checking if kolla_internal_vip_address is in the same network as api_interface on all nodes"`,
  inUse: `${KOLLA_PRECHECK}: "Checking if kolla_internal_vip_address and kolla_external_vip_address are not pingable from any node"`,
  pool: `headroom, from ${KOLLA_PRECHECK} ("not pingable"): Neutron hands out allocation-pool addresses to floating IPs and router gateways`,
  controllers: 'Kolla-Ansible: keepalived runs on the loadbalancer group (the control hosts by default) and raises the VIP on api_interface',
} as const;

/** The API network: `vips.apiNetwork`, else the first management network. */
export function apiNetwork(config: NetworkConfig): NetworkDef | undefined {
  const name = config.vips.apiNetwork;
  return name !== undefined ? config.networks.find((n) => n.name === name) : config.networks.find((n) => n.purpose === 'management');
}

function contains(net: NetworkDef, text: string): boolean {
  const c = parseCidr(net.cidr);
  const ip = parseIp(text);
  return c.ok && ip !== undefined && inRange(usableRange(c.cidr), ip);
}

/**
 * VIP findings (all errors but the last):
 * - `network.vip.outside_network`: the internal VIP is not in the API network, or the
 *   external VIP (default: the internal one) is in no network the control role is on;
 * - `network.vip.is_gateway`: a VIP is its network's gateway;
 * - `network.vip.on_node_address`: a VIP lies in the node range the hosts' addresses come from;
 * - `network.vip.in_pool`: a VIP lies in an allocation pool;
 * - `network.vip.not_on_controllers` (warning): the control role is not attached to the API network.
 */
export function checkVips(config: NetworkConfig): Finding[] {
  const findings: Finding[] = [];
  const api = apiNetwork(config);
  const controlNets = new Set(config.roles.control?.attachments.map((a) => a.network) ?? config.networks.map((n) => n.name));
  const add = (code: string, subject: string, message: string, source: string, severity: 'error' | 'warning' = 'error') =>
    findings.push({ code, severity, subject, message, source });

  if (api && config.roles.control && !controlNets.has(api.name)) {
    add(
      'network.vip.not_on_controllers',
      `network ${api.name}`,
      `the control role is not attached to the API network ${api.name}: keepalived cannot raise the VIP there`,
      SOURCES.controllers,
      'warning',
    );
  }
  const vips: [string, string | undefined][] = [
    ['internal', config.vips.internal],
    ['external', config.vips.external !== undefined && config.vips.external !== config.vips.internal ? config.vips.external : undefined],
  ];
  for (const [kind, address] of vips) {
    if (address === undefined) continue;
    const subject = `VIP ${kind} ${address}`;
    const home = kind === 'internal' ? (api && contains(api, address) ? api : undefined) : config.networks.find((n) => controlNets.has(n.name) && contains(n, address));
    if (!home) {
      add(
        'network.vip.outside_network',
        subject,
        kind === 'internal'
          ? `the internal VIP ${address} is not in the API network${api ? ` ${api.name} (${api.cidr})` : ' (no management network is defined)'}`
          : `the external VIP ${address} is in no network the control role is attached to`,
        SOURCES.outside,
      );
      continue;
    }
    if (home.gateway === address) add('network.vip.is_gateway', subject, `the ${kind} VIP ${address} is the gateway of ${home.name}`, SOURCES.inUse);
    const ip = parseIp(address)!;
    const nodeRange = home.nodeRange === undefined ? undefined : parseRange(home.nodeRange);
    if (nodeRange && inRange(nodeRange, ip)) {
      add('network.vip.on_node_address', subject, `the ${kind} VIP ${address} lies in ${home.name}'s node range ${home.nodeRange}: a host will get it`, SOURCES.inUse);
    }
    const pool = home.allocationPools.find((p) => {
      const r = parseRange(p);
      return r !== undefined && inRange(r, ip);
    });
    if (pool) add('network.vip.in_pool', subject, `the ${kind} VIP ${address} lies in ${home.name}'s allocation pool ${pool}: Neutron will hand it out`, SOURCES.pool);
  }
  return findings;
}
