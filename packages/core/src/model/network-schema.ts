/**
 * The YAML `network:` section (scenario v1, optional): networks with VLAN, CIDR, MTU,
 * gateway, reserved ranges, allocation pools; the control-plane VIPs; top-of-rack switch
 * models with their uplinks; per role the ports, bonds and which network rides on which
 * link; the Ceph client traffic. A factory, so that model/schema.ts can hand in its
 * `quantity()` (speeds are quantities with units, e.g. "100 Gbit/s").
 *
 * What zod cannot check (addresses inside CIDRs, overlaps, references to ports and bonds)
 * is checked on the raw data by network/references.ts, with line:col.
 */
import { z } from 'zod';
import { NETWORK_PURPOSES } from './network-config.js';

/** model/schema.ts's `quantity(kind, description)` for link speeds. */
export type BitrateQuantity = (kind: 'bitrate', description: string) => z.ZodType<number, string | number>;

const name = z
  .string()
  .min(1)
  .max(15)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit (at most 15: a Linux interface name)');
const address = (what: string) => z.string().min(1).describe(`${what}: an IPv4 or IPv6 address, e.g. "10.1.0.1"`);
const range = z.string().min(1).describe('An address range "10.1.0.2-10.1.0.9" (inclusive) or one address');
const mtu = (what: string) => z.int().min(576).max(9216).describe(`${what}, bytes (576-9216; 1500 standard, 9000 jumbo frames)`);

