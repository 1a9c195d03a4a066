/**
 * A PlanDiff as plain text (terminal) and as Markdown (a pull-request comment). Formatting
 * only: every figure is in the diff (core/src/diff/diff.ts).
 */
import type { OrderChange, PlanDiff, RunwayChange } from '@headroom/core';
import { formatMonth } from './render-text.js';
import { escapeControl } from './terminal-text.js';

const money = (v: number | null, currency: string | null): string =>
  v === null ? 'unpriced' : `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(v)}${currency && currency !== 'mixed' ? ` ${currency}` : ''}`;
const signedMoney = (v: number | null, currency: string | null): string => (v === null ? 'n/a' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${money(Math.abs(v), currency)}`);
const months = (m: number | null): string => (m === null ? 'beyond the horizon' : `${m} ${m === 1 ? 'month' : 'months'}`);
const signedMonths = (d: number | null): string => (d === null ? 'n/a' : d === 0 ? '±0' : `${d > 0 ? '+' : '−'}${Math.abs(d)}`);

function runwayRow(r: RunwayChange): string[] {
  const was = r.presence === 'added' ? '(new)' : months(r.oldMonths);
  const now = r.presence === 'removed' ? '(gone)' : months(r.newMonths);
  return [r.resource, was, now, signedMonths(r.deltaMonths)];
}

function orderText(o: OrderChange, currency: string | null, arrow = '->'): string {
  const side = (month: string | null, q: number | null, by: string | null): string => (month === null ? '' : `${q} × ${o.hardware} in ${formatMonth(month)} (order by ${by})`);
  switch (o.change) {
    case 'added':
      return `added: ${side(o.newDeliveryMonth, o.newQuantity, o.newOrderBy)}, ${signedMoney(o.deltaAmount, currency)}`;
    case 'removed':
      return `removed: ${side(o.oldDeliveryMonth, o.oldQuantity, o.oldOrderBy)}, ${signedMoney(o.deltaAmount, currency)}`;
    case 'unchanged':
      return `unchanged: ${side(o.newDeliveryMonth, o.newQuantity, o.newOrderBy)}`;
    default:
      return `${o.change}: ${side(o.oldDeliveryMonth, o.oldQuantity, o.oldOrderBy)} ${arrow} ${side(o.newDeliveryMonth, o.newQuantity, o.newOrderBy)}, ${signedMoney(o.deltaAmount, currency)}`;
  }
}

/** "compute.memory runs out in Apr 2028 -> Aug 2027 (−8 months)", or "nothing runs out". */
function withoutText(d: PlanDiff, arrow = '->'): string {
  const w = d.withoutPurchases;
  const side = (x: { resource: string; month: string } | null): string => (x ? `${x.resource} in ${formatMonth(x.month)}` : 'nothing runs out');
  if (JSON.stringify(w.old) === JSON.stringify(w.new)) return `${side(w.new)} (unchanged)`;
  return `${side(w.old)} ${arrow} ${side(w.new)}${w.deltaMonths === null ? '' : ` (${signedMonths(w.deltaMonths)} months)`}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd());
}

