/** Section 6, every finding, worst first. */
import type { PlanResult } from '@headroom/core';
import { html, type SafeHtml } from '../escape.js';
import { formatMonthIndex, formatQuantity, MISSING } from '../format.js';
import { breakableText, codeText, SEVERITIES, severityBadge, sortFindings } from './common.js';

/**
 * Section 6: the findings table (severity, code, subject, message, month, value, limit, source).
 * The severity cell carries `data-sort` = its rank in `SEVERITIES` (0 = error), so sorting the
 * column ascending puts the worst first.
 */
export function findingsSection(plan: PlanResult): SafeHtml {
  const findings = sortFindings(plan.findings);
  const body =
    findings.length === 0
      ? html`<p>No findings.</p>`
      : html`<table class="findings">
<caption>Findings about the planned cloud, worst first. Month: the month a finding starts, when it has one.</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Code</th><th scope="col">Subject</th><th scope="col">Message</th><th scope="col">Month</th><th scope="col">Value</th><th scope="col">Limit</th><th scope="col">Source</th></tr></thead>
<tbody>
${findings.map(
  (f) =>
    html`<tr class="finding-${f.severity}"><td data-sort="${SEVERITIES.indexOf(f.severity)}">${severityBadge(f.severity)}</td><th scope="row">${codeText(f.code)}</th><td>${breakableText(f.subject)}</td><td class="message">${f.message}</td><td>${
      f.month === undefined ? MISSING : formatMonthIndex(plan.months, f.month)
    }</td><td class="num">${f.value === undefined ? MISSING : formatQuantity(f.value, f.unit)}</td><td class="num">${
      f.limit === undefined ? MISSING : formatQuantity(f.limit, f.unit)
    }</td><td>${f.source === undefined ? MISSING : breakableText(f.source)}</td></tr>\n`,
)}</tbody>
</table>`;
  return html`<section aria-labelledby="findings">
<h2 id="findings">Findings</h2>
${body}
</section>`;
}
