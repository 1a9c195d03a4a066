/**
 * renderHtml: PlanResult -> one self-contained HTML document. Everything is inline (CSS,
 * charts as SVG, one small script that makes tables sortable); a Content-Security-Policy
 * makes the browser fetch nothing; the same plan always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import type { PlanDiff, PlanResult } from '@headroom/core';
import { escapeHtml, html, trustedHtml, type SafeHtml } from './escape.js';
import { UNITS_NOTE, formatNumber } from './format.js';
import { horizonText } from './sections/common.js';
import { computeSection } from './sections/compute.js';
import { controlPlaneSection } from './sections/control-plane.js';
import { demandHistorySection } from './sections/demand-history.js';
import { failureSection } from './sections/failure.js';
import { findingsSection } from './sections/findings.js';
import { glossarySection } from './sections/glossary.js';
import { networkSection } from './sections/network.js';
import { nodesSection } from './sections/nodes.js';
import { procurementSection } from './sections/procurement.js';
import { racksSection } from './sections/racks.js';
import { storageSection } from './sections/storage.js';
import { summarySection } from './sections/summary.js';
import { costSection } from './sections/cost.js';
import { riskBlock } from './sections/risk.js';
import { changesSection, changesSummary } from './sections/changes.js';
import { SORT_SCRIPT } from './sort-script.js';
import { STYLESHEET } from './style.js';

/**
 * The Content-Security-Policy of the report, as a `<meta http-equiv>`: the browser fetches
 * nothing (`default-src 'none'`, no base URL, no form target), styles are the inline
 * stylesheet and style attributes, images only `data:` URLs, and the one script allowed is the
 * inline sort script, by its SHA-256 hash (base64 of the digest of its exact UTF-8 text, as
 * CSP Level 2 specifies), so an injected script would not run even if escaping failed.
 */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${createHash('sha256')
  .update(SORT_SCRIPT, 'utf8')
  .digest('base64')}'; base-uri 'none'; form-action 'none'`;

/**
 * The `<head>` of every page headroom writes (the report, the layout comparison): UTF-8, the
 * Content-Security-Policy (nothing fetched, only the sort script runs), viewport, light and dark
 * colour schemes, an optional generator meta (`name version`), the title and the inlined stylesheet.
 */
export function documentHead(title: string, generator?: string): SafeHtml {
  return html`<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${trustedHtml(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
${
  generator === undefined
    ? ''
    : html`<meta name="generator" content="${generator}">
`
}<title>${title}</title>
<style>${trustedHtml(STYLESHEET)}</style>
</head>`;
}

/**
 * Adds a self-link to every `<h2>` and `<h3>` that has an id, after its text:
 * `<a class="self-link" href="#id" aria-label="Link to this section">#</a>`, shown on hover
 * and focus so a reader can copy the section's address. The ids are the report's own
 * (already escaped in the attribute); headings never nest, so the lazy match is exact.
 */
function withSelfLinks(doc: string): string {
  return doc.replace(
    /<h([23]) id="([^"]+)">([\s\S]*?)<\/h\1>/g,
    (_, level: string, id: string, content: string) => `<h${level} id="${id}">${content} <a class="self-link" href="#${id}" aria-label="Link to this section">#</a></h${level}>`,
  );
}

/** The units statement (same words as `UNITS_NOTE`, with superscript powers). */
const UNITS_HTML = trustedHtml(escapeHtml(UNITS_NOTE).replace('10^12', '10<sup>12</sup>').replace('2^30', '2<sup>30</sup>'));

/**
 * Which cloud the report describes (plan.fleet.shows): the plan as scheduled, whose months
 * count the purchases delivered by then, or the cloud as it is (--without-purchases).
 */
function viewStatement(plan: PlanResult): SafeHtml | '' {
  const f = plan.fleet;
  if (!f) return '';
  const bought = f.hosts.filter((h) => h.purchased).length;
  const retired = f.hosts.filter((h) => h.untilMonth !== null).length;
  const retiredText = retired > 0 ? html` ${formatNumber(retired)} ${retired === 1 ? 'server leaves' : 'servers leave'} service on the month its group retires.` : '';
  if (f.shows === 'without-purchases') {
    return html`<p class="meta view-note"><strong>The cloud as it is:</strong> the figures, findings and verdict leave the purchase schedule out (<code>--without-purchases</code>); the schedule is still listed under Procurement.${retiredText}</p>
`;
  }
  if (bought === 0 && retired === 0) return '';
  return html`<p class="meta view-note"><strong>The plan as scheduled:</strong> from each month on, the figures, findings and verdict count the ${formatNumber(bought)} purchased ${bought === 1 ? 'server' : 'servers'} delivered by then (<code>--without-purchases</code> shows the cloud without them).${retiredText}</p>
`;
}

/** The scenario the report came from, by name and content hash, and headroom's version (no date: the report has no clock). */
function provenanceLine(plan: PlanResult): SafeHtml | '' {
  const p = plan.provenance;
  if (!p) return '';
  const n = p.inputs.length;
  return html`<p class="meta provenance">From <code>${p.scenario.file}</code>, sha256 <code>${p.scenario.sha256.slice(0, 12)}</code>${n > 0 ? html` and ${formatNumber(n)} ${n === 1 ? 'file' : 'files'} it read` : ''} · headroom ${plan.generator.version}</p>
`;
}

