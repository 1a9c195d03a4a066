/** normalize for the `costs:` section: optional keys left out, prices copied as they are. */
import type { CostPrices } from '../model/cost.js';
import type { ScenarioFileOutput } from '../model/schema.js';

const PRICE_KEYS = ['rack', 'pdu', 'torSwitch', 'optic', 'cable', 'supportPerServerYear', 'energyPerKwh', 'colocationPerRackMonth', 'colocationPerRuMonth'] as const;

export function normalizeCosts(c: NonNullable<ScenarioFileOutput['costs']>): CostPrices {
  const out: CostPrices = { initialFleet: c.initialFleet };
  for (const k of PRICE_KEYS) {
    const p = c[k];
    if (p !== undefined) out[k] = { amount: p.amount, currency: p.currency };
  }
  if (c.sparesShare !== undefined) out.sparesShare = c.sparesShare;
  if (c.pue !== undefined) out.pue = c.pue;
  return out;
}
