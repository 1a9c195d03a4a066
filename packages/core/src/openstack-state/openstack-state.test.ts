/**
 * Placement and Nova responses (test/fixtures/real/cluster-state/openstack, provenance in
 * PROVENANCE.md) -> per-host capacities, each worked by hand with Placement's formula
 * capacity = (total - reserved) x allocation_ratio.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hypervisorInventories, parseFlavors, parseHypervisorsDetail } from './nova.js';
import { parsePlacementInventories, parsePlacementUsages, parseResourceProviders, providerCapacities } from './placement.js';

const OS = join(import.meta.dirname, '../../../../test/fixtures/real/cluster-state/openstack');
const text = (p: string): string => readFileSync(join(OS, p), 'utf8');
const table = (rows: { resourceClass: string; capacity: number; used?: number }[]) => Object.fromEntries(rows.map((r) => [r.resourceClass, [r.capacity, r.used]]));

describe('Placement', () => {
  it('api-ref sample: VCPU (4 - 0) x 16 = 64, MEMORY_MB (5825 - 512) x 1.5 = 7969.5 MiB, DISK_GB (35 - 0) x 1 = 35 GiB', () => {
    const inv = parsePlacementInventories(text('placement-api-ref/get-inventories.json'), 'inv.json');
    const use = parsePlacementUsages(text('placement-api-ref/get-resource_provider_usages.json'), 'use.json');
    expect(inv.diagnostics).toEqual([]);
    expect(inv.data!.generation).toBe(7);
    const r = providerCapacities(inv.data!, use.data!, 'provider', 'use.json');
    // usages: "DISK_GB": 1, "MEMORY_MB": 512, "VCPU": 1
    expect(table(r.classes)).toEqual({ VCPU: [64, 1], MEMORY_MB: [7969.5, 512], DISK_GB: [35, 1] });
    expect(r.classes.find((c) => c.resourceClass === 'MEMORY_MB')!.free).toBe(7457.5); // 7969.5 - 512
    expect(r.diagnostics).toEqual([]);
  });

  it('openstack-exporter provider 1: VCPU 96 x 3 = 288; MEMORY_MB (772447 - 8192) x 1.3 = 993531.5; DISK_GB 2047 x 1.2 = 2456.4', () => {
    const inv = parsePlacementInventories(text('openstack-exporter/resource_provider_1_inventory.json'), 'rp1_inv.json').data!;
    const use = parsePlacementUsages(text('openstack-exporter/resource_provider_1_usage.json'), 'rp1_use.json').data!;
    const r = providerCapacities(inv, use, 'cmp-1-svr8204.localdomain', 'rp1_use.json');
    const t = table(r.classes);
    expect(t.VCPU).toEqual([288, 10]);
    expect(t.MEMORY_MB![0]).toBeCloseTo(993_531.5, 6);
    expect(t.DISK_GB![0]).toBeCloseTo(2_456.4, 9);
    // "DISK_GB": 6969 used > 2456.4: the hand-edited usage is flagged, not hidden
    expect(r.diagnostics.map((d) => [d.code, d.path.join('.')])).toEqual([['openstack.usage.over_capacity', 'usages.DISK_GB']]);
  });

  it('openstack-exporter provider 2 (PCPU, dedicated): PCPU 96 x 1.0 = 96, MEMORY_MB 764255 x 1.0', () => {
    const inv = parsePlacementInventories(text('openstack-exporter/resource_provider_2_inventory.json'), 'rp2.json').data!;
    const t = table(providerCapacities(inv, undefined, 'rp2', 'rp2.json').classes);
    expect(t).toEqual({ MEMORY_MB: [764_255, undefined], DISK_GB: [2047 * 1.2, undefined], PCPU: [96, undefined] });
  });

  it('GET /usages 1.38 (by consumer type) sums the types: VCPU 2 + 2 + 2 = 6, MEMORY_MB 512 x 3 = 1536', () => {
    expect(parsePlacementUsages(text('placement-api-ref/get-usages-1.38.json'), 'u.json').data).toEqual({ VCPU: 6, MEMORY_MB: 1536, DISK_GB: 15 });
  });

  it('resource providers: names and uuids', () => {
    const r = parseResourceProviders(text('openstack-exporter/resource_providers.json'), 'rps.json');
    expect(r.data![0]).toMatchObject({ uuid: 'b985be15-99bf-4baf-9ef7-3ef166cd7f31', name: 'cmp-1-svr8204.localdomain', generation: 20 });
  });

  it('malformed: truncated -> openstack.json.invalid with position; another response -> wrong_response', () => {
    const cut = parsePlacementInventories('{"inventories": {"VCPU": {"total": 4', 'inv.json');
    expect(cut.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['openstack.json.invalid', 1, 37]]); // 36 characters: the end is col 37
    const wrong = parsePlacementInventories(text('placement-api-ref/get-usages.json'), 'inv.json');
    expect(wrong.diagnostics.map((d) => d.code)).toEqual(['openstack.json.wrong_response']);
    expect(wrong.diagnostics[0]!.message).toContain('found keys "usages"');
  });
});

describe('Nova', () => {
  it('devstack hypervisor (real): Placement inventories under Nova defaults, worked by hand', () => {
    const r = parseHypervisorsDetail(text('datadog-devstack/os-hypervisors-detail-limit1000-response.json'), 'hv.json');
    expect(r.diagnostics).toEqual([]);
    const hv = r.data![0]!;
    // "vcpus": 4, "memory_mb": 14990, "local_gb": 96, "vcpus_used": 12, "memory_mb_used": 3584
    expect(hv).toMatchObject({ hostname: 'agent-integrations-openstack-default', vcpus: 4, memoryMiB: 14_990, localDiskGiB: 96, vcpusUsed: 12, memoryUsedMiB: 3584 });
    const { inventories, usages } = hypervisorInventories(hv)!;
    const cap = providerCapacities(inventories, usages, hv.hostname, 'hv.json');
    // VCPU (4 - 0) x 4.0 = 16, used 12; MEMORY_MB (14990 - 512) x 1.0 = 14478, used 3584 - 512 = 3072
    // (memory_mb_used includes reserved_host_memory_mb); DISK_GB (96 - 0) x 1.0 = 96, used 0
    expect(table(cap.classes)).toEqual({ VCPU: [16, 12], MEMORY_MB: [14_478, 3072], DISK_GB: [96, 0] });
    expect(cap.diagnostics).toEqual([]); // 12 vCPUs on 4 CPUs is within the 4.0 ratio
  });

  it('the same host created before 2023.1 keeps initial_cpu_allocation_ratio 16.0: VCPU 4 x 16 = 64', () => {
    const hv = parseHypervisorsDetail(text('datadog-devstack/os-hypervisors-detail-limit1000-response.json'), 'hv.json').data![0]!;
    const { inventories } = hypervisorInventories(hv, {
      cpuAllocationRatio: 16,
      ramAllocationRatio: 1.5,
      diskAllocationRatio: 1,
      reservedHostCpus: 0,
      reservedHostMemoryMiB: 512,
      reservedHostDiskMiB: 0,
    })!;
    expect(inventories.inventories.VCPU!.allocationRatio * inventories.inventories.VCPU!.total).toBe(64);
  });

  it('microversion 2.88: no capacity fields -> a clear message that usage must come from Placement', () => {
    const r = parseHypervisorsDetail(text('nova-api-samples/v2.88-hypervisors-detail-resp.json'), 'hv288.json');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['openstack.usage.absent']);
    expect(r.diagnostics[0]!.message).toContain('host2');
    expect(r.diagnostics[0]!.message).toContain('must come from Placement');
    expect(hypervisorInventories(r.data![0]!)).toBeUndefined();
  });

  it('microversion 2.53: vcpus 2, memory_mb 8192, local_gb 1028 read', () => {
    expect(parseHypervisorsDetail(text('nova-api-samples/v2.53-hypervisors-detail-resp.json'), 'x.json').data![0]).toMatchObject({
      vcpus: 2,
      memoryMiB: 8192,
      localDiskGiB: 1028,
      memoryUsedMiB: 512,
    });
  });

  it('flavors (devstack 2.93): m1.tiny 1 vCPU, 512 MiB, 1 GiB', () => {
    const r = parseFlavors(text('datadog-devstack/flavors-detail-response-2.93.json'), 'fl.json');
    expect(r.data![0]).toEqual({ id: '1', name: 'm1.tiny', vcpus: 1, ramMiB: 512, diskGiB: 1, ephemeralGiB: 0, swapMiB: 0, isPublic: true, disabled: false });
    const older = parseFlavors(text('nova-api-samples/v2.75-flavors-detail-resp.json'), 'fl75.json');
    expect(older.diagnostics).toEqual([]);
    expect(older.data!.length).toBeGreaterThan(0);
  });
});
