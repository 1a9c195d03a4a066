/**
 * Bill of materials: prices, power, heat and rack units per purchase and cumulative; CAPEX
 * per month and in total; every rack's space and power after the purchases (from the rack
 * elevations' sums, racks/elevation.ts rackUses: `startHosts` and each purchase's `hosts` in `racks`).
 */
import type { Finding } from '../diagnostics/types.js';
import type { Rack, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import { rackUses } from '../racks/elevation.js';
import { purchaseKey, type ProcurementPlan, type Purchase } from '../model/procurement.js';

/** BTU per hour per watt: 1 W = 3.412 BTU/h (ASHRAE; 3.41214). */
export const BTU_PER_HOUR_PER_WATT = 3.412;

/**
 * Fills each purchase's money and power fields and totals them:
 *   total = quantity × unit price; power = quantity × the model's typical / maximum watts;
 *   heat = typical watts × 3.412 BTU/h; cumulative = running sums in schedule order.
 * CAPEX is booked in the delivery month. One currency: a model priced in another currency
 * than the first priced purchase is left out of the totals with `procurement.mixed_currency`;
 * an unpriced model gives `procurement.price_missing`. Late orders: `procurement.order_late`;
 * added racks: `procurement.rack_added` (info).
 */
export function billOfMaterials(
  scenario: Scenario,
  purchases: Purchase[],
  racks: readonly Rack[],
  startHosts: readonly Host[],
  uncovered: string[],
  findings: Finding[],
): ProcurementPlan {
  purchases.sort((a, b) => a.deliveryMonthIndex - b.deliveryMonthIndex || a.role.localeCompare(b.role));
  let currency: string | null = null;
  let cumulativePrice = 0;
  let cumulativePower = 0;
  let anyPower = false;
  const capex = new Map<string, number>();
  for (const p of purchases) {
    const hw = scenario.hardware[p.hardware];
    p.heightRuTotal = p.quantity * (hw?.heightRu ?? 0);
    if (hw?.price) {
      if (currency === null) currency = hw.price.currency;
      p.unitPriceAmount = hw.price.amount;
      p.totalPriceAmount = hw.price.amount * p.quantity;
      p.currency = hw.price.currency;
      if (hw.price.currency === currency) {
        cumulativePrice += p.totalPriceAmount;
        capex.set(p.deliveryMonth, (capex.get(p.deliveryMonth) ?? 0) + p.totalPriceAmount);
      } else {
        findings.push({
          code: 'procurement.mixed_currency',
          severity: 'warning',
          subject: `hardware ${p.hardware}`,
          message: `${p.hardware} is priced in ${hw.price.currency}, not ${currency}: left out of the totals`,
        });
      }
      p.cumulativePriceAmount = cumulativePrice;
    } else {
      findings.push({
        code: 'procurement.price_missing',
        severity: 'warning',
        subject: `hardware ${p.hardware}`,
        message: `${p.hardware} has no price: the ${p.deliveryMonth} order of ${p.quantity} is not costed`,
      });
      p.cumulativePriceAmount = currency === null ? null : cumulativePrice;
    }
    if (hw?.power) {
      anyPower = true;
      p.powerTypicalWatts = p.quantity * hw.power.typicalWatts;
      p.powerMaxWatts = p.quantity * hw.power.maxWatts;
      p.heatTypicalBtuPerHour = p.powerTypicalWatts * BTU_PER_HOUR_PER_WATT;
      cumulativePower += p.powerTypicalWatts;
    }
    p.cumulativePowerTypicalWatts = anyPower ? cumulativePower : null;
    if (p.late) {
      findings.push({
        code: 'procurement.order_late',
        severity: 'warning',
        subject: `purchase ${purchaseKey(p)} ${p.deliveryMonth}`,
        month: p.deliveryMonthIndex,
        message: `${p.quantity} × ${p.hardware} needed in ${p.deliveryMonth} had to be ordered by ${p.orderBy}, before the plan starts (${scenario.start}): already late`,
      });
    }
    for (const r of p.racksAdded) {
      findings.push({
        code: 'procurement.rack_added',
        severity: 'info',
        subject: `rack ${r.name}`,
        month: p.deliveryMonthIndex,
        message: `the ${p.deliveryMonth} ${purchaseKey(p)} order needs a new rack ${r.name}: no rack of the role had the ${r.reason === 'space' ? 'rack units' : 'power budget'} left`,
      });
    }
  }

  return {
    purchases,
    capexByMonth: [...capex].map(([month, amount]) => ({ month, amount })),
    capexTotalAmount: cumulativePrice,
    currency,
    racks: rackUses(scenario, startHosts, racks, purchases),
    addedRacks: [],
    utilisation: [],
    uncovered,
    findings,
  };
}
