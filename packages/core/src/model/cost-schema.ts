/**
 * The `costs:` section of the scenario file (zod): prices of what the plan needs besides the
 * servers, and of running it. Every price is a priced catalogue entry like
 * `hardware.<key>.price`: `{ amount, currency }`. Normalized by cost/normalize.ts.
 */
import { z } from 'zod';

function price(description: string) {
  return z
    .strictObject({
      amount: z.number().min(0).describe('Price of one unit'),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR or USD')
        .describe('ISO 4217 currency code'),
    })
    .optional()
    .describe(description);
}

/** The `costs:` section. */
export function costsSchema() {
  return z.strictObject({
    initialFleet: z
      .enum(['owned', 'buy'])
      .default('owned')
      .describe('owned (default): the servers and racks of the start month are already bought, only their running cost counts; buy: their CAPEX is booked in the first month'),
    rack: price('One rack (cabinet): the racks the plan adds, and the initial racks with initialFleet: buy'),
    pdu: price('One rack PDU: a rack has one per power feed (racks[].powerFeeds, default A and B)'),
    torSwitch: price('One top-of-rack switch (racks[].switches: default a pair per rack; a name shared by racks is one switch)'),
    optic: price('One optical transceiver: two per cabled server port (server end and switch end); ports from the network: section, else every NIC port'),
    cable: price('One cable or patch lead per cabled server port'),
    sparesShare: z.number().min(0).max(1).optional().describe('Spare parts and spare servers as a share of the server CAPEX, bought with it (0.05 = 5 %)'),
    supportPerServerYear: price('Support and warranty per server in service per year'),
    energyPerKwh: price("Energy per kWh drawn (the servers' typical draw × PUE)"),
    pue: z.number().min(1).max(5).optional().describe('Power usage effectiveness of the site: facility power / IT power, e.g. 1.4 (default 1: the IT load alone)'),
    colocationPerRackMonth: price('Colocation or rack space per rack in service per month'),
    colocationPerRuMonth: price('Colocation or rack space per rack unit the servers occupy per month (added to colocationPerRackMonth when both are given)'),
  });
}