/** The diff for a terminal. Scenario names are escaped (no control characters reach the terminal). */
export function diffText(d: PlanDiff): string {
  const cur = d.currency;
  const lines: string[] = [];
  lines.push(`headroom diff: ${escapeControl(d.old.name)} (${d.old.horizon}) -> ${escapeControl(d.new.name)} (${d.new.horizon})`);
  if (d.unchanged) lines.push('No change in runway, bottleneck, orders, money, findings or rack failures.');
  lines.push('', 'Runway (tolerated failures removed):', ...table([['resource', 'was', 'now', 'change'], ...d.runway.map(runwayRow)]));
  const bn = (b: { resource: string; month: string } | null): string => (b ? `${b.resource} in ${formatMonth(b.month)}` : 'none');
  lines.push('', `Without any purchase: ${withoutText(d)}`);
  lines.push(`Bottleneck: ${d.bottleneck.changed ? `${bn(d.bottleneck.old)} -> ${bn(d.bottleneck.new)}` : `${bn(d.bottleneck.new)} (unchanged)`}`);
  const orders = d.orders.filter((o) => o.change !== 'unchanged');
  lines.push('', `Orders: ${orders.length === 0 ? 'no change' : ''}`.trimEnd(), ...orders.map((o) => `  ${orderText(o, cur)}`));
  lines.push('', `CAPEX: ${money(d.capex.old, cur)} -> ${money(d.capex.new, cur)} (${signedMoney(d.capex.delta, cur)})`);
  lines.push(`TCO over the horizon: ${money(d.tco.old, cur)} -> ${money(d.tco.new, cur)} (${signedMoney(d.tco.delta, cur)})`);
  if (cur === 'mixed') lines.push('  (the plans are priced in different currencies: no difference is computed)');
  lines.push('', `Findings: ${d.findings.added.length} new, ${d.findings.resolved.length} resolved`);
  for (const f of d.findings.added) lines.push(`  + ${f.severity} ${f.code} ${escapeControl(f.subject)}: ${escapeControl(f.message)}`);
  for (const f of d.findings.resolved) lines.push(`  - ${f.severity} ${f.code} ${escapeControl(f.subject)}`);
  if (d.racks.length > 0) {
    lines.push('', 'Losing a rack:');
    for (const r of d.racks)
      lines.push(
        `  ${escapeControl(r.rack)}: ${r.oldHarm ?? 'n/a'}${r.oldFirstHarm ? ` from ${formatMonth(r.oldFirstHarm)}` : ''} -> ${r.newHarm ?? 'n/a'}${r.newFirstHarm ? ` from ${formatMonth(r.newFirstHarm)}` : ''}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** Markdown: `|` and backslashes in names escaped, line breaks flattened (one table row per line). */
const md = (s: string): string =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));

/** The diff as GitHub-flavoured Markdown, for a pull-request comment. */
export function diffMarkdown(d: PlanDiff): string {
  const cur = d.currency;
  const out: string[] = [];
  out.push(`### headroom: ${md(d.old.name)} → ${md(d.new.name)}`, '');
  if (d.unchanged) out.push('No change in runway, bottleneck, orders, money, findings or rack failures.', '');
  out.push('| Resource | Runway was | Runway now | Change (months) |', '|---|---|---|---:|');
  for (const r of d.runway) out.push(`| \`${md(r.resource)}\` | ${runwayRow(r).slice(1).join(' | ')} |`);
  const bn = (b: { resource: string; month: string } | null): string => (b ? `\`${md(b.resource)}\` in ${formatMonth(b.month)}` : 'none');
  out.push('', `**Without any purchase:** ${md(withoutText(d, '→'))}`, '');
  out.push(`**Bottleneck:** ${d.bottleneck.changed ? `${bn(d.bottleneck.old)} → ${bn(d.bottleneck.new)}` : `${bn(d.bottleneck.new)} (unchanged)`}`, '');
  out.push(
    `**CAPEX:** ${money(d.capex.old, cur)} → ${money(d.capex.new, cur)} (${signedMoney(d.capex.delta, cur)}) · **TCO:** ${money(d.tco.old, cur)} → ${money(d.tco.new, cur)} (${signedMoney(d.tco.delta, cur)})`,
    '',
  );
  const orders = d.orders.filter((o) => o.change !== 'unchanged');
  if (orders.length > 0) out.push('**Orders**', '', ...orders.map((o) => `- ${md(orderText(o, cur, '→'))}`), '');
  out.push(`**Findings:** ${d.findings.added.length} new, ${d.findings.resolved.length} resolved`, '');
  for (const f of d.findings.added) out.push(`- 🆕 ${f.severity} \`${md(f.code)}\` ${md(f.subject)}: ${md(f.message)}`);
  for (const f of d.findings.resolved) out.push(`- ✅ ${f.severity} \`${md(f.code)}\` ${md(f.subject)}`);
  if (d.racks.length > 0) {
    out.push('', '**Losing a rack**', '');
    for (const r of d.racks) out.push(`- ${md(r.rack)}: ${r.oldHarm ?? 'n/a'} → ${r.newHarm ?? 'n/a'}`);
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
