/**
 * Cross-references and cross-field rules, checked on the raw YAML data so that they are
 * reported together with schema errors (a typo in a hardware name shows up even when a
 * unit elsewhere is wrong). Every accessor is tolerant: a value of the wrong type is the
 * schema's business and is skipped here.
 */
import { didYouMean } from '../diagnostics/suggest.js';
import type { Severity } from '../diagnostics/types.js';
import { CEPH_RATIO_DEFAULTS } from '../model/scenario.js';
import { checkNetworkReferences } from '../network/references.js';
import { checkCephReferences } from './ceph-references.js';
import { checkCephDaemons } from './daemon-references.js';
import { checkComputeReferences } from './compute-references.js';
import { checkFeedCircuits } from './rack-references.js';

export interface RawIssue {
  code: string;
  path: (string | number)[];
  message: string;
  hint?: string;
  /** Locate the key rather than the value (for names used as mapping keys). */
  atKey?: boolean;
  /** Default: error. */
  severity?: Severity;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function unknownRef(code: string, path: (string | number)[], what: string, name: string, known: string[]): RawIssue {
  const r: RawIssue = { code, path, message: `unknown ${what} "${name}"` };
  const hint = didYouMean(name, known);
  r.hint = hint ?? `no ${what} is defined`;
  return r;
}

function names(items: unknown[], basePath: (string | number)[], what: string, out: RawIssue[]): string[] {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const n = isObj(item) ? str(item.name) : undefined;
    if (n === undefined) return;
    if (seen.has(n)) out.push({ code: 'ref.duplicate_name', path: [...basePath, i, 'name'], message: `${what} "${n}" is defined twice` });
    seen.add(n);
  });
  return [...seen];
}

