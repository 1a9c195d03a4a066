/**
 * The Ceph parts of the storage section, drawn from `plan.storage.ceph`: the CRUSH tree
 * summarised, the rules, every pool's MAX AVAIL next to what really fits and what is safe,
 * the PG plan, storage host sizing, recovery times, and each pool's fill over the horizon
 * with the nearfull, backfillfull and full lines. Formatting only: every number is in the plan.
 */
import type { CephPoolPlan, CephRuleSetPlan, CephStoragePlan, PlanResult } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { type LineChart, renderLineChart, SERIES_COLORS } from '../charts.js';
import { html, type SafeHtml, trustedHtml } from '../escape.js';
import { formatBytes, formatDriveSize, formatDuration, formatMemorySize, formatMonth, formatNumber, formatPercent, MISSING } from '../format.js';
import { codeText, resourceById, runwayText } from './common.js';
import { explained } from './explain.js';

/** Colours of the fill chart's ratio lines (readable on light and dark backgrounds). */
const RATIO_COLORS = { nearfull: '#c99a00', backfillfull: '#d9622b', full: '#c0392b', survivors: '#7b61c4' } as const;

export { formatDuration } from '../format.js';

function crushTables(plan: PlanResult, c: CephStoragePlan): SafeHtml {
  return html`<table class="ceph-classes">
<caption>Raw capacity per CRUSH device class. CRUSH weight = size in TiB (2<sup>40</sup> bytes), as Ceph sets it.</caption>
<thead><tr><th scope="col">Device class</th><th scope="col">OSDs</th><th scope="col">Raw</th><th scope="col">CRUSH weight</th></tr></thead>
<tbody>
${c.crush.classes.map((k) => html`<tr><th scope="row"><code>${k.deviceClass}</code></th><td class="num">${formatNumber(k.osdCount)}</td><td class="num">${formatBytes(k.rawBytes)}</td><td class="num">${formatNumber(k.crushWeight, 2)} TiB</td></tr>\n`)}</tbody>
</table>
<table class="ceph-racks">
<caption>The CRUSH tree under root <code>default</code>: storage hosts per rack (and zone).</caption>
<thead><tr><th scope="col">Rack</th><th scope="col">Zone</th><th scope="col">Hosts</th><th scope="col">OSDs</th><th scope="col">Raw</th></tr></thead>
<tbody>
${c.crush.racks.map((r) => html`<tr><th scope="row">${r.name}</th><td>${r.zone ?? MISSING}</td><td class="num">${formatNumber(r.hosts)}</td><td class="num">${formatNumber(r.osdCount)}</td><td class="num">${formatBytes(r.rawBytes)}</td></tr>\n`)}</tbody>
</table>
<table class="ceph-rules">
<caption>CRUSH rules: the OSDs each takes and the failure domains it places copies or shards in.</caption>
<thead><tr><th scope="col">Rule</th><th scope="col">Steps</th><th scope="col">OSDs</th><th scope="col">Raw</th><th scope="col">Failure domains</th><th scope="col">Pools</th></tr></thead>
<tbody>
${c.rules.map((r) => html`<tr><th scope="row">${r.name}${r.implied ? html` <span class="small">(default)</span>` : ''}</th><td>${r.steps.map((s, i) => html`${i > 0 ? '; ' : ''}<code>${s}</code>`)}</td><td class="num">${formatNumber(r.osdCount)}</td><td class="num">${explained(plan, explainId.ruleRaw(r.name), formatBytes(r.rawBytes))}</td><td class="num">${formatNumber(r.domains.length)} × ${r.failureDomain}</td><td>${r.pools.join(', ') || MISSING}</td></tr>\n`)}</tbody>
</table>`;
}

function runwayCell(plan: PlanResult, months: number | null): string {
  return months === null ? `beyond ${formatMonth(plan.months[plan.months.length - 1]?.month ?? plan.scenario.start)}` : runwayText(plan, months);
}

