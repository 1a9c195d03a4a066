/**
 * NetBox out: the plan's racks, servers and power as NetBox bulk-import data (one YAML list
 * per object type, imported in order in Import of each list view, or POSTed to the API).
 * Field names are NetBox's import forms (netbox-community/netbox @ 43fe81f9
 * netbox/dcim/forms/bulk_import.py: RackImportForm, DeviceImportForm, PowerPanelImportForm,
 * PowerFeedImportForm, PowerPortImportForm, CableImportForm; choices in dcim/choices.py):
 *
 *   1 racks         site, location (the rack's zone), name, status, u_height
 *   2 devices       name, role, manufacturer (the model's first word), device_type (the rest
 *                   of the hardware's model, as the device-type library names it), status,
 *                   site, location, rack, position (the bottom rack unit headroom places it
 *                   in, racks/elevation.ts), face front
 *   3 power-panels  site, name: one per power feed name (headroom: "the same name in several
 *                   racks is one feed", e.g. the A-side UPS)
 *   4 power-feeds   site, power_panel, rack, name `<rack>-<feed>`, status, supply ac, phase,
 *                   voltage, amperage, max_utilization (the continuous ratio, percent) when the
 *                   rack's feed circuit gives a breaker
 *   5 power-ports   device, name PSU1.., maximum_draw (the model's power max: one PSU's
 *                   rating, W), allocated_draw (typical draw / PSUs, W: the PSUs share the load)
 *   6 cables        power port -> power feed (side_a_type dcim.powerport, side_b_type dcim.powerfeed)
 *
 * Hosts of the scenario get status `active` (or `options.status`); the hosts the procurement
 * plan buys, and the racks it adds, get `planned`. Pure: objects and text out.
 */
import { stringify } from 'yaml';
import type { PlanResult } from '../../model/plan.js';
import type { Scenario } from '../../model/scenario.js';

export type NetboxObjectType = 'racks' | 'devices' | 'power-panels' | 'power-feeds' | 'power-ports' | 'cables';
export const NETBOX_IMPORT_ORDER: readonly NetboxObjectType[] = ['racks', 'devices', 'power-panels', 'power-feeds', 'power-ports', 'cables'];

export interface NetboxExportOptions {
  /** NetBox site of every object (default: the scenario name). */
  site?: string;
  /** Status of the scenario's own hosts and racks (default active); purchases are always planned. */
  status?: 'active' | 'planned';
}

export interface NetboxExport {
  /** Objects per type, in import order. */
  objects: Record<NetboxObjectType, Record<string, unknown>[]>;
  /** One YAML list per type (`1-racks.yaml` ... `6-cables.yaml`). */
  files: { name: string; type: NetboxObjectType; text: string }[];
}

/** The manufacturer: the first word of the model string ("Dell PowerEdge R760xd2" -> "Dell"). */
export function manufacturerOf(model: string): string {
  return model.trim().split(/\s+/)[0] ?? model;
}

/**
 * The device type's model as NetBox and the device-type library name it, without the
 * manufacturer ("Dell PowerEdge R760xd2" -> "PowerEdge R760xd2", as in
 * device-types/Dell/PowerEdge-R760xd2.yaml); a one-word model stays whole.
 */
export function deviceTypeModel(model: string): string {
  const rest = model.trim().slice(manufacturerOf(model).length).trim();
  return rest === '' ? model.trim() : rest;
}

/**
 * The NetBox objects of a plan.
 * @param plan evaluate(scenario): racks (elevations) with the purchases placed
 */
export function netboxExport(scenario: Scenario, plan: Pick<PlanResult, 'racks'>, options: NetboxExportOptions = {}): NetboxExport {
  const site = options.site ?? scenario.name;
  const existing = options.status ?? 'active';
  const elevations = plan.racks ?? [];
  const rackDefs = new Map(scenario.racks.map((r) => [r.name, r]));
  const objects: NetboxExport['objects'] = { racks: [], devices: [], 'power-panels': [], 'power-feeds': [], 'power-ports': [], cables: [] };
  const panels = new Set<string>();
  for (const r of elevations) {
    const zone = r.zone ?? undefined;
    objects.racks.push({ site, ...(zone ? { location: zone } : {}), name: r.name, status: r.added ? 'planned' : existing, u_height: r.heightRu });
    const def = rackDefs.get(r.name);
    const feeds = def?.powerFeeds ?? ['A', 'B'];
    for (const f of feeds) {
      panels.add(f);
      const b = def?.feed?.breaker;
      objects['power-feeds'].push({
        site,
        power_panel: f,
        rack: r.name,
        name: `${r.name}-${f}`,
        status: r.added ? 'planned' : existing,
        supply: 'ac',
        ...(b ? { phase: b.phases === 3 ? 'three-phase' : 'single-phase', voltage: b.voltageVolts, amperage: b.amps, max_utilization: Math.round(b.continuousRatio * 100) } : {}),
      });
    }
    for (const u of r.units) {
      const hw = scenario.hardware[u.hardware];
      const model = hw?.model ?? u.model;
      objects.devices.push({
        name: u.host,
        role: u.role,
        manufacturer: manufacturerOf(model),
        device_type: deviceTypeModel(model),
        status: u.purchased ? 'planned' : existing,
        site,
        ...(zone ? { location: zone } : {}),
        rack: r.name,
        position: u.bottomRu,
        face: 'front',
      });
      feeds.forEach((f, i) => {
        const port = `PSU${i + 1}`;
        objects['power-ports'].push({
          device: u.host,
          name: port,
          ...(u.powerMaxWatts !== null ? { maximum_draw: u.powerMaxWatts } : {}),
          ...(u.powerTypicalWatts !== null ? { allocated_draw: Math.round(u.powerTypicalWatts / feeds.length) } : {}),
        });
        objects.cables.push({
          side_a_device: u.host,
          side_a_type: 'dcim.powerport',
          side_a_name: port,
          side_b_site: site,
          side_b_power_panel: f,
          side_b_type: 'dcim.powerfeed',
          side_b_name: `${r.name}-${f}`,
          status: u.purchased ? 'planned' : 'connected',
        });
      });
    }
  }
  objects['power-panels'] = [...panels].map((name) => ({ site, name }));
  const files = NETBOX_IMPORT_ORDER.map((type, i) => ({
    name: `${i + 1}-${type}.yaml`,
    type,
    text: `# NetBox bulk import (${type}), step ${i + 1} of ${NETBOX_IMPORT_ORDER.length}: headroom plan "${scenario.name.replace(/\n/g, ' ')}".\n${objects[type].length === 0 ? '[]\n' : stringify(objects[type], { lineWidth: 0 })}`,
  }));
  return { objects, files };
}
