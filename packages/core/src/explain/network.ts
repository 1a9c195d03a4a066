/**
 * Explanations of the network plan: the bandwidth of every link (aggregate, one flow, after a
 * link loss: network/links.ts bondBandwidth), the Ceph load of each link in the last month
 * (network/traffic.ts), usable and host addresses per subnet (network/ip.ts, addresses.ts),
 * the replication fan-out and the recovery bandwidth after losing a storage host.
 */
import { demandModel } from '../forecast/demand.js';
import type { LinkRow, RoleInterfaces } from '../model/network.js';
import type { PlanResult } from '../model/plan.js';
import { type ExplanationSet, growthInput, growthTerms, input } from './common.js';
import { explainId } from './ids.js';
import { scenarioPath } from './paths.js';
import type { ExplainedInput } from '../model/explanation.js';

const BOND_SOURCE = 'Linux bonding driver, Documentation/networking/bonding.rst "Bonding Modes"; IEEE 802.1AX (LACP): the transmit hash puts each flow on one member';
const TRAFFIC_SOURCE =
  'headroom traffic model (network/traffic.ts): Ceph client I/O to the primary OSDs plus replication fan-out (docs.ceph.com architecture); links are full duplex, the busier direction counts';

function linkExplanations(_plan: PlanResult, r: RoleInterfaces, l: LinkRow, out: ExplanationSet): void {
  const ports = l.members.map((id) => r.ports.find((p) => p.id === id)).filter((p) => p !== undefined);
  const speeds: ExplainedInput[] = ports.map((p, i) =>
    input(`s${i + 1}`, `line rate of ${p.id} (card ${p.card})`, p.speedBitsPerSecond, 'bit/s', scenarioPath('hardware', r.hardware, 'nics', p.card, 'speedBitsPerSecond')),
  );
  const sym = speeds.map((s) => s.symbol);
  const single = l.kind === 'port' || ports.length <= 1;
  const mode = single ? 'single port' : (l.mode ?? '802.3ad');
  let aggregate: [string, string];
  let flow: [string, string];
  let loss: [string, string];
  if (ports.length === 0) {
    aggregate = flow = loss = ['no member port', '0'];
  } else if (single) {
    aggregate = flow = ['the port speed', 's1'];
    loss = ['nothing left: the only port is lost', '0'];
  } else if (mode === 'active-backup') {
    const primary = Math.max(0, l.primary === null ? 0 : ports.findIndex((p) => p.id === l.primary));
    const others = sym.filter((_, i) => i !== primary);
    aggregate = flow = [`the active member (${ports[primary]!.id}) carries everything`, sym[primary]!];
    loss = ['the slowest other member', others.length === 1 ? others[0]! : `min(${others.join(', ')})`];
  } else {
    aggregate = ['the sum of the members (many flows)', sym.join(' + ')];
    flow = ['one member, the slowest (the hash puts a flow on one member)', `min(${sym.join(', ')})`];
    loss = ['the sum less the fastest member', `${sym.join(' + ')} - max(${sym.join(', ')})`];
  }
  const what = `${l.name} of ${r.role} on ${r.hardware} (${mode}${ports.length > 1 ? `, ${ports.length} members` : ''})`;
  const modeInput = single ? [] : [input('mode', 'bond mode', mode, '', scenarioPath('network', 'roles', r.role, 'bonds', { name: l.name }, 'mode'))];
  for (const [id, label, value, [text, expression]] of [
    [explainId.linkAggregate(r.role, r.hardware, l.name), 'Aggregate bandwidth', l.aggregateBitsPerSecond, aggregate],
    [explainId.linkSingleFlow(r.role, r.hardware, l.name), 'Bandwidth of one flow', l.singleFlowBitsPerSecond, flow],
    [explainId.linkAfterLoss(r.role, r.hardware, l.name), 'Bandwidth after losing one member link', l.afterLinkLossBitsPerSecond, loss],
  ] as const) {
    out.add({
      id,
      label: `${label} of ${what}, each direction`,
      value,
      unit: 'bit/s',
      formula: `${label.toLowerCase()} = ${text}`,
      expression,
      inputs: [...modeInput, ...speeds],
      source: BOND_SOURCE,
    });
  }
}