/** The rule sets: the pools sharing each set of OSDs, each pool's part, the fullest OSD's factor and the safe raw. */
function ruleSetTable(plan: PlanResult, c: CephStoragePlan): SafeHtml {
  if (c.ruleSets.length === 0) return html``;
  const bf = plan.scenario.ceph.ratios.backfillfull;
  const x = (id: string, text: string) => explained(plan, id, text);
  const source = (set: CephRuleSetPlan): string => {
    const f = set.fullestOsd;
    return f.source === 'upmap balancer'
      ? `${set.rules.join(', ')}: upmap balancer, 1 + ${formatNumber(f.maxDeviationPgs ?? 0)} ÷ ${formatNumber(f.pgReplicasPerOsd, 1)} PGs per OSD`
      : `${set.rules.join(', ')}: ceph osd df, the fullest OSD ÷ the mean`;
  };
  return html`<table class="ceph-rule-sets">
<caption>Raw space per set of OSDs: every pool on the rules that take the same OSDs draws from one raw space (<code>PGMap::get_rule_avail</code> gives one avail per rule), so the plan and its runway are per set, in raw bytes (stored × raw used rate). Nearfull, backfillfull and full are checked per OSD: the fullest OSD holds the mean × the factor. Safe raw = re-protectable raw × backfillfull (${formatPercent(bf, 0)}) ÷ factor.</caption>
<thead><tr><th scope="col">Rules</th><th scope="col">OSDs</th><th scope="col">Raw</th><th scope="col">Re-protectable raw</th><th scope="col">Fullest OSD ÷ mean</th><th scope="col">Safe raw</th><th scope="col">Raw used, first month</th><th scope="col">Safe raw reached</th></tr></thead>
<tbody>
${c.ruleSets.map((set) => {
  const r = resourceById(plan, set.resource);
  const runway = runwayCell(plan, set.runwayToSafeRawMonths);
  return html`<tr><th scope="row">${set.rules.join(', ')}</th><td class="num">${formatNumber(set.osdCount)}</td><td class="num">${formatBytes(set.rawBytes)}</td><td class="num">${formatBytes(set.reprotectableRawBytes)}</td><td class="num">${x(explainId.ruleSetFullestFactor(set.resource), `× ${formatNumber(set.fullestOsd.factor, 4)}`)}</td><td class="num">${x(explainId.ruleSetSafeRaw(set.resource), formatBytes(set.safeRawBytes))}</td><td class="num">${x(explainId.resourceDemand(set.resource), formatBytes(set.rawUsedBytesMonth0))}</td><td class="nowrap">${r && r.runwayMonths === set.runwayToSafeRawMonths ? x(explainId.resourceRunway(r.id), runway) : runway}</td></tr>\n`;
})}</tbody>
</table>
<div class="note">Fullest OSD: ${c.ruleSets.map((set) => source(set)).join('; ')}.</div>
<table class="ceph-rule-set-pools">
<caption>Each pool as a part of its rule set at the start: its raw used, and its part of the set’s raw used and of the set’s safe raw. A pool with a quota (max_bytes) also has a limit of its own: Ceph stops its writes there (POOL_FULL).</caption>
<thead><tr><th scope="col">Pool</th><th scope="col">Rules</th><th scope="col">Raw used</th><th scope="col">Part of the raw used</th><th scope="col">Part of the safe raw</th><th scope="col">Quota</th></tr></thead>
<tbody>
${c.ruleSets.flatMap((set) =>
  set.pools.map((p) => {
    const pool = c.pools.find((x) => x.name === p.name);
    const quota = pool?.maxBytes == null ? 'none' : `${formatBytes(pool.maxBytes)}, reached ${runwayCell(plan, pool.runwayToQuotaMonths)}`;
    return html`<tr><th scope="row">${p.name}</th><td>${set.rules.join(', ')}</td><td class="num">${pool ? formatBytes(pool.rawUsedBytesMonth0) : MISSING}</td><td class="num">${formatPercent(p.partOfRawUsed)}</td><td class="num">${formatPercent(p.partOfSafeRaw)}</td><td>${quota}</td></tr>\n`;
  }),
)}</tbody>
</table>`;
}

