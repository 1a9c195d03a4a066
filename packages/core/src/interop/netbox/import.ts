/**
 * NetBox in: racks, devices, power panels and feeds, from NetBox's REST API JSON (a list
 * response `{count, next, previous, results: [...]}` of /api/dcim/racks/, /devices/,
 * /power-panels/, /power-feeds/, or a plain array) or from bulk-import data (YAML or JSON
 * lists, as netboxExport writes). Nested references of the API (`rack: {id, name}`,
 * `role: {name, slug}`, `device_type: {model}`, `status: {value, label}`) and the flat
 * names of the import forms are both read. Each object is recognised by its fields
 * (netbox/dcim/api/serializers_/ and forms/bulk_import.py):
 *   rack         u_height, no device_type          device      device_type
 *   power feed   power_panel                       power panel site and name only (ignored)
 *   power ports and cables are skipped.
 * Mapped onto a base scenario: devices become node groups (role from the device role's name
 * or slug: control, compute, storage, deploy; hardware from the device type's model matched
 * against the scenario's hardware models), in the base scenario's role order and by name;
 * devices in status `planned` are purchases, not the fleet, and are left out. Racks give
 * name, zone (location, else site), u_height, and their power feeds' panels.
 *
 * Codes: interop.json.*, interop.yaml.syntax, netbox.unknown_object (an item of no known
 * type), netbox.device.unmapped_role, netbox.device.unknown_model, netbox.device.ambiguous_model,
 * netbox.device.unracked (warnings but the syntax errors).
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { Role, Scenario } from '../../model/scenario.js';
import { ROLES } from '../../model/scenario.js';
import { cleanText, diagLine, isObj, parseJson, parseYaml, type Obj } from '../common.js';
import { namePrefixOf, type ImportedNodeGroup } from '../kolla/import.js';
import type { RackUpdate } from '../scenario-edit.js';
import { isModelOf } from './devicetype.js';

export interface NetboxRack {
  name: string;
  zone?: string;
  heightRu?: number;
  status?: string;
  /** Panels of the power feeds that point at this rack, in order. */
  powerFeeds: string[];
}

export interface NetboxDevice {
  name: string;
  role?: string;
  model?: string;
  /** The device type's manufacturer (nested in the API's device_type, a column of the import forms). */
  manufacturer?: string;
  rack?: string;
  /** Lowest rack unit (NetBox `position`, 1-based, may be fractional: 0.5 RU steps). */
  position?: number;
  status?: string;
  file: string;
  line: number;
}

export interface NetboxRead {
  racks: NetboxRack[];
  devices: NetboxDevice[];
  feeds: { name: string; panel?: string; rack?: string; status?: string; voltageVolts?: number; amps?: number; phases?: 1 | 3; maxUtilizationPercent?: number }[];
  diagnostics: Diagnostic[];
}

/** A reference as the API nests it, or as the import forms name it. */
function ref(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (isObj(v)) for (const k of ['name', 'model', 'value', 'slug']) if (typeof v[k] === 'string') return v[k] as string;
  return undefined;
}

/** The items of one file: an API list response, an array, or `{racks: [...], devices: [...]}`. */
function itemsOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObj(v) && Array.isArray(v.results)) return v.results;
  if (isObj(v)) return Object.values(v).flatMap((x) => (Array.isArray(x) ? x : isObj(x) && Array.isArray(x.results) ? x.results : []));
  return [];
}

/** 1-based line of the first occurrence of `"name": "<name>"` (JSON) or `name: <name>` (YAML), else 1. */
function lineOfName(text: string, name: string): number {
  const i = [`"name": "${name}"`, `"name":"${name}"`, `name: ${name}`].map((p) => text.indexOf(p)).find((x) => x >= 0) ?? -1;
  return i < 0 ? 1 : text.slice(0, i).split('\n').length;
}

