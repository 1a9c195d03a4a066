/**
 * Test helper: a small scenario with a complete, passing network plan, as YAML data that a
 * test changes in one place before parsing it (so each failing case isolates one mistake).
 *
 * 3 control, 3 compute, 4 storage hosts (each 2 NIC cards x 2 x 25 Gbit/s) over 3 racks;
 * one replicated size-3 pool; networks oob, mgmt (10.10.0.0/24, node range .11-.200, VIP
 * .250), tunnel (Geneve, MTU 9000), provider (pool .20-.250), ceph-public, ceph-cluster;
 * every role bonds one port of each card (bond0: mgmt + ceph-public, bond1: tunnel and
 * provider, or ceph-cluster on storage), members on tor-a and tor-b.
 */
import { stringify } from 'yaml';
import type { Diagnostic } from '../diagnostics/types.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { PlanResult } from '../model/plan.js';
import { parseScenario } from '../scenario/parse.js';

type Obj = Record<string, unknown>;

const bonds = () => [
  { name: 'bond0', members: ['nic0p0', 'nic1p0'], mode: '802.3ad', hashPolicy: 'layer3+4' },
  { name: 'bond1', members: ['nic0p1', 'nic1p1'], mode: '802.3ad', hashPolicy: 'layer3+4' },
];
const ports = () => ({ nic0p0: { switch: 'tor-a' }, nic0p1: { switch: 'tor-a' }, nic1p0: { switch: 'tor-b' }, nic1p1: { switch: 'tor-b' } });

/** The base scenario as plain data (a fresh copy on every call). */
export function baseNetworkScenario(): Obj {
  return {
    schemaVersion: 1,
    name: 'Network test',
    start: '2027-01',
    horizonMonths: 12,
    hardware: {
      srv: {
        model: 'Test server',
        heightRu: 1,
        cpu: { model: 'X', sockets: 2, coresPerSocket: 16, threadsPerCore: 2, virtualization: 'vt-x' },
        memory: { size: '256 GiB', ecc: true },
        disks: [
          { count: 2, size: '960 GB', kind: 'nvme', use: 'os' },
          { count: 2, size: '1.92 TB', kind: 'nvme', use: 'database' },
          { count: 4, size: '7.68 TB', kind: 'nvme', use: 'osd' },
        ],
        nics: [
          { ports: 2, speed: '25 Gbit/s' },
          { ports: 2, speed: '25 Gbit/s' },
        ],
      },
    },
    racks: [{ name: 'r1' }, { name: 'r2' }, { name: 'r3' }],
    nodes: [
      { role: 'control', hardware: 'srv', count: 3 },
      { role: 'compute', hardware: 'srv', count: 3 },
      { role: 'storage', hardware: 'srv', count: 4 },
    ],
    ceph: { pools: [{ name: 'volumes', type: 'replicated', size: 3 }] },
    network: {
      networks: [
        { name: 'oob', purpose: 'oob', vlan: 10, cidr: '10.0.0.0/24', gateway: '10.0.0.1' },
        { name: 'mgmt', purpose: 'management', vlan: 100, cidr: '10.10.0.0/24', gateway: '10.10.0.1', reserved: ['10.10.0.2-10.10.0.9'], nodeRange: '10.10.0.11-10.10.0.200' },
        { name: 'tunnel', purpose: 'tunnel', vlan: 110, cidr: '10.11.0.0/24', mtu: 9000, overlay: { protocol: 'geneve' } },
        { name: 'provider', purpose: 'provider', vlan: 200, cidr: '198.51.100.0/24', gateway: '198.51.100.1', allocationPools: ['198.51.100.20-198.51.100.250'] },
        { name: 'ceph-public', purpose: 'ceph-public', vlan: 120, cidr: '10.12.0.0/24', mtu: 9000 },
        { name: 'ceph-cluster', purpose: 'ceph-cluster', vlan: 130, cidr: '10.13.0.0/24', mtu: 9000 },
      ],
      vips: { internal: '10.10.0.250' },
      switches: [
        { name: 'tor-a', uplinks: 2, uplinkSpeed: '100 Gbit/s' },
        { name: 'tor-b', uplinks: 2, uplinkSpeed: '100 Gbit/s' },
      ],
      roles: {
        control: {
          ports: ports(),
          bonds: bonds(),
          networks: [
            { network: 'mgmt', on: 'bond0' },
            { network: 'ceph-public', on: 'bond0' },
            { network: 'tunnel', on: 'bond1' },
            { network: 'provider', on: 'bond1' },
            { network: 'oob', on: 'bmc', untagged: true },
          ],
        },
        compute: {
          ports: ports(),
          bonds: bonds(),
          networks: [
            { network: 'mgmt', on: 'bond0' },
            { network: 'ceph-public', on: 'bond0' },
            { network: 'tunnel', on: 'bond1' },
            { network: 'oob', on: 'bmc', untagged: true },
          ],
        },
        storage: {
          ports: ports(),
          bonds: bonds(),
          networks: [
            { network: 'mgmt', on: 'bond0' },
            { network: 'ceph-public', on: 'bond0' },
            { network: 'ceph-cluster', on: 'bond1' },
            { network: 'oob', on: 'bmc', untagged: true },
          ],
        },
      },
    },
  };
}

/** The `network` mapping of a base scenario (to change in place). */
export const net = (s: Obj): Obj => s.network as Obj;
/** The network named `name` of a base scenario (to change in place). */
export const netDef = (s: Obj, name: string): Obj => (net(s).networks as Obj[]).find((n) => n.name === name)!;
/** The role mapping `role` of a base scenario's network section (to change in place). */
export const roleDef = (s: Obj, role: string): Obj => (net(s).roles as Obj)[role] as Obj;

/** YAML text of `data`, parsed; throws with the diagnostics when it does not load. */
export function planOf(data: Obj): PlanResult {
  const r = parseScenario(stringify(data), { fileName: 'test.yaml' });
  if (!r.scenario) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return evaluate(r.scenario);
}

/** The diagnostics of `data` as YAML. */
export function diagnosticsOf(data: Obj): Diagnostic[] {
  return parseScenario(stringify(data), { fileName: 'test.yaml' }).diagnostics;
}

/** Codes of the plan's `network.*` findings, sorted. */
export function networkCodes(plan: PlanResult): string[] {
  return plan.findings
    .filter((f) => f.code.startsWith('network.'))
    .map((f) => f.code)
    .sort();
}
