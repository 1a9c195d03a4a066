/**
 * Cross-field rules of the per-resource demand (demand.growthBy, flavorGroups, events,
 * commitments; model/demand-schema.ts), checked on the raw data so every issue has line:col:
 *
 *   growthBy.flavors key not a flavor or group  -> ref.unknown_flavor     at the key
 *   growthBy.pools key not a pool               -> ref.unknown_pool       at the key
 *   flavorGroups member not a flavor            -> ref.unknown_flavor
 *   a flavor in two groups                      -> demand.group.overlap
 *   a group named like a flavor                 -> demand.group.shadows_flavor
 *   event/commitment without exactly one target -> demand.target          (flavor or pool)
 *   amount not matching the target              -> demand.amount          (instances with flavor; stored with pool)
 *   event/commitment target unknown             -> ref.unknown_flavor / ref.unknown_pool
 *   event outside the horizon                   -> demand.outside_horizon (warning: no effect)
 *   commitment until not after from             -> demand.commitment.empty
 *   p10 > perMonth or p90 < perMonth            -> demand.band.order
 */
import { didYouMean } from '../diagnostics/suggest.js';
import type { RawIssue } from './references.js';
import { monthsBetween } from './references.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function unknown(code: string, path: (string | number)[], what: string, name: string, known: string[], atKey = false): RawIssue {
  return { code, path, message: `unknown ${what} "${name}"`, hint: didYouMean(name, known) ?? `no ${what} is defined`, ...(atKey ? { atKey } : {}) };
}

