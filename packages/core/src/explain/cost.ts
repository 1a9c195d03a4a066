/**
 * Explanations of the whole bill (cost/cost.ts): each priced line's amount, CAPEX and OPEX
 * over the horizon, and the TCO.
 */
import type { CostLine, CostPrices } from '../model/cost.js';
import type { PlanResult } from '../model/plan.js';
import { type ExplanationSet, input, sum } from './common.js';
import { explainId } from './ids.js';
import { scenarioPath } from './paths.js';

const SOURCE = 'headroom [model] (cost/cost.ts planCost); prices are the scenario’s';

/** The `costs:` key that prices each item (servers: the model's price). */
const PRICE_KEY: Partial<Record<CostLine['item'], keyof CostPrices>> = {
  racks: 'rack',
  pdus: 'pdu',
  'tor-switches': 'torSwitch',
  optics: 'optic',
  cables: 'cable',
  support: 'supportPerServerYear',
  energy: 'energyPerKwh',
  'colocation-racks': 'colocationPerRackMonth',
  'colocation-ru': 'colocationPerRuMonth',
};

/** Explanations of `plan.cost`; nothing without one. */
export function explainCost(plan: PlanResult, out: ExplanationSet): void {
  const c = plan.cost;
  if (!c) return;
  const cur = c.currency ?? '';
  const priced = c.lines.filter((l) => l.amount !== null && l.unitPriceAmount !== null);
  for (const l of priced) {
    const id = explainId.costLine(l.item, l.subject);
    if (l.item === 'spares') {
      const base = c.lines.filter((x) => x.item === 'servers' && x.amount !== null);
      out.add({
        id,
        label: 'Spares',
        value: l.amount!,
        unit: cur,
        formula: 'spares = share × the server CAPEX (priced servers)',
        expression: `share * (${sum(base.map((_, i) => `s${i + 1}`))})`,
        inputs: [
          input('share', 'spares share', l.unitPriceAmount!, '', scenarioPath('costs', 'sparesShare')),
          ...base.map((x, i) => input(`s${i + 1}`, `servers ${x.subject ?? ''}`.trim(), x.amount!, cur, explainId.costLine(x.item, x.subject))),
        ],
        source: SOURCE,
      });
      continue;
    }
    const key = PRICE_KEY[l.item];
    const pricePath = l.item === 'servers' ? scenarioPath('hardware', l.subject ?? '', 'price', 'amount') : key ? scenarioPath('costs', key, 'amount') : undefined;
    out.add({
      id,
      label: `${l.item}${l.subject ? ` ${l.subject}` : ''} over the horizon`,
      value: l.amount!,
      unit: cur,
      formula: `amount = quantity (${l.basis}) × unit price`,
      expression: 'quantity * unit_price',
      inputs: [input('quantity', `${l.unit} over the horizon`, l.quantity, l.unit), input('unit_price', `price of one ${l.unit}`, l.unitPriceAmount!, cur, pricePath)],
      source: SOURCE,
    });
  }
  const total = (kind: 'capex' | 'opex') => {
    const lines = priced.filter((l) => l.kind === kind);
    return {
      expression: sum(lines.map((_, i) => `l${i + 1}`)),
      inputs: lines.map((l, i) => input(`l${i + 1}`, `${l.item}${l.subject ? ` ${l.subject}` : ''}`, l.amount!, cur, explainId.costLine(l.item, l.subject))),
    };
  };
  const capex = total('capex');
  out.add({
    id: explainId.costCapex(),
    label: 'CAPEX over the horizon, the whole bill',
    value: c.capexTotalAmount,
    unit: cur,
    formula: 'CAPEX = Σ of the priced CAPEX lines (booked in the month the items arrive)',
    ...capex,
    source: SOURCE,
  });
  const opex = total('opex');
  out.add({
    id: explainId.costOpex(),
    label: 'Running cost over the horizon',
    value: c.opexTotalAmount,
    unit: cur,
    formula: 'OPEX = Σ of the priced running-cost lines, month by month',
    ...opex,
    source: SOURCE,
  });
  out.add({
    id: explainId.costTco(),
    label: 'Total cost of ownership over the horizon',
    value: c.tcoAmount,
    unit: cur,
    formula: 'TCO = CAPEX + OPEX over the horizon (unpriced lines left out)',
    expression: 'capex + opex',
    inputs: [input('capex', 'CAPEX', c.capexTotalAmount, cur, explainId.costCapex()), input('opex', 'OPEX', c.opexTotalAmount, cur, explainId.costOpex())],
    source: SOURCE,
  });
}
