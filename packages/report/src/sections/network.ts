/**
 * The network section: the VLAN/subnet table with each subnet's address budget over the
 * horizon, floating IPs against the provider pools, the port and bond map of every role,
 * bandwidth per network per host, oversubscription of the top-of-rack switches. Formatting
 * only: every figure comes from `plan.network` (core's planNetwork).
 */
import type { LinkRow, LinkTraffic, NetworkPlan, NetworkRow, PlanResult, RoleInterfaces } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { renderLineChart, SERIES_COLORS } from '../charts.js';
import { html, type SafeHtml, trustedHtml } from '../escape.js';
import { formatBitrate, formatFactor, formatMonth, formatNumber, formatPercent } from '../format.js';
import { definitionList, runwayText } from './common.js';
import { explained } from './explain.js';

export { formatBitrate } from '../format.js';

const count = (n: number | null): string => (n === null ? 'not counted' : formatNumber(n));

function subnetTable(plan: PlanResult, n: NetworkPlan): SafeHtml {
  const usage = new Map(n.addressUsage.map((u) => [u.network, u]));
  const last = plan.months.length - 1;
  const fixed = (r: NetworkRow) => {
    const f = r.fixedAddresses;
    const parts = [
      f.gateway > 0 ? 'gateway' : '',
      f.vips > 0 ? `${f.vips} VIP` : '',
      f.reserved ? `${formatNumber(f.reserved)} reserved` : '',
      f.pools ? `${formatNumber(f.pools)} in pools` : '',
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(', ') : '—';
  };
  return html`<table class="subnets">
<caption>VLANs and subnets. Usable = host addresses of the subnet (IPv4: less the network and broadcast addresses). Host addresses = the node range (or the usable addresses) less the gateway, VIPs, reserved ranges and allocation pools. MTU in bytes.</caption>
<thead><tr><th scope="col">Network</th><th scope="col">Purpose</th><th scope="col">VLAN</th><th scope="col">Subnet</th><th scope="col">Gateway</th><th scope="col">MTU</th><th scope="col">Usable</th><th scope="col">Set aside</th><th scope="col">Host addresses</th><th scope="col">Hosts, first / last month</th><th scope="col">Runs out</th><th scope="col">Roles</th></tr></thead>
<tbody>
${n.networks.map((r) => {
  const u = usage.get(r.name);
  const hosts = u ? `${formatNumber(u.nodesByMonth[0] ?? 0)} / ${formatNumber(u.nodesByMonth[last] ?? 0)}` : '—';
  const out = u?.exhaustedMonth ?? null;
  return html`<tr><th scope="row">${r.name}${r.defaultRoute ? html` <span class="small">(default route)</span>` : ''}</th><td>${r.purpose}${r.overlay ? html`<br><span class="small">${r.overlay.protocol}, +${formatNumber(r.overlay.overheadBytes)} bytes, tenants ${formatNumber(r.overlay.tenantMtuBytes)}</span>` : ''}</td><td class="num">${r.vlan === null ? 'untagged' : formatNumber(r.vlan)}</td><td><code>${r.cidr}</code>${r.nodeRange ? html`<br><span class="small">hosts ${r.nodeRange}</span>` : ''}</td><td>${r.gateway ?? '—'}</td><td class="num">${formatNumber(r.mtuBytes)}</td><td class="num">${explained(plan, explainId.subnetUsable(r.name), count(r.usableAddresses))}</td><td>${fixed(r)}</td><td class="num">${explained(plan, explainId.subnetHostAddresses(r.name), count(r.nodeCapacity))}</td><td class="num">${hosts}</td><td class="nowrap${out !== null ? ' fail-cell' : ''}">${u?.nodeCapacity === null ? 'not counted (IPv6)' : runwayText(plan, out)}</td><td>${r.addressedRoles.join(', ') || '—'}${r.roles.length > r.addressedRoles.length ? html`<br><span class="small">no address: ${r.roles.filter((x) => !r.addressedRoles.includes(x)).join(', ')}</span>` : ''}</td></tr>\n`;
})}</tbody>
</table>`;
}

async function floatingIps(plan: PlanResult, n: NetworkPlan): Promise<SafeHtml> {
  const f = n.floatingIps;
  if (!f) return html`<p>No floating IP demand is planned (<code>demand.floatingIps</code>).</p>`;
  const months = plan.months.map((m) => formatMonth(m.month));
  const first = f.demandByMonth[0] ?? 0;
  const last = f.demandByMonth[f.demandByMonth.length - 1] ?? 0;
  const description = `Line chart by month, ${months[0]} to ${months[months.length - 1]}. Floating IPs needed grow from ${formatNumber(first)} to ${formatNumber(last)}; the provider allocation pools hold ${count(f.poolAddresses)}. ${
    f.exhaustedMonth === null ? 'The pools hold for the whole horizon.' : `The pools run out in ${runwayText(plan, f.exhaustedMonth)}.`
  }`;
  const rows = f.demandByMonth.flatMap((d, i) => [
    { index: i, month: months[i]!, series: 'Floating IPs needed', value: d },
    ...(f.poolAddresses === null ? [] : [{ index: i, month: months[i]!, series: 'Allocation pools', value: f.poolAddresses }]),
  ]);
  const svg = await renderLineChart({
    id: 'chart-network-fips',
    title: 'Floating IPs: needed and available',
    description,
    yTitle: 'Addresses',
    months,
    series: [
      { name: 'Floating IPs needed', color: SERIES_COLORS.demand, dash: [] },
      { name: 'Allocation pools', color: SERIES_COLORS.capacity, dash: [] },
    ],
    rows,
    ...(f.exhaustedMonth === null ? {} : { runwayMonth: months[f.exhaustedMonth]! }),
  });
  return html`<figure class="chart" id="chart-network-fips">
<figcaption><strong>Floating IPs: needed and available.</strong> ${description}</figcaption>
<div class="chart-svg">${trustedHtml(svg)}</div>
</figure>`;
}

function linkNetworks(l: LinkRow): SafeHtml {
  return html`${l.networks.map((x, i) => html`${i > 0 ? ', ' : ''}${x.network}${x.tagged ? html` <span class="small">VLAN ${formatNumber(x.vlan)}</span>` : html` <span class="small">untagged</span>`}${x.addressed ? '' : html` <span class="small">(no address)</span>`}`)}`;
}

function bondText(l: LinkRow): string {
  if (l.kind === 'bmc') return 'BMC port';
  if (l.kind === 'port') return 'single port';
  const parts = [
    l.mode ?? '',
    l.hashPolicy ? `hash ${l.hashPolicy}` : '',
    l.lacpRate ? `LACP ${l.lacpRate}` : '',
    l.primary ? `primary ${l.primary}` : '',
    l.miimonMs !== null ? `miimon ${formatNumber(l.miimonMs)} ms` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function roleMap(plan: PlanResult, r: RoleInterfaces): SafeHtml {
  const bw = (id: (role: string, hardware: string, link: string) => string, l: LinkRow, bps: number) =>
    l.kind === 'bmc' ? '—' : explained(plan, id(r.role, r.hardware, l.name), formatBitrate(bps));
  return html`<h4 id="network-role-${r.role}-${r.hardware}">${r.role}: <code>${r.hardware}</code> <span class="small">(${formatNumber(r.hosts.length)} ${r.hosts.length === 1 ? 'host' : 'hosts'})</span></h4>
<table class="ports">
<caption>Ports (nic&lt;card&gt;p&lt;port&gt;, from 0 in the order of the hardware's NICs), where they are cabled and which link they belong to.</caption>
<thead><tr><th scope="col">Port</th><th scope="col">Card</th><th scope="col">Speed</th><th scope="col">Switch</th><th scope="col">Link</th></tr></thead>
<tbody>
${r.ports.map((p) => html`<tr><th scope="row"><code>${p.id}</code>${p.interfaceName ? html` <span class="small">${p.interfaceName}</span>` : ''}</th><td class="num">${formatNumber(p.card)}</td><td class="num">${formatBitrate(p.speedBitsPerSecond)}</td><td>${p.switch ?? '—'}</td><td>${p.link ?? html`<span class="small">unused</span>`}</td></tr>\n`)}</tbody>
</table>
<table class="links">
<caption>Links: bonds and the networks on them. Bandwidth per direction (links are full duplex): aggregate over many flows, one flow, and what is left after losing one member.</caption>
<thead><tr><th scope="col">Link</th><th scope="col">Bond</th><th scope="col">Members</th><th scope="col">MTU</th><th scope="col">Aggregate</th><th scope="col">One flow</th><th scope="col">After a link loss</th><th scope="col">Networks</th></tr></thead>
<tbody>
${r.links.map((l) => html`<tr><th scope="row">${l.name}</th><td>${bondText(l)}</td><td>${l.members.join(', ') || '—'}</td><td class="num">${l.kind === 'bmc' ? '—' : formatNumber(l.mtuBytes)}</td><td class="num">${bw(explainId.linkAggregate, l, l.aggregateBitsPerSecond)}</td><td class="num">${bw(explainId.linkSingleFlow, l, l.singleFlowBitsPerSecond)}</td><td class="num">${bw(explainId.linkAfterLoss, l, l.afterLinkLossBitsPerSecond)}</td><td>${linkNetworks(l)}</td></tr>\n`)}</tbody>
</table>`;
}

function bandwidthTable(plan: PlanResult, n: NetworkPlan): SafeHtml {
  const traffic = (r: RoleInterfaces, link: string): LinkTraffic | undefined => n.traffic.find((t) => t.role === r.role && t.hardware === r.hardware && t.link === link);
  const rows = n.roles.flatMap((r) => r.links.filter((l) => l.kind !== 'bmc').flatMap((l) => l.networks.map((x) => ({ r, l, x, t: traffic(r, l.name) }))));
  if (rows.length === 0) return html`<p>No links.</p>`;
  const last = plan.months.length - 1;
  return html`<table class="bandwidth">
<caption>Bandwidth per network per host. Ceph traffic per host, each direction, in the first month (from <code>network.traffic</code>, with the tolerated host failures removed); a link's load is the busier direction summed over its networks. Gbit/s = 10<sup>9</sup> bit/s.</caption>
<thead><tr><th scope="col">Role</th><th scope="col">Hardware</th><th scope="col">Network</th><th scope="col">Link</th><th scope="col">Link aggregate</th><th scope="col">One flow</th><th scope="col">Ceph traffic in / out, first month</th><th scope="col">Link load, last month</th><th scope="col">Peak utilisation</th><th scope="col">Crosses ${formatPercent(plan.scenario.network?.bandwidthThreshold ?? 0.8, 0)}</th></tr></thead>
<tbody>
${rows.map(({ r, l, x, t }) => {
  const own = t?.perNetwork.find((p) => p.network === x.network);
  return html`<tr><th scope="row">${r.role}</th><td><code>${r.hardware}</code></td><td>${x.network}</td><td>${l.name}</td><td class="num">${explained(plan, explainId.linkAggregate(r.role, r.hardware, l.name), formatBitrate(l.aggregateBitsPerSecond))}</td><td class="num">${explained(plan, explainId.linkSingleFlow(r.role, r.hardware, l.name), formatBitrate(l.singleFlowBitsPerSecond))}</td><td class="num">${own ? `${formatBitrate(own.inBitsPerSecond)} / ${formatBitrate(own.outBitsPerSecond)}` : '—'}</td><td class="num">${t ? explained(plan, explainId.linkLoadLast(t.role, t.hardware, t.link), formatBitrate(t.demandByMonthBitsPerSecond[last])) : '—'}</td><td class="num">${t ? formatPercent(t.peakUtilisation) : '—'}</td><td class="nowrap${t !== undefined && t.thresholdMonth !== null ? ' fail-cell' : ''}">${t ? runwayText(plan, t.thresholdMonth) : '—'}</td></tr>\n`;
})}</tbody>
</table>`;
}

function oversubscriptionTable(n: NetworkPlan): SafeHtml {
  if (n.oversubscription.length === 0) return html`<p>No switch uplinks are given (<code>network.switches</code>), so oversubscription is not computed.</p>`;
  return html`<table class="oversubscription">
<caption>Top-of-rack oversubscription per rack: host port line rate cabled to the switch ÷ its uplinks.</caption>
<thead><tr><th scope="col">Switch</th><th scope="col">Rack</th><th scope="col">Host ports</th><th scope="col">Uplinks</th><th scope="col">Ratio</th><th scope="col">Limit</th></tr></thead>
<tbody>
${n.oversubscription.map((o) => html`<tr><th scope="row">${o.switch}</th><td>${o.rack}</td><td class="num">${formatBitrate(o.downlinkBitsPerSecond)}</td><td class="num">${formatBitrate(o.uplinkBitsPerSecond)}</td><td class="num${o.ratio !== null && o.ratio > o.limit ? ' fail-cell' : ''}">${o.ratio === null ? '—' : `${formatFactor(o.ratio)}:1`}</td><td class="num">${formatFactor(o.limit)}:1</td></tr>\n`)}</tbody>
</table>`;
}

/** The network section; a short note when the scenario has no `network:` section. */
export async function networkSection(plan: PlanResult): Promise<SafeHtml> {
  const n = plan.network;
  if (!n) {
    return html`<section aria-labelledby="network">
<h2 id="network">Network</h2>
<p class="note">This scenario has no <code>network:</code> section: VLANs, subnets, bonds, MTU and bandwidth are not planned. Add one to have them checked.</p>
</section>`;
  }
  const rec = n.cephRecovery;
  const facts: [string, string | SafeHtml][] = [
    ['Internal VIP', n.vips.internal ? `${n.vips.internal} on ${n.vips.apiNetwork ?? '—'}` : 'none planned'],
    ['External VIP', n.vips.external ?? 'none planned'],
    [
      'Replication fan-out',
      n.replicationFanOut
        ? html`${explained(plan, explainId.replicationFanOut(), formatFactor(n.replicationFanOut.factor))} × client writes (pool ${n.replicationFanOut.pool})`
        : 'no Ceph pools',
    ],
    [
      'Recovery bandwidth after losing a storage host',
      rec
        ? html`${formatBitrate(rec.perHostBitsPerSecond)} per host on ${rec.network} (${rec.link}) × ${formatNumber(rec.survivingHosts)} survivors = ${explained(plan, explainId.recoveryBandwidth(), formatBitrate(rec.totalBitsPerSecond))}`
        : 'no replication link',
    ],
  ];
  return html`<section aria-labelledby="network">
<h2 id="network">Network</h2>
<p class="units-note">Link speeds in Gbit/s (10<sup>9</sup> bits per second, not bytes); MTU in bytes.</p>
${definitionList(facts)}
<h3 id="network-subnets">VLANs, subnets and addresses over the horizon</h3>
${subnetTable(plan, n)}
<h3 id="network-fips">Floating IPs</h3>
${await floatingIps(plan, n)}
<h3 id="network-roles">Ports and bonds per role</h3>
${n.roles.length === 0 ? html`<p>No role has a network configuration.</p>` : n.roles.map((r) => roleMap(plan, r))}
<h3 id="network-bandwidth">Bandwidth per network per host</h3>
${bandwidthTable(plan, n)}
<h3 id="network-oversubscription">Oversubscription</h3>
${oversubscriptionTable(n)}
</section>`;
}
