/**
 * The report's stylesheet, inlined in <style>: system fonts only, light and dark
 * (prefers-color-scheme), sortable-table and self-link decoration, and a print layout for A4
 * and Letter that always prints light.
 */

const LIGHT = `
  --bg: #ffffff; --fg: #1b1b1b; --muted: #555555; --rule: #d0d0d0; --rule-strong: #9a9a9a;
  --head-bg: #f3f3f3; --zebra: #fafafa; --code-bg: #f1f1f1; --link: #1a5fb4;
  --error: #b3261e; --error-bg: #fbe9e7; --warning: #8a5a00; --warning-bg: #fff4d6;
  --info: #1a5fb4; --info-bg: #e6effa; --pass: #1e6b33; --pass-bg: #e5f4e8;
  --chart-text: #333333; --chart-grid: #dddddd;`;

const DARK = `
  --bg: #161719; --fg: #e6e6e6; --muted: #a8a8a8; --rule: #3a3c40; --rule-strong: #6a6c70;
  --head-bg: #222428; --zebra: #1b1c1f; --code-bg: #26282c; --link: #8ab4f8;
  --error: #f2b8b5; --error-bg: #4a1c19; --warning: #f5d38a; --warning-bg: #3d3010;
  --info: #a8c7fa; --info-bg: #1c2b44; --pass: #9fd8ac; --pass-bg: #173222;
  --chart-text: #d0d0d0; --chart-grid: #3a3c40;`;

/**
 * Header cells of numeric columns align right, over their numbers: the header of column n when
 * the table has a td.num in column n (columns 1 to 16; :has() needs Chrome 105, Safari 15.4,
 * Firefox 121; older browsers keep the headers left).
 */
const NUMERIC_HEADERS = Array.from({ length: 16 }, (_, i) => `table:has(> tbody > tr > td.num:nth-child(${i + 1})) > thead > tr > th:nth-child(${i + 1})`).join(',\n');

