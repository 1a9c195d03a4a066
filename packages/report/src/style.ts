/**
 * The report's stylesheet, inlined in <style>: system fonts only, light and dark
 * (prefers-color-scheme), and a print layout for A4 that always prints light.
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
p { margin: 6px 0 10px; }
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
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  :root { color-scheme: light; ${LIGHT} }
  body { font-size: 9.5pt; }
  .page { max-width: none; padding: 0; }
  nav.toc, .chart-data { display: none; }
  h2 { break-before: page; border-top: none; margin-top: 0; }
  section.summary h2 { break-before: avoid; }
  h2, h3, h4 { break-after: avoid; }
  figure.chart, tr, .verdict, dl.facts, .answer { break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 8pt; }
  a { color: inherit; text-decoration: none; }
  .badge, .verdict, .note, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
