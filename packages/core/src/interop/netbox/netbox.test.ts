/**
 * NetBox: the hand-written API samples (test/fixtures/interop/netbox-api, fields of NetBox's
 * serializers) read by hand, two real device types of the community library, and the
 * regional scenario out as bulk-import data and back in to the same node groups and plan.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate/evaluate.js';
import { parseScenario } from '../../scenario/parse.js';
import { importedNodeGroups } from '../kolla/import.js';
import { replaceScenarioSections, updateScenarioRacks } from '../scenario-edit.js';
import { compareDeviceType, deviceTypeYaml, readDeviceType } from './devicetype.js';
import { manufacturerOf, netboxExport } from './export.js';
import { netboxNodeGroups, netboxRackUpdates, readNetbox } from './import.js';

const root = join(import.meta.dirname, '../../../../..');
const api = (f: string) => ({ text: readFileSync(join(root, 'test/fixtures/interop/netbox-api', f), 'utf8'), file: f });
const regionalText = readFileSync(join(root, 'scenarios/regional-cloud.yaml'), 'utf8');
const regional = parseScenario(regionalText, { fileName: 'regional-cloud.yaml' }).scenario!;
const plan = evaluate(regional);

describe('NetBox API samples', () => {
  const read = readNetbox([api('racks.json'), api('devices.json'), api('power-feeds.json')]);

  it('racks: name, zone from the location, u_height, feeds by panel', () => {
    expect(read.diagnostics).toEqual([]);
    expect(read.racks).toEqual([
      { name: 'r1', zone: 'az1', heightRu: 42, status: 'active', powerFeeds: ['UPS-A', 'UPS-B'] },
      { name: 'r2', zone: 'az1', heightRu: 48, status: 'active', powerFeeds: ['UPS-A'] },
    ]);
  });

  it('devices: role, model, rack, position, status from the nested references', () => {
    expect(read.devices.map((d) => [d.name, d.role, d.model, d.rack, d.position, d.status])).toEqual([
      ['ctl-01', 'control', 'PowerEdge R630', 'r1', 1, 'active'],
      ['cmp-01', 'compute', 'PowerEdge R630', 'r1', 2, 'active'],
      ['cmp-02', 'compute', 'PowerEdge R630', 'r2', 1, 'active'],
      ['cmp-03', 'compute', 'PowerEdge R630', 'r2', 2, 'planned'],
      ['tor-r1-a', 'Top of rack', 'S5248F-ON', 'r1', 42, 'active'],
    ]);
  });

  it('node groups against a scenario with an R630 model: the planned cmp-03 and the switch left out', () => {
    const base = parseScenario(
      [
        'schemaVersion: 1',
        'name: t',
        'start: 2027-01',
        'horizonMonths: 12',
        'hardware:',
        '  r630: { model: PowerEdge R630, heightRu: 1, cpu: { model: x, sockets: 2, coresPerSocket: 10, threadsPerCore: 2, virtualization: vt-x }, memory: { size: 256 GiB, ecc: true }, disks: [], nics: [] }',
        'racks: [{ name: r1 }, { name: r2 }]',
        'nodes: [{ role: control, hardware: r630, count: 1 }, { role: compute, hardware: r630, count: 2 }]',
        'openstack: { flavors: {} }',
        'demand: { instances: [] }',
        '',
      ].join('\n'),
      { fileName: 'b.yaml' },
    );
    expect(base.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const g = netboxNodeGroups(read, base.scenario!);
    expect(g.groups.map((x) => [x.role, x.hardware, x.count, x.namePrefix, x.rack ?? x.placement])).toEqual([
      ['control', 'r630', 1, 'ctl', 'r1'],
      ['compute', 'r630', 2, 'cmp', 'spread'],
    ]);
    expect(g.diagnostics.map((d) => [d.code, d.location.file, d.location.line])).toEqual([['netbox.device.unmapped_role', 'devices.json', 48]]);
  });

  it('racks into the scenario: zone, height, feeds by panel, the feed circuit from voltage, amperage, phase and max_utilization', () => {
    const updates = netboxRackUpdates(read);
    expect(updates).toEqual([
      { name: 'r1', zone: 'az1', heightRu: 42, powerFeeds: ['UPS-A', 'UPS-B'], feed: { voltage: '230 V', breaker: '32 A', phases: 1, continuousRatio: 0.8 } },
      { name: 'r2', zone: 'az1', heightRu: 48, powerFeeds: ['UPS-A'], feed: { voltage: '400 V', breaker: '16 A', phases: 3, continuousRatio: 0.8 } },
    ]);
    const base =
      'schemaVersion: 1\nname: t\nstart: 2027-01\nhorizonMonths: 12\nhardware:\n  r630: { model: PowerEdge R630, heightRu: 1, cpu: { model: x, sockets: 2, coresPerSocket: 10, threadsPerCore: 2, virtualization: vt-x }, memory: { size: 256 GiB, ecc: true }, disks: [], nics: [] }\nracks:\n  - { name: r1, powerBudget: 10 kW }\nnodes: [{ role: control, hardware: r630, count: 1 }]\nopenstack: { flavors: {} }\ndemand: { instances: [] }\n';
    const p = parseScenario(updateScenarioRacks(base, updates), { fileName: 'x.yaml' });
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [r1, r2] = p.scenario!.racks;
    // r1 keeps its budget; 230 V x 32 A x 0.8 = 5,888 W per feed
    expect(r1).toMatchObject({ name: 'r1', zone: 'az1', heightRu: 42, powerBudgetWatts: 10_000, powerFeeds: ['UPS-A', 'UPS-B'] });
    expect(r1!.feed!.usableWatts).toBeCloseTo(5888, 6);
    // r2 is new: 400 V x 16 A = 6,400; x sqrt(3) = 11,085.13; x 0.8 = 8,868.10 W
    expect(r2).toMatchObject({ name: 'r2', heightRu: 48, powerFeeds: ['UPS-A'] });
    expect(r2!.feed!.usableWatts).toBeCloseTo(400 * 16 * Math.sqrt(3) * 0.8, 6);
    expect(r2!.feed!.usableWatts).toBeCloseTo(8868.1, 1);
  });

  it('bad input is positioned; unknown items are reported', () => {
    expect(readNetbox([{ text: '{"results": [ {"name": "x",}', file: 'd.json' }]).diagnostics[0]).toMatchObject({ code: 'interop.json.invalid', location: { line: 1, col: 28 } }); // the '}' after the trailing comma
    expect(readNetbox([{ text: '- { name: odd, color: red }\n', file: 'o.yaml' }]).diagnostics.map((d) => d.code)).toEqual(['netbox.unknown_object']);
  });
});

describe('device-type library (test/fixtures/real/netbox)', () => {
  const real = (f: string) => readFileSync(join(root, 'test/fixtures/real/netbox', f), 'utf8');

  it('PowerEdge R630: 1 U, two PSUs of 750 W maximum draw', () => {
    const r = readDeviceType(real('devicetype-library-Dell-PowerEdge-R630.yaml'), 'r630.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.deviceType).toEqual({
      manufacturer: 'Dell',
      model: 'PowerEdge R630',
      slug: 'poweredge-r630',
      uHeight: 1,
      powerPorts: [
        { name: 'PSU1', maximumDrawWatts: 750 },
        { name: 'PSU2', maximumDrawWatts: 750 },
      ],
    });
  });

  it('PowerEdge R760xd2: 2 U, PSUs as module bays: no draw known, no power mismatch claimed', () => {
    const r = readDeviceType(real('devicetype-library-Dell-PowerEdge-R760xd2.yaml'), 'r760xd2.yaml');
    expect(r.deviceType).toMatchObject({ model: 'PowerEdge R760xd2', uHeight: 2, powerPorts: [] });
    expect(compareDeviceType('sto-r760xd2', regional.hardware['sto-r760xd2']!, r.deviceType!)).toEqual([]);
    const r630 = readDeviceType(real('devicetype-library-Dell-PowerEdge-R630.yaml'), 'r630.yaml').deviceType!;
    // the R760xd2 model is 2 U and 1,400 W max: against the R630's 1 U / 750 W both differ
    expect(compareDeviceType('sto-r760xd2', regional.hardware['sto-r760xd2']!, r630)).toHaveLength(2);
  });

  it('a hardware model written as a device type reads back', () => {
    const text = deviceTypeYaml(regional.hardware['sto-r760xd2']!);
    const back = readDeviceType(text, 'x.yaml').deviceType!;
    expect(back).toMatchObject({ manufacturer: 'Dell', model: 'PowerEdge R760xd2', uHeight: 2 });
    expect(back.powerPorts).toEqual([
      { name: 'PSU1', maximumDrawWatts: 1400 },
      { name: 'PSU2', maximumDrawWatts: 1400 },
    ]);
    expect(readDeviceType('u_height: 1\n', 'x.yaml').diagnostics[0]!.code).toBe('netbox.devicetype.invalid');
  });
});

describe('netboxExport(regional-cloud)', () => {
  const out = netboxExport(regional, plan, { site: 'dc1' });

  it('6 racks, 52 hosts active + the 12 compute hosts the plan buys, planned', () => {
    expect(out.objects.racks).toHaveLength(6);
    expect(out.objects.devices.filter((d) => d.status === 'active')).toHaveLength(52);
    const planned = out.objects.devices.filter((d) => d.status === 'planned');
    // 2 gen B hosts in each of 2028-04, -06, -07, -09, -10, -11 (the scenario's procurement comment)
    expect(planned).toHaveLength(12);
    expect(planned.every((d) => d.role === 'compute' && d.device_type === 'ProLiant DL380 Gen11' && d.manufacturer === 'HPE')).toBe(true);
  });

  it("devices sit where the rack elevation puts them; two PSUs per device on the rack's A and B feeds", () => {
    const r1 = plan.racks!.find((r) => r.name === 'r1')!;
    const first = r1.units[0]!;
    expect(out.objects.devices.find((d) => d.name === first.host)).toMatchObject({ rack: 'r1', position: 1, face: 'front', site: 'dc1', location: 'az1' });
    expect(out.objects['power-panels']).toEqual([
      { site: 'dc1', name: 'A' },
      { site: 'dc1', name: 'B' },
    ]);
    expect(out.objects['power-feeds'].filter((f) => f.rack === 'r1').map((f) => f.name)).toEqual(['r1-A', 'r1-B']);
    // control-01: DL360 Gen11, 1000 W max per PSU, 400 W typical shared by 2 PSUs = 200 W each
    expect(out.objects['power-ports'].filter((p) => p.device === 'control-01')).toEqual([
      { device: 'control-01', name: 'PSU1', maximum_draw: 1000, allocated_draw: 200 },
      { device: 'control-01', name: 'PSU2', maximum_draw: 1000, allocated_draw: 200 },
    ]);
    expect(out.objects.cables).toHaveLength(64 * 2);
  });

  it('reads back: the racks, and node groups that plan to the same result', () => {
    const read = readNetbox(out.files.map((f) => ({ text: f.text, file: f.name })));
    expect(read.diagnostics).toEqual([]);
    expect(read.racks.map((r) => [r.name, r.zone, r.heightRu, r.powerFeeds.join('+')])).toEqual(regional.racks.map((r) => [r.name, 'az1', 42, 'A+B']));
    const g = netboxNodeGroups(read, regional);
    expect(g.diagnostics).toEqual([]);
    const again = parseScenario(replaceScenarioSections(regionalText, importedNodeGroups(g.groups), 'from netbox'), { fileName: 'x.yaml' }).scenario!;
    const p = evaluate(again);
    expect(p.hosts).toEqual(plan.hosts);
    expect(p.findings).toEqual(plan.findings);
    expect(p.racks).toEqual(plan.racks);
  });

  it("writes only the fields of NetBox's import forms (netbox @ 43fe81f9 netbox/dcim/forms/bulk_import.py Meta.fields)", () => {
    const FORMS: Record<string, string[]> = {
      racks: [
        'site',
        'location',
        'group',
        'name',
        'facility_id',
        'tenant',
        'status',
        'role',
        'rack_type',
        'form_factor',
        'serial',
        'asset_tag',
        'width',
        'u_height',
        'desc_units',
        'outer_width',
        'outer_height',
        'outer_depth',
        'outer_unit',
        'mounting_depth',
        'airflow',
        'weight',
        'max_weight',
        'weight_unit',
        'description',
        'owner',
        'comments',
        'tags',
      ],
      devices: [
        'name',
        'role',
        'tenant',
        'manufacturer',
        'device_type',
        'platform',
        'serial',
        'asset_tag',
        'status',
        'site',
        'location',
        'rack',
        'position',
        'face',
        'latitude',
        'longitude',
        'parent',
        'device_bay',
        'airflow',
        'virtual_chassis',
        'vc_position',
        'vc_priority',
        'cluster',
        'description',
        'config_template',
        'owner',
        'comments',
        'tags',
      ],
      'power-panels': ['site', 'location', 'name', 'description', 'owner', 'comments', 'tags'],
      'power-feeds': [
        'site',
        'power_panel',
        'location',
        'rack',
        'name',
        'status',
        'type',
        'mark_connected',
        'supply',
        'phase',
        'voltage',
        'amperage',
        'max_utilization',
        'tenant',
        'description',
        'owner',
        'comments',
        'tags',
      ],
      'power-ports': ['device', 'name', 'label', 'type', 'mark_connected', 'maximum_draw', 'allocated_draw', 'description', 'owner', 'tags'],
      cables: [
        'side_a_site',
        'side_a_device',
        'side_a_power_panel',
        'side_a_type',
        'side_a_name',
        'side_b_site',
        'side_b_device',
        'side_b_power_panel',
        'side_b_type',
        'side_b_name',
        'type',
        'status',
        'profile',
        'tenant',
        'bundle',
        'label',
        'color',
        'length',
        'length_unit',
        'description',
        'owner',
        'comments',
        'tags',
      ],
    };
    for (const [type, objects] of Object.entries(out.objects)) {
      const keys = new Set(objects.flatMap((o) => Object.keys(o)));
      for (const k of keys) expect(FORMS[type], `${type}.${k}`).toContain(k);
    }
  });

  it('manufacturer: the first word of the model', () => expect(manufacturerOf('Lenovo ThinkSystem SR650 V3')).toBe('Lenovo'));
});
