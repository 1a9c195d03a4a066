/** Explanations of the control-plane quorum (control/quorum.ts). */
import type { PlanResult } from '../model/plan.js';
import { type ExplanationSet, groupCountPath, hostsByHardware, input } from './common.js';
import { explainId } from './ids.js';

const SOURCE =
  'Galera weighted quorum: a component stays primary while (sum_prev_w − sum_left_w) ÷ 2 < sum_members_w; with equal weights quorum = floor(n/2) + 1 (galeracluster.com/library/documentation/weighted-quorum.html); RabbitMQ quorum queues (Raft) need a majority likewise';

/** Explanations of `plan.controlPlane`. */
export function explainControlPlane(plan: PlanResult, out: ExplanationSet): void {
  const cp = plan.controlPlane;
  const groups = hostsByHardware(plan, 'control');
  const from = groups.length === 1 ? groupCountPath(plan.scenario, 'control', groups[0]![0]) : undefined;
  const n = input('n', 'controllers (hosts with role control)', cp.controllers, 'hosts', from);
  out.add({
    id: explainId.quorum(),
    label: 'Members the control-plane quorum needs (Galera primary component, RabbitMQ quorum queues)',
    value: cp.quorum,
    unit: 'hosts',
    formula: cp.controllers > 0 ? 'quorum = floor(n ÷ 2) + 1' : 'no controller: no quorum',
    ...(cp.controllers > 0 ? { expression: 'floor(n / 2) + 1' } : {}),
    inputs: [n],
    source: SOURCE,
  });
  out.add({
    id: explainId.quorumToleratedFailures(),
    label: 'Controllers that may fail while the quorum holds',
    value: cp.toleratedFailures,
    unit: 'hosts',
    formula: 'tolerated failures = n − quorum',
    expression: 'n - quorum',
    inputs: [n, input('quorum', 'quorum', cp.quorum, 'hosts', explainId.quorum())],
    source: SOURCE,
  });
}
