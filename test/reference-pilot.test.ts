/**
 * The reference pilot's headline numbers, worked by hand from scenarios/reference-pilot.yaml
 * (not from the code's output). Sources: Placement capacity = (total - reserved) x ratio
 * (placement/objects/resource_provider.py); Ceph raw used rate = size (OSDMap.cc); MAX AVAIL
 * (PGMap::get_rule_avail); the pg_autoscaler (pg_autoscaler/module.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario } from '../packages/core/src/index.js';

const text = readFileSync(join(import.meta.dirname, '../scenarios/reference-pilot.yaml'), 'utf8');
const plan = evaluate(parseScenario(text).scenario!);
const res = (id: string) => plan.resources.find((r) => r.id === id)!;

describe('reference pilot, by hand', () => {
  it('10 hosts: 3 control, 3 compute, 3 storage, 1 deploy', () => {
    const byRole = (role: string) => plan.hosts.filter((h) => h.role === role).length;
    expect([byRole('control'), byRole('compute'), byRole('storage'), byRole('deploy')]).toEqual([3, 3, 3, 1]);
  });

  it('Placement inventories of one Dell R760 (2 x Xeon Gold 6530, 512 GiB)', () => {
    const inv = Object.fromEntries(plan.compute.hosts[0]!.inventories.map((i) => [i.resourceClass, i]));
    // VCPU: total 2 x 32 x 2 = 128, reserved_host_cpus 4, ratio 4.0 -> (128 - 4) x 4 = 496
    expect(inv.VCPU).toMatchObject({ total: 128, reserved: 4, allocationRatio: 4, capacity: 496, maxUnit: 128 });
    // MEMORY_MB: 512 x 1024 = 524,288 MiB, reserved 16 GiB = 16,384 MiB, ratio 1.0 -> 507,904
    expect(inv.MEMORY_MB).toMatchObject({ total: 524_288, reserved: 16_384, capacity: 507_904 });
    // ephemeral on Ceph: no DISK_GB planned from compute hosts
    expect(inv.DISK_GB).toBeUndefined();
    expect(plan.compute.diskNote).toBeDefined();
  });

  it('compute totals, N+1, month-0 demand', () => {
    expect(plan.compute.totalCapacity).toEqual({ VCPU: 1488, MEMORY_MB: 1_523_712 }); // 3 x 496; 3 x 507,904
    expect(plan.compute.toleratedCapacity).toEqual({ VCPU: 992, MEMORY_MB: 1_015_808 }); // 2 hosts left
    // vCPU 40x1 + 30x2 + 14x4 + 4x8 = 188; RAM 40x2 + 30x4 + 14x8 + 4x16 = 376 GiB = 385,024 MiB
    expect(plan.compute.demandMonth0).toEqual({ VCPU: 188, MEMORY_MB: 385_024 });
    // one mix copy = (188 vCPU, 385,024 MiB) / 88 instances; memory fits 1,523,712 / 4,375.27 = 348.25
    expect(plan.compute.bottleneck).toBe('MEMORY_MB');
    expect(plan.compute.mixInstancesFit).toBe(348);
  });

  it('memory at month 23 is 66.9 % of the N+1 capacity: the pilot holds', () => {
    const last = plan.months[23]!.resources['compute.memory']!;
    // 1.025^23 = 1.7646107; 385,024 x 1.7646107 = 679,417.46 MiB; / 1,015,808 = 0.66884
    expect(last.demand).toBeCloseTo(679_417.46, 1);
    expect(last.utilisationTolerated!).toBeCloseTo(0.6688, 3);
    expect(res('compute.memory').runwayMonths).toBeNull();
    expect(plan.bottleneck).toBeNull();
  });

  it('Ceph: raw 184.32 TB, one raw space for the four pools; a lost OSD, not a lost host, limits it; the fullest OSD at 1 + 5/80', () => {
    expect(plan.storage.rawBytes).toBe(184.32e12); // 3 hosts x 8 x 7.68 TB
    expect(plan.storage.toleratedRawBytes).toBe(122.88e12); // 2 hosts x 8 x 7.68 TB (the global view)
    const volumes = plan.storage.ceph!.pools.find((p) => p.name === 'volumes')!;
    expect(volumes.rawUsedRate).toBe(3);
    expect(volumes.usableBytes).toBe(61.44e12); // 184.32 / 3: the whole rule's, shared by the four pools
    expect(volumes.nearfullUsableBytes).toBe(52.224e12); // x 0.85
    // 3 hosts for 3 copies: a lost host moves nothing (2 copies stay, no 4th host to heal onto).
    // A lost 7.68 TB OSD leaves its host 7 x 7.68 = 53.76 TB for a full copy:
    // 3 x 53.76 = 161.28 TB raw re-protectable; / 3 = 53.76 TB (storage/reprotect.ts)
    expect(volumes.toleratedUsableBytes).toBe(53.76e12);
    const c = plan.storage.ceph!.pools.find((p) => p.name === 'volumes')!;
    expect(c.limitedBy).toBe('one 7.68 TB OSD of storage-01');
    // pg_autoscaler: 24 OSDs x 100 = 2,400 PGs; 0.55 x 2400 / 3 = 440 -> 512 (pg-autoscaler.test.ts)
    expect(plan.storage.ceph!.pools.map((p) => p.pgNum)).toEqual([512, 64, 32, 32]);
    // The rule set: PG replicas (512 + 64 + 32 + 32) x 3 / 24 = 80 per OSD; fullest factor 1 + 5/80 = 1.0625.
    // Safe raw = 161.28 x 0.90 / 1.0625 = 136.6136 TB; raw used (8 + 2 + 1 + 1.2) x 3 = 36.6 TB.
    const set = plan.storage.ceph!.ruleSets[0]!;
    expect(set).toMatchObject({
      resource: 'storage.rule.replicated_rule',
      rules: ['replicated_rule'],
      reprotectableRawBytes: 161.28e12,
      fullestOsd: { factor: 1.0625, source: 'upmap balancer', pgReplicasPerOsd: 80, maxDeviationPgs: 5 },
    });
    expect(set.safeRawBytes).toBe(Math.round((161.28e12 * 0.9) / 1.0625));
    expect(set.rawUsedBytesMonth0).toBeCloseTo(36.6e12, 0);
    // volumes alone, the others keeping their 12.6 TB raw: (136.6136 - 12.6) / 3 = 41.3379 TB
    expect(c.safeUsableBytes / 1e12).toBeCloseTo(41.3379, 4);
    // ceph df at month 0, the fullest OSD at 36.6 / 184.32 x 1.0625 = 21.1 %: (0.95 - 0.2109778) x 184.32 / 3 = 45.4055 TB
    // (46.168 TB with every OSD at the mean, formulas.md)
    expect(c.maxAvailBytes / 1e12).toBeCloseTo(45.4055, 4);
    // t=23: 36.6 x 1.025^23 = 64.585 TB raw of 136.614 TB safe raw = 47.3 %: the pilot holds
    const last = plan.months[23]!.resources['storage.rule.replicated_rule']!;
    expect(last.demand / last.thresholdLevel).toBeCloseTo((36.6 * 1.7646107) / 136.613647, 4);
    expect(res('storage.rule.replicated_rule').runwayMonths).toBeNull();
  });

  it('findings: quorum of 3 holds; 3 hosts cannot re-protect a size-3 pool', () => {
    // Ceph monitors by default on the 3 controllers: quorum floor(3/2) + 1 = 2, 1 tolerated
    expect(plan.controlPlane).toEqual({
      controllers: 3,
      quorum: 2,
      toleratedFailures: 1,
      monitors: { role: 'control', hosts: ['control-01', 'control-02', 'control-03'], quorum: 2, toleratedFailures: 1 },
    });
    const codes = plan.findings.map((f) => f.code);
    expect(codes.filter((c) => c === 'ceph.pool.cannot_self_heal')).toHaveLength(4);
    expect(plan.summary.error).toBe(0);
  });
});

describe('reference pilot: Ceph recovery uses the network plan', () => {
  it('the replication link is ceph-cluster on bond1: 2 x 25 Gbit/s 802.3ad = 50 Gbit/s per storage host', () => {
    expect(plan.storage.ceph!.recovery.bandwidthSource).toBe('the network plan: ceph-cluster on bond1, 50 Gbit/s per storage host');
    const [osd, host] = plan.storage.ceph!.recovery.cases;
    // a lost OSD is refilled by its own host's other OSDs: one receiving host, 50 Gbit/s
    expect(osd).toMatchObject({ failure: 'osd', networkBitsPerSecond: 50e9 });
    // a lost host: the 2 surviving hosts receive, 2 x 50 = 100 Gbit/s (and with 3 hosts for 3 copies it cannot re-protect)
    expect(host).toMatchObject({ failure: 'host', networkBitsPerSecond: 100e9, reprotectable: false });
  });
});
