/**
 * Cross-references and cross-field rules of the `ceph:` section, checked on the raw YAML
 * like references.ts: CRUSH rule names, each pool's rule and its type, pool shares per set
 * of OSDs, and the OSD ids of fill overrides. Tolerant of values of the wrong type (the
 * schema reports those).
 */
import { impliedRuleName, subtreeKey } from '../storage/settings.js';
import type { RawIssue } from './references.js';
import { didYouMean } from '../diagnostics/suggest.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const round = (x: number) => Math.round(x * 1e6) / 1e6;

interface RawRule {
  type: 'replicated' | 'erasure';
  deviceClass?: string;
}

/** OSDs the scenario has: for every storage node group, count x the OSD disks of its hardware. */
function osdCount(raw: Obj): number {
  const hardware = isObj(raw.hardware) ? raw.hardware : {};
  let total = 0;
  for (const g of list(raw.nodes)) {
    if (!isObj(g) || g.role !== 'storage') continue;
    const hw = str(g.hardware);
    const model = hw !== undefined && Object.hasOwn(hardware, hw) ? hardware[hw] : undefined;
    if (!isObj(model)) continue;
    const perHost = list(model.disks).reduce<number>((s, d) => s + (isObj(d) && d.use === 'osd' ? (num(d.count) ?? 1) : 0), 0);
    total += (num(g.count) ?? 0) * perHost;
  }
  return total;
}

/**
 * Checks of `ceph:`:
 * - `ref.duplicate_name`: two rules with one name; an OSD listed twice in `fill.osds`;
 * - `ref.unknown_rule`: a pool names a rule that `ceph.rules` does not define;
 * - `ceph.pool.rule_type`: a replicated pool on an erasure rule or the reverse (Ceph refuses it);
 * - `ceph.pool.shares_exceed_one`: the shares of the pools on one set of OSDs (rules of the
 *   same device class, or without one) add up to more than 1;
 * - `ref.unknown_osd`: a fill override names an OSD id the storage hosts do not have.
 */
export function checkCephReferences(raw: Obj): RawIssue[] {
  const out: RawIssue[] = [];
  const ceph = isObj(raw.ceph) ? raw.ceph : {};
  const rules = new Map<string, RawRule>();
  list(ceph.rules).forEach((r, i) => {
    const name = isObj(r) ? str(r.name) : undefined;
    if (!isObj(r) || name === undefined) return;
    if (rules.has(name)) {
      out.push({ code: 'ref.duplicate_name', path: ['ceph', 'rules', i, 'name'], message: `rule "${name}" is defined twice` });
      return;
    }
    const rule: RawRule = { type: r.type === 'erasure' ? 'erasure' : 'replicated' };
    const cls = str(r.deviceClass);
    if (cls !== undefined) rule.deviceClass = cls;
    rules.set(name, rule);
  });

  const shareBySubtree = new Map<string, number>();
  list(ceph.pools).forEach((p, i) => {
    if (!isObj(p) || (p.type !== 'replicated' && p.type !== 'erasure')) return;
    const type = p.type;
    const name = str(p.name) ?? '';
    const explicit = str(p.rule);
    const ruleName = explicit ?? impliedRuleName({ name, type });
    const rule = rules.get(ruleName);
    if (explicit !== undefined && !rule) {
      const r: RawIssue = { code: 'ref.unknown_rule', path: ['ceph', 'pools', i, 'rule'], message: `unknown CRUSH rule "${explicit}"` };
      r.hint = didYouMean(explicit, [...rules.keys()]) ?? 'define it under ceph.rules, or leave rule out for the default';
      out.push(r);
    } else if (rule && rule.type !== type) {
      out.push({
        code: 'ceph.pool.rule_type',
        path: ['ceph', 'pools', i, explicit !== undefined ? 'rule' : 'type'],
        message: `${type} pool "${name}" cannot use ${rule.type} rule "${ruleName}"`,
        hint: 'replicated pools take firstn rules, erasure pools indep rules (type: replicated | erasure)',
      });
    }
    const key = subtreeKey(rule);
    shareBySubtree.set(key, (shareBySubtree.get(key) ?? 0) + (num(p.share) ?? 0));
  });
  for (const [key, sum] of shareBySubtree) {
    if (sum <= 1 + 1e-9) continue;
    const which = key === '*' ? 'every OSD' : `the ${key} OSDs`;
    out.push({
      code: 'ceph.pool.shares_exceed_one',
      path: ['ceph', 'pools'],
      message: `the shares of the pools on ${which} add up to ${round(sum)}, more than the whole raw capacity`,
      hint: "shares are fractions of the raw capacity of the OSDs under the pool's rule; make them add up to 1 or less",
    });
  }

  const fill = isObj(ceph.fill) ? ceph.fill : {};
  const total = osdCount(raw);
  const seen = new Set<number>();
  list(fill.osds).forEach((o, i) => {
    const id = isObj(o) ? num(o.osd) : undefined;
    if (id === undefined || !Number.isInteger(id) || id < 0) return;
    if (seen.has(id)) out.push({ code: 'ref.duplicate_name', path: ['ceph', 'fill', 'osds', i, 'osd'], message: `OSD ${id} is listed twice` });
    seen.add(id);
    if (id >= total) {
      out.push({
        code: 'ref.unknown_osd',
        path: ['ceph', 'fill', 'osds', i, 'osd'],
        message: `there is no OSD ${id}: the storage hosts have ${total} OSD(s)`,
        hint: total > 0 ? `OSD ids run from 0 to ${total - 1}, host by host in node order` : 'no storage host has a disk with use: osd',
      });
    }
  });
  return out;
}
