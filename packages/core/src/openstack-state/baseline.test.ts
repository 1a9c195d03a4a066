/** The compute side of the baseline from the real devstack responses, and a 2.88 response. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cephBaselineYaml } from '../ceph-state/baseline.js';
import { readCephState } from '../ceph-state/state.js';
import { parseScenario } from '../scenario/parse.js';
import { openstackBaseline } from './baseline.js';

const FIX = join(import.meta.dirname, '../../../../test/fixtures/real/cluster-state');
const dirFiles = (dir: string) =>
  readdirSync(join(FIX, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, text: readFileSync(join(FIX, dir, f), 'utf8') }));

describe('openstackBaseline', () => {
  it('devstack: one compute host (vcpus 4, memory_mb 14990, local_gb 96), 12 flavors, Nova default ratios said to be inferred; the whole baseline loads', () => {
    const os = openstackBaseline(dirFiles('openstack/datadog-devstack'));
    expect(os.diagnostics).toEqual([]);
    expect(os.nodes).toEqual(['  - { role: compute, hardware: compute-host-1, count: 1 }']);
    expect(os.hardware.join('\n')).toContain('coresPerSocket: 4, threadsPerCore: 1 }   # observed: vcpus 4');
    expect(os.hardware.join('\n')).toContain('memory: { size: 14990 MiB }');
    // nova/conf/compute.py: initial_cpu_allocation_ratio 4.0 from 2023.1, 16.0 before (kept by older nodes)
    expect(os.openstack[0]).toContain("inferred, PLACEHOLDER: Nova's initial_* defaults for a host created on 2023.1 or later; hosts created before keep 16.0 / 1.5");
    // flavors-detail-response-2.93.json: "ds4G" vcpus 4, ram 4096, disk 20
    expect(os.openstack).toContain('    "ds4G": { vcpus: 4, ram: 4096 MiB, disk: 20 GiB }');
    const ceph = readCephState(dirFiles('ceph/siphon-tentacle')).state!;
    const { yaml } = cephBaselineYaml(ceph, { name: 'x', start: '2026-12', sourceLabel: 'state', compute: os });
    const parsed = parseScenario(yaml!, { fileName: 'b.yaml' });
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parsed.scenario!.openstack!.flavors['m1.tiny']).toBeDefined();
  });

  it('a Placement inventory gives the ratios and reservations (api-ref: cpu 16.0, ram 1.5, reserved 512 MiB)', () => {
    const os = openstackBaseline([
      ...dirFiles('openstack/datadog-devstack'),
      { name: 'inv.json', text: readFileSync(join(FIX, 'openstack/placement-api-ref/get-inventories.json'), 'utf8') },
    ]);
    expect(os.openstack[0]).toMatch(/^ {2}allocationRatio: \{ cpu: 16, ram: 1\.5, disk: 1 \}/);
    expect(os.openstack[1]).toMatch(/^ {2}reserved: \{ hostMemory: 512 MiB, hostCpus: 0 \}/);
  });

  it('2.88 hypervisors: no compute host, and the message that usage must come from Placement', () => {
    const os = openstackBaseline([{ name: 'hv.json', text: readFileSync(join(FIX, 'openstack/nova-api-samples/v2.88-hypervisors-detail-resp.json'), 'utf8') }]);
    expect(os.nodes).toEqual([]);
    expect(os.diagnostics.map((d) => d.code)).toEqual(['openstack.usage.absent']);
  });

  describe('issue 15: responses a baseline cannot hold are coded diagnostics, never a baseline that does not load', () => {
    const hv = (fields: Record<string, unknown>) => ({
      name: 'hv.json',
      text: JSON.stringify({ hypervisors: [{ id: 1, hypervisor_hostname: 'cmp1', vcpus: 8, memory_mb: 65536, local_gb: 100, ...fields }] }, null, 2),
    });
    const inv = (vcpu: Record<string, unknown>) => ({
      name: 'inv.json',
      text: JSON.stringify(
        { inventories: { VCPU: { total: 8, reserved: 0, allocation_ratio: 4, ...vcpu }, MEMORY_MB: { total: 65536, reserved: 512, allocation_ratio: 1 } } },
        null,
        2,
      ),
    });
    const loads = (os: ReturnType<typeof openstackBaseline>) => {
      const ceph = readCephState(dirFiles('ceph/siphon-tentacle')).state!;
      const { yaml } = cephBaselineYaml(ceph, { name: 'x', start: '2026-12', sourceLabel: 'state', compute: os });
      return parseScenario(yaml!, { fileName: 'b.yaml' }).diagnostics.filter((d) => d.severity === 'error');
    };
    const codes = (os: ReturnType<typeof openstackBaseline>) => os.diagnostics.map((d) => [d.code, d.severity, d.location.line, d.location.col]);

    it('hypervisor vcpus: 0 -> openstack.value.out_of_range at the field; the host is left out', () => {
      const os = openstackBaseline([hv({ vcpus: 0 })]);
      expect(codes(os)).toEqual([['openstack.value.out_of_range', 'error', 6, 7]]);
      expect(os.nodes).toEqual([]);
      expect(loads(os)).toEqual([]);
    });

    it('allocation ratio -1 and 2^32 -> out_of_range, no ratios written', () => {
      for (const ratio of [-1, 2 ** 32]) {
        const os = openstackBaseline([hv({}), inv({ allocation_ratio: ratio })]);
        expect(codes(os)).toEqual([['openstack.value.out_of_range', 'error', 3, 5]]);
        expect(os.openstack.join('\n')).not.toContain('allocationRatio');
        expect(loads(os)).toEqual([]);
      }
    });

    it('negative reserved -> out_of_range', () => {
      const os = openstackBaseline([hv({}), inv({ reserved: -2 })]);
      expect(os.diagnostics.map((d) => [d.code, d.path.join('.')])).toEqual([['openstack.value.out_of_range', 'inventories.VCPU.reserved']]);
      expect(loads(os)).toEqual([]);
    });

    it('duplicate flavor names -> openstack.flavor.duplicate_name at the second one, with a hint', () => {
      const text = JSON.stringify(
        {
          flavors: [
            { id: 'a', name: 'm1.small', vcpus: 1, ram: 2048, disk: 20 },
            { id: 'b', name: 'm1.small', vcpus: 2, ram: 4096, disk: 40 },
          ],
        },
        null,
        2,
      );
      const os = openstackBaseline([hv({}), { name: 'fl.json', text }]);
      expect(codes(os)).toEqual([['openstack.flavor.duplicate_name', 'error', 12, 7]]);
      expect(os.diagnostics[0]!.hint).toBeTruthy();
      expect(loads(os)).toEqual([]);
    });

    it('a flavor with vcpus 0 or 1.5 is skipped with a warning; memory_mb 1e308 and NaN-like values are errors', () => {
      const text = JSON.stringify({
        flavors: [
          { id: 'a', name: 'zero', vcpus: 0, ram: 2048, disk: 20 },
          { id: 'b', name: 'half', vcpus: 1.5, ram: 2048, disk: 20 },
        ],
      });
      const os = openstackBaseline([hv({ memory_mb: 1e308 }), { name: 'fl.json', text }]);
      expect(os.diagnostics.map((d) => [d.code, d.severity])).toEqual([
        ['openstack.value.out_of_range', 'error'],
        ['openstack.value.out_of_range', 'warning'],
        ['openstack.value.out_of_range', 'warning'],
      ]);
      expect(loads(os)).toEqual([]);
    });

    it('a host of 768 logical CPUs is written within the schema (sockets x cores x threads)', () => {
      const os = openstackBaseline([hv({ vcpus: 768 })]);
      expect(os.diagnostics).toEqual([]);
      expect(os.hardware.join('\n')).toContain('sockets: 2, coresPerSocket: 384, threadsPerCore: 1');
      expect(loads(os)).toEqual([]);
    });
  });
});

describe('issue 15: names from a response inside YAML comments', () => {
  it('a hypervisor hostname with NUL or a line break cannot break the baseline (found by the fuzz)', () => {
    for (const name of ['x\u0000y', 'evil\nnodes: []']) {
      const text = JSON.stringify({
        hypervisors: [{ id: 1, hypervisor_hostname: name, vcpus: 2, memory_mb: 8192, local_gb: 10, vcpus_used: 0, memory_mb_used: 512, running_vms: 0 }],
      });
      const os = openstackBaseline([{ name: 'hv.json', text }]);
      const ceph = readCephState(dirFiles('ceph/siphon-tentacle')).state!;
      const { yaml } = cephBaselineYaml(ceph, { name: 'x', start: '2026-12', sourceLabel: 'state', compute: os });
      expect(parseScenario(yaml!, { fileName: 'b.yaml' }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});
