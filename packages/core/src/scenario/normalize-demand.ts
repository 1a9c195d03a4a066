/**
 * Normalizes the per-resource demand (model/demand-schema.ts -> model/demand.ts): months
 * get their horizon index, events and commitments one signed amount in the resource's own
 * unit (instances, or stored bytes). Only what the scenario gives is set.
 */
import type { BandedGrowth, DemandCommitment, DemandEvent, GrowthBy } from '../model/demand.js';
import type { Demand } from '../model/scenario.js';
import { monthsBetween } from './references.js';

type G = { kind: 'compound' | 'linear'; perMonth: number; p10?: number | undefined; p90?: number | undefined; fit?: BandedGrowth['fit'] | undefined };
interface RawDemandExtras {
  growthBy?:
    | { compute?: G | undefined; flavors?: Record<string, G> | undefined; pools?: Record<string, G> | undefined; floatingIps?: G | undefined; traffic?: G | undefined }
    | undefined;
  flavorGroups?: Record<string, string[]> | undefined;
  events?:
    | {
        month: string;
        flavor?: string | undefined;
        pool?: string | undefined;
        instances?: number | undefined;
        stored?: number | undefined;
        removeStored?: number | undefined;
        grows: boolean;
        note?: string | undefined;
      }[]
    | undefined;
  commitments?:
    | {
        from: string;
        until?: string | undefined;
        flavor?: string | undefined;
        pool?: string | undefined;
        instances?: number | undefined;
        stored?: number | undefined;
        customer?: string | undefined;
      }[]
    | undefined;
}

const banded = (g: G): BandedGrowth => {
  const out: BandedGrowth = { kind: g.kind, perMonth: g.perMonth };
  if (g.p10 !== undefined) out.p10 = g.p10;
  if (g.p90 !== undefined) out.p90 = g.p90;
  if (g.fit !== undefined) out.fit = { ...g.fit };
  return out;
};
const record = (r: Record<string, G> | undefined): Record<string, BandedGrowth> | undefined =>
  r === undefined ? undefined : Object.fromEntries(Object.entries(r).map(([k, g]) => [k, banded(g)]));

/** The normalized extras of demand for a scenario starting in `start` (YYYY-MM). */
export function normalizeDemandExtras(d: RawDemandExtras, start: string): Pick<Demand, 'growthBy' | 'flavorGroups' | 'events' | 'commitments'> {
  const out: Pick<Demand, 'growthBy' | 'flavorGroups' | 'events' | 'commitments'> = {};
  if (d.growthBy) {
    const g: GrowthBy = {};
    if (d.growthBy.compute) g.compute = banded(d.growthBy.compute);
    const flavors = record(d.growthBy.flavors);
    if (flavors) g.flavors = flavors;
    const pools = record(d.growthBy.pools);
    if (pools) g.pools = pools;
    if (d.growthBy.floatingIps) g.floatingIps = banded(d.growthBy.floatingIps);
    if (d.growthBy.traffic) g.traffic = banded(d.growthBy.traffic);
    out.growthBy = g;
  }
  if (d.flavorGroups) out.flavorGroups = Object.fromEntries(Object.entries(d.flavorGroups).map(([k, v]) => [k, [...v]]));
  if (d.events) {
    out.events = d.events.map((e): DemandEvent => {
      const flavor = e.flavor !== undefined;
      const amount = flavor ? (e.instances ?? 0) : (e.stored ?? 0) - (e.removeStored ?? 0);
      const ev: DemandEvent = {
        month: e.month,
        monthIndex: monthsBetween(start, e.month),
        target: flavor ? { kind: 'flavor', name: e.flavor! } : { kind: 'pool', name: e.pool! },
        amount,
        grows: e.grows,
      };
      if (e.note !== undefined) ev.note = e.note;
      return ev;
    });
  }
  if (d.commitments) {
    out.commitments = d.commitments.map((c): DemandCommitment => {
      const flavor = c.flavor !== undefined;
      const r: DemandCommitment = {
        from: c.from,
        fromIndex: monthsBetween(start, c.from),
        until: c.until ?? null,
        untilIndex: c.until === undefined ? null : monthsBetween(start, c.until),
        target: flavor ? { kind: 'flavor', name: c.flavor! } : { kind: 'pool', name: c.pool! },
        amount: flavor ? (c.instances ?? 0) : (c.stored ?? 0),
      };
      if (c.customer !== undefined) r.customer = c.customer;
      return r;
    });
  }
  return out;
}
