/**
 * Section 3, storage (Ceph): raw capacity, the CRUSH tree and rules, failure domains, pools
 * (layout, capacity, Ceph's MAX AVAIL, what still fits, safe usable, PGs), storage hosts and
 * recovery, stored vs capacity per pool over the horizon, and each pool's OSD fill with the
 * ratio lines (sections/ceph.ts).
 */
import type { CephPoolPlan, PlanResult } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { html, type SafeHtml } from '../escape.js';
import { formatBytes, formatFactor, formatNumber, formatPercent } from '../format.js';
import { cephParts } from './ceph.js';
import { definitionList, resourceById, resourceFigure, runwayText, storageRemoved, toleranceText, withoutText } from './common.js';
import { durabilitySection } from './durability.js';
import { explained } from './explain.js';

/** "size 3" or "k=4, m=2". */
function redundancy(p: CephPoolPlan): string {
  if (p.type === 'erasure') return `k=${p.k ?? '?'}, m=${p.m ?? '?'}`;
  return `size ${p.copies}`;
}

/** The pool tables, from each pool's one record (storage.ceph.pools; a plan without the Ceph view has none). */
function poolsTables(plan: PlanResult): SafeHtml {
  const pools = plan.storage.ceph?.pools ?? [];
  if (pools.length === 0) return html`<p>No pools.</p>`;
  const without = 'after the limiting failure';
  return html`<table class="pools">
<caption>Pool layout: redundancy, the share (target_size_ratio: it sizes the pool’s PGs only, the pools on a rule’s OSDs share its raw space), and the failure domains its CRUSH rule needs.</caption>
<thead><tr><th scope="col">Pool</th><th scope="col">Type</th><th scope="col">Size or k+m</th><th scope="col">min_size</th><th scope="col">Raw used rate</th><th scope="col">Share (PGs)</th><th scope="col">Failure domains needed</th><th scope="col">Available</th><th scope="col">After the tolerated failure</th></tr></thead>
<tbody>
${pools.map((p) => {
  const short = p.failureDomainCount < p.copies;
  return html`<tr><th scope="row">${p.name}</th><td>${p.type}</td><td>${redundancy(p)}</td><td class="num">${formatNumber(p.minSize)}</td><td class="num">${explained(plan, explainId.poolRawUsedRate(p.name), formatFactor(p.rawUsedRate))}</td><td class="num">${formatPercent(p.share, 0)}</td><td class="num">${formatNumber(p.copies)}</td><td class="num${short ? ' fail-cell' : ''}">${formatNumber(p.failureDomainCount)}${short ? html` <span class="badge sev-error">too few</span>` : ''}</td><td class="num">${formatNumber(p.failureDomainCountAfterFailure)}</td></tr>\n`;
})}</tbody>
</table>
<table class="pools">
<caption>Pool capacity, each the whole rule’s: usable = raw of the rule’s OSDs ÷ raw used rate, in bytes of client data as <code>ceph df</code> STORED counts them; nearfull usable = usable × nearfull ratio. The capacity with the tolerated failures is what can be re-protected after the worst of them (or one lost OSD), survivors at 100 %. The pools on the same OSDs share these bytes: never add them up; the runway is their rule set’s. TB = 10<sup>12</sup> bytes.</caption>
<thead><tr><th scope="col">Pool</th><th scope="col">Usable</th><th scope="col">Usable ${without}</th><th scope="col">Nearfull usable</th><th scope="col">Nearfull usable ${without}</th><th scope="col">Stored, first month</th><th scope="col">Runway of its rule set, ${toleranceText(plan)}</th></tr></thead>
<tbody>
${pools.map((p) => {
  const r = resourceById(plan, p.ruleSet);
  const x = (id: string, text: string) => explained(plan, id, text);
  return html`<tr><th scope="row">${p.name}</th><td class="num">${x(explainId.poolUsable(p.name), formatBytes(p.usableBytes))}</td><td class="num">${x(explainId.poolToleratedUsable(p.name), formatBytes(p.toleratedUsableBytes))}</td><td class="num">${x(explainId.poolNearfullUsable(p.name), formatBytes(p.nearfullUsableBytes))}</td><td class="num">${x(explainId.poolToleratedNearfullUsable(p.name), formatBytes(p.toleratedNearfullUsableBytes))}</td><td class="num">${x(explainId.poolStored(p.name), formatBytes(p.storedBytesMonth0))}</td><td class="nowrap">${r ? x(explainId.resourceRunway(r.id), runwayText(plan, r.runwayMonths)) : '—'}</td></tr>\n`;
})}</tbody>
</table>`;
}

/** Whether the tolerated failures remove a failure domain: yes, partly (which hosts), or no. */
function removedText(plan: PlanResult, domain: string): string {
  const s = plan.storage;
  if (s.toleratedDomainsRemoved.includes(domain)) return 'yes';
  const hosts = (s.toleratedHostsRemoved ?? []).filter((h) => h === domain || plan.hosts.find((x) => x.name === h)?.rack === domain);
  if (hosts.includes(domain)) return 'yes';
  return hosts.length > 0 ? `partly: ${hosts.join(', ')}` : 'no';
}