function poolTable(plan: PlanResult, c: CephStoragePlan): SafeHtml {
  const bf = plan.scenario.ceph.ratios.backfillfull;
  return html`<table class="ceph-pools">
<caption>Each pool as Ceph sees it at the start: MAX AVAIL is what <code>ceph df</code> would print with the fullest OSD at the factor above (pools on the same OSDs share it: never add them up); <em>still fits</em> is what CRUSH can really place, one copy or shard per failure domain; <em>safe usable</em> is the most the pool could hold, the other pools keeping their data, so that after the limiting failure, re-protected, the fullest surviving OSD stays under backfillfull (${formatPercent(bf, 0)}): an alternative like MAX AVAIL, never added. The runways are the rule set’s. TB = 10<sup>12</sup> bytes.</caption>
<thead><tr><th scope="col">Pool</th><th scope="col">Rule</th><th scope="col">Stored</th><th scope="col">MAX AVAIL</th><th scope="col">Still fits</th><th scope="col">Safe usable</th><th scope="col">Limited by</th><th scope="col">pg_num</th><th scope="col">min_size margin</th><th scope="col">Nearfull</th><th scope="col">Safe raw reached</th></tr></thead>
<tbody>
${c.pools.map((p: CephPoolPlan) => {
  const over = p.maxAvailBytes > p.availBytes * (1 + 1e-9) + 1;
  const margin = `${p.minSizeMargin >= 0 ? '+' : ''}${formatNumber(p.minSizeMargin)} ${p.minSizeMargin === 1 || p.minSizeMargin === -1 ? 'domain' : 'domains'}`;
  const x = (id: string, text: string) => explained(plan, id, text);
  // The horizon's runway of the pool's rule set is the month its raw data passes the safe raw: explained when both agree.
  const resource = resourceById(plan, p.ruleSet);
  const safeRunway = runwayCell(plan, p.runwayToSafeUsableMonths);
  return html`<tr><th scope="row">${p.name}</th><td>${p.rule}</td><td class="num">${x(explainId.poolStored(p.name), formatBytes(p.storedBytesMonth0))}</td><td class="num${over ? ' fail-cell' : ''}">${x(explainId.poolMaxAvail(p.name), formatBytes(p.maxAvailBytes))}${over ? html` <span class="badge sev-warning">overstated</span>` : ''}</td><td class="num">${x(explainId.poolStillFits(p.name), formatBytes(p.availBytes))}</td><td class="num">${x(explainId.poolSafeUsable(p.name), formatBytes(p.safeUsableBytes))}</td><td>${p.limitedBy}</td><td class="num">${p.pgNum === null ? MISSING : x(explainId.poolPgNum(p.name), formatNumber(p.pgNum))}</td><td class="num${p.minSizeMargin < 0 ? ' fail-cell' : ''}">${margin}</td><td class="nowrap">${runwayCell(plan, p.runwayToNearfullMonths)}</td><td class="nowrap">${resource && resource.runwayMonths === p.runwayToSafeUsableMonths ? x(explainId.resourceRunway(resource.id), safeRunway) : safeRunway}</td></tr>\n`;
})}</tbody>
</table>
<div class="note">PGs: ${c.pgs.subtrees.map((s) => `${s.deviceClass ?? 'every OSD'}: ${formatNumber(s.osdCount)} OSDs × ${formatNumber(c.pgs.targetPerOsd)} = ${formatNumber(s.pgBudget)} PGs for ${s.pools.join(', ')}`).join('; ')}. The fullest OSD carries ${explained(plan, explainId.pgReplicasPerOsd(), formatNumber(c.pgs.maxPgReplicasPerOsd, 1))} PG replicas (mon_max_pg_per_osd ${formatNumber(c.pgs.maxPerOsd)}). pg_num as the pg_autoscaler would set it.</div>`;
}

function hostTable(plan: PlanResult, c: CephStoragePlan): SafeHtml {
  if (c.hosts.length === 0) return html``;
  const ok = (good: boolean) => (good ? html`<span class="badge status-pass">ok</span>` : html`<span class="badge status-fail">short</span>`);
  return html`<table class="ceph-hosts">
<caption>Storage host sizing: memory = OSDs × osd_memory_target (${formatMemorySize(c.settings.osdMemoryTargetBytes)}) + ${formatMemorySize(c.settings.hostMemoryBytes)} for the host; CPU threads per OSD: HDD ${formatNumber(c.settings.cpuThreadsPerOsd.hdd)}, SSD ${formatNumber(c.settings.cpuThreadsPerOsd.ssd)}, NVMe ${formatNumber(c.settings.cpuThreadsPerOsd.nvme)}; WAL/DB flash per HDD OSD at least 1 % of the OSD (BlueStore sizing, RBD).</caption>
<thead><tr><th scope="col">Hardware</th><th scope="col">Hosts</th><th scope="col">OSDs</th><th scope="col">Memory needed / installed</th><th scope="col">CPU threads needed / installed</th><th scope="col">WAL/DB per HDD OSD</th></tr></thead>
<tbody>
${c.hosts.map((h) => {
  const osds = [
    ['HDD', h.osds.hdd],
    ['SSD', h.osds.ssd],
    ['NVMe', h.osds.nvme],
  ]
    .filter(([, n]) => (n as number) > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const w = h.walDb;
  return html`<tr><th scope="row"><code>${h.hardware}</code></th><td class="num">${formatNumber(h.hosts.length)}</td><td>${osds}</td><td class="num">${explained(plan, explainId.hostMemoryNeeded(h.hardware), formatMemorySize(h.memory.neededBytes))} / ${formatMemorySize(h.memory.installedBytes)} ${ok(h.memory.ok)}</td><td class="num">${explained(plan, explainId.hostThreadsNeeded(h.hardware), formatNumber(h.cpu.neededThreads))} / ${formatNumber(h.cpu.threads)} ${ok(h.cpu.ok)}</td><td class="num">${w === null ? 'none needed' : html`${formatBytes(w.perOsdBytes)} = ${formatPercent(w.fractionOfOsd)} ${ok(w.ok)}`}</td></tr>\n`;
})}</tbody>
</table>`;
}

