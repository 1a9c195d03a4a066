/**
 * Durability per pool, part of the storage section: each pool's chance of losing data in a
 * year to independent device failures ("1 in N years", nines), the expected bytes lost, the
 * inputs (AFR, recovery window, PGs), and what losing the worst rack or zone at once does to
 * its PGs. Formatting only: every number is in `plan.storage.ceph.durability`.
 */
import type { CephPoolDurability, PlanResult } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { html, type SafeHtml } from '../escape.js';
import { formatBytes, formatDuration, formatNumber, formatOneInYears, formatPercent, MISSING } from '../format.js';
import { explained } from './explain.js';

/** A small probability: at or above 0.1 % as a percentage, else m × 10<sup>e</sup>. */
export function formatProbability(p: number | null): SafeHtml | string {
  if (p === null) return MISSING;
  if (p === 0) return '0';
  if (p >= 0.001) return formatPercent(p, 2);
  const [m, e] = p.toExponential(2).split('e');
  return html`${m} × 10<sup>${String(Number(e))}</sup>`;
}

/** Bytes, with fractions of a byte shown as such (0.81 bytes), else decimal units. */
export function formatLostBytes(bytes: number | null): string {
  if (bytes === null) return MISSING;
  if (bytes === 0) return 'none';
  if (bytes < 1) return `${bytes.toFixed(2)} bytes`;
  if (bytes < 1000) return `${formatNumber(bytes, bytes < 10 ? 1 : 0)} bytes`;
  return formatBytes(bytes);
}

/** `data-sort` with the plain number (the sort script reads it instead of "1 in 3.3 million years" or m × 10^e). */
export function sortAttr(value: number | null): SafeHtml | '' {
  // Plain decimals: the sort script reads a leading number, not an exponent (toFixed: exponent-free below 1e21).
  return value === null ? '' : html` data-sort="${Math.abs(value) >= 1 ? value.toFixed(3) : value.toFixed(60)}"`;
}

function poolRow(plan: PlanResult, d: CephPoolDurability): SafeHtml {
  const x = (id: string, text: SafeHtml | string) => explained(plan, id, text);
  const layout = `${d.width} wide, tolerates ${d.tolerated}`;
  return html`<tr><th scope="row">${d.pool}</th><td>${d.rule}</td><td>${layout}</td><td>${d.deviceClasses.join(', ')}: ${x(explainId.poolFailureRate(d.pool), formatPercent(d.afr, 2))}</td><td class="num">${d.recoveryHours === null ? 'never' : formatDuration(d.recoveryHours * 3600)}</td><td class="num">${formatNumber(d.effectivePgs)}${d.effectivePgs < d.pgNum ? html` <span class="small">of ${formatNumber(d.pgNum)}</span>` : ''}</td><td class="num"${sortAttr(d.annualLossProbability)}>${x(explainId.poolLossProbability(d.pool), formatProbability(d.annualLossProbability))}</td><td class="num"${sortAttr(d.oneInYears)}>${x(explainId.poolOneInYears(d.pool), formatOneInYears(d.oneInYears))}</td><td class="num">${d.nines === null ? MISSING : formatNumber(d.nines)}</td><td class="num">${x(explainId.poolExpectedBytesLost(d.pool), formatLostBytes(d.expectedBytesLostPerYear))}</td></tr>\n`;
}

function correlatedRows(d: CephPoolDurability): SafeHtml[] {
  return d.correlated.map(
    (c) =>
      html`<tr><th scope="row">${d.pool}</th><td>${c.subject}</td><td class="num">${formatNumber(c.domainsLost)} of ${formatNumber(c.domains)}</td><td class="num">${formatPercent(c.pgFractionInactive, 2)}</td><td class="num">${formatPercent(c.pgFractionLost, 2)}</td><td class="num">${formatNumber(c.expectedPgsLost, 1)}</td><td class="num">${formatLostBytes(c.bytesLost)}</td></tr>\n`,
  );
}

/** KiB below 1 MiB, else MiB (binary): 16384 -> "16 KiB", 4 MiB -> "4 MiB". */
function binarySize(bytes: number): string {
  return bytes >= 2 ** 20
    ? `${formatNumber(bytes / 2 ** 20, Number.isInteger(bytes / 2 ** 20) ? 0 : 2)} MiB`
    : `${formatNumber(bytes / 1024, Number.isInteger(bytes / 1024) ? 0 : 2)} KiB`;
}

