/** Section 5, nodes per role, the hardware models they use, and role checks. */
import type { HardwareModel, PlanResult, Role, RoleCheck } from '@headroom/core';
import { html, type SafeHtml } from '../escape.js';
import { formatDriveSize, formatMemorySize, formatNumber } from '../format.js';
import { breakableText, codeText, hostList, statusBadge } from './common.js';

/** Role order of the tables (core's ROLES; kept local: the report imports only types from core). */
const ROLE_ORDER: readonly Role[] = ['control', 'compute', 'storage', 'deploy'];

function roleRank(role: Role): number {
  const i = ROLE_ORDER.indexOf(role);
  return i < 0 ? ROLE_ORDER.length : i;
}

function cpuText(hw: HardwareModel): string {
  const c = hw.cpu;
  return `${c.sockets} × ${c.model}, ${c.coresPerSocket} cores × ${c.threadsPerCore} threads per socket, virtualization ${c.virtualization}`;
}

const DISK_KIND: Record<string, string> = { nvme: 'NVMe', ssd: 'SSD', hdd: 'HDD' };

function disksText(hw: HardwareModel): string {
  if (hw.disks.length === 0) return '—';
  return hw.disks.map((d) => `${d.count} × ${formatDriveSize(d.sizeBytes)} ${DISK_KIND[d.kind] ?? d.kind} (${d.use})`).join('; ');
}

function nicsText(hw: HardwareModel): string {
  if (hw.nics.length === 0) return '—';
  return hw.nics.map((n) => `${n.ports} × ${formatNumber(n.speedBitsPerSecond / 1e9, Number.isInteger(n.speedBitsPerSecond / 1e9) ? 0 : 1)} Gbit/s`).join(' + ');
}

function nodesTable(plan: PlanResult): SafeHtml {
  const hosts = plan.hosts
    .map((h, order) => ({ h, order }))
    .sort((a, b) => roleRank(a.h.role) - roleRank(b.h.role) || a.order - b.order)
    .map((x) => x.h);
  if (hosts.length === 0) return html`<p>No hosts.</p>`;
  const hardware = plan.scenario.hardware;
  return html`<table class="nodes">
<caption>Every host, grouped by role.</caption>
<thead><tr><th scope="col">Host</th><th scope="col">Role</th><th scope="col">Hardware</th><th scope="col">Model</th><th scope="col">Rack</th><th scope="col">Zone</th></tr></thead>
<tbody>
${hosts.map(
  (h, i) =>
    html`<tr${i > 0 && hosts[i - 1]?.role !== h.role ? html` class="group-start"` : ''}><th scope="row">${h.name}</th><td>${h.role}</td><td><code>${h.hardware}</code></td><td>${hardware[h.hardware]?.model ?? '—'}</td><td>${h.rack}</td><td>${h.zone ?? '—'}</td></tr>\n`,
)}</tbody>
</table>`;
}

/** For a model imported from an inventory file: where its facts come from (each role check names the field). */
function inventoryNote(hw: HardwareModel): SafeHtml | string {
  return hw.inventory ? html`<br><small>from the ${hw.inventory.format} inventory ${codeText(hw.inventory.path)}</small>` : '';
}

function hardwareTable(plan: PlanResult): SafeHtml {
  const used = new Set(plan.hosts.map((h) => h.hardware));
  const models = Object.values(plan.scenario.hardware).filter((hw) => used.has(hw.name));
  if (models.length === 0) return html``;
  return html`<table class="hardware">
<caption>Hardware models in use, as the scenario's catalogue describes them. Drive sizes decimal (TB, GB), memory binary (GiB).</caption>
<thead><tr><th scope="col">Hardware</th><th scope="col">Model</th><th scope="col">Height</th><th scope="col">CPU</th><th scope="col">Memory</th><th scope="col">Disks</th><th scope="col">NICs</th><th scope="col">Power typical / max</th><th scope="col">Unit price</th></tr></thead>
<tbody>
${models.map(
  (hw) =>
    html`<tr><th scope="row"><code>${hw.name}</code></th><td>${hw.model}${inventoryNote(hw)}</td><td class="num">${formatNumber(hw.heightRu)} RU</td><td>${cpuText(hw)}</td><td>${formatMemorySize(hw.memory.sizeBytes)}, ECC ${hw.memory.ecc === 'unknown' ? 'unknown' : hw.memory.ecc ? 'yes' : 'no'}</td><td>${disksText(hw)}</td><td>${nicsText(hw)}</td><td class="num">${
      hw.power ? `${formatNumber(hw.power.typicalWatts)} W / ${formatNumber(hw.power.maxWatts)} W` : '—'
    }</td><td class="num">${hw.price ? `${formatNumber(hw.price.amount)} ${hw.price.currency}` : '—'}</td></tr>\n`,
)}</tbody>
</table>`;
}