/** The `network:` section's zod schema, built with the scenario's quantity parser. */
export function networkSchema(quantity: BitrateQuantity) {
  const NetworkDefSchema = z.strictObject({
    name: name.describe('Network name (also the VLAN interface name in the netplan export, so at most 15 characters)'),
    purpose: z.enum(NETWORK_PURPOSES).describe('management | tunnel | provider | ceph-public | ceph-cluster | oob | other'),
    vlan: z.int().min(1).max(4094).optional().describe('802.1Q VLAN ID, 1-4094 (0 and 4095 are reserved); omit for a network that is only untagged'),
    cidr: z.string().min(1).describe('Subnet in CIDR notation, e.g. "10.1.0.0/24" or "2001:db8:1::/64"'),
    gateway: address('Gateway (router) of the subnet').optional(),
    mtu: mtu('MTU of the network').default(1500),
    reserved: z.array(range).default([]).describe('Ranges headroom must not hand out (switches, routers, anything outside the plan)'),
    allocationPools: z.array(range).default([]).describe('Neutron allocation pools (provider networks: floating IPs and router gateways)'),
    nodeRange: range.optional().describe('Range the hosts\u2019 addresses come from (default: every free usable address)'),
    overlay: z
      .strictObject({
        protocol: z.enum(['vxlan', 'geneve']).describe('vxlan (ML2/OVS) or geneve (ML2/OVN)'),
        overheadBytes: z.int().min(0).max(200).optional().describe('Encapsulation overhead, bytes (default VXLAN 50, Geneve 58 over IPv4; +20 over IPv6)'),
        tenantMtu: mtu('MTU tenant networks must get (default 1500)').default(1500),
      })
      .optional()
      .describe('Tunnel networks: the overlay they carry'),
    defaultRoute: z.boolean().optional().describe('Hosts route by default through this network\u2019s gateway (default: the management network)'),
  });

  const BondSchema = z.strictObject({
    name: name.describe('Bond interface name, e.g. bond0'),
    members: z.array(z.string().min(1)).min(1).describe('Member ports, e.g. [nic0p0, nic1p0]'),
    mode: z.enum(['active-backup', '802.3ad', 'balance-xor']).describe('active-backup | 802.3ad (LACP) | balance-xor'),
    hashPolicy: z
      .enum(['layer2', 'layer2+3', 'layer3+4', 'encap2+3', 'encap3+4'])
      .optional()
      .describe('xmit_hash_policy for 802.3ad and balance-xor (kernel default layer2; layer3+4 spreads flows best)'),
    lacpRate: z.enum(['slow', 'fast']).optional().describe('802.3ad LACPDU rate: slow (30 s, default) or fast (1 s)'),
    primary: z.string().min(1).optional().describe('active-backup: the member used while it is up'),
    miimonMs: z
      .int()
      .min(0)
      .max(60_000)
      .default(100)
      .describe('MII link monitoring interval, milliseconds (kernel miimon; default here 100, the kernel\u2019s own default 0 turns monitoring off)'),
    mtu: mtu('MTU of the bond (default: the largest MTU of the networks on it)').optional(),
  });

  const PortSchema = z.strictObject({
    switch: name.optional().describe('Top-of-rack switch the port is cabled to (a name from `switches`)'),
    name: name.optional().describe('Kernel interface name for the netplan export, e.g. ens1f0np0 (default: the port id)'),
    mtu: mtu('MTU of an unbonded port (default: the largest MTU of the networks on it)').optional(),
  });

  const AttachmentSchema = z.strictObject({
    network: z.string().min(1).describe('A network name'),
    on: z.string().min(1).describe('A bond name, a port id (nic0p0) or bmc'),
    untagged: z.boolean().optional().describe('Carry the network untagged on the link (default: tagged when the network has a VLAN)'),
    address: z.boolean().optional().describe('Give the hosts an address on it (default: yes, except provider networks)'),
  });

  const RoleSchema = z.strictObject({
    ports: z
      .record(z.string().regex(/^nic\d+p\d+$/, 'a port id nic<card>p<port>, both from 0, e.g. nic0p0'), PortSchema)
      .default({})
      .describe('Per port: switch and kernel name. Ports are nic<card>p<port>, counted from 0 in the order of the hardware model\u2019s nics'),
    bonds: z.array(BondSchema).default([]).describe('Bonds of this role'),
    networks: z.array(AttachmentSchema).default([]).describe('Which network rides on which bond or port'),
  });

  const SwitchSchema = z.strictObject({
    name: name.describe('Switch name; one such switch per rack'),
    uplinks: z.int().min(0).max(256).optional().describe('Uplink ports to the spine'),
    uplinkSpeed: quantity('bitrate', 'Line rate of one uplink, e.g. "100 Gbit/s"').optional(),
    maxOversubscription: z.number().gt(0).max(100).default(3).describe('Highest acceptable downlink : uplink ratio (default 3)'),
  });

  return z
    .strictObject({
      networks: z.array(NetworkDefSchema).min(1).max(1_000).describe('Networks: VLAN, subnet, MTU, gateway (at most 1,000)'),
      vips: z
        .strictObject({
          internal: address('kolla_internal_vip_address').optional(),
          external: address('kolla_external_vip_address (default: the internal VIP, as in Kolla-Ansible)').optional(),
          apiNetwork: z.string().min(1).optional().describe('Network the internal VIP must lie in (default: the management network)'),
        })
        .prefault({})
        .describe('Control-plane virtual IPs (keepalived/HAProxy)'),
      switches: z.array(SwitchSchema).default([]).describe('Top-of-rack switch models, one of each per rack'),
      roles: z
        .strictObject({
          control: RoleSchema.optional(),
          compute: RoleSchema.optional(),
          storage: RoleSchema.optional(),
          deploy: RoleSchema.optional(),
        })
        .default({})
        .describe('Ports, bonds and networks per role'),
      traffic: z
        .strictObject({
          cephClientWrite: quantity('bitrate', 'Cluster-wide Ceph client writes at month 0, e.g. "4 Gbit/s" (grows with demand.growth)').optional(),
          cephClientRead: quantity('bitrate', 'Cluster-wide Ceph client reads at month 0, e.g. "8 Gbit/s"').optional(),
        })
        .prefault({})
        .describe('Traffic the links must carry'),
      bandwidthThreshold: z.number().gt(0).lte(1).default(0.8).describe('Link utilisation that ends a bandwidth runway (default 0.8)'),
      dvr: z
        .boolean()
        .optional()
        .describe(
          'Neutron distributed virtual routing (ML2/OVS, enable_distributed_routing): every compute host runs a floating IP agent gateway port with an address of the provider allocation pools (default false)',
        ),
    })
    .describe('Network layout: networks, VIPs, switches, per-role ports, bonds and VLANs');
}

export type NetworkFileOutput = z.output<ReturnType<typeof networkSchema>>;
