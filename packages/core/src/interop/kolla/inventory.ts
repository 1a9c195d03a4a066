/**
 * Ansible inventories as Kolla-Ansible uses them: the INI form of
 * `ansible/inventory/multinode` and the JSON that `ansible-inventory -i multinode --list`
 * prints. Read without throwing; malformed lines are positioned diagnostics.
 *
 * INI grammar, as Ansible's own parser reads it (ansible/ansible
 * lib/ansible/plugins/inventory/ini.py, `_parse`, `_expand_hostpattern`):
 *   `[name]` a group of hosts, `[name:children]` a group of groups, `[name:vars]` group
 *   variables (`key=value`); lines starting `#` or `;` are comments; a host line is
 *   `host [key=value ...]`; `control[01:03]` expands to control01 .. control03 (zero padding
 *   kept, an optional `:step`); hosts before any section are in `ungrouped`.
 * JSON (`ansible-inventory --list`, lib/ansible/cli/inventory.py `json_inventory`): one member
 * per group `{hosts: [...], children: [...], vars: {...}}`, host variables under
 * `_meta.hostvars`.
 *
 * Codes: kolla.inventory.syntax (a line Ansible would reject), kolla.inventory.unknown_format.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import { cleanText, diagLine, isObj, parseJson } from '../common.js';

export interface InventoryGroup {
  name: string;
  /** Hosts listed directly, in file order. */
  hosts: string[];
  /** Child groups, in file order. */
  children: string[];
  vars: Record<string, string>;
  /** 1-based line of the first `[name]` header (1 for JSON). */
  line: number;
}

export interface AnsibleInventory {
  format: 'ini' | 'json';
  groups: Map<string, InventoryGroup>;
  /** Variables given on a host's lines (INI) or under _meta.hostvars (JSON), merged in order. */
  hostVars: Map<string, Record<string, string>>;
  /** Every host, in order of first appearance. */
  hosts: string[];
  /** 1-based line of a host's first appearance (1 for JSON). */
  hostLine: Map<string, number>;
}

export interface InventoryRead {
  inventory?: AnsibleInventory;
  diagnostics: Diagnostic[];
}

const HEADER = /^\[([^\]\s:]+)(?::(children|vars))?\]\s*$/;

/**
 * Expands one Ansible host pattern: `web[01:03]` -> web01, web02, web03; `db-[a:c]` ->
 * db-a, db-b, db-c; `n[1:10:3]` -> n1, n4, n7, n10. Undefined for a malformed range.
 */
export function expandHostPattern(pattern: string): string[] | undefined {
  const m = /^(.*?)\[([^\]]+)\](.*)$/.exec(pattern);
  if (!m) return [pattern];
  const [, head, range, tail] = m as unknown as [string, string, string, string];
  const parts = range.split(':');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [from, to, stepText] = parts as [string, string, string | undefined];
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1) return undefined;
  const rest = expandHostPattern(tail);
  if (!rest) return undefined;
  const out: string[] = [];
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const a = Number(from);
    const b = Number(to);
    if (a > b || b - a > 10_000) return undefined;
    const width = from.startsWith('0') ? from.length : 0;
    for (let i = a; i <= b; i += step) for (const r of rest) out.push(`${head}${String(i).padStart(width, '0')}${r}`);
    return out;
  }
  if (/^[a-z]$/i.test(from) && /^[a-z]$/i.test(to) && from <= to) {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c += step) for (const r of rest) out.push(`${head}${String.fromCharCode(c)}${r}`);
    return out;
  }
  return undefined;
}