/** Reads NetBox files (JSON or YAML). Never throws. */
export function readNetbox(files: readonly { text: string; file: string }[]): NetboxRead {
  const out: NetboxRead = { racks: [], devices: [], feeds: [], diagnostics: [] };
  for (const f of files) {
    const clean = cleanText(f.text);
    const body = clean.trimStart();
    let value: unknown;
    if (body.startsWith('{') || body.startsWith('[')) {
      const p = parseJson(clean, f.file);
      if (!p.ok) {
        out.diagnostics.push(p.diagnostic);
        continue;
      }
      value = p.value;
    } else {
      const p = parseYaml(clean, f.file);
      if (!p.ok) {
        out.diagnostics.push(p.diagnostic);
        continue;
      }
      value = p.value.doc.toJS({ maxAliasCount: 100 });
    }
    const items = itemsOf(value);
    items.forEach((raw, i) => {
      if (!isObj(raw)) return;
      const o: Obj = raw;
      const name = ref(o.name) ?? ref(o.display);
      const line = name ? lineOfName(clean, name) : 1;
      if (o.device_type !== undefined) {
        if (!name) return;
        const position = typeof o.position === 'number' ? o.position : typeof o.position === 'string' && o.position.trim() !== '' ? Number(o.position) : undefined;
        out.devices.push({
          name,
          file: f.file,
          line,
          ...(ref(o.role ?? o.device_role) ? { role: ref(o.role ?? o.device_role)! } : {}),
          ...(ref(o.device_type) ? { model: ref(o.device_type)! } : {}),
          ...((ref(o.manufacturer) ?? (isObj(o.device_type) ? ref(o.device_type.manufacturer) : undefined))
            ? { manufacturer: (ref(o.manufacturer) ?? ref((o.device_type as Obj).manufacturer))! }
            : {}),
          ...(ref(o.rack) ? { rack: ref(o.rack)! } : {}),
          ...(position !== undefined && Number.isFinite(position) ? { position } : {}),
          ...(ref(o.status) ? { status: ref(o.status)! } : {}),
        });
      } else if (o.power_panel !== undefined) {
        const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
        const phase = ref(o.phase);
        if (name)
          out.feeds.push({
            name,
            ...(ref(o.power_panel) ? { panel: ref(o.power_panel)! } : {}),
            ...(ref(o.rack) ? { rack: ref(o.rack)! } : {}),
            ...(ref(o.status) ? { status: ref(o.status)! } : {}),
            ...(n(o.voltage) !== undefined ? { voltageVolts: n(o.voltage)! } : {}),
            ...(n(o.amperage) !== undefined ? { amps: n(o.amperage)! } : {}),
            ...(phase === 'three-phase' ? { phases: 3 as const } : phase === 'single-phase' ? { phases: 1 as const } : {}),
            ...(n(o.max_utilization) !== undefined ? { maxUtilizationPercent: n(o.max_utilization)! } : {}),
          });
      } else if (o.u_height !== undefined && name) {
        const zone = ref(o.location) ?? ref(o.site);
        const h = typeof o.u_height === 'number' ? o.u_height : Number(o.u_height);
        out.racks.push({ name, ...(zone ? { zone } : {}), ...(Number.isFinite(h) ? { heightRu: h } : {}), ...(ref(o.status) ? { status: ref(o.status)! } : {}), powerFeeds: [] });
      } else if (o.side_a_type !== undefined || o.maximum_draw !== undefined || o.allocated_draw !== undefined || (o.device !== undefined && o.name !== undefined)) {
        // power ports and cables: not part of the scenario
      } else if (
        !Object.keys(o).every((k) =>
          ['site', 'name', 'location', 'description', 'id', 'url', 'display', 'comments', 'tags', 'custom_fields', 'created', 'last_updated', 'powerfeed_count', 'owner'].includes(
            k,
          ),
        )
      ) {
        out.diagnostics.push(
          diagLine('netbox.unknown_object', 'warning', f.file, name ? line : 1, 1, `item ${i + 1} is none of rack, device, power panel, power feed, power port or cable: skipped`),
        );
      }
    });
  }
  for (const feed of out.feeds) {
    const rack = out.racks.find((r) => r.name === feed.rack);
    if (rack && feed.panel && !rack.powerFeeds.includes(feed.panel)) rack.powerFeeds.push(feed.panel);
  }
  return out;
}

const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Node groups from the devices that are not `planned`, against a base scenario's hardware.
 * Order: the base scenario's role order, then device names in natural order.
 */