/** Every file the plan read, with its full SHA-256 (footer). */
function provenanceList(plan: PlanResult): SafeHtml | '' {
  const p = plan.provenance;
  if (!p) return '';
  return html`<p class="small provenance-files">Inputs (SHA-256): ${[p.scenario, ...p.inputs].map((f, i) => html`${i > 0 ? '; ' : ''}<code>${f.file}</code> <code class="hash">${f.sha256}</code>`)}.</p>`;
}

/** Options of `renderHtml`. */
export interface RenderHtmlOptions {
  /** Document title and main heading; default: "<scenario name>: capacity plan". */
  title?: string;
  /** What changed since a previous plan (core's diffPlans(previous, plan)): a line in the decision summary and a "What changed" section. */
  previous?: PlanDiff;
}

/** The report's sections in order, as `[id, heading]`: the table of contents and the tests use it. */
export const SECTIONS: readonly (readonly [id: string, heading: string])[] = [
  ['summary', 'Decision summary'],
  ['demand', 'Demand from history'],
  ['compute', 'Compute'],
  ['storage', 'Storage'],
  ['network', 'Network'],
  ['control-plane', 'Control plane quorum'],
  ['failure', 'Failure domains'],
  ['procurement', 'Procurement'],
  ['cost', 'Cost'],
  ['racks', 'Racks and power'],
  ['nodes', 'Nodes and role checks'],
  ['findings', 'Findings'],
  ['glossary', 'Glossary'],
];

/**
 * Renders a plan as a self-contained HTML report: summary (does the plan hold, bottleneck,
 * runway, findings by severity), compute, storage, control plane, failure domains, nodes
 * and role checks, findings and a glossary. Charts are drawn to inline SVG with vega-lite at build time
 * (vega is loaded on first call). Tables get sort buttons from one inline script (`SORT_SCRIPT`,
 * allowed by hash in the Content-Security-Policy; without JavaScript they stay as rendered);
 * h2 and h3 headings get self-links. Every string from the scenario is HTML-escaped. No
 * capacity arithmetic: every number shown comes from `plan`. Deterministic: no clock, no
 * randomness, so the same plan renders to byte-identical HTML.
 */
export async function renderHtml(plan: PlanResult, options: RenderHtmlOptions = {}): Promise<string> {
  const s = plan.scenario;
  const title = options.title ?? `${s.name}: capacity plan`;
  // Sections with charts are rendered one after the other: output order is fixed.
  const demand = await demandHistorySection(plan);
  const compute = await computeSection(plan);
  const storage = await storageSection(plan);
  const network = await networkSection(plan);
  const failure = await failureSection(plan);
  const procurement = await procurementSection(plan);
  const racks = await racksSection(plan);
  const risk = plan.risk ? await riskBlock(plan) : undefined;
  const sections = options.previous ? [...SECTIONS.slice(0, -2), ['changes', 'What changed'] as const, ...SECTIONS.slice(-2)] : SECTIONS;
  const doc = html`<!DOCTYPE html>
<html lang="en">
${documentHead(title, `${plan.generator.name} ${plan.generator.version}`)}
<body>
<div class="page">
<header class="report-head">
<h1>${title}</h1>
<p class="subtitle">Scenario <strong>${s.name}</strong>${s.description ? html` — ${s.description}` : ''}</p>
<p class="meta">Horizon ${horizonText(plan)} · ${formatNumber(plan.hosts.length)} hosts · ${UNITS_HTML}</p>
${viewStatement(plan)}
${
  Object.keys(plan.explanations ?? {}).length > 0
    ? html`<p class="meta explain-note">Dotted figures explain themselves: select one (click it, or Tab to it and press Enter) to see its formula, its inputs with their units and where they come from, and the rule it follows.</p>
`
    : ''
}${provenanceLine(plan)}<nav class="toc" aria-label="Sections"><ol>${sections.map(([id, heading]) => html`<li><a href="#${id}">${heading}</a></li>`)}</ol></nav>
</header>
<main>
${summarySection(plan, { ...(risk ? { risk } : {}), ...(options.previous ? { changes: changesSummary(options.previous) } : {}) })}
<p class="appendix-note" id="appendix">Engineering appendix: how each figure above was obtained, section by section.</p>
${demand}
${compute}
${storage}
${network}
${controlPlaneSection(plan)}
${failure}
${procurement}
${costSection(plan)}
${racks}
${nodesSection(plan)}
${changesSection(options.previous)}
${findingsSection(plan)}
${glossarySection()}
</main>
<footer>
<p>Generated by ${plan.generator.name} ${plan.generator.version} from a plan of schema version ${plan.schemaVersion}. Every number in this report comes from the plan; the report only formats it. ${UNITS_HTML}</p>
${provenanceList(plan)}
</footer>
</div>
<script>${trustedHtml(SORT_SCRIPT)}</script>
</body>
</html>
`;
  return withSelfLinks(doc.value);
}