/** `key=value` words of a host or vars line (values may be quoted with ' or "). */
function keyValues(text: string): { vars: Record<string, string>; bad?: string } {
  const vars: Record<string, string> = {};
  const re = /\s*([A-Za-z_][\w]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/y;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    if (/^\s*[#;]/.test(text.slice(i))) break; // a trailing comment
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return { vars, bad: text.slice(i).trim().split(/\s+/)[0] ?? '' };
    const raw = m[2]!;
    vars[m[1]!] = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.endsWith(raw[0]) ? raw.slice(1, -1) : raw;
    i = re.lastIndex;
  }
  return { vars };
}

function emptyInventory(format: 'ini' | 'json'): AnsibleInventory {
  return { format, groups: new Map(), hostVars: new Map(), hosts: [], hostLine: new Map() };
}

function group(inv: AnsibleInventory, name: string, line: number): InventoryGroup {
  let g = inv.groups.get(name);
  if (!g) {
    g = { name, hosts: [], children: [], vars: {}, line };
    inv.groups.set(name, g);
  }
  return g;
}

function addHost(inv: AnsibleInventory, g: InventoryGroup, host: string, vars: Record<string, string>, line: number): void {
  if (!g.hosts.includes(host)) g.hosts.push(host);
  if (!inv.hostLine.has(host)) {
    inv.hostLine.set(host, line);
    inv.hosts.push(host);
  }
  inv.hostVars.set(host, { ...(inv.hostVars.get(host) ?? {}), ...vars });
}

/** The INI form. */
export function readIniInventory(text: string, file: string): InventoryRead {
  const clean = cleanText(text);
  const inv = emptyInventory('ini');
  const diagnostics: Diagnostic[] = [];
  let section: { name: string; kind: 'hosts' | 'children' | 'vars' } = { name: 'ungrouped', kind: 'hosts' };
  clean.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const col = raw.length - raw.trimStart().length + 1;
    if (trimmed.startsWith('[')) {
      const m = HEADER.exec(trimmed);
      if (!m) {
        diagnostics.push(
          diagLine(
            'kolla.inventory.syntax',
            'error',
            file,
            line,
            col,
            `not a section header: ${JSON.stringify(trimmed.slice(0, 60))}`,
            'write [group], [group:children] or [group:vars]',
          ),
        );
        return;
      }
      section = { name: m[1]!, kind: (m[2] as 'children' | 'vars' | undefined) ?? 'hosts' };
      group(inv, section.name, line);
      return;
    }
    const g = group(inv, section.name, line);
    if (section.kind === 'children') {
      const child = trimmed.split(/\s+/)[0]!;
      if (!g.children.includes(child)) g.children.push(child);
      return;
    }
    if (section.kind === 'vars') {
      const { vars, bad } = keyValues(trimmed);
      if (bad !== undefined)
        diagnostics.push(diagLine('kolla.inventory.syntax', 'error', file, line, col, `a [${section.name}:vars] line must be key=value, not ${JSON.stringify(bad.slice(0, 60))}`));
      Object.assign(g.vars, vars);
      return;
    }
    const word = trimmed.split(/\s+/)[0]!;
    const { vars, bad } = keyValues(trimmed.slice(word.length));
    if (bad !== undefined) {
      diagnostics.push(
        diagLine('kolla.inventory.syntax', 'error', file, line, col + word.length + 1, `host ${word}: variables are key=value, not ${JSON.stringify(bad.slice(0, 60))}`),
      );
    }
    const names = expandHostPattern(word);
    if (!names) {
      diagnostics.push(
        diagLine(
          'kolla.inventory.syntax',
          'error',
          file,
          line,
          col,
          `host pattern ${JSON.stringify(word)} has a malformed range`,
          'ranges are [01:03], [a:c] or [1:10:2], first <= last',
        ),
      );
      return;
    }
    for (const n of names) addHost(inv, g, n, vars, line);
  });
  return { inventory: inv, diagnostics };
}

/** The JSON of `ansible-inventory --list`. */
export function readJsonInventory(text: string, file: string): InventoryRead {
  const parsed = parseJson(text, file);
  if (!parsed.ok) return { diagnostics: [parsed.diagnostic] };
  const v = parsed.value;
  if (!isObj(v) || !Object.values(v).some((g) => isObj(g) && (Array.isArray(g.hosts) || Array.isArray(g.children)))) {
    return {
      diagnostics: [
        diagLine('kolla.inventory.unknown_format', 'error', file, 1, 1, 'a JSON document that is not an `ansible-inventory --list` output (no group with hosts or children)'),
      ],
    };
  }
  const inv = emptyInventory('json');
  const meta = isObj(v._meta) && isObj(v._meta.hostvars) ? v._meta.hostvars : {};
  for (const [name, body] of Object.entries(v)) {
    if (name === '_meta' || !isObj(body)) continue;
    const g = group(inv, name, 1);
    if (Array.isArray(body.children)) for (const c of body.children) if (typeof c === 'string' && !g.children.includes(c)) g.children.push(c);
    if (isObj(body.vars)) for (const [k, val] of Object.entries(body.vars)) g.vars[k] = typeof val === 'string' ? val : JSON.stringify(val);
    if (Array.isArray(body.hosts)) {
      for (const h of body.hosts) {
        if (typeof h !== 'string') continue;
        const hv = isObj(meta[h]) ? (meta[h] as Record<string, unknown>) : {};
        const vars = Object.fromEntries(Object.entries(hv).map(([k, val]) => [k, typeof val === 'string' ? val : JSON.stringify(val)]));
        addHost(inv, g, h, vars, 1);
      }
    }
  }
  return { inventory: inv, diagnostics: [] };
}

/** Either form, told apart by the first character (`{` is JSON). */
export function readAnsibleInventory(text: string, file: string): InventoryRead {
  const body = cleanText(text).trimStart();
  if (body === '') return { diagnostics: [diagLine('interop.empty', 'error', file, 1, 1, 'the inventory is empty')] };
  return body.startsWith('{') ? readJsonInventory(text, file) : readIniInventory(text, file);
}

/** The hosts of a group and of its child groups, recursively (cycles cut), in order. */
export function groupHosts(inv: AnsibleInventory, name: string, seen: Set<string> = new Set()): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const g = inv.groups.get(name);
  if (!g) return [];
  const out = [...g.hosts];
  for (const c of g.children) for (const h of groupHosts(inv, c, seen)) if (!out.includes(h)) out.push(h);
  return out;
}
