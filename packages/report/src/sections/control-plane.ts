/** Section 4, control plane quorum. */
import type { PlanResult } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { html, type SafeHtml } from '../escape.js';
import { formatNumber } from '../format.js';
import { definitionList } from './common.js';
import { explained } from './explain.js';

/** Section 4: controllers, quorum and the failures the control plane survives. */
export function controlPlaneSection(plan: PlanResult): SafeHtml {
  const cp = plan.controlPlane;
  const controllers = plan.hosts.filter((h) => h.role === 'control');
  return html`<section aria-labelledby="control-plane">
<h2 id="control-plane">Control plane quorum</h2>
<p>Galera and RabbitMQ quorum queues keep working while a majority of controllers (the quorum) is up.
With <strong>${formatNumber(cp.controllers)}</strong> ${cp.controllers === 1 ? 'controller' : 'controllers'} the quorum is <strong>${formatNumber(cp.quorum)}</strong>, so the control plane survives <strong>${formatNumber(cp.toleratedFailures)}</strong> ${cp.toleratedFailures === 1 ? 'controller' : 'controllers'} down.</p>
${definitionList([
  ['Controllers', formatNumber(cp.controllers)],
  ['Quorum', explained(plan, explainId.quorum(), formatNumber(cp.quorum))],
  ['Controllers that may fail', explained(plan, explainId.quorumToleratedFailures(), formatNumber(cp.toleratedFailures))],
  ['Hosts', controllers.length > 0 ? controllers.map((h) => `${h.name} (rack ${h.rack})`).join(', ') : '—'],
])}
${monitors(plan)}
</section>`;
}

/** The Ceph monitors' quorum (a Paxos majority of the monmap), when the plan has monitors. */
function monitors(plan: PlanResult): SafeHtml {
  const m = plan.controlPlane.monitors;
  if (!m) return html``;
  const rackOf = new Map(plan.hosts.map((h) => [h.name, h.rack]));
  return html`<p>The <strong>${formatNumber(m.hosts.length)}</strong> Ceph monitors (on role ${m.role}) need a majority of <strong>${formatNumber(m.quorum)}</strong>: Ceph survives <strong>${formatNumber(m.toleratedFailures)}</strong> ${m.toleratedFailures === 1 ? 'monitor' : 'monitors'} down.</p>
${definitionList([
  ['Ceph monitors', m.hosts.map((h) => `${h} (rack ${rackOf.get(h) ?? '—'})`).join(', ')],
  ['Monitor quorum', formatNumber(m.quorum)],
])}`;
}