function roleChecksTable(plan: PlanResult): SafeHtml {
  if (plan.roleChecks.length === 0) return html`<p>No role checks.</p>`;
  const checks = plan.roleChecks
    .map((c, order) => ({ c, order }))
    .sort((a, b) => roleRank(a.c.role) - roleRank(b.c.role) || a.order - b.order)
    .map((x) => x.c);
  const open = checks.filter((c) => c.status !== 'pass');
  const passing = checks.filter((c) => c.status === 'pass');
  const summary = html`<p class="checks-count"><strong>${formatNumber(passing.length)} of ${formatNumber(checks.length)}</strong> role checks pass${open.length > 0 ? html`; ${formatNumber(open.length)} ${open.length === 1 ? 'fails or is' : 'fail or are'} unknown (below)` : ''}.</p>`;
  return html`${summary}
${open.length > 0 ? checksTable(open, 'Role checks that fail or are unknown (unknown is never a pass).') : ''}
${
  passing.length > 0
    ? html`<details class="checks-passing"><summary>The ${formatNumber(passing.length)} passing checks</summary>
${checksTable(passing, 'Role checks that pass.')}
</details>`
    : ''
}`;
}

function checksTable(checks: readonly RoleCheck[], caption: string): SafeHtml {
  return html`<table class="checks">
<caption>${caption} Each requirement of a role against each hardware model used in it.</caption>
<thead><tr><th scope="col">Role</th><th scope="col">Hardware</th><th scope="col">Requirement</th><th scope="col">Status</th><th scope="col">Expected</th><th scope="col">Actual</th><th scope="col">Evidence</th><th scope="col">Source</th><th scope="col">Hosts</th></tr></thead>
<tbody>
${checks.map(
  (c) =>
    html`<tr class="check-${c.status}"><th scope="row">${c.role}</th><td><code>${c.hardware}</code></td><td>${c.label}</td><td>${statusBadge(c.status)}</td><td>${c.expected}</td><td>${c.actual}</td><td>${codeText(c.evidence)}</td><td>${breakableText(c.source)}</td><td>${hostList(c.hosts, true)}</td></tr>\n`,
)}</tbody>
</table>`;
}

function groupsTable(plan: PlanResult): SafeHtml {
  const groups = plan.scenario.nodes
    .map((g, order) => ({ g, order }))
    .sort((a, b) => roleRank(a.g.role) - roleRank(b.g.role) || a.order - b.order)
    .map((x) => x.g);
  if (groups.length === 0) return html``;
  const hardware = plan.scenario.hardware;
  return html`<table class="groups">
<caption>Node groups of the scenario: how many servers of which model each role gets.</caption>
<thead><tr><th scope="col">Role</th><th scope="col">Servers</th><th scope="col">Hardware</th><th scope="col">Model</th><th scope="col">Placement</th></tr></thead>
<tbody>
${groups.map(
  (g) =>
    html`<tr><th scope="row">${g.role}</th><td class="num">${formatNumber(g.count)}</td><td><code>${g.hardware}</code></td><td>${hardware[g.hardware]?.model ?? '—'}</td><td>${g.rack === undefined ? g.placement : `rack ${g.rack}`}</td></tr>\n`,
)}</tbody>
</table>`;
}

/** Section 5: nodes per role, hardware models and role checks. */
export function nodesSection(plan: PlanResult): SafeHtml {
  return html`<section aria-labelledby="nodes">
<h2 id="nodes">Nodes and role checks</h2>
<h3 id="nodes-hosts">Nodes per role</h3>
${groupsTable(plan)}
${nodesTable(plan)}
<h3 id="nodes-hardware">Hardware models</h3>
${hardwareTable(plan)}
<h3 id="nodes-checks">Role checks</h3>
${roleChecksTable(plan)}
</section>`;
}
