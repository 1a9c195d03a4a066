/**
 * Findings of the round-trip exporters and drift (packages/core/src/interop), each code
 * triggered by a small edit of scenarios/regional-cloud.yaml: finding-codes.test.ts collects
 * them so that every registered code is shown to be emitted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../packages/core/src/diagnostics/types.js';
import { cephadmExport } from '../../packages/core/src/interop/cephadm/export.js';
import { readCephadmSpecs } from '../../packages/core/src/interop/cephadm/import.js';
import { driftFindings } from '../../packages/core/src/interop/drift.js';
import { kollaExport } from '../../packages/core/src/interop/kolla/export.js';
import { importKolla } from '../../packages/core/src/interop/kolla/import.js';
import { netboxExport } from '../../packages/core/src/interop/netbox/export.js';
import { readNetbox } from '../../packages/core/src/interop/netbox/import.js';
import { evaluate } from '../../packages/core/src/evaluate/evaluate.js';
import { parseScenario } from '../../packages/core/src/scenario/parse.js';

const regionalText = readFileSync(join(import.meta.dirname, '../../scenarios/regional-cloud.yaml'), 'utf8');
const load = (text: string) => parseScenario(text, { fileName: 'regional-cloud.yaml' }).scenario!;

/** [case name, findings] for every interop exporter case. */
export function interopFindings(): [string, Finding[]][] {
  const cases: [string, string][] = [
    ['kolla: no control host', regionalText.replace('  - { role: control, hardware: ctl-dl360g11, count: 3, placement: spread }\n', '')],
    ['kolla: no internal VIP', regionalText.replace('    internal: 10.20.1.250\n', '')],
    ['kolla: no network section', regionalText.slice(0, regionalText.indexOf('\nnetwork:\n'))],
    [
      'kolla: compute mgmt without address',
      regionalText.replace(
        '    compute:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0 }',
        '    compute:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0, address: false }',
      ),
    ],
    [
      'kolla: storage off mgmt',
      regionalText.replace(
        '    storage:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0 }\n',
        '    storage:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n',
      ),
    ],
  ];
  const out: [string, Finding[]][] = cases.map(([name, text]) => [name, kollaExport(load(text)).findings]);
  // an OS disk of the OSD disks' size and kind: the data_devices filter selects it too
  const osOnHdd = regionalText.replace(
    '      - { count: 2, size: 480 GB, kind: nvme, use: os }     # BOSS-N1',
    '      - { count: 1, size: 20 TB, kind: hdd, use: os }     # BOSS-N1',
  );
  out.push(['cephadm: OS disk like the OSD disks', cephadmExport(load(osOnHdd)).findings]);
  out.push(['drift: edited Kolla, NetBox and cephadm exports of the regional scenario', driftCase()]);
  return out;
}

/**
 * The regional scenario's own exports, edited the way a running cloud drifts:
 * Kolla: compute-40 removed, compute-02 moved from [compute] to [storage], compute-03's
 * headroom_rack r6 (planned r3), an extra host compute-99, tunnel_interface "ens2f1";
 * NetBox: control-01 at U5 (the elevation says U1), rack r1 48 U, rack r6 gone, a rack r9;
 * cephadm: the OSD spec's size filter '20T:' (selects no 20 TB drive: ceph-volume says 18.19 TB).
 */
export function driftCase(): Finding[] {
  const scenario = load(regionalText);
  const plan = evaluate(scenario);
  const k = kollaExport(scenario);
  const inventory = k.inventory
    .replace(/^compute-40 .*\n/m, '')
    .replace(/^(compute-02 [^\n]*)\n/m, '')
    .replace('[storage]\n', `[storage]\n${k.inventory.match(/^compute-02 [^\n]*$/m)![0].replace('headroom_role=compute', 'headroom_role=storage')}\n`)
    .replace(/^(compute-03 .*)headroom_rack=r3$/m, '$1headroom_rack=r6')
    .replace('[monitoring]\n', 'compute-99 headroom_hardware=cmp-sr650v3\n\n[monitoring]\n');
  const globals = k.globals.replace('tunnel_interface: "tunnel"', 'tunnel_interface: "ens2f1"');
  const kolla = importKolla({ inventory: { text: inventory, file: 'multinode' }, globals: { text: globals, file: 'globals.yml' }, base: scenario });
  const nb = netboxExport(scenario, plan, { site: 'dc1' });
  const racks = nb.objects.racks.filter((r) => r.name !== 'r6').map((r) => (r.name === 'r1' ? { ...r, u_height: 48 } : r));
  racks.push({ site: 'dc1', name: 'r9', status: 'active', u_height: 42 });
  const devices = nb.objects.devices.map((d) => (d.name === 'control-01' ? { ...d, position: 5 } : d));
  const netbox = readNetbox([
    { text: JSON.stringify(racks), file: 'racks.json' },
    { text: JSON.stringify(devices), file: 'devices.json' },
  ]);
  const specs = cephadmExport(scenario).text.replace('size: 18T:19T', "size: '20T:'");
  const cephadm = readCephadmSpecs(specs, 'specs.yaml');
  return driftFindings(scenario, plan, { kolla: { read: kolla, file: 'multinode' }, netbox: { read: netbox, file: 'netbox' }, cephadm: { read: cephadm, file: 'specs.yaml' } });
}