/** Explanations of `plan.network`; nothing without one. */
export function explainNetwork(plan: PlanResult, out: ExplanationSet): void {
  const n = plan.network;
  const config = plan.scenario.network;
  if (!n || !config) return;
  for (const r of n.roles) for (const l of r.links) if (l.kind !== 'bmc') linkExplanations(plan, r, l, out);

  const last = plan.scenario.horizonMonths - 1;
  // Traffic grows with demand.growthBy.traffic when given, else demand.growth (forecast/demand.ts).
  const growth = demandModel(plan.scenario).traffic;
  const g = growthTerms(growth);
  for (const t of n.traffic) {
    const value = t.demandByMonthBitsPerSecond[last];
    if (value === undefined) continue;
    const ins = t.perNetwork.map((x, i) => input(`in${i + 1}`, `Ceph traffic into a host on ${x.network}, month 0`, x.inBitsPerSecond, 'bit/s'));
    const outs = t.perNetwork.map((x, i) => input(`out${i + 1}`, `Ceph traffic out of a host on ${x.network}, month 0`, x.outBitsPerSecond, 'bit/s'));
    out.add({
      id: explainId.linkLoadLast(t.role, t.hardware, t.link),
      label: `Ceph traffic per ${t.role} host (${t.hardware}) on ${t.link} in the last month, busier direction`,
      value,
      unit: 'bit/s',
      formula:
        `load(t) = max(Σ in, Σ out) × ${g.text} over the networks on the link; per host and month 0, with W, R the cluster's client write and read rates and S, C the storage and compute hosts less the tolerated host failures: ` +
        'storage ceph-public in W ÷ S, out R ÷ S; replication in = out = W × fan-out ÷ S; compute ceph-public in R ÷ C, out W ÷ C',
      expression: `max(${ins.map((x) => x.symbol).join(' + ') || '0'}, ${outs.map((x) => x.symbol).join(' + ') || '0'}) * ${g.expression}`,
      inputs: [
        ...ins,
        ...outs,
        growthInput(growth, plan.scenario.demand.growthBy?.traffic ? scenarioPath('demand', 'growthBy', 'traffic', 'perMonth') : undefined),
        input('t', 'month index of the last month', last, 'months'),
        input(
          'W',
          'Ceph client writes, cluster-wide, month 0',
          config.traffic.cephClientWriteBitsPerSecond,
          'bit/s',
          scenarioPath('network', 'traffic', 'cephClientWriteBitsPerSecond'),
        ),
        input(
          'R',
          'Ceph client reads, cluster-wide, month 0',
          config.traffic.cephClientReadBitsPerSecond,
          'bit/s',
          scenarioPath('network', 'traffic', 'cephClientReadBitsPerSecond'),
        ),
        input('aggregate', `aggregate bandwidth of ${t.link}`, t.aggregateBitsPerSecond, 'bit/s', explainId.linkAggregate(t.role, t.hardware, t.link)),
      ],
      source: TRAFFIC_SOURCE,
    });
  }

  for (const row of n.networks) {
    const prefix = Number(/\/(\d+)$/.exec(row.cidr)?.[1] ?? NaN);
    const netPath = (f: string) => scenarioPath('network', 'networks', { name: row.name }, f);
    if (row.usableAddresses !== null && Number.isFinite(prefix)) {
      const [text, expression] =
        row.family === 4
          ? prefix >= 31
            ? ['2^(32 − prefix): /31 and /32 keep every address', '2^(32 - prefix)']
            : ['2^(32 − prefix) − 2: less the network and broadcast addresses', '2^(32 - prefix) - 2']
          : prefix === 128
            ? ['1', '1']
            : ['2^(128 − prefix) − 1: less the subnet-router anycast address', '2^(128 - prefix) - 1'];
      out.add({
        id: explainId.subnetUsable(row.name),
        label: `Usable host addresses of ${row.name} (${row.cidr})`,
        value: row.usableAddresses,
        unit: 'addresses',
        formula: `usable = ${text}`,
        expression,
        inputs: [input('cidr', 'subnet', row.cidr, '', netPath('cidr')), input('prefix', 'prefix length', prefix, 'bits')],
        source: row.family === 4 ? 'RFC 950 / RFC 919 (network and broadcast addresses); RFC 3021 (/31)' : 'RFC 4291 section 2.6.1 (subnet-router anycast)',
      });
    }
    if (row.nodeCapacity !== null) {
      const f = row.fixedAddresses;
      out.add({
        id: explainId.subnetHostAddresses(row.name),
        label: `Addresses left for hosts on ${row.name}`,
        value: row.nodeCapacity,
        unit: 'addresses',
        formula:
          'host addresses = |node pool| − |gateway, VIPs, reserved ranges and allocation pools inside it| (overlaps counted once); node pool = the node range, else every usable address',
        inputs: [
          ...(row.usableAddresses === null
            ? []
            : [
                input(
                  'usable',
                  'usable addresses of the subnet',
                  row.usableAddresses,
                  'addresses',
                  out.has(explainId.subnetUsable(row.name)) ? explainId.subnetUsable(row.name) : undefined,
                ),
              ]),
          input('node_range', 'node range', row.nodeRange ?? 'none: every usable address', '', row.nodeRange === null ? undefined : netPath('nodeRange')),
          input('gateway', 'gateway', f.gateway, 'addresses', row.gateway === null ? undefined : netPath('gateway')),
          input('vips', 'VIPs in the subnet', f.vips, 'addresses'),
          ...(f.reserved === null ? [] : [input('reserved', 'reserved ranges (within the subnet)', f.reserved, 'addresses', netPath('reserved'))]),
          ...(f.pools === null ? [] : [input('pools', 'allocation pools (within the subnet)', f.pools, 'addresses', netPath('allocationPools'))]),
        ],
        source: 'headroom address plan (network/addresses.ts): hosts + gateway + VIPs + reserved + pools must fit the subnet for every month of the horizon',
      });
    }
  }

  if (n.replicationFanOut) {
    const pool = plan.scenario.ceph.pools.find((p) => p.name === n.replicationFanOut!.pool);
    if (pool) {
      const path = (f: string) => scenarioPath('ceph', 'pools', { name: pool.name }, f);
      out.add({
        id: explainId.replicationFanOut(),
        label: `Replication fan-out: extra bytes the primary OSD sends per client byte written (worst pool: ${pool.name})`,
        value: n.replicationFanOut.factor,
        unit: '',
        formula:
          pool.type === 'replicated'
            ? 'fan-out = size − 1 (the primary writes the other copies)'
            : 'fan-out = (k + m − 1) ÷ k (the primary sends the other chunks, each 1/k of the data)',
        expression: pool.type === 'replicated' ? 'size - 1' : '(k + m - 1) / k',
        inputs:
          pool.type === 'replicated'
            ? [input('size', `size of ${pool.name}`, pool.size, 'copies', path('size'))]
            : [input('k', `k of ${pool.name}`, pool.k, 'chunks', path('k')), input('m', `m of ${pool.name}`, pool.m, 'chunks', path('m'))],
        source: TRAFFIC_SOURCE,
      });
    }
  }

  const rec = n.cephRecovery;
  if (rec) {
    const storage = n.roles.filter((r) => r.role === 'storage').find((r) => r.links.some((l) => l.name === rec.link && l.aggregateBitsPerSecond === rec.perHostBitsPerSecond));
    out.add({
      id: explainId.recoveryBandwidth(),
      label: `Replication bandwidth for Ceph recovery after losing a storage host (${rec.network} on ${rec.link})`,
      value: rec.totalBitsPerSecond,
      unit: 'bit/s',
      formula: 'recovery bandwidth = aggregate of the replication link per surviving storage host (the slowest storage model) × (storage hosts − 1)',
      expression: 'per_host * (hosts - 1)',
      inputs: [
        input(
          'per_host',
          `aggregate bandwidth of ${rec.link} per storage host`,
          rec.perHostBitsPerSecond,
          'bit/s',
          storage ? explainId.linkAggregate('storage', storage.hardware, rec.link) : undefined,
        ),
        input('hosts', 'storage hosts', plan.hosts.filter((h) => h.role === 'storage').length, 'hosts'),
      ],
      source: 'headroom (network/traffic.ts cephRecoveryBandwidth): recovery runs many PGs at once, so the aggregate bandwidth applies',
    });
  }
}
