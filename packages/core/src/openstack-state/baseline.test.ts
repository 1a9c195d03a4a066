/** The compute side of the baseline from the real devstack responses, and a 2.88 response. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cephBaselineYaml } from '../ceph-state/baseline.js';
import { readCephState } from '../ceph-state/state.js';
import { parseScenario } from '../scenario/parse.js';
import { openstackBaseline } from './baseline.js';

const FIX = join(import.meta.dirname, '../../../../test/fixtures/real/cluster-state');
const dirFiles = (dir: string) => readdirSync(join(FIX, dir)).filter((f) => f.endsWith('.json')).map((f) => ({ name: f, text: readFileSync(join(FIX, dir, f), 'utf8') }));

describe('openstackBaseline', () => {
  it('devstack: one compute host (vcpus 4, memory_mb 14990, local_gb 96), 12 flavors, Nova default ratios said to be inferred; the whole baseline loads', () => {
    const os = openstackBaseline(dirFiles('openstack/datadog-devstack'));
    expect(os.diagnostics).toEqual([]);
    expect(os.nodes).toEqual(['  - { role: compute, hardware: compute-host-1, count: 1 }']);
    expect(os.hardware.join('\n')).toContain('coresPerSocket: 4, threadsPerCore: 1 }   # observed: vcpus 4');
    expect(os.hardware.join('\n')).toContain('memory: { size: 14990 MiB }');
    // nova/conf/compute.py: initial_cpu_allocation_ratio 4.0 from 2023.1, 16.0 before (kept by older nodes)
    expect(os.openstack[0]).toContain('inferred, PLACEHOLDER: Nova\'s initial_* defaults for a host created on 2023.1 or later; hosts created before keep 16.0 / 1.5');
    // flavors-detail-response-2.93.json: "ds4G" vcpus 4, ram 4096, disk 20
    expect(os.openstack).toContain('    "ds4G": { vcpus: 4, ram: 4096 MiB, disk: 20 GiB }');
    const ceph = readCephState(dirFiles('ceph/siphon-tentacle')).state!;
    const { yaml } = cephBaselineYaml(ceph, { name: 'x', start: '2026-12', sourceLabel: 'state', compute: os });
    const parsed = parseScenario(yaml!, { fileName: 'b.yaml' });
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parsed.scenario!.openstack!.flavors['m1.tiny']).toBeDefined();
  });

  it('a Placement inventory gives the ratios and reservations (api-ref: cpu 16.0, ram 1.5, reserved 512 MiB)', () => {
    const os = openstackBaseline([...dirFiles('openstack/datadog-devstack'), { name: 'inv.json', text: readFileSync(join(FIX, 'openstack/placement-api-ref/get-inventories.json'), 'utf8') }]);
    expect(os.openstack[0]).toMatch(/^ {2}allocationRatio: \{ cpu: 16, ram: 1\.5, disk: 1 \}/);
    expect(os.openstack[1]).toMatch(/^ {2}reserved: \{ hostMemory: 512 MiB, hostCpus: 0 \}/);
  });

  it('2.88 hypervisors: no compute host, and the message that usage must come from Placement', () => {
    const os = openstackBaseline([{ name: 'hv.json', text: readFileSync(join(FIX, 'openstack/nova-api-samples/v2.88-hypervisors-detail-resp.json'), 'utf8') }]);
    expect(os.nodes).toEqual([]);
    expect(os.diagnostics.map((d) => d.code)).toEqual(['openstack.usage.absent']);
  });
});
