/**
 * NetBox device types in the community device-type library's YAML
 * (netbox-community/devicetype-library, device-types/<Manufacturer>/<model>.yaml; the same
 * document NetBox's device-type import takes): manufacturer, model, slug, u_height, and
 * `power-ports` with `maximum_draw` (watts, one port). A library file may model the PSUs as
 * `module-bays` instead (PowerEdge-R760xd2.yaml): then no draw is known.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { HardwareModel } from '../../model/scenario.js';
import { diagLine, isObj, num, parseYaml, str } from '../common.js';
import { deviceTypeModel, manufacturerOf } from './export.js';

export interface DeviceType {
  manufacturer?: string;
  model?: string;
  slug?: string;
  uHeight?: number;
  powerPorts: { name: string; maximumDrawWatts?: number }[];
}

/** Reads one device-type YAML. Codes: interop.yaml.syntax, netbox.devicetype.invalid (no model or u_height). */
export function readDeviceType(text: string, file: string): { deviceType?: DeviceType; diagnostics: Diagnostic[] } {
  const p = parseYaml(text, file);
  if (!p.ok) return { diagnostics: [p.diagnostic] };
  const v = p.value.doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isObj(v) || str(v.model) === undefined) return { diagnostics: [diagLine('netbox.devicetype.invalid', 'error', file, 1, 1, 'not a device type: no model')] };
  const ports = Array.isArray(v['power-ports']) ? v['power-ports'] : [];
  const deviceType: DeviceType = {
    ...(str(v.manufacturer) ? { manufacturer: str(v.manufacturer)! } : {}),
    model: str(v.model)!,
    ...(str(v.slug) ? { slug: str(v.slug)! } : {}),
    ...(num(v.u_height) !== undefined ? { uHeight: num(v.u_height)! } : {}),
    powerPorts: ports
      .filter(isObj)
      .map((pp, i) => ({ name: str(pp.name) ?? `power-port ${i + 1}`, ...(num(pp.maximum_draw) !== undefined ? { maximumDrawWatts: num(pp.maximum_draw)! } : {}) })),
  };
  const diagnostics: Diagnostic[] = [];
  if (deviceType.uHeight === undefined) diagnostics.push(diagLine('netbox.devicetype.invalid', 'warning', file, 1, 1, `device type ${deviceType.model}: no u_height`));
  return { deviceType, diagnostics };
}

/** Whether a device type is a hardware model: its model, or manufacturer and model, is the hardware's `model`. */
export function isModelOf(hw: Pick<HardwareModel, 'model'>, model: string | undefined, manufacturer?: string): boolean {
  if (model === undefined) return false;
  return hw.model === model || (manufacturer !== undefined && hw.model === `${manufacturer} ${model}`);
}

/** Where a hardware model and a device type disagree: rack units, and a PSU's maximum draw (the model's power max). */
export function compareDeviceType(key: string, hw: HardwareModel, dt: DeviceType): string[] {
  const out: string[] = [];
  if (dt.uHeight !== undefined && dt.uHeight !== hw.heightRu) out.push(`${key}: heightRu ${hw.heightRu}, the device type ${dt.model} says u_height ${dt.uHeight}`);
  const draws = dt.powerPorts.map((p) => p.maximumDrawWatts).filter((x): x is number => x !== undefined);
  if (hw.power && draws.length > 0 && Math.max(...draws) !== hw.power.maxWatts)
    out.push(`${key}: power max ${hw.power.maxWatts} W, the device type's power ports draw at most ${Math.max(...draws)} W each`);
  return out;
}

/** The library YAML of a hardware model: one power port per feed (default 2) with the model's power max as maximum_draw. */
export function deviceTypeYaml(hw: HardwareModel, psus = 2): string {
  const manufacturer = manufacturerOf(hw.model);
  const model = deviceTypeModel(hw.model);
  const slug = `${manufacturer}-${model}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const lines = ['---', `manufacturer: ${JSON.stringify(manufacturer)}`, `model: ${JSON.stringify(model)}`, `slug: ${slug}`, `u_height: ${hw.heightRu}`, 'is_full_depth: true'];
  if (hw.power) {
    lines.push('power-ports:');
    for (let i = 1; i <= psus; i++) lines.push(`  - name: PSU${i}`, `    maximum_draw: ${hw.power.maxWatts}`);
  }
  return `${lines.join('\n')}\n`;
}