/** Whole months from `from` to `to` (both YYYY-MM): monthsBetween('2027-01', '2028-06') = 17. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** Checks references between sections and the rules that involve several fields. */
export function checkReferences(raw: Obj): RawIssue[] {
  const out: RawIssue[] = [];
  const hardware = isObj(raw.hardware) ? Object.keys(raw.hardware) : [];
  const racks = names(list(raw.racks), ['racks'], 'rack', out);
  const openstack = isObj(raw.openstack) ? raw.openstack : {};
  const flavors = isObj(openstack.flavors) ? Object.keys(openstack.flavors) : [];
  const ceph = isObj(raw.ceph) ? raw.ceph : {};
  const pools = names(list(ceph.pools), ['ceph', 'pools'], 'pool', out);
  const demand = isObj(raw.demand) ? raw.demand : {};

  // A rack lists each switch and power feed once (the failure analysis counts links and cords).
  list(raw.racks).forEach((r, i) => {
    if (!isObj(r)) return;
    for (const key of ['switches', 'powerFeeds'] as const) {
      const seen = new Set<string>();
      list(r[key]).forEach((m, j) => {
        const n = str(m);
        if (n === undefined) return;
        if (seen.has(n)) {
          out.push({ code: 'ref.duplicate_member', path: ['racks', i, key, j], message: `rack lists ${key === 'switches' ? 'switch' : 'power feed'} "${n}" twice` });
        }
        seen.add(n);
      });
    }
  });

  list(raw.nodes).forEach((g, i) => {
    if (!isObj(g)) return;
    const hw = str(g.hardware);
    if (hw !== undefined && !hardware.includes(hw)) {
      out.push(unknownRef('ref.unknown_hardware', ['nodes', i, 'hardware'], 'hardware model', hw, hardware));
    }
    const rack = str(g.rack);
    if (rack !== undefined && !racks.includes(rack)) {
      out.push(unknownRef('ref.unknown_rack', ['nodes', i, 'rack'], 'rack', rack, racks));
    }
    // retire: a month of the horizon (the first out of service). Month 0 or before means the
    // group never serves: an error (delete the group). After the horizon: no effect, a warning.
    const retire = str(g.retire);
    const start = str(raw.start);
    if (retire !== undefined && start !== undefined && /^\d{4}-\d{2}$/.test(retire) && /^\d{4}-\d{2}$/.test(start)) {
      const index = monthsBetween(start, retire);
      const horizon = num(raw.horizonMonths) ?? 24;
      if (index <= 0) {
        out.push({
          code: 'fleet.retire.not_after_start',
          path: ['nodes', i, 'retire'],
          message: `retire ${retire} is not after the start ${start}: the group would never be in service`,
          hint: `remove the group, or give a month after ${start}`,
        });
      } else if (index >= horizon) {
        out.push({
          code: 'fleet.retire.after_horizon',
          severity: 'warning',
          path: ['nodes', i, 'retire'],
          message: `retire ${retire} is after the horizon (the last month planned is month ${horizon - 1} from ${start}): it has no effect on this plan`,
          hint: 'lengthen horizonMonths to plan the replacement, or leave retire out',
        });
      }
    }
  });

  // procurement.roles.<role>.hardware names a hardware model.
  const procurement = isObj(raw.procurement) ? raw.procurement : {};
  const procRoles = isObj(procurement.roles) ? procurement.roles : {};
  for (const role of ['compute', 'storage']) {
    const r = procRoles[role];
    const hw = isObj(r) ? str(r.hardware) : undefined;
    if (hw !== undefined && !hardware.includes(hw)) {
      out.push(unknownRef('ref.unknown_hardware', ['procurement', 'roles', role, 'hardware'], 'hardware model', hw, hardware));
    }
  }
  for (const [agg, r] of Object.entries(isObj(procurement.aggregates) ? procurement.aggregates : {})) {
    const hw = isObj(r) ? str(r.hardware) : undefined;
    if (hw !== undefined && !hardware.includes(hw)) out.push(unknownRef('ref.unknown_hardware', ['procurement', 'aggregates', agg, 'hardware'], 'hardware model', hw, hardware));
  }

  list(demand.instances).forEach((d, i) => {
    const f = isObj(d) ? str(d.flavor) : undefined;
    if (f !== undefined && !flavors.includes(f)) {
      out.push(unknownRef('ref.unknown_flavor', ['demand', 'instances', i, 'flavor'], 'flavor', f, flavors));
    }
  });
  if (isObj(demand.storage)) {
    for (const p of Object.keys(demand.storage)) {
      if (!pools.includes(p)) {
        out.push({ ...unknownRef('ref.unknown_pool', ['demand', 'storage', p], 'pool', p, pools), atKey: true });
      }
    }
  }

  // Ceph ratios: nearfull <= backfillfull <= full (Ceph's OSDMap::check_full_ratios warns otherwise)
  const ratios = isObj(ceph.ratios) ? ceph.ratios : {};
  const nearfull = num(ratios.nearfull) ?? CEPH_RATIO_DEFAULTS.nearfull;
  const backfillfull = num(ratios.backfillfull) ?? CEPH_RATIO_DEFAULTS.backfillfull;
  const full = num(ratios.full) ?? CEPH_RATIO_DEFAULTS.full;
  if (!(nearfull <= backfillfull && backfillfull <= full)) {
    out.push({
      code: 'ceph.ratios.order',
      path: ['ceph', 'ratios'],
      message: `nearfull ${nearfull} <= backfillfull ${backfillfull} <= full ${full} does not hold`,
      hint: 'Ceph defaults: nearfull 0.85, backfillfull 0.90, full 0.95',
    });
  }

  list(ceph.pools).forEach((p, i) => {
    if (!isObj(p)) return;
    const minSize = num(p.minSize);
    if (minSize === undefined) return;
    if (p.type === 'replicated') {
      const size = num(p.size) ?? 3;
      if (minSize > size) {
        out.push({ code: 'ceph.pool.min_size_range', path: ['ceph', 'pools', i, 'minSize'], message: `min_size ${minSize} is larger than size ${size}` });
      }
    } else if (p.type === 'erasure') {
      const k = num(p.k);
      const m = num(p.m);
      if (k !== undefined && m !== undefined && (minSize < k || minSize > k + m)) {
        out.push({
          code: 'ceph.pool.min_size_range',
          path: ['ceph', 'pools', i, 'minSize'],
          message: `min_size ${minSize} is outside k..k+m = ${k}..${k + m}`,
          hint: 'below k no data can be read; Ceph recommends k + 1',
        });
      }
    }
  });
  // CRUSH rules, pool shares per set of OSDs, fill overrides: ceph-references.ts
  out.push(...checkCephReferences(raw));
  out.push(...checkFeedCircuits(raw), ...checkCephDaemons(raw));
  out.push(...checkNetworkReferences(raw));
  out.push(...checkComputeReferences(raw));
  return out;
}
