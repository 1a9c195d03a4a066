/**
 * The layout comparison (`headroom ceph layouts -o page.html`): one table of every candidate
 * layout on the scenario's storage hardware, healthy or not, with the reason when not.
 * Formatting only: every number is in the CephLayoutComparison core computed.
 */
import type { CephLayoutComparison, CephLayoutRow } from '@headroom/core';
import { html, type SafeHtml } from '../escape.js';
import { formatBytes, formatDuration, formatFactor, formatMoney, formatNumber, formatOneInYears, formatPercent, MISSING } from '../format.js';
import { definitionList } from './common.js';
import { formatLostBytes, formatProbability, sortAttr } from './durability.js';

function row(c: CephLayoutComparison, r: CephLayoutRow): SafeHtml {
  const money = (v: number | null) => (v === null || c.capex === null ? MISSING : formatMoney(v, c.capex.currency));
  const health = r.healthyAfterLoss ? 'yes' : r.clean ? 'degraded after the loss' : 'never clean';
  return html`<tr${r.healthyAfterLoss ? '' : html` class="unhealthy"`}><th scope="row">${r.label}</th><td>${health}</td><td class="num">${formatBytes(r.usableBytes)}</td><td class="num">${r.clean ? formatBytes(r.safeUsableBytes) : MISSING}</td><td class="num">${!r.clean ? MISSING : r.runwayMonths === null ? 'beyond the horizon' : `${formatNumber(r.runwayMonths)} months`}</td><td class="num">${formatFactor(r.writeAmplification)}</td><td class="num">${formatNumber(r.fewestHosts)}</td><td class="num">${formatDuration(r.osdRecoverySeconds)}</td><td class="num">${r.hostRecoverySeconds === null ? 'never' : formatDuration(r.hostRecoverySeconds)}</td><td class="num"${sortAttr(r.annualLossProbability)}>${formatProbability(r.annualLossProbability)}</td><td class="num"${sortAttr(r.annualLossProbability === null ? null : r.oneInYears)}>${r.annualLossProbability === null ? MISSING : formatOneInYears(r.oneInYears)}</td><td class="num">${r.nines === null ? MISSING : formatNumber(r.nines)}</td><td class="num">${formatLostBytes(r.expectedBytesLostPerYear)}</td><td class="num">${r.worstRack === null ? MISSING : formatPercent(r.worstRack.pgFractionLost, 2)}</td><td class="num">${money(r.capexPerUsableTb)}</td><td class="num">${money(r.capexPerSafeUsableTb)}</td><td class="num">${r.horizon === null ? MISSING : formatNumber(r.horizon.hosts)}</td><td class="num">${r.horizon === null ? MISSING : money(r.horizon.capex)}</td><td class="num">${r.horizon === null ? MISSING : money(r.horizon.capexPerSafeUsableTb)}</td></tr>\n`;
}

/** The comparison as a report section (`<section id="layouts">`). */
export function layoutsSection(c: CephLayoutComparison): SafeHtml {
  const facts: [string, string][] = [
    [
      'Compared on',
      `${c.deviceClass === null ? 'every OSD' : `the ${c.deviceClass} OSDs`}${c.hardware === null ? '' : ` of ${c.hardware} (--hardware)`}: ${formatNumber(c.osdCount)} OSDs, ${formatBytes(c.rawBytes)} raw, in ${formatNumber(c.storageHosts)} hosts and ${formatNumber(c.racks)} racks`,
    ],
    ['Data', `pools ${c.pools.join(', ') || MISSING}: ${formatBytes(c.storedBytesMonth0)} stored at month 0, growing as the scenario says`],
    ['Tolerated loss', `${formatNumber(c.tolerate.hosts)} host(s), ${formatNumber(c.tolerate.racks)} rack(s) (policy.tolerate)`],
    ['Sized for the horizon', c.horizonSizing ?? 'not sized'],
    ['Storage hosts price', c.capex === null ? 'unknown (a storage model has no price, or prices in several currencies)' : formatMoney(c.capex.amount, c.capex.currency)],
  ];
  const reasons = c.rows.filter((r) => r.reason !== null);
  return html`<section aria-labelledby="layouts">
<h2 id="layouts">Ceph layouts on the same hardware</h2>
${definitionList(facts)}
<table class="ceph-layouts">
<caption>Each layout planned like the scenario itself: usable = raw ÷ write amplification; safe usable keeps the fullest survivor under backfillfull after the tolerated loss; fewest hosts = width + the tolerated losses, one host per rack; recovery of the fullest OSD (the durability's window T) and host; data loss from independent device failures; worst rack: share of PGs losing data when the worst rack goes at once. TB = 10<sup>12</sup> bytes.</caption>
<thead><tr><th scope="col">Layout</th><th scope="col">Healthy after the tolerated loss</th><th scope="col">Usable</th><th scope="col">Safe usable</th><th scope="col">Runway to safe usable</th><th scope="col">Write amplification</th><th scope="col">Fewest hosts</th><th scope="col">OSD recovery</th><th scope="col">Host recovery</th><th scope="col">P(loss in a year)</th><th scope="col">Once in</th><th scope="col">Nines</th><th scope="col">Expected loss per year</th><th scope="col">Worst rack: PGs lost</th><th scope="col">CAPEX per usable TB</th><th scope="col">CAPEX per safe usable TB</th><th scope="col">Hosts for the horizon</th><th scope="col">CAPEX for the horizon</th><th scope="col">… per safe usable TB</th></tr></thead>
<tbody>
${c.rows.map((r) => row(c, r))}</tbody>
</table>
${reasons.length > 0 ? html`<ul class="notes">${reasons.map((r) => html`<li>${r.label}: ${r.reason}</li>`)}</ul>\n` : ''}<p class="note">Write amplification of erasure-coded pools is that of full-stripe writes; small overwrites (RBD, CephFS with allow_ec_overwrites) read and rewrite the stripe. Durability: Kampe's RADOS reliability model (ceph/ceph-tools models/reliability), Backblaze erasure-coding-durability, Cidon et al. "Copysets" (USENIX ATC 2013).</p>
</section>`;
}