export function netboxNodeGroups(read: NetboxRead, base: Scenario): { groups: ImportedNodeGroup[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const roleOrder = [...new Set([...base.nodes.map((n) => n.role), ...ROLES])];
  const keysOf = (d: NetboxDevice) =>
    Object.entries(base.hardware)
      .filter(([, hw]) => isModelOf(hw, d.model, d.manufacturer))
      .map(([k]) => k);
  const devices = read.devices.filter((d) => d.status !== 'planned');
  const mapped: { d: NetboxDevice; role: Role; hardware?: string }[] = [];
  for (const d of devices) {
    const role = ROLES.find((r) => r === d.role?.toLowerCase());
    if (!role) {
      diagnostics.push(
        diagLine(
          'netbox.device.unmapped_role',
          'warning',
          d.file,
          d.line,
          1,
          `device ${d.name} has role ${JSON.stringify(d.role ?? null)}: not one of ${ROLES.join(', ')}`,
          "name the NetBox device roles after headroom's roles, or plan the device outside headroom",
        ),
      );
      continue;
    }
    const keys = keysOf(d);
    if (keys.length === 0)
      diagnostics.push(
        diagLine(
          'netbox.device.unknown_model',
          'warning',
          d.file,
          d.line,
          1,
          `device ${d.name}: no hardware model of the scenario is "${d.model ?? '?'}"`,
          "add the model to hardware: (its `model:` must be the NetBox device type's model)",
        ),
      );
    if (keys.length > 1)
      diagnostics.push(
        diagLine(
          'netbox.device.ambiguous_model',
          'warning',
          d.file,
          d.line,
          1,
          `device ${d.name}: the scenario has ${keys.length} hardware models named "${d.model}" (${keys.join(', ')}): ${keys[0]} is assumed`,
        ),
      );
    if (d.rack === undefined) diagnostics.push(diagLine('netbox.device.unracked', 'warning', d.file, d.line, 1, `device ${d.name} has no rack`));
    mapped.push({ d, role, ...(keys[0] !== undefined ? { hardware: keys[0] } : {}) });
  }
  mapped.sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || natural(a.d.name, b.d.name));
  const groups: ImportedNodeGroup[] = [];
  for (const m of mapped) {
    const prefix = namePrefixOf(m.d.name);
    const last = groups[groups.length - 1];
    const host = { name: m.d.name, ...(m.d.rack ? { rack: m.d.rack } : {}) };
    if (last && last.role === m.role && last.hardware === m.hardware && last.namePrefix === prefix) {
      last.count++;
      last.hosts.push(host);
    } else groups.push({ role: m.role, ...(m.hardware !== undefined ? { hardware: m.hardware } : {}), count: 1, namePrefix: prefix, placement: 'spread', hosts: [host] });
  }
  const rackCount = read.racks.filter((r) => r.status !== 'planned').length || base.racks.length;
  for (const g of groups) {
    const racks = new Set(g.hosts.map((x) => x.rack));
    const only = [...racks][0];
    if (racks.size === 1 && only !== undefined && (g.count === 1 || rackCount > 1)) g.rack = only;
  }
  return { groups, diagnostics };
}

/**
 * The racks to write into the scenario: name, zone, u_height, the panels of their feeds, and
 * the feed circuit when every feed of the rack gives the same voltage, amperage and phase
 * (`max_utilization` is the continuous ratio, percent). Racks in status planned are left out.
 */
export function netboxRackUpdates(read: NetboxRead): RackUpdate[] {
  return read.racks
    .filter((r) => r.status !== 'planned')
    .map((r) => {
      const feeds = read.feeds.filter((f) => f.rack === r.name);
      const circuits = new Set(feeds.map((f) => `${f.voltageVolts}/${f.amps}/${f.phases ?? 1}/${f.maxUtilizationPercent ?? 80}`));
      const f0 = feeds[0];
      const feed =
        f0 && circuits.size === 1 && f0.voltageVolts !== undefined && f0.amps !== undefined
          ? { voltage: `${f0.voltageVolts} V`, breaker: `${f0.amps} A`, phases: f0.phases ?? 1, continuousRatio: (f0.maxUtilizationPercent ?? 80) / 100 }
          : undefined;
      return {
        name: r.name,
        ...(r.zone !== undefined ? { zone: r.zone } : {}),
        ...(r.heightRu !== undefined ? { heightRu: r.heightRu } : {}),
        ...(r.powerFeeds.length > 0 ? { powerFeeds: r.powerFeeds } : {}),
        ...(feed ? { feed } : {}),
      };
    });
}
