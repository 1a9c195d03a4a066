/**
 * Explanations of the procurement plan (procurement/schedule.ts, dates.ts, bom.ts): per
 * purchase the quantity and why, the order-by date, the total price, the typical power and
 * heat; the CAPEX total. Rack power is explained from the elevations (racks.ts).
 */
import { BTU_PER_HOUR_PER_WATT } from '../procurement/bom.js';
import type { PlanResult } from '../model/plan.js';
import { purchaseKey } from '../model/procurement.js';
import { purchaseRule } from '../model/procurement-rules.js';
import { type ExplanationSet, input, sum } from './common.js';
import { explainId } from './ids.js';
import { scenarioPath } from './paths.js';
import type { ExplainedInput } from '../model/explanation.js';

const SCHEDULE_SOURCE = 'headroom [model] (procurement/schedule.ts planProcurement)';

/** Explanations of `plan.procurement`; nothing without one. */
export function explainProcurement(plan: PlanResult, out: ExplanationSet): void {
  const p = plan.procurement;
  if (!p) return;
  const s = plan.scenario;
  for (const x of p.purchases) {
    const rulePath = (f: string) => (x.aggregate !== undefined ? scenarioPath('procurement', 'aggregates', x.aggregate, f) : scenarioPath('procurement', 'roles', x.role, f));
    const rule = purchaseRule(s.procurement, x);
    const key = purchaseKey(x);
    const qtyId = explainId.purchaseQuantity(key, x.deliveryMonth);
    out.add({
      id: qtyId,
      label: `${x.role} hosts (${x.hardware}${x.aggregate !== undefined ? `, aggregate ${x.aggregate}` : ''}) to have in service in ${x.deliveryMonth}`,
      value: x.quantity,
      unit: 'hosts',
      formula:
        `delivered in the first month a resource the ${x.role} role supplies would cross its trigger (utilisation with the tolerated failures removed); ` +
        'quantity = the fewest order units of `batch` hosts (with ceph.failureDomain rack: batch hosts in each storage rack) after which each such resource is at or under its trigger ' +
        'in that month and the coverMonths after it, Placement and Ceph capacity re-evaluated with the new hosts',
      inputs: [
        input('batch', 'hosts per order unit', rule?.batch ?? 0, 'hosts', rulePath('batch')),
        input('cover_months', 'months after the crossing the order must also cover', rule?.coverMonths ?? 0, 'months', rulePath('coverMonths')),
        ...x.reasons.flatMap((r, i): ExplainedInput[] => [
          input(`trigger${i + 1}`, `trigger of ${r.resource}`, r.threshold, '', rule?.threshold === undefined ? explainId.resourceThreshold(r.resource) : rulePath('threshold')),
          ...(r.utilisationBefore === null ? [] : [input(`before${i + 1}`, `utilisation of ${r.resource} in ${x.deliveryMonth} without this purchase`, r.utilisationBefore, '')]),
          ...(r.utilisationAfter === null ? [] : [input(`after${i + 1}`, `utilisation of ${r.resource} in ${x.deliveryMonth} with it`, r.utilisationAfter, '')]),
        ]),
      ],
      source: SCHEDULE_SOURCE,
    });
    out.add({
      id: explainId.purchaseOrderBy(key, x.deliveryMonth),
      label: `Order-by date of the ${x.deliveryMonth} ${purchaseKey(x)} purchase`,
      value: x.orderBy,
      unit: '',
      formula: `order by = the first day of the delivery month − ceil(lead_time × 7) days${x.late ? '; before the plan starts: already late' : ''}`,
      inputs: [input('delivery', 'delivery month', x.deliveryMonth, ''), input('lead_time', 'lead time', x.leadTimeWeeks, 'weeks', rulePath('leadTimeWeeks'))],
      source: 'headroom [model] (procurement/dates.ts orderByDate): ordered a lead time before the month the hosts must be in service',
    });
    if (x.totalPriceAmount !== null && x.unitPriceAmount !== null) {
      out.add({
        id: explainId.purchaseTotalPrice(key, x.deliveryMonth),
        label: `Price of the ${x.deliveryMonth} ${purchaseKey(x)} purchase`,
        value: x.totalPriceAmount,
        unit: x.currency ?? '',
        formula: 'total = quantity × unit price',
        expression: 'quantity * unit_price',
        inputs: [
          input('quantity', 'hosts bought', x.quantity, 'hosts', qtyId),
          input('unit_price', `price of one ${x.hardware}`, x.unitPriceAmount, x.currency ?? '', scenarioPath('hardware', x.hardware, 'price', 'amount')),
        ],
        source: 'headroom (procurement/bom.ts billOfMaterials); prices are the scenario’s',
      });
    }
    if (x.powerTypicalWatts !== null && x.heatTypicalBtuPerHour !== null) {
      const powerId = explainId.purchasePower(key, x.deliveryMonth);
      out.add({
        id: powerId,
        label: `Typical power draw of the ${x.deliveryMonth} ${purchaseKey(x)} purchase`,
        value: x.powerTypicalWatts,
        unit: 'W',
        formula: 'power = quantity × typical draw of one host',
        expression: 'quantity * typical',
        inputs: [
          input('quantity', 'hosts bought', x.quantity, 'hosts', qtyId),
          input(
            'typical',
            `typical draw of one ${x.hardware}`,
            s.hardware[x.hardware]?.power?.typicalWatts ?? 0,
            'W',
            scenarioPath('hardware', x.hardware, 'power', 'typicalWatts'),
          ),
        ],
        source: 'headroom (procurement/bom.ts); power figures are the scenario’s',
      });
      out.add({
        id: explainId.purchaseHeat(key, x.deliveryMonth),
        label: `Heat of the ${x.deliveryMonth} ${purchaseKey(x)} purchase at typical draw`,
        value: x.heatTypicalBtuPerHour,
        unit: 'BTU/h',
        formula: 'heat = power × 3.412 BTU/h per watt',
        expression: 'power * btu_per_watt',
        inputs: [input('power', 'typical power draw', x.powerTypicalWatts, 'W', powerId), input('btu_per_watt', 'BTU/h per watt', BTU_PER_HOUR_PER_WATT, 'BTU/h')],
        source: '1 W = 3.412 BTU/h (ASHRAE)',
      });
    }
  }
  const priced = p.purchases.filter((x) => x.totalPriceAmount !== null && x.currency === p.currency);
  out.add({
    id: explainId.capexTotal(),
    label: 'CAPEX of every purchase over the horizon',
    value: p.capexTotalAmount,
    unit: p.currency ?? '',
    formula: 'CAPEX = Σ of the purchases’ totals (in the plan’s currency; booked in the delivery month)',
    expression: sum(priced.map((_, i) => `p${i + 1}`)),
    inputs: priced.map((x, i) =>
      input(`p${i + 1}`, `${x.deliveryMonth} ${purchaseKey(x)} purchase`, x.totalPriceAmount!, x.currency ?? '', explainId.purchaseTotalPrice(purchaseKey(x), x.deliveryMonth)),
    ),
    source: 'headroom (procurement/bom.ts billOfMaterials)',
  });
}
