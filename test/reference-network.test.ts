/**
 * The reference scenarios' network plans, worked by hand from their YAML comments (not from
 * the code's output): both pass every network check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario } from '../packages/core/src/index.js';

const planOf = (file: string) => evaluate(parseScenario(readFileSync(join(import.meta.dirname, '../scenarios', file), 'utf8')).scenario!);

describe('the reference scenarios carry a full network plan that passes', () => {
  for (const file of ['reference-pilot.yaml', 'regional-cloud.yaml']) {
    it(`${file}: a network plan for every role, no network finding`, () => {
      const plan = planOf(file);
      expect(new Set(plan.network!.roles.map((r) => r.role))).toEqual(new Set(['control', 'compute', 'storage', 'deploy']));
      expect(plan.findings.filter((f) => f.code.startsWith('network.'))).toEqual([]);
    });
  }
});

describe('reference pilot network, by hand', () => {
  const plan = planOf('reference-pilot.yaml');
  const n = plan.network!;

  it('every 2 x 25 Gbit/s 802.3ad bond: 50 aggregate, 25 for one flow, 25 after a link loss', () => {
    const bonds = n.roles.filter((r) => r.role !== 'deploy').flatMap((r) => r.links.filter((l) => l.kind === 'bond'));
    expect(bonds).toHaveLength(6); // 3 roles x bond0, bond1
    for (const b of bonds) expect([b.aggregateBitsPerSecond, b.singleFlowBitsPerSecond, b.afterLinkLossBitsPerSecond]).toEqual([50e9, 25e9, 25e9]);
  });

  it('mgmt: node range .11-.200 = 190 addresses for 10 hosts; tunnel for 6 (control + compute)', () => {
    const usage = Object.fromEntries(n.addressUsage.map((u) => [u.network, u]));
    expect(usage.mgmt).toMatchObject({ nodeCapacity: 190, exhaustedMonth: null });
    expect(usage.mgmt!.nodesByMonth[23]).toBe(10);
    expect(usage.tunnel!.nodesByMonth[0]).toBe(6);
  });

  it('Geneve underlay: 9000 >= 1500 + 58; floating IPs 40 -> 71 at 2028-12 in a pool of 231', () => {
    expect(n.networks.find((x) => x.name === 'tunnel')!.overlay).toEqual({ protocol: 'geneve', overheadBytes: 58, tenantMtuBytes: 1500 });
    expect(n.floatingIps).toMatchObject({ poolAddresses: 231, exhaustedMonth: null }); // .250 - .20 + 1
    expect(n.floatingIps!.demandByMonth[23]).toBe(71); // ceil(40 x 1.025^23 = 70.58)
  });

  it('Ceph replication 2 x (3 - 1) / 2 = 2 Gbit/s per storage host, 3.53 Gbit/s (7.1 % of 50) by 2028-12; recovery 50 x 2 = 100 Gbit/s', () => {
    const repl = n.traffic.find((t) => t.role === 'storage' && t.link === 'bond1')!;
    expect(repl.perNetwork).toEqual([{ network: 'ceph-cluster', inBitsPerSecond: 2e9, outBitsPerSecond: 2e9 }]);
    expect(repl.demandByMonthBitsPerSecond[23]! / 1e9).toBeCloseTo(3.529, 3); // 2 x 1.7646
    expect(repl.peakUtilisation!).toBeCloseTo(0.0706, 4);
    expect(n.cephRecovery).toEqual({ network: 'ceph-cluster', link: 'bond1', perHostBitsPerSecond: 50e9, survivingHosts: 2, totalBitsPerSecond: 100e9 });
  });

  it('rack r1 tor-a: 3 x 50 + 25 = 175 Gbit/s on 200 Gbit/s of uplinks = 0.875:1', () => {
    expect(n.oversubscription.find((o) => o.switch === 'tor-a' && o.rack === 'r1')).toMatchObject({ downlinkBitsPerSecond: 175e9, uplinkBitsPerSecond: 200e9, ratio: 0.875 });
  });
});

describe('regional cloud network, by hand', () => {
  const plan = planOf('regional-cloud.yaml');
  const n = plan.network!;

  it('mgmt /23: 510 - 1 - 8 - 1 = 500 addresses for 52 hosts; floating IPs: 999 in the pool, 826 needed by 2028-12', () => {
    const mgmt = n.addressUsage.find((u) => u.network === 'mgmt')!;
    expect([mgmt.nodeCapacity, mgmt.nodesByMonth[0]]).toEqual([500, 52]);
    expect(n.floatingIps!.poolAddresses).toBe(999);
    expect(n.floatingIps!.demandByMonth[23]).toBe(826); // ceil(300 x 1.045^23 = 825.7)
  });

  it('replication 10 x 2 / 7 = 2.857 Gbit/s per storage host, 15.7 % of 50 by 2028-12; recovery 50 x 7 = 350 Gbit/s; r1 at 2.5:1', () => {
    const repl = n.traffic.find((t) => t.role === 'storage' && t.link === 'bond1')!;
    expect(repl.perNetwork[0]!.outBitsPerSecond / 1e9).toBeCloseTo(2.857, 3);
    expect(repl.peakUtilisation!).toBeCloseTo(0.1573, 4); // 2.857 x 2.7522 / 50
    expect(n.replicationFanOut).toEqual({ factor: 2, pool: 'volumes' }); // size 3 beats EC 4+2's 1.25
    expect(n.cephRecovery!.totalBitsPerSecond).toBe(350e9);
    expect(n.oversubscription.find((o) => o.switch === 'tor-a' && o.rack === 'r1')!.ratio).toBe(2.5); // 10 x 50 / 200
  });
});
