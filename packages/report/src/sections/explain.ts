/**
 * Explained figures: a number of the report that the plan explains (PlanResult.explanations)
 * becomes a disclosure. Selecting the figure (click, or Tab then Enter or Space) opens a box
 * below it with the formula, the inputs (symbol, what, value with unit, where it comes from)
 * and the upstream source. Plain HTML <details>/<summary>: no script, keyboard-operable; the
 * box floats over the page (it does not reflow the table); print shows the figure alone.
 * Formatting only: every value is the plan's.
 */
import type { Explanation, PlanResult } from '@headroom/core';
import { html, type SafeHtml } from '../escape.js';
import { formatExplained } from '../format.js';

/** The explanation with this id, if the plan carries one. */
export function explanationOf(plan: PlanResult, id: string): Explanation | undefined {
  const all = plan.explanations;
  return all && Object.hasOwn(all, id) ? all[id] : undefined;
}

/** A value with its unit, as formatExplained writes it. */
function valueText(value: number | string, unit: string): string {
  return formatExplained(value, unit);
}

/** Where an input comes from: another explanation (its label), or a scenario path. */
function fromCell(plan: PlanResult, from: string | undefined): SafeHtml | string {
  if (from === undefined) return '';
  const other = explanationOf(plan, from);
  if (other) return html`${other.label}`;
  return html`<code>${from}</code>`;
}

/** The box: what the figure is, its formula (and the mathjs expression that reproduces it), the inputs, the source. */
function body(plan: PlanResult, e: Explanation): SafeHtml {
  return html`<div class="why-body" role="note">
<p class="why-head"><strong>${e.label}</strong>: ${valueText(e.value, e.unit)}</p>
<p class="why-formula">${e.formula}</p>
${e.expression ? html`<p class="why-expression">As computed: <code>${e.expression}</code></p>` : ''}
${
  e.inputs.length === 0
    ? ''
    : html`<table class="why-inputs" data-nosort>
<caption>Inputs</caption>
<thead><tr><th scope="col">Symbol</th><th scope="col">Input</th><th scope="col">Value</th><th scope="col">From</th></tr></thead>
<tbody>
${e.inputs.map((i) => html`<tr><th scope="row"><code>${i.symbol}</code></th><td>${i.label}</td><td class="why-value">${valueText(i.value, i.unit)}</td><td>${fromCell(plan, i.from)}</td></tr>\n`)}</tbody>
</table>`
}
<p class="why-source">Source: ${e.source}</p>
</div>`;
}

/**
 * The figure `text`, explained when the plan has the explanation `id` (build ids with
 * `explainId` from `@headroom/core/explain-ids`), else `text` alone:
 * `<details class="why"><summary>text</summary><div class="why-body" role="note">…</div></details>`.
 * Flow content: use it in a table cell, a <dd>, a <li> or a <div>, never inside a <p> (the
 * HTML parser would close the paragraph at <details>). Everything from the plan is escaped.
 */
export function explained(plan: PlanResult, id: string, text: SafeHtml | string): SafeHtml {
  const e = explanationOf(plan, id);
  if (!e) return html`${text}`;
  return html`<details class="why"><summary>${text}</summary>${body(plan, e)}</details>`;
}
