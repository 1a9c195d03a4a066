/**
 * Placement provider trees (test/fixtures/state/openstack-tree, shapes and provenance in its
 * README.md; real api-ref samples in test/fixtures/real/cluster-state/openstack) -> hosts with
 * devices, traits, aggregates, the usage per group and the demand, each figure worked by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cephBaselineYaml } from '../ceph-state/baseline.js';
import { readCephState } from '../ceph-state/state.js';
import { evaluate } from '../evaluate/evaluate.js';
import { parseScenario } from '../scenario/parse.js';
import { openstackBaseline } from './baseline.js';
import { readProviderTrees } from './provider-tree.js';

const ROOT = join(import.meta.dirname, '../../../../test/fixtures');
const TREE = join(ROOT, 'state/openstack-tree');
const API = join(ROOT, 'real/cluster-state/openstack/placement-api-ref');
const treeFiles = () =>
  readdirSync(TREE)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, text: readFileSync(join(TREE, f), 'utf8') }));
const cephFiles = () =>
  readdirSync(join(ROOT, 'real/cluster-state/ceph/siphon-tentacle'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, text: readFileSync(join(ROOT, 'real/cluster-state/ceph/siphon-tentacle', f), 'utf8') }));

describe('readProviderTrees: the api-ref samples', () => {
  it('nested providers (parent_provider_uuid), traits and 1.19 aggregates by the uuid in the file name', () => {
    const rps = readFileSync(join(API, 'get-resource_providers.json'), 'utf8');
    // get-resource_providers.json: vgr.localdomain (99c09379...) has parent 542df8ed...; pony1 (d0b381e9...) is a root
    const t = readProviderTrees([
      { name: 'rps.json', text: rps },
      { name: 'd0b381e9-8761-42de-8e6c-bba99a96d5f5.traits.json', text: readFileSync(join(API, 'get-resource_provider-traits.json'), 'utf8') },
      { name: 'd0b381e9-8761-42de-8e6c-bba99a96d5f5.aggregates.json', text: readFileSync(join(API, 'get-aggregates-1.19.json'), 'utf8') },
      { name: 'traits.json', text: readFileSync(join(API, 'get-resource_provider-traits.json'), 'utf8') },
    ]);
    expect(t.providers.get('99c09379-6e52-4ef8-9a95-b9ce6f68452e')).toMatchObject({ name: 'vgr.localdomain', parentUuid: '542df8ed-9be2-49b9-b4db-6d3183ff8ec8' });
    expect(t.providers.get('d0b381e9-8761-42de-8e6c-bba99a96d5f5')).toEqual({
      uuid: 'd0b381e9-8761-42de-8e6c-bba99a96d5f5',
      name: 'pony1',
      traits: ['CUSTOM_HW_FPGA_CLASS1', 'CUSTOM_HW_FPGA_CLASS3'],
      aggregates: ['42896e0d-205d-4fe3-bd1e-100924931787', '5e08ea53-c4c6-448e-9334-ac4953de3cfa'],
    });
    // a per-provider response that does not say whose it is: a warning, skipped
    expect(t.diagnostics.map((d) => [d.code, d.severity, d.location.file])).toEqual([['openstack.provider.unknown', 'warning', 'traits.json']]);
    expect(t.diagnostics[0]!.hint).toContain('<uuid>.inventories.json');
  });

  it('osc-placement -f json: inventory list with its used column, trait list, aggregate list', () => {
    const t = readProviderTrees(treeFiles());
    const nfv = t.providers.get('22222222-2222-4222-8222-000000000001')!;
    expect(nfv.inventories!.PCPU).toEqual({ total: 48, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: 48, stepSize: 1 });
    expect(nfv.usages).toEqual({ VCPU: 0, PCPU: 24, MEMORY_MB: 98_304, DISK_GB: 120 });
    expect(nfv.traits).toEqual(['COMPUTE_NET_ATTACH_INTERFACE', 'CUSTOM_NFV', 'HW_CPU_HYPERTHREADING']);
    expect(nfv.aggregates).toEqual(['aaaaaaaa-aaaa-4aaa-8aaa-000000000001']);
    expect(t.novaAggregates.map((a) => [a.name, a.availabilityZone])).toEqual([
      ['nfv', 'az1'],
      ['gpu', undefined],
    ]);
    expect(t.diagnostics).toEqual([]);
  });
});

describe('readProviderTrees: more osc-placement shapes', () => {
  it('`resource provider show U --allocations -f json` gives the allocations; an empty `trait list` is read as none, not warned', () => {
    const u = '99c09379-6e52-4ef8-9a95-b9ce6f68452e';
    const show = { uuid: u, name: 'vgr.localdomain', generation: 1, allocations: { 'c0000000-0000-4000-8000-000000000001': { resources: { VCPU: 2, MEMORY_MB: 512 } } } };
    const t = readProviderTrees([
      { name: 'rps.json', text: readFileSync(join(API, 'get-resource_providers.json'), 'utf8') },
      { name: `${u}.allocations.json`, text: JSON.stringify(show) },
      { name: `${u}.trait-list.json`, text: '[]' },
    ]);
    expect(t.providers.get(u)!.allocations).toEqual({ 'c0000000-0000-4000-8000-000000000001': { VCPU: 2, MEMORY_MB: 512 } });
    expect([...t.consumed].sort()).toEqual([`${u}.allocations.json`, `${u}.trait-list.json`, 'rps.json']);
    expect(t.diagnostics).toEqual([]);
  });
});

describe('openstackBaseline from provider trees', () => {
  const os = openstackBaseline(treeFiles());
  const hw = os.hardware.join('\n');

  it('one model per kind of compute node: cmp-1 and cmp-2 alike, nfv-1, gpu-1', () => {
    expect(os.diagnostics).toEqual([]);
    expect(os.nodes).toEqual([
      '  - { role: compute, hardware: compute-host-1, count: 2 }',
      '  - { role: compute, hardware: compute-host-2, count: 1, aggregates: ["nfv"] }   # availability zone az1 (Nova aggregate): give the racks their zone to pin demand to it',
      '  - { role: compute, hardware: compute-host-3, count: 1, aggregates: ["gpu"] }',
    ]);
  });

  it('nfv-1: VCPU 16 + PCPU 48 = 64 logical CPUs, dedicated set 0-47, shared 48-63, CUSTOM_NFV, one VF provider of 8', () => {
    expect(hw).toContain('coresPerSocket: 64, threadsPerCore: 1 }   # observed: VCPU total 16 + PCPU total 48 logical CPUs');
    expect(hw).toContain('cpuDedicatedSet: "0-47"');
    expect(hw).toContain('cpuSharedSet: "48-63"');
    expect(hw).toContain('traits: [CUSTOM_NFV]   # observed: provider traits (CUSTOM_ ones; 2 standard traits not written)');
    expect(hw).toContain('- { name: "custom-sriov-vf", kind: pci, count: 1, resourceClass: CUSTOM_SRIOV_VF, perDevice: 8 }');
  });

  it('gpu-1: two nested VGPU providers of 4 -> count 2, perDevice 4; the Neutron bandwidth provider is said, not planned', () => {
    expect(hw).toContain('- { name: "vgpu", kind: gpu, count: 2, resourceClass: VGPU, perDevice: 4 }');
    expect(hw).toContain('# not planned (resource classes headroom does not model): gpu-1:Open vSwitch agent:br-ex NET_BW_EGR_KILOBIT_PER_SEC 10000000');
  });

  it('aggregates named from Nova, with metadata; ratios from Placement; hostCpus 0 next to CPU sets', () => {
    expect(os.openstack.slice(0, 5)).toEqual([
      '  allocationRatio: { cpu: 4, ram: 1, disk: 1 }   # observed: Placement inventories of cmp-1',
      '  reserved: { hostMemory: 4096 MiB, hostCpus: 0 }   # observed: MEMORY_MB reserved; hostCpus 0: Nova refuses reserved_host_cpus next to CPU sets',
      '  aggregates:',
      '    "nfv": { metadata: { "availability_zone": "az1", "pinned": "true" } }   # observed: Nova os-aggregates',
      '    "gpu": { metadata: { "gpu": "true" } }   # observed: Nova os-aggregates',
    ]);
  });

  it('usage per group, used of (total - reserved) x ratio', () => {
    // cmp: VCPU 40 + 24 = 64 of 2 x 64 x 4 = 512; MEMORY_MB 81,920 + 49,152 = 131,072 of 2 x (262,144 - 4,096) = 516,096; DISK_GB 160 + 96 = 256 of 800
    expect(os.demandComments[0]).toContain('VCPU 64 of 512, MEMORY_MB 131072 of 516096 MiB, DISK_GB 256 of 800 GiB');
    // nfv: VCPU 0 of 16 x 4 = 64; PCPU 24 of 48; MEMORY_MB 98,304 of 524,288 - 4,096 = 520,192; VFs 6 of 8
    expect(os.demandComments[1]).toContain(
      'aggregates nfv), used of capacity (total - reserved) x allocation_ratio: VCPU 0 of 64, PCPU 24 of 48, MEMORY_MB 98304 of 520192 MiB, DISK_GB 120 of 400 GiB, CUSTOM_SRIOV_VF 6 of 8',
    );
    // gpu: VGPU 2 + 0 of 4 + 4; the bandwidth provider has no usage given: "?"
    expect(os.demandComments[2]).toContain('VCPU 24 of 512, MEMORY_MB 98304 of 1044480 MiB, DISK_GB 200 of 800 GiB, VGPU 2 of 8, NET_BW_EGR_KILOBIT_PER_SEC ? of 10000000');
    expect(os.demandComments[3]).toContain('no allocations given for cmp-2');
  });

  it('allocations -> demand: 10 x m1.large (VCPU 4, 8,192 MiB, 16 GiB = the Nova flavor), a pinned VNF and a vGPU guest written as flavors', () => {
    expect(os.demandInstances.map((l) => l.replace(/ {3}#.*/, ''))).toEqual([
      '    - { flavor: "m1.large", count: 10 }',
      '    - { flavor: "observed-1", count: 3 }',
      '    - { flavor: "observed-2", count: 2 }',
    ]);
    // root PCPU 8, MEMORY_MB 32,768, DISK_GB 40 plus 2 VFs on the nested provider: one consumer
    expect(os.openstack).toContain(
      '    "observed-1": { vcpus: 8, ram: 32768 MiB, disk: 40 GiB, extraSpecs: { "hw:cpu_policy": dedicated, "resources:CUSTOM_SRIOV_VF": 2 } }   # observed: the Placement allocation CUSTOM_SRIOV_VF=2,DISK_GB=40,MEMORY_MB=32768,PCPU=8 (no Nova flavor requests exactly this)',
    );
  });

  it('the baseline loads and plans: groups nfv (PCPU 24 of 48) and gpu (VGPU 2 of 8) from the observed usage', () => {
    const { yaml } = cephBaselineYaml(readCephState(cephFiles()).state!, { name: 'x', start: '2026-12', sourceLabel: 'state', compute: os });
    const parsed = parseScenario(yaml!, { fileName: 'b.yaml' });
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const plan = evaluate(parsed.scenario!);
    // observed-1: 3 x 8 PCPU = 24 of the one PCPU host's 48 PCPU
    const pcpu = (plan.compute.groups ?? []).find((g) => g.totalCapacity.PCPU !== undefined)!;
    expect([pcpu.totalCapacity.PCPU, pcpu.demandMonth0.PCPU]).toEqual([48, 24]);
    const vgpu = (plan.compute.groups ?? []).find((g) => g.totalCapacity.VGPU !== undefined)!;
    // observed-2: 2 x 1 VGPU of 2 providers x 4
    expect([vgpu.totalCapacity.VGPU, vgpu.demandMonth0.VGPU]).toEqual([8, 2]);
  });

  it('a volume-backed instance (no DISK_GB: root_gb left out, 0 not requested) still matches its Nova flavor', () => {
    const u = '44444444-4444-4444-8444-000000000001';
    const files = [
      { name: 'rps.json', text: JSON.stringify({ resource_providers: [{ uuid: u, name: 'cmp-9', generation: 1, parent_provider_uuid: null, root_provider_uuid: u }] }) },
      {
        name: `${u}.inventories.json`,
        text: JSON.stringify({ inventories: { VCPU: { total: 8, reserved: 0, allocation_ratio: 4 }, MEMORY_MB: { total: 32768, reserved: 512, allocation_ratio: 1 } } }),
      },
      { name: `${u}.allocations.json`, text: JSON.stringify({ allocations: { 'c9000000-0000-4000-8000-000000000001': { resources: { VCPU: 4, MEMORY_MB: 8192 } } } }) },
      { name: 'flavors.json', text: readFileSync(join(TREE, 'flavors-detail.json'), 'utf8') },
    ];
    // m1.large: vcpus 4, ram 8192, disk 16, ephemeral 0, swap "": booted from a volume it asks VCPU 4, MEMORY_MB 8192 and no DISK_GB
    expect(openstackBaseline(files).demandInstances.map((l) => l.replace(/ {3}#.*/, ''))).toEqual(['    - { flavor: "m1.large", count: 1 }']);
  });

  it('an allocation_ratio of 100 for VCPU (the scenario takes at most 64): openstack.value.out_of_range, an error, nothing half-written', () => {
    const files = treeFiles().map((f) =>
      f.name.startsWith('11111111-1111-4111-8111-000000000001.inventories') ? { ...f, text: f.text.replace('"allocation_ratio": 4.0', '"allocation_ratio": 100') } : f,
    );
    const os = openstackBaseline(files);
    expect(os.diagnostics.map((d) => [d.code, d.severity, d.path.join('.')])).toEqual([['openstack.value.out_of_range', 'error', 'inventories.VCPU']]);
    expect(os.diagnostics[0]!.message).toContain('cmp-1: VCPU allocation_ratio 100');
  });

  it('without a provider list the older reading holds: one inventory for the ratios', () => {
    const one = openstackBaseline([{ name: 'inv.json', text: readFileSync(join(API, 'get-inventories.json'), 'utf8') }]);
    expect(one.demandInstances).toEqual([]);
    expect(one.nodes).toEqual([]);
  });
});