function recoveryTable(plan: PlanResult, c: CephStoragePlan): SafeHtml {
  if (c.recovery.cases.length === 0) return html``;
  const s = c.settings;
  return html`<table class="ceph-recovery">
<caption>Time to re-protect the data of a lost OSD or host, at ${formatMonth(c.recovery.month)} (the month with the most data): detection (${formatNumber(s.detectionSeconds)} s) + mon_osd_down_out_interval (${formatNumber(s.downOutIntervalSeconds)} s) + data ÷ the slowest of: parallel backfills × ${formatDriveSize(s.backfillBytesPerSecond)}/s (osd_max_backfills ${formatNumber(s.maxBackfills)}); the disks under mClock, osd_mclock_max_sequential_bandwidth ${formatDriveSize(s.mclockHddBytesPerSecond)}/s per HDD and ${formatDriveSize(s.mclockSsdBytesPerSecond)}/s per SSD or NVMe OSD × ${formatPercent(s.mclockRecoveryShare, 0)} for recovery (the balanced profile keeps the rest for clients), for disk work = data × (1 + bytes read per byte: 1 replicated, k for EC); the replication network of the receiving hosts (bandwidth from ${c.recovery.bandwidthSource}).</caption>
<thead><tr><th scope="col">Failure</th><th scope="col">Data</th><th scope="col">Disk work</th><th scope="col">Parallel backfills</th><th scope="col">Rate</th><th scope="col">Limited by</th><th scope="col">Time to re-protect</th><th scope="col">Note</th></tr></thead>
<tbody>
${c.recovery.cases.map((r) => html`<tr><th scope="row">${r.failure === 'osd' ? r.subject : `Host ${r.subject}`}</th><td class="num">${formatBytes(r.dataBytes)}</td><td class="num">${formatBytes(r.diskWorkBytes)}</td><td class="num">${formatNumber(r.parallelBackfills)}</td><td class="num">${formatBytes(r.rateBytesPerSecond)}/s</td><td>${r.limitedBy}</td><td class="num">${r.reprotectable ? explained(plan, explainId.recoveryTime(r.failure), formatDuration(r.totalSeconds)) : html`<span class="badge sev-warning">never</span>`}</td><td>${r.note}</td></tr>\n`)}</tbody>
</table>`;
}

/**
 * The fill chart of one rule (every pool on it fills the same OSDs): the fullest OSD and the
 * survivors' fill after the limiting failure of its first pool, by month, with the ratio lines.
 */