/** The complete stylesheet. */
export const STYLESHEET = `
:root { color-scheme: light dark; ${LIGHT} }
@media (prefers-color-scheme: dark) { :root { ${DARK} } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
header.report-head { border-bottom: 2px solid var(--rule-strong); margin-bottom: 8px; padding-bottom: 8px; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 36px 0 10px; padding-top: 8px; border-top: 1px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 24px 0 8px; }
h4 { font-size: 1rem; margin: 18px 0 6px; }
h2, h3, h4 { scroll-margin-top: 12px; }
section.summary h2 { border-top: none; margin-top: 12px; padding-top: 0; }
p, div.para { margin: 6px 0 10px; }
a { color: var(--link); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em;
  background: var(--code-bg); padding: 0 3px; border-radius: 3px; }
.subtitle { color: var(--muted); margin: 0; font-size: 0.92rem; line-height: 1.4; }
.meta { color: var(--muted); font-size: 0.9rem; margin: 4px 0 0; }
nav.toc ol { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 10px 0 0; padding: 0; font-size: 0.92rem; }
.verdict { border-left: 6px solid var(--rule-strong); padding: 8px 16px; margin: 8px 0; background: var(--head-bg); }
.verdict-head { font-size: 1.18rem; font-weight: 650; margin: 0 0 4px; }
.verdict-fail { border-color: var(--error); background: var(--error-bg); }
.verdict-warn { border-color: var(--warning); background: var(--warning-bg); }
.verdict-pass { border-color: var(--pass); background: var(--pass-bg); }
.counts { list-style: none; display: flex; gap: 12px; padding: 0; margin: 8px 0 4px; }
.count { border: 1px solid var(--rule); border-radius: 6px; padding: 4px 14px; }
.count-n { font-size: 1.3rem; font-weight: 700; margin-right: 4px; font-variant-numeric: tabular-nums; }
.count.sev-error .count-n { color: var(--error); }
.count.sev-warning .count-n { color: var(--warning); }
.count.sev-info .count-n { color: var(--info); }
.summary-grid { display: grid; grid-template-columns: 3fr 2fr; gap: 8px 32px; }
@media (max-width: 820px) { .summary-grid { grid-template-columns: 1fr; } }
.answers { display: grid; grid-template-columns: 1fr 1fr; grid-template-areas: "runs orders" "rack orders"; grid-template-rows: auto 1fr; gap: 0 32px; align-items: start; }
.answer-runs-out { grid-area: runs; } .answer-orders { grid-area: orders; } .answer-rack { grid-area: rack; }
@media (max-width: 820px) { .answers { grid-template-columns: 1fr; grid-template-areas: "runs" "orders" "rack"; } }
.answers h3 { margin: 12px 0 4px; }
table.orders { font-size: 0.84rem; margin-bottom: 4px; }
ul.rack-harms { margin: 4px 0; padding-left: 1.2em; }
ul.rack-harms li { margin-bottom: 4px; }
ol.worst { padding-left: 1.4em; margin: 0; }
ol.worst li { margin: 0 0 8px; }
.subject { font-weight: 600; }
.month { color: var(--muted); }
dl.facts { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; }
dl.facts div { display: contents; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.badge { display: inline-block; font-size: 0.78em; font-weight: 650; line-height: 1.3; padding: 0 6px; border-radius: 3px;
  border: 1px solid currentColor; white-space: nowrap; text-transform: uppercase; letter-spacing: 0.02em; }
.sev-error.badge, .status-fail { color: var(--error); background: var(--error-bg); }
.sev-warning.badge, .status-unknown { color: var(--warning); background: var(--warning-bg); }
.sev-info.badge { color: var(--info); background: var(--info-bg); }
.status-pass { color: var(--pass); background: var(--pass-bg); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 0.86rem; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: 0.88rem; padding: 0 0 4px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--head-bg); border-bottom: 2px solid var(--rule-strong); font-weight: 600; vertical-align: bottom; }
tbody th { font-weight: 600; }
tbody tr:nth-child(even) { background: var(--zebra); }
tr.group-start > * { border-top: 2px solid var(--rule-strong); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap, th.nowrap { white-space: nowrap; }
td.fail-cell { color: var(--error); }
tr.bottleneck th { color: var(--error); }
table.findings td.message { width: 38%; min-width: 18em; }
table.checks td, table.hardware td { min-width: 5em; }
code.finding-code, table.cost-lines code { white-space: nowrap; }
ul.chart-marks { list-style: none; padding: 0; margin: 2px 0 0; }
.mark-swatch { display: inline-block; width: 4px; height: 12px; vertical-align: middle; }
.mark-swatch.mark-dashed { width: 0; border-left: 2px dashed #888888; }
.mark-swatch.mark-dotted { width: 16px; height: 0; border-top: 2px dotted #a05cc8; }
a.source-ref { font-size: 0.85em; white-space: nowrap; }
ol.finding-sources { font-size: 0.85em; overflow-wrap: anywhere; }
table.cost-lines tr.unpriced th, table.cost-lines tr.unpriced td { color: var(--muted, inherit); }
table.cost-lines tfoot th, table.cost-lines tfoot td { border-top: 1px solid var(--rule-strong); }
p.checks-count { margin: 0.4em 0; }
p.appendix-note { font-style: italic; font-size: 0.9em; }
code.hash { overflow-wrap: anywhere; }
table.checks td:nth-child(2) code, table.nodes code, table.groups code { white-space: nowrap; }
table.bandwidth code, table.subnets code { white-space: nowrap; }
details.host-list summary { cursor: pointer; color: var(--link); white-space: nowrap; }
.small { font-size: 0.85em; color: var(--muted); }
.note { border-left: 4px solid var(--info); background: var(--info-bg); padding: 6px 12px; }
.units-note { color: var(--muted); font-size: 0.9rem; }
figure.chart { margin: 8px 0 18px; }
figure.chart figcaption { font-size: 0.88rem; color: var(--muted); margin-bottom: 6px; max-width: 80ch; }
figure.chart figcaption strong { color: var(--fg); }
.chart-svg svg { display: block; width: 100%; max-width: 900px; height: auto; }
.chart-svg svg text { fill: var(--chart-text); }
.chart-svg svg .role-axis-grid line { stroke: var(--chart-grid); }
.chart-svg svg .rack_labels_marks text { fill: #1a1a1a; }
.chart-data summary { cursor: pointer; color: var(--link); font-size: 0.88rem; }
.chart-data table { max-width: 720px; }
table.failure-matrix td { min-width: 8em; }
table.failure-matrix th[scope=row] { min-width: 11em; }
dl.glossary dt { font-weight: 650; margin-top: 10px; }
dl.glossary dd { margin: 2px 0 0 0; max-width: 90ch; }
footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; }
/* Numeric column headers right-aligned; sortable tables (the inline sort script adds button.sort in each
   header); self-links; focus. */
${NUMERIC_HEADERS} { text-align: right; }
button.sort { font: inherit; color: inherit; background: none; border: 0; padding: 0; margin: 0; text-align: inherit;
  cursor: pointer; }
button.sort::after { content: "\\2195"; content: "\\2195" / ""; color: var(--muted); margin-left: 0.3em; font-weight: 400; }
th[aria-sort=ascending] > button.sort::after { content: "\\25B2"; content: "\\25B2" / ""; color: var(--fg); }
th[aria-sort=descending] > button.sort::after { content: "\\25BC"; content: "\\25BC" / ""; color: var(--fg); }
table[data-sorted] tr.group-start > * { border-top: 1px solid var(--rule); }
:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
a.self-link { color: var(--muted); text-decoration: none; font-weight: 400; margin-left: 0.2em; opacity: 0; }
h2:hover > a.self-link, h3:hover > a.self-link, a.self-link:focus { opacity: 1; }
a.self-link:hover { color: var(--link); }
@media (hover: none) { a.self-link { opacity: 0.5; } }
h2:target, h3:target { background: var(--info-bg); box-shadow: -8px 0 0 var(--info-bg), 8px 0 0 var(--info-bg); }
/* Print: A4 or Letter, whichever the printer uses (no forced size). Printable area with these
   margins: A4 186 x 267 mm (703 x 1009 CSS px at 96 px/in), Letter 192 x 249 mm (725 x 943 px).
   A page break before every section but the first; figures and table rows never split; table
   headers repeat; tables fit the width; always light colours; no interactive decoration. */
@page { margin: 14mm 12mm 16mm; }
@media print {
  :root { color-scheme: light; ${LIGHT} }
  html, body { font-size: 9.5pt; } /* rem sizes (headings, captions, notes) scale with the body text */
  .page { max-width: none; padding: 0; }
  nav.toc, .chart-data, .explain-note, details:not([open]), a.self-link, button.sort::after { display: none; }
  h2 { break-before: page; border-top: none; margin-top: 0; }
  section.summary h2 { break-before: avoid; }
  h2, h3, h4, caption, figcaption { break-after: avoid; }
  h2:target, h3:target { background: none; box-shadow: none; }
  figure.chart, .chart-svg, tr, .verdict, dl.facts, .answer { break-inside: avoid; }
  .chart-svg svg { max-width: 100%; max-height: 150mm; height: auto; }
  thead { display: table-header-group; }
  table { font-size: 8pt; }
  /* tables fit the page width: tighter cells, no screen minimum widths, a smaller font for
     tables of 9 columns or more; words and numbers are never broken */
  th, td { padding: 2px 4px; }
  table:has(> thead > tr > :nth-child(9)), table.findings { font-size: 7pt; }
  table.findings td.message, table.checks td, table.hardware td { min-width: 0; }
  table.findings { font-size: 7.5pt; }
  section.summary h3 { margin: 0.7em 0 0.3em; }
  section.summary .chart-svg svg { max-height: 80mm; }
  p.appendix-note { display: none; }
  a { color: inherit; text-decoration: none; }
  button.sort { display: contents; } /* as plain header text: Chromium leaves a button blank in repeated headers */
  .badge, .verdict, .note, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}

/* Explained figures (sections/explain.ts): the figure has a dotted underline; selecting it opens
   a box below it that floats over the page (no reflow); print shows the figure as plain text. */
details.why { display: inline-block; position: relative; text-indent: 0; }
details.why > summary { display: inline; cursor: help; list-style: none; text-decoration: underline dotted; text-decoration-thickness: 1px; text-underline-offset: 3px; }
details.why > summary::-webkit-details-marker { display: none; }
details.why > summary::marker { content: ""; }
details.why > summary:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; border-radius: 2px; }
details.why[open] > summary { background: var(--info-bg); }
details.why > div.why-body { display: block; }
.why-body { position: absolute; z-index: 30; top: calc(100% + 4px); left: 0; width: max-content; max-width: min(36rem, 88vw);
  padding: 8px 10px; background: var(--bg); color: var(--fg); border: 1px solid var(--rule-strong); border-radius: 6px;
  box-shadow: 0 6px 18px rgba(0, 0, 0, 0.28); font-size: 0.8rem; font-weight: 400; line-height: 1.4; text-align: left; white-space: normal; }
td.num .why-body { left: auto; right: 0; }
/* Where CSS anchor positioning exists, the box hangs from the figure and slides left as far as
   it must to stay on the page (the page is its containing block). */
@supports (anchor-name: --why) {
  .page { position: relative; }
  details.why { position: static; anchor-scope: --why; }
  details.why > summary { anchor-name: --why; }
  .why-body, td.num .why-body { position-anchor: --why; top: calc(anchor(bottom) + 4px); right: auto;
    left: clamp(0px, anchor(left), calc(100% - min(36rem, 88vw))); }
}
.why-body p { margin: 0 0 6px; }
.why-body code { overflow-wrap: anywhere; }
.why-body table.why-inputs th code { white-space: nowrap; overflow-wrap: normal; }
.why-body .why-formula { font-style: italic; }
.why-body .why-expression, .why-body .why-source { color: var(--muted); }
.why-body table.why-inputs { width: auto; margin: 4px 0 8px; font-size: 1em; }
.why-body table.why-inputs caption { font-size: 1em; padding: 0 0 2px; }
.why-body table.why-inputs th, .why-body table.why-inputs td { padding: 2px 6px; }
.why-body table.why-inputs td.why-value { white-space: nowrap; text-align: right; font-variant-numeric: tabular-nums; }
.para { margin: 6px 0 10px; }
@media print {
  details.why > div.why-body { display: none; }
  details.why > summary { text-decoration: none; }
  details.why[open] > summary { background: none; }
}
`;
