/**
 * Findings of the round-trip exporters and drift (packages/core/src/interop), each code
 * triggered by a small edit of scenarios/regional-cloud.yaml: finding-codes.test.ts collects
 * them so that every registered code is shown to be emitted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../packages/core/src/diagnostics/types.js';
import { cephadmExport } from '../../packages/core/src/interop/cephadm/export.js';
import { kollaExport } from '../../packages/core/src/interop/kolla/export.js';
import { parseScenario } from '../../packages/core/src/scenario/parse.js';

const regionalText = readFileSync(join(import.meta.dirname, '../../scenarios/regional-cloud.yaml'), 'utf8');
const load = (text: string) => parseScenario(text, { fileName: 'regional-cloud.yaml' }).scenario!;

/** [case name, findings] for every interop exporter case. */
export function interopFindings(): [string, Finding[]][] {
  const cases: [string, string][] = [
    ['kolla: no control host', regionalText.replace('  - { role: control, hardware: ctl-dl360g11, count: 3, placement: spread }\n', '')],
    ['kolla: no internal VIP', regionalText.replace('    internal: 10.20.1.250\n', '')],
    ['kolla: no network section', regionalText.slice(0, regionalText.indexOf('\nnetwork:\n'))],
    ['kolla: compute mgmt without address', regionalText.replace('    compute:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0 }', '    compute:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0, address: false }')],
    ['kolla: storage off mgmt', regionalText.replace('    storage:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0 }\n', '    storage:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n')],
  ];
  const out: [string, Finding[]][] = cases.map(([name, text]) => [name, kollaExport(load(text)).findings]);
  // an OS disk of the OSD disks' size and kind: the data_devices filter selects it too
  const osOnHdd = regionalText.replace('      - { count: 2, size: 480 GB, kind: nvme, use: os }     # BOSS-N1', '      - { count: 1, size: 20 TB, kind: hdd, use: os }     # BOSS-N1');
  out.push(['cephadm: OS disk like the OSD disks', cephadmExport(load(osOnHdd)).findings]);
  return out;
}
