/**
 * `ceph osd crush rule dump -f json` -> rules: what each takes (root, device class) and its
 * failure domain.
 *
 * Semantics (src/crush/CrushWrapper.cc CrushWrapper::dump_rule): `steps` are
 * `{op: take, item, item_name}`, `{op: chooseleaf_firstn|chooseleaf_indep|choose_*, num, type}`,
 * `{op: emit}`. A device-class rule takes the class's shadow tree, named `<root>~<class>`
 * (`default~hdd`). `type` is 1 replicated, 3 erasure (`ruleset` before Luminous).
 */
import { COMMAND_LINE, detectCephCommand } from './detect.js';
import { isObj, num, parseCephJsonText, str, wrongCommand } from './json.js';
import { found, type ParsedOutput } from './osd-df.js';

export interface CephStateRuleTake {
  /** The bucket taken, without its class suffix (`default`). */
  root: string;
  deviceClass?: string;
}

export interface CephStateRule {
  id: number;
  name: string;
  type: 'replicated' | 'erasure';
  takes: CephStateRuleTake[];
  /** Bucket type of the first choose/chooseleaf step (`host`), undefined when none. */
  failureDomain?: string;
}

/** Splits a take's item name: `default~hdd` -> root default, class hdd. */
export function splitTake(itemName: string): CephStateRuleTake {
  const at = itemName.indexOf('~');
  return at < 0 ? { root: itemName } : { root: itemName.slice(0, at), deviceClass: itemName.slice(at + 1) };
}

/** Parses `ceph osd crush rule dump -f json`. Errors: `ceph.json.invalid`, `ceph.json.wrong_command`. */
export function parseCrushRuleDump(text: string, fileName: string): ParsedOutput<CephStateRule[]> {
  const r = parseCephJsonText(text, fileName, COMMAND_LINE['osd crush rule dump']);
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  const kind = detectCephCommand(r.value);
  if (kind !== 'osd crush rule dump') return { diagnostics: [...r.diagnostics, wrongCommand(fileName, COMMAND_LINE['osd crush rule dump'], found(kind))] };
  const rules: CephStateRule[] = [];
  for (const raw of r.value as unknown[]) {
    if (!isObj(raw)) continue;
    const id = num(raw.rule_id) ?? -1;
    const rule: CephStateRule = { id, name: str(raw.rule_name) ?? `rule ${id}`, type: num(raw.type) === 3 ? 'erasure' : 'replicated', takes: [] };
    for (const s of raw.steps as unknown[]) {
      if (!isObj(s)) continue;
      const op = str(s.op) ?? '';
      if (op === 'take') {
        const take = splitTake(str(s.item_name) ?? String(num(s.item)));
        const cls = str(s.item_class);
        if (cls && !take.deviceClass) take.deviceClass = cls;
        rule.takes.push(take);
      } else if (op.startsWith('choose') && rule.failureDomain === undefined) {
        const t = str(s.type);
        if (t) rule.failureDomain = t;
      }
    }
    rules.push(rule);
  }
  return { data: rules, diagnostics: r.diagnostics };
}