async function fillFigure(plan: PlanResult, c: CephStoragePlan, rule: string, pools: readonly CephPoolPlan[], i: number): Promise<SafeHtml> {
  const r = plan.scenario.ceph.ratios;
  const lead = pools[0]!;
  const points = c.months.flatMap((m) => {
    const x = m.pools[lead.name];
    return x ? [{ index: m.index, month: formatMonth(m.month), x, m }] : [];
  });
  if (points.length === 0) return html``;
  const lost = lead.limitedBy === 'none' ? 'nothing' : lead.limitedBy;
  const names = {
    fullest: 'Fullest OSD, all hosts up',
    survivors: `Survivors after losing ${lost}, re-protected`,
    nearfull: `nearfull ${formatPercent(r.nearfull, 0)}`,
    backfillfull: `backfillfull ${formatPercent(r.backfillfull, 0)}`,
    full: `full ${formatPercent(r.full, 0)}`,
  };
  const rows = points.flatMap(({ index, month, x }) => [
    { index, month, series: names.fullest, value: x.fullestOsdUtilisation * 100 },
    ...(x.survivorUtilisation === null ? [] : [{ index, month, series: names.survivors, value: x.survivorUtilisation * 100 }]),
    { index, month, series: names.nearfull, value: r.nearfull * 100 },
    { index, month, series: names.backfillfull, value: r.backfillfull * 100 },
    { index, month, series: names.full, value: r.full * 100 },
  ]);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const id = `chart-ceph-fill-${i + 1}`;
  const title = `Rule ${rule} (pools ${pools.map((p) => p.name).join(', ')}): OSD fill`;
  const description =
    `Line chart by month, ${first.month} to ${last.month}. The fullest OSD under rule ${rule} goes from ${formatPercent(first.x.fullestOsdUtilisation)} to ${formatPercent(last.x.fullestOsdUtilisation)}; ` +
    `after losing ${lost} and re-protecting, the surviving OSDs would be ${formatPercent(last.x.survivorUtilisation)} full in ${last.month}. ` +
    `Ceph warns at nearfull ${formatPercent(r.nearfull, 0)}, stops backfill at ${formatPercent(r.backfillfull, 0)} and writes at ${formatPercent(r.full, 0)}.`;
  const chart: LineChart = {
    id,
    title,
    description,
    yTitle: 'Fill (%)',
    months: points.map((x) => x.month),
    series: [
      { name: names.fullest, color: SERIES_COLORS.demand, dash: [] },
      { name: names.survivors, color: RATIO_COLORS.survivors, dash: [7, 4] },
      { name: names.nearfull, color: RATIO_COLORS.nearfull, dash: [2, 3] },
      { name: names.backfillfull, color: RATIO_COLORS.backfillfull, dash: [2, 3] },
      { name: names.full, color: RATIO_COLORS.full, dash: [2, 3] },
    ],
    rows,
  };
  const svg = trustedHtml(await renderLineChart(chart));
  return html`<figure class="chart" id="${id}">
<figcaption><strong>${title}.</strong> ${description}</figcaption>
<div class="chart-svg">${svg}</div>
<details class="chart-data"><summary>Data table: ${title}</summary>
<table aria-label="Data table: ${title}">
<thead><tr><th scope="col">Month</th><th scope="col">Fullest OSD</th><th scope="col">Survivors</th>${pools.map((p) => html`<th scope="col">${p.name} stored</th><th scope="col">${p.name} MAX AVAIL</th><th scope="col">Rule set ÷ safe raw</th>`)}</tr></thead>
<tbody>
${points.map(
  ({ month, x, m }) =>
    html`<tr><th scope="row">${month}</th><td class="num">${formatPercent(x.fullestOsdUtilisation)}</td><td class="num">${formatPercent(x.survivorUtilisation)}</td>${pools.map(
      (p) => {
        const y = m.pools[p.name];
        return html`<td class="num">${formatBytes(y?.storedBytes)}</td><td class="num">${formatBytes(y?.maxAvailBytes)}</td><td class="num">${formatPercent(y?.utilisation)}</td>`;
      },
    )}</tr>\n`,
)}</tbody>
</table>
</details>
</figure>`;
}

/** The Ceph subsections, or nothing when the plan has no Ceph view. */
export async function cephParts(plan: PlanResult): Promise<{ tree: SafeHtml; pools: SafeHtml; fill: SafeHtml }> {
  const c = plan.storage.ceph;
  if (!c) return { tree: html``, pools: html``, fill: html`` };
  // One fill chart per rule with pools, following the plan's months and pools (a plan without months draws none).
  const figures: SafeHtml[] = [];
  const rules = [...new Set(c.pools.map((p) => p.rule))];
  for (const rule of rules) {
    const pools = c.pools.filter((p) => p.rule === rule);
    if (plan.months.length > 0 && pools.length > 0) figures.push(await fillFigure(plan, c, rule, pools, figures.length));
  }
  const b = c.bottleneck;
  const bottleneck = b
    ? html`<p>First limit: pool <strong>${b.pool}</strong> reaches ${b.limit} in ${runwayText(plan, b.runwayMonths)}.</p>`
    : html`<p>No pool reaches nearfull or its safe usable limit within the horizon.</p>`;
  return {
    tree: html`<h3 id="storage-crush">CRUSH tree and rules</h3>\n${crushTables(plan, c)}`,
    pools: html`<h3 id="storage-ceph-pools">Pools as Ceph sees them</h3>\n${bottleneck}\n${ruleSetTable(plan, c)}\n${poolTable(plan, c)}\n<h3 id="storage-hosts">Storage hosts and recovery</h3>\n${hostTable(plan, c)}\n${recoveryTable(plan, c)}`,
    fill: html`<h3 id="storage-fill">OSD fill over the horizon, per rule and its pools</h3>\n${figures}\n<p class="note">Finding codes: ${codeText('ceph.rule.nearfull')}, ${codeText('ceph.rule.full')}, ${codeText('ceph.pool.max_avail_overstates')}.</p>`,
  };
}
