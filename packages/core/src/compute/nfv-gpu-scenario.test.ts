/**
 * scenarios/nfv-gpu-cloud.yaml against its hand-worked figures (the comment at the top of the
 * file): inventories of each host model, flavor fit with PCPU, huge pages, NUMA cells, VFs
 * and vGPUs, fleet totals and N+1, month-0 demand, host groups per zone and aggregate, the
 * VGPU runway and the GPU purchase it drives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate.js';
import { parseScenario } from '../scenario/parse.js';

const file = join(import.meta.dirname, '../../../../scenarios/nfv-gpu-cloud.yaml');
const parsed = parseScenario(readFileSync(file, 'utf8'), { fileName: 'nfv-gpu-cloud.yaml' });
const plan = evaluate(parsed.scenario!);
const hostOf = (name: string) => plan.compute.hosts.find((h) => h.host === name)!;
const fitOf = (host: string, flavor: string) => hostOf(host).flavorFit.find((f) => f.flavor === flavor)!;
const capacity = (host: string) => Object.fromEntries(hostOf(host).inventories.map((i) => [i.resourceClass, i.capacity]));

describe('scenarios/nfv-gpu-cloud.yaml', () => {
  it('validates without diagnostics', () => expect(parsed.diagnostics).toEqual([]));

  it('inventories: shared VCPU at 4:1, PCPU at 1:1, VFs and vGPUs on nested providers', () => {
    // cmp: 128 × 4 = 512 VCPU, 524,288 − 16,384 MiB; nfv: 16 shared × 4 = 64, PCPU 112, 786,432 − 16,384; gpu: 1,048,576 − 16,384
    expect(capacity('cmp-01')).toEqual({ VCPU: 512, MEMORY_MB: 507_904 });
    expect(capacity('nfv-01')).toEqual({ VCPU: 64, MEMORY_MB: 770_048, PCPU: 112 });
    expect(capacity('gpu-01')).toEqual({ VCPU: 512, MEMORY_MB: 1_032_192 });
    expect(hostOf('nfv-01').providers!.map((p) => [p.name, p.inventory.resourceClass, p.inventory.capacity])).toEqual([
      ['nfv-01_cx6dx_0', 'CUSTOM_SRIOV_VF', 32],
      ['nfv-01_cx6dx_1', 'CUSTOM_SRIOV_VF', 32],
    ]);
    expect(hostOf('gpu-01').providers!.map((p) => p.inventory.capacity)).toEqual([4, 4, 4, 4]);
    // NUMA cells of an nfv host: 8 shared (0-3, 64-67 | 32-35, 96-99), 56 dedicated, 786,432 / 2 MiB, 640 / 2 pages of 1 GiB
    expect(hostOf('nfv-01').numaCells).toEqual([0, 1].map((id) => ({ id, sharedCpus: 8, dedicatedCpus: 56, memoryMib: 393_216, hugePages: { sizeKib: 1_048_576, count: 320 } })));
    expect(hostOf('nfv-01').traits).toEqual(['CUSTOM_NFV', 'HW_CPU_HYPERTHREADING']);
  });

  it('flavor fit per host', () => {
    // vrouter on nfv: PCPU 112 / 8 = 14; cells 7 + 7 = 14; memory 23, VFs 32
    expect(fitOf('nfv-01', 'nfv.vrouter')).toEqual({ flavor: 'nfv.vrouter', instances: 14, limitedBy: 'PCPU', exceedsMaxUnit: false });
    // upf: Placement 112 / 12 = 9, cells floor(56 / 12) = 4 each -> 8
    expect(fitOf('nfv-01', 'nfv.upf')).toEqual({ flavor: 'nfv.upf', instances: 8, limitedBy: 'NUMA_CELL', exceedsMaxUnit: false });
    expect(fitOf('nfv-01', 'nfv.huge')).toEqual({ flavor: 'nfv.huge', instances: 0, limitedBy: 'NUMA_CELL', exceedsMaxUnit: false });
    expect(fitOf('cmp-01', 'nfv.vrouter')).toMatchObject({ instances: 0, excludedBy: 'trait CUSTOM_NFV required' });
    // gpu flavor: VCPU 512 / 12 = 42, memory 1,032,192 / 49,152 = 21, VGPU 4 × 4 = 16
    expect(fitOf('gpu-01', 'gpu.l40s-12q')).toEqual({ flavor: 'gpu.l40s-12q', instances: 16, limitedBy: 'VGPU', exceedsMaxUnit: false });
    expect(fitOf('nfv-01', 'gpu.l40s-12q')).toMatchObject({ instances: 0, limitedBy: 'AGGREGATE' });
  });

  it('fleet totals, N+1 per class, month-0 demand and the mix', () => {
    const c = plan.compute;
    // VCPU 8 × 512 + 4 × 64 + 4 × 512; MEMORY_MB 8 × 507,904 + 4 × 770,048 + 4 × 1,032,192
    expect(c.totalCapacity).toEqual({ VCPU: 6400, MEMORY_MB: 11_272_192, PCPU: 448, CUSTOM_SRIOV_VF: 256, VGPU: 64 });
    expect(c.toleratedCapacity).toEqual({ VCPU: 5888, MEMORY_MB: 10_240_000, PCPU: 336, CUSTOM_SRIOV_VF: 192, VGPU: 48 });
    // VCPU 400 + 320 + 360; MEMORY_MB 1,638,400 + 1,310,720 + 11 × 32,768 + 49,152 + 30 × 49,152; PCPU 11 × 8 + 12
    expect(c.demandMonth0).toEqual({ VCPU: 1080, MEMORY_MB: 4_833_280, PCPU: 100, CUSTOM_SRIOV_VF: 22, VGPU: 30 });
    // mix of 182 instances: VGPU 64 / (30 / 182) = 388.3 is the least
    expect([c.mixInstancesFit, c.bottleneck]).toEqual([388, 'VGPU']);
  });

  it('host groups: one per zone for the pinned flavors, one for the GPU aggregate', () => {
    // tolerated: the group's 2 (or 4) hosts less one: VCPU 2 × 64 − 64, PCPU 2 × 112 − 112, ...; gpu: 4 × 512 − 512, 4 × 16 − 16
    const groups = plan.compute.groups!.map((g) => [g.label, g.hosts, g.demandMonth0, g.toleratedCapacity]);
    expect(groups).toEqual([
      [
        'zone az1, aggregate nfv, trait CUSTOM_NFV',
        ['nfv-01', 'nfv-02'],
        { MEMORY_MB: 196_608, PCPU: 48, CUSTOM_SRIOV_VF: 12 },
        { VCPU: 64, MEMORY_MB: 770_048, PCPU: 112, CUSTOM_SRIOV_VF: 64 },
      ],
      [
        'zone az2, aggregate nfv, trait CUSTOM_NFV',
        ['nfv-03', 'nfv-04'],
        { MEMORY_MB: 212_992, PCPU: 52, CUSTOM_SRIOV_VF: 10 },
        { VCPU: 64, MEMORY_MB: 770_048, PCPU: 112, CUSTOM_SRIOV_VF: 64 },
      ],
      ['aggregate gpu', ['gpu-01', 'gpu-02', 'gpu-03', 'gpu-04'], { VCPU: 360, MEMORY_MB: 1_474_560, VGPU: 30 }, { VCPU: 1536, MEMORY_MB: 3_096_576, VGPU: 48 }],
    ]);
  });

  it('the VGPU runway drives one GPU purchase in 2028-02 and the plan holds', () => {
    const without = evaluate(parsed.scenario!, { withoutPurchases: true });
    // 30 × 1.02^13 = 38.81 > 0.8 × 48 = 38.4 (month 12: 38.05)
    expect(without.resources.find((r) => r.id === 'compute.vgpu')!.runwayMonths).toBe(13);
    expect(without.resources.find((r) => r.id === 'compute.group.aggregate-gpu.vgpu')!.runwayMonths).toBe(13);
    const buys = plan.procurement!.purchases.map((p) => [p.hardware, p.quantity, p.deliveryMonth]);
    expect(buys).toEqual([['gpu-r760xa', 1, '2028-02']]);
    // with it: 80 VGPU, tolerated 64 in the group too (the bought host joins aggregate gpu)
    expect(plan.months[23]!.resources['compute.group.aggregate-gpu.vgpu']!.capacityTolerated).toBe(64);
    expect(plan.resources.every((r) => r.runwayMonths === null)).toBe(true);
  });

  it('reports the flavor that fits no NUMA cell', () => {
    expect(plan.findings.filter((f) => f.code.startsWith('compute.')).map((f) => [f.code, f.severity, f.subject])).toEqual([
      ['compute.flavor.no_candidate_host', 'warning', 'flavor nfv.huge'],
      ['compute.numa.flavor_exceeds_cell', 'warning', 'flavor nfv.huge / hardware nfv-r760'],
    ]);
  });
});
