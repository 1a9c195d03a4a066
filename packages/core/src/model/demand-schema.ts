/**
 * The per-resource parts of the YAML `demand:` section (issue 18): growth per flavor, flavor
 * group, Ceph pool, floating IPs and traffic (`growthBy`), named flavor groups, dated events
 * and contracted commitments. A factory, so that model/schema.ts can hand in its `quantity()`
 * Everything here is optional: without it every resource grows with
 * `demand.growth`, as before.
 *
 * What zod cannot check (unknown flavors, pools or groups, months outside the horizon) is
 * checked on the raw data by scenario/demand-references.ts, with line:col.
 */
import { z } from 'zod';

/** model/schema.ts's `quantity(kind, description)` for stored bytes. */
export type BytesQuantity = (kind: 'bytes', description: string) => z.ZodType<number, string | number>;

const month = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM, e.g. 2027-09')
    .describe(what);

/** The fit a growth came from (written by `headroom fit --write`): shown, never recomputed. */
const FitNoteSchema = z.strictObject({
  model: z.enum(['linear', 'compound']).describe('The model chosen (linear: OLS on the values; compound: OLS on their natural logarithm)'),
  r2: z.number().min(-1).max(1).describe('Coefficient of determination R² of the chosen model on its own scale'),
  points: z.int().min(3).describe('Samples in the fit window'),
  from: z.string().min(1).describe('First sample of the fit window (ISO date)'),
  to: z.string().min(1).describe('Last sample of the fit window (ISO date)'),
  series: z.string().min(1).describe('The history series fitted, e.g. ceph_pool_stored{name="volumes"} in history/prometheus.json'),
});

/** The demand additions, built with the scenario's quantity parser and growth schema. */
export function demandSchemas(quantity: BytesQuantity) {
  // A growth with optional percentile rates (P10 and P90 of a fitted prediction interval).
  const band = {
    p10: z
      .number()
      .gt(-1)
      .lte(10)
      .optional()
      .describe("Monthly rate of the P10 demand path (the low end of the fit's 80 % prediction interval at the horizon's end); with p90, plans are also made per percentile"),
    p90: z
      .number()
      .gt(-1)
      .lte(10)
      .optional()
      .describe('Monthly rate of the P90 demand path (the high end of the 80 % prediction interval): "order by ... to be 90 % sure" reads this path'),
    fit: FitNoteSchema.optional().describe('Where the rates came from (headroom fit): shown in the plan, not recomputed'),
  };
  const BandedGrowthSchema = z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('compound'), perMonth: z.number().gt(-1).lte(10).describe('Monthly growth rate: demand(t) = demand(0) x (1 + perMonth)^t'), ...band }),
      z.strictObject({
        kind: z.literal('linear'),
        perMonth: z.number().gt(-1).lte(10).describe('Monthly growth as a fraction of month-0 demand: demand(t) = demand(0) x (1 + perMonth x t)'),
        ...band,
      }),
    ])
    .describe('How this resource grows month by month (instead of demand.growth)');

  const GrowthBySchema = z
    .strictObject({
      compute: BandedGrowthSchema.optional().describe('Every flavor without a growth of its own or of its group (e.g. fitted from Placement usage)'),
      flavors: z
        .record(z.string().min(1), BandedGrowthSchema)
        .optional()
        .describe("Per flavor name, or per flavor group of demand.flavorGroups (a flavor's own entry wins over its group's)"),
      pools: z.record(z.string().min(1), BandedGrowthSchema).optional().describe('Per Ceph pool (stored data, as ceph df STORED counts it)'),
      floatingIps: BandedGrowthSchema.optional().describe('Floating IPs and router gateway ports in the provider allocation pools'),
      traffic: BandedGrowthSchema.optional().describe('Network traffic (network.traffic and the Ceph client writes)'),
    })
    .describe('Growth per resource; a resource not named here grows with demand.growth');

  const EventSchema = z
    .strictObject({
      month: month('Month the step happens, YYYY-MM (inside the horizon)'),
      flavor: z.string().min(1).optional().describe('Flavor whose instances change (e.g. a tenant arriving, a project moving in or decommissioned)'),
      pool: z.string().min(1).optional().describe('Ceph pool whose stored data changes (e.g. a pool that starts this month)'),
      instances: z.int().min(-10_000_000).max(10_000_000).optional().describe('Instances added (negative: removed) from this month on, with flavor'),
      stored: quantity('bytes', 'Stored data added from this month on, with pool, e.g. "50 TB"').optional(),
      removeStored: quantity('bytes', 'Stored data removed from this month on, with pool, e.g. "20 TB"').optional(),
      grows: z.boolean().default(false).describe("true: the step then grows with its resource's growth, counted from its month; false (default): a fixed amount"),
      note: z.string().max(200).optional().describe('What it is, e.g. "tenant ACME moves in"'),
    })
    .describe('A dated step in demand: with flavor, `instances`; with pool, `stored` or `removeStored`. Demand never goes below 0.');

  const CommitmentSchema = z
    .strictObject({
      from: month('First month of the contract, YYYY-MM'),
      until: month('First month after the contract, YYYY-MM (absent: to the end of the horizon)').optional(),
      flavor: z.string().min(1).optional().describe('Flavor of the committed instances'),
      instances: z.int().min(1).max(10_000_000).optional().describe('Instances reserved for the contract, with flavor'),
      pool: z.string().min(1).optional().describe('Pool of the committed storage'),
      stored: quantity('bytes', 'Stored data reserved for the contract, with pool, e.g. "100 TB"').optional(),
      customer: z.string().max(200).optional().describe('Who it is for'),
    })
    .describe('A contracted commitment: capacity held for a customer from `from` to `until`, whether used or not; a fixed amount that does not grow');

  return {
    growthBy: GrowthBySchema.optional(),
    flavorGroups: z
      .record(z.string().min(1), z.array(z.string().min(1)).min(1).max(1000))
      .optional()
      .describe('Named flavor groups for demand.growthBy.flavors, e.g. general: [m1.small, m1.large]; a flavor belongs to at most one group'),
    historyFrom: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1).max(100)])
      .optional()
      .describe(
        'History to fit, relative to the scenario file and inside its folder (or an --allow-path folder): Prometheus query_range JSON exports (ceph_pool_stored with the pool name, openstack_placement_resource_usage, openstack_neutron_floating_ips) and directories of dated `ceph df -f json` snapshots. The fits fill demand.growthBy (entries written there win), with P10/P90 rates for percentile plans',
      ),
    events: z.array(EventSchema).max(1000).optional().describe('Dated steps in demand (at most 1,000)'),
    commitments: z.array(CommitmentSchema).max(1000).optional().describe('Contracted commitments (at most 1,000)'),
  };
}