function domainsTable(plan: PlanResult): SafeHtml {
  const s = plan.storage;
  if (s.failureDomains.length === 0) return html`<p>No failure domains.</p>`;
  return html`<table class="domains">
<caption>CRUSH failure domains of type <code>${s.failureDomain}</code>: raw bytes and OSDs in each.</caption>
<thead><tr><th scope="col">${s.failureDomain === 'rack' ? 'Rack' : 'Host'}</th><th scope="col">Raw</th><th scope="col">OSDs</th><th scope="col">Removed for ${toleranceText(plan)}</th></tr></thead>
<tbody>
${s.failureDomains.map(
  (d) =>
    html`<tr><th scope="row">${d.name}</th><td class="num">${formatBytes(d.rawBytes)}</td><td class="num">${formatNumber(d.osdCount)}</td><td>${removedText(plan, d.name)}</td></tr>\n`,
)}</tbody>
</table>`;
}

/** The name of a pool chart's threshold line: the Ceph ratio it equals, or "Threshold". */
function thresholdName(plan: PlanResult, threshold: number | undefined): string {
  const ratios = plan.scenario.ceph.ratios;
  if (threshold === ratios.nearfull) return 'Nearfull ratio';
  if (threshold === ratios.backfillfull) return 'Safe usable: backfillfull ratio';
  return 'Threshold';
}

/** Section 3: storage (Ceph). */
export async function storageSection(plan: PlanResult): Promise<SafeHtml> {
  const s = plan.storage;
  const ratios = plan.scenario.ceph.ratios;
  const figures: SafeHtml[] = [];
  for (const [i, set] of (s.ceph?.ruleSets ?? []).entries()) {
    const r = resourceById(plan, set.resource);
    const rules = set.rules.join(', ');
    figures.push(
      html`<h4 id="storage-rule-${i + 1}">${set.rules.length === 1 ? 'Rule' : 'Rules'} ${rules}: pools ${set.pools.map((p) => p.name).join(', ')}</h4>`,
      await resourceFigure(plan, set.resource, {
        id: `chart-storage-rule-${i + 1}`,
        title: `${set.rules.length === 1 ? 'Rule' : 'Rules'} ${rules}: raw used by every pool on the OSDs, and the raw capacity on the fullest OSD`,
        demandName: 'Raw used',
        capacityName: 'Raw ÷ fullest-OSD factor',
        removed: set.limitedBy === 'none' ? [] : [set.limitedBy],
        yLabel: 'Raw used',
        thresholdName: thresholdName(plan, r?.threshold),
      }),
    );
  }
  // A plan from before rule sets (no Ceph view): one chart per pool resource, as it was planned.
  if (!s.ceph) {
    for (const [i, p] of plan.scenario.ceph.pools.entries()) {
      const r = resourceById(plan, `storage.pool.${p.name}`);
      if (!r) continue;
      figures.push(
        html`<h4 id="storage-pool-${i + 1}">Pool ${p.name}</h4>`,
        await resourceFigure(plan, r.id, {
          id: `chart-storage-pool-${i + 1}`,
          title: `Pool ${p.name}: stored and usable`,
          demandName: 'Stored',
          capacityName: 'Usable',
          removed: storageRemoved(plan),
          yLabel: 'Stored',
          thresholdName: thresholdName(plan, r.threshold),
        }),
      );
    }
  }
  const ceph = await cephParts(plan);
  const facts: [string, string | SafeHtml][] = [
    ['Raw capacity', html`${explained(plan, explainId.storageRaw(), formatBytes(s.rawBytes))} in ${formatNumber(s.osdCount)} OSDs`],
    ['Failure domain', `${s.failureDomain} (${formatNumber(s.failureDomains.length)} in the CRUSH tree)`],
    [`Raw ${withoutText(storageRemoved(plan))}`, explained(plan, explainId.storageToleratedRaw(), formatBytes(s.toleratedRawBytes))],
    ['Ratios', `nearfull ${formatPercent(ratios.nearfull, 0)}, backfillfull ${formatPercent(ratios.backfillfull, 0)}, full ${formatPercent(ratios.full, 0)}`],
  ];
  return html`<section aria-labelledby="storage">
<h2 id="storage">Storage</h2>
<p class="units-note">Storage sizes in this report are decimal: 1 TB = 10<sup>12</sup> bytes (not TiB, 2<sup>40</sup> bytes).</p>
${definitionList(facts)}
${ceph.tree}
<h3 id="storage-domains">Failure domains</h3>
${domainsTable(plan)}
<h3 id="storage-pools">Pools</h3>
${poolsTables(plan)}
${ceph.pools}
${durabilitySection(plan)}
<h3 id="storage-charts">Raw used and capacity per rule set over the horizon</h3>
${figures}
${ceph.fill}
</section>`;
}
