/** Section 6, every finding, worst first. */
import type { PlanResult } from '@headroom/core';
import { html, type SafeHtml } from '../escape.js';
import { formatMonthIndex, formatQuantity, MISSING } from '../format.js';
import { breakableText, SEVERITIES, severityBadge, sortFindings } from './common.js';

/**
 * Section 6: the findings table (severity, code, subject, message, month, value, limit), each
 * finding's source a numbered note under the table.
 * The severity cell carries `data-sort` = its rank in `SEVERITIES` (0 = error), so sorting the
 * column ascending puts the worst first.
 */
export function findingsSection(plan: PlanResult): SafeHtml {
  const findings = sortFindings(plan.findings);
  // sources as numbered notes under the table (one per distinct source), so the rows stay short at print width
  const sources: string[] = [];
  const noteOf = (source: string | undefined): number | null => {
    if (source === undefined) return null;
    const i = sources.indexOf(source);
    if (i >= 0) return i + 1;
    sources.push(source);
    return sources.length;
  };
  const body =
    findings.length === 0
      ? html`<p>No findings.</p>`
      : html`<table class="findings">
<caption>Findings about the planned cloud, worst first. Month: the month a finding starts, when it has one. [n]: the source, listed under the table.</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Code</th><th scope="col">Subject</th><th scope="col">Message</th><th scope="col">Month</th><th scope="col">Value</th><th scope="col">Limit</th></tr></thead>
<tbody>
${findings.map((f) => {
  const note = noteOf(f.source);
  return html`<tr class="finding-${f.severity}"><td data-sort="${SEVERITIES.indexOf(f.severity)}">${severityBadge(f.severity)}</td><th scope="row"><code class="finding-code">${f.code}</code></th><td>${breakableText(f.subject)}</td><td class="message">${f.message}${
    note === null ? '' : html` <a class="source-ref" href="#finding-source-${note}">[${note}]</a>`
  }</td><td class="nowrap">${f.month === undefined ? MISSING : formatMonthIndex(plan.months, f.month)}</td><td class="num">${f.value === undefined ? MISSING : formatQuantity(f.value, f.unit)}</td><td class="num">${
    f.limit === undefined ? MISSING : formatQuantity(f.limit, f.unit)
  }</td></tr>\n`;
})}</tbody>
</table>
${sources.length === 0 ? '' : html`<ol class="finding-sources">${sources.map((src, i) => html`<li id="finding-source-${i + 1}">${breakableText(src)}</li>`)}</ol>`}`;
  return html`<section aria-labelledby="findings">
<h2 id="findings">Findings</h2>
${body}
</section>`;
}