/** BlueStore allocation padding of the pools with an average object size (plan.storage.ceph.allocation). */
function allocationTable(plan: PlanResult): SafeHtml | '' {
  const list = plan.storage.ceph?.allocation ?? [];
  if (list.length === 0) return '';
  return html`<table class="ceph-allocation">
<caption>What the raw bytes hold: BlueStore allocates whole bluestore_min_alloc_size units per copy or shard (an EC object first padded to whole stripes of k × stripe unit). Factor = allocated ÷ (object × raw used rate). The fill and runways above count stored × raw used rate only.</caption>
<thead><tr><th scope="col">Pool</th><th scope="col">Average object</th><th scope="col">min_alloc_size</th><th scope="col">Allocated per object</th><th scope="col">Factor</th><th scope="col">Padding, month 0</th><th scope="col">Padding, peak</th></tr></thead>
<tbody>
${list.map(
  (
    a,
  ) => html`<tr><th scope="row">${a.pool}</th><td class="num">${binarySize(a.averageObjectBytes)}</td><td class="num">${binarySize(a.minAllocBytes)}</td><td class="num">${binarySize(a.allocatedBytesPerObject)}</td><td class="num">${formatNumber(a.factor, 2)}</td><td class="num">${formatLostBytes(a.paddingRawBytesMonth0)}</td><td class="num">${formatLostBytes(a.paddingRawBytesPeak)}</td></tr>
`,
)}</tbody>
</table>
`;
}

/** The durability subsection of the storage section (and the allocation padding table); empty without a Ceph plan or pools. */
export function durabilitySection(plan: PlanResult): SafeHtml {
  const list = plan.storage.ceph?.durability ?? [];
  if (list.length === 0) return html``;
  const notes = list.filter((d) => d.note !== null);
  const correlated = list.flatMap(correlatedRows);
  return html`<h3 id="storage-durability">Durability per pool</h3>
<p class="note">Independent device failures: a PG of width n that tolerates m losses loses data when m + 1 of its OSDs are down within one another's recovery window. Λ = G·(m+1)·C(n, m+1)·λ<sup>m+1</sup>·T<sup>m</sup> losses per hour, P(year) = 1 − e<sup>−8766·Λ</sup>; λ = −ln(1 − AFR) ÷ 8766 h; T from the recovery model (the fullest OSD of the pool's rule at ${plan.storage.ceph?.recovery.month ?? 'the month with the most data'}); G the pool's PGs, at most the distinct sets of OSDs CRUSH can choose. Sources: Kampe's RADOS reliability model (ceph/ceph-tools models/reliability), Backblaze erasure-coding-durability, Cidon et al. "Copysets" (USENIX ATC 2013). Rack, power and human error are not in these figures: see the table below for whole racks.</p>
<table class="ceph-durability">
<caption>Probability of losing data in a year, per pool (select a figure for its formula and inputs).</caption>
<thead><tr><th scope="col">Pool</th><th scope="col">Rule</th><th scope="col">Layout</th><th scope="col">AFR</th><th scope="col">Recovery window T</th><th scope="col">PGs G</th><th scope="col">P(loss in a year)</th><th scope="col">Once in</th><th scope="col">Nines</th><th scope="col">Expected loss per year</th></tr></thead>
<tbody>
${list.map((d) => poolRow(plan, d))}</tbody>
</table>
${notes.length > 0 ? html`<ul class="notes">${notes.map((d) => html`<li>Pool ${d.pool}: ${d.note}</li>`)}</ul>\n` : ''}${
  correlated.length > 0
    ? html`<table class="ceph-correlated">
<caption>Correlated loss: the worst rack (and zone) lost at once, with every PG whose copies or shards span it. Inactive: fewer than min_size left (I/O blocks); lost: more than m gone.</caption>
<thead><tr><th scope="col">Pool</th><th scope="col">Lost at once</th><th scope="col">Failure domains lost</th><th scope="col">PGs inactive</th><th scope="col">PGs lost</th><th scope="col">PGs lost (count)</th><th scope="col">Data lost</th></tr></thead>
<tbody>
${correlated}</tbody>
</table>
`
    : ''
}${allocationTable(plan)}`;
}