/** The demand rules above, on the raw scenario. */
export function checkDemandReferences(raw: Obj): RawIssue[] {
  const out: RawIssue[] = [];
  const demand = isObj(raw.demand) ? raw.demand : {};
  const openstack = isObj(raw.openstack) ? raw.openstack : {};
  const flavors = isObj(openstack.flavors) ? Object.keys(openstack.flavors) : [];
  const ceph = isObj(raw.ceph) ? raw.ceph : {};
  const pools = list(ceph.pools)
    .map((p) => (isObj(p) ? str(p.name) : undefined))
    .filter((n): n is string => n !== undefined);
  const groups = isObj(demand.flavorGroups) ? demand.flavorGroups : {};
  const start = str(raw.start);
  const horizon = typeof raw.horizonMonths === 'number' ? raw.horizonMonths : 24;

  const groupOf = new Map<string, string>();
  for (const [g, members] of Object.entries(groups)) {
    if (flavors.includes(g)) {
      out.push({
        code: 'demand.group.shadows_flavor',
        path: ['demand', 'flavorGroups', g],
        atKey: true,
        message: `flavor group "${g}" has the name of a flavor: growthBy.flavors.${g} would be ambiguous`,
        hint: 'rename the group',
      });
    }
    list(members).forEach((m, j) => {
      const f = str(m);
      if (f === undefined) return;
      if (!flavors.includes(f)) out.push(unknown('ref.unknown_flavor', ['demand', 'flavorGroups', g, j], 'flavor', f, flavors));
      const other = groupOf.get(f);
      if (other !== undefined && other !== g) {
        out.push({
          code: 'demand.group.overlap',
          path: ['demand', 'flavorGroups', g, j],
          message: `flavor "${f}" is in groups "${other}" and "${g}": its growth would be ambiguous`,
          hint: 'put each flavor in one group',
        });
      }
      groupOf.set(f, g);
    });
  }

  const growthBy = isObj(demand.growthBy) ? demand.growthBy : {};
  const checkBand = (g: unknown, path: (string | number)[]): void => {
    if (!isObj(g) || typeof g.perMonth !== 'number') return;
    if (typeof g.p10 === 'number' && g.p10 > g.perMonth)
      out.push({
        code: 'demand.band.order',
        path: [...path, 'p10'],
        message: `p10 ${g.p10} is above perMonth ${g.perMonth}`,
        hint: 'p10 <= perMonth <= p90: p10 is the low growth path',
      });
    if (typeof g.p90 === 'number' && g.p90 < g.perMonth)
      out.push({
        code: 'demand.band.order',
        path: [...path, 'p90'],
        message: `p90 ${g.p90} is below perMonth ${g.perMonth}`,
        hint: 'p10 <= perMonth <= p90: p90 is the high growth path',
      });
  };
  for (const key of ['compute', 'floatingIps', 'traffic'] as const) checkBand(growthBy[key], ['demand', 'growthBy', key]);
  if (isObj(growthBy.flavors)) {
    for (const [k, g] of Object.entries(growthBy.flavors)) {
      if (!flavors.includes(k) && !Object.hasOwn(groups, k))
        out.push(unknown('ref.unknown_flavor', ['demand', 'growthBy', 'flavors', k], 'flavor or flavor group', k, [...flavors, ...Object.keys(groups)], true));
      checkBand(g, ['demand', 'growthBy', 'flavors', k]);
    }
  }
  if (isObj(growthBy.pools)) {
    for (const [k, g] of Object.entries(growthBy.pools)) {
      if (!pools.includes(k)) out.push(unknown('ref.unknown_pool', ['demand', 'growthBy', 'pools', k], 'pool', k, pools, true));
      checkBand(g, ['demand', 'growthBy', 'pools', k]);
    }
  }

  const target = (e: Obj, path: (string | number)[], amounts: { flavor: string[]; pool: string[] }): void => {
    const f = str(e.flavor);
    const p = str(e.pool);
    if ((f === undefined) === (p === undefined)) {
      out.push({
        code: 'demand.target',
        path,
        message: f === undefined ? 'names neither a flavor nor a pool' : 'names both a flavor and a pool',
        hint: 'one entry per resource: flavor (with instances) or pool (with stored)',
      });
      return;
    }
    if (f !== undefined && !flavors.includes(f)) out.push(unknown('ref.unknown_flavor', [...path, 'flavor'], 'flavor', f, flavors));
    if (p !== undefined && !pools.includes(p)) out.push(unknown('ref.unknown_pool', [...path, 'pool'], 'pool', p, pools));
    const own = f !== undefined ? amounts.flavor : amounts.pool;
    const other = f !== undefined ? amounts.pool : amounts.flavor;
    const given = own.filter((k) => e[k] !== undefined);
    for (const k of other) {
      if (e[k] !== undefined)
        out.push({
          code: 'demand.amount',
          path: [...path, k],
          message: `${k} belongs with a ${f !== undefined ? 'pool' : 'flavor'}, not a ${f !== undefined ? 'flavor' : 'pool'}`,
          hint: f !== undefined ? 'give instances with a flavor' : 'give stored (or removeStored) with a pool',
        });
    }
    if (given.length !== 1) {
      out.push({
        code: 'demand.amount',
        path,
        message: given.length === 0 ? `no amount: give ${own.join(' or ')}` : `give one of ${own.join(', ')}, not several`,
        hint: f !== undefined ? 'e.g. instances: 200 (negative to remove)' : 'e.g. stored: 50 TB',
      });
    }
  };
  const horizonCheck = (m: unknown, path: (string | number)[], what: string): void => {
    const month = str(m);
    if (month === undefined || start === undefined || !MONTH.test(month) || !MONTH.test(start)) return;
    const i = monthsBetween(start, month);
    if (i < 0 || i >= horizon) {
      out.push({
        code: 'demand.outside_horizon',
        severity: 'warning',
        path,
        message: `${what} ${month} is outside the horizon (${start} plus ${horizon} months)${i < 0 ? ': it counts from month 0' : ': it has no effect on this plan'}`,
        hint: 'check the month, or lengthen horizonMonths',
      });
    }
  };
  list(demand.events).forEach((e, i) => {
    if (!isObj(e)) return;
    const path = ['demand', 'events', i];
    target(e, path, { flavor: ['instances'], pool: ['stored', 'removeStored'] });
    horizonCheck(e.month, [...path, 'month'], 'event month');
  });
  list(demand.commitments).forEach((c, i) => {
    if (!isObj(c)) return;
    const path = ['demand', 'commitments', i];
    target(c, path, { flavor: ['instances'], pool: ['stored'] });
    horizonCheck(c.from, [...path, 'from'], 'commitment start');
    const from = str(c.from);
    const until = str(c.until);
    if (from !== undefined && until !== undefined && MONTH.test(from) && MONTH.test(until) && monthsBetween(from, until) <= 0) {
      out.push({
        code: 'demand.commitment.empty',
        path: [...path, 'until'],
        message: `until ${until} is not after from ${from}: the commitment holds nothing`,
        hint: 'until is the first month after the contract',
      });
    }
  });
  return out;
}
