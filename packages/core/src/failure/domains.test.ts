import { describe, expect, it } from 'vitest';
import type { Rack } from '../model/scenario.js';
import { analyze, group, handHardware, handScenario, impactOf } from './test-failure.js';

const rack = (name: string, zone: string, extra: Partial<Rack> = {}): Rack => ({ name, zone, heightRu: 42, ...extra });

describe('failure domains of the topology', () => {
  it('hosts, racks, zones (two or more), a ToR pair per rack and feeds A/B by default', () => {
    // 3 compute hosts spread over r1, r2, r3 (zones az1-az3), default switches and feeds
    const r = analyze(handScenario({ nodes: [group('compute', 'cmp-20', 3)] }));
    expect(r.plan.domains.map((d) => d.id)).toEqual([
      'host:compute-01',
      'host:compute-02',
      'host:compute-03',
      'rack:r1',
      'rack:r2',
      'rack:r3',
      'zone:az1',
      'zone:az2',
      'zone:az3',
      'switch:r1-tor-a',
      'switch:r1-tor-b',
      'switch:r2-tor-a',
      'switch:r2-tor-b',
      'switch:r3-tor-a',
      'switch:r3-tor-b',
      'feed:A',
      'feed:B',
    ]);
    // dual-homed by default: a switch cuts nobody off, its rack's host keeps one link
    const sw = r.plan.domains.find((d) => d.id === 'switch:r1-tor-a')!;
    expect([sw.hostsLost, sw.hostsDegraded]).toEqual([[], ['compute-01']]);
    expect(impactOf(r, 'switch:r1-tor-a', 'network')).toMatchObject({ harm: 'none', network: { hostsAttached: 1, hostsLost: 0, hostsDegraded: 1, source: 'default' } });
    // feed A is every rack's: all 3 hosts keep feed B
    expect(impactOf(r, 'feed:A', 'power')!.power).toMatchObject({ hostsAttached: 3, hostsLost: 0, hostsDegraded: 3 });
    expect(r.plan.assumptions.some((a) => a.includes('bonded to all of its rack'))).toBe(true);
    // defaults of the failure policy
    expect(r.plan.policy).toEqual({ tolerate: { hosts: 0, racks: 0, zones: 0, switches: 1, feeds: 1 }, maintenance: { hosts: 0, roles: ['control', 'compute', 'storage'] } });
  });

  it('one zone only: no zone domain (losing it is losing the cloud)', () => {
    const r = analyze(handScenario({ racks: [rack('r1', 'az1'), rack('r2', 'az1')], nodes: [group('compute', 'cmp-20', 2)] }));
    expect(r.plan.domains.some((d) => d.kind === 'zone')).toBe(false);
  });

  it('a rack with one switch: losing it cuts the rack off (failure.network.cut_off), and that counts as losing its hosts', () => {
    // 3 controllers, one per rack; r1 has a single ToR. Losing it cuts control-01 off: 2 of 3 left, quorum kept.
    const s = handScenario({
      racks: [rack('r1', 'az1', { switches: ['tor-1'] }), rack('r2', 'az2'), rack('r3', 'az3')],
      nodes: [group('control', 'ctl-r660', 3)],
    });
    const r = analyze(s);
    const d = r.plan.domains.find((x) => x.id === 'switch:tor-1')!;
    expect(d).toMatchObject({ tolerated: true, hostsLost: ['control-01'], hostsDegraded: [] });
    const net = impactOf(r, 'switch:tor-1', 'network')!;
    expect(net.harms.map((h) => [h.code, h.harm, h.severity])).toEqual([['failure.network.cut_off', 'degraded', 'warning']]);
    expect(impactOf(r, 'switch:tor-1', 'control')!.control).toMatchObject({ controllersLost: 1, galeraPrimary: true });
  });

  it('a switch shared by two racks (same name) is one domain; a host on a shared single switch is cut off with the other rack', () => {
    const s = handScenario({
      racks: [rack('r1', 'az1', { switches: ['eor-a'] }), rack('r2', 'az2', { switches: ['eor-a'] }), rack('r3', 'az3')],
      nodes: [group('control', 'ctl-r660', 3)],
    });
    const r = analyze(s);
    // control-01 (r1) and control-02 (r2) hang on eor-a alone: losing it takes 2 of 3: quorum lost
    expect(r.plan.domains.find((x) => x.id === 'switch:eor-a')!.hostsLost).toEqual(['control-01', 'control-02']);
    expect(impactOf(r, 'switch:eor-a', 'control')!.harms.map((h) => [h.code, h.severity])).toEqual([['failure.control.quorum_lost', 'error']]);
  });

  it('a single-feed rack loses power with that feed; dual-fed racks keep the other', () => {
    const s = handScenario({
      racks: [rack('r1', 'az1', { powerFeeds: ['A'] }), rack('r2', 'az2'), rack('r3', 'az3')],
      nodes: [group('compute', 'cmp-20', 3)],
    });
    const r = analyze(s);
    const a = impactOf(r, 'feed:A', 'power')!;
    expect(a.power).toMatchObject({ hostsAttached: 3, hostsLost: 1, hostsDegraded: 2 });
    expect(a.harms.map((h) => [h.code, h.severity])).toEqual([['failure.power.unpowered', 'warning']]);
    expect(r.plan.domains.find((x) => x.id === 'feed:A')!.hostsLost).toEqual(['compute-01']);
  });

  it('maintenance drains the largest hosts of each touched role that are not lost; a maintenance domain when > 0', () => {
    const s = handScenario({ nodes: [group('control', 'ctl-r660', 3), group('compute', 'cmp-20', 3)] });
    s.policy.maintenance = { hosts: 1, roles: ['compute'] };
    const r = analyze(s);
    // losing compute-01 drains the first other compute host (all equal: host order)
    expect(r.plan.domains.find((d) => d.id === 'host:compute-01')!.hostsDrained).toEqual(['compute-02']);
    // control is not a maintenance role here: losing a controller drains nothing
    expect(r.plan.domains.find((d) => d.id === 'host:control-01')!.hostsDrained).toEqual([]);
    expect(r.plan.domains.find((d) => d.kind === 'maintenance')).toMatchObject({ id: 'maintenance:maintenance', tolerated: true, hostsLost: [], hostsDrained: ['compute-01'] });
  });

  it('policy.tolerate.hosts 2: the 2 largest hosts of each role at once, tolerated', () => {
    const s = handScenario({ nodes: [group('compute', 'cmp-20', 2), group('compute', 'cmp-r760', 1, { namePrefix: 'big' })] });
    s.policy.tolerate = { hosts: 2, racks: 0 };
    const r = analyze(s);
    // big-01 (cmp-r760: 128 vCPU) is larger than the cmp-20 hosts (20 vCPU): big-01 and compute-01
    expect(r.plan.domains.find((d) => d.kind === 'hosts')).toMatchObject({ id: 'hosts:2 compute hosts', tolerated: true, hostsLost: ['compute-01', 'big-01'] });
  });

  it('policy.tolerate.hosts 2 on a mixed compute fleet: a group per distinct set of the 2 hosts with the most of a class', () => {
    // cmp-20: 20 VCPU, 20,480 MiB. wide (cmp-20 with 2 sockets, 10 GiB): 40 VCPU, 10,240 MiB.
    const hw = handHardware();
    hw.wide = { ...hw['cmp-20']!, name: 'wide', cpu: { ...hw['cmp-20']!.cpu, sockets: 2 }, memory: { sizeBytes: 10 * 2 ** 30, ecc: true } };
    const s = handScenario({ hardware: hw, nodes: [group('compute', 'cmp-20', 2), group('compute', 'wide', 2, { namePrefix: 'wide' })] });
    s.policy.tolerate = { hosts: 2, racks: 0 };
    const r = analyze(s);
    // VCPU: wide-01 + wide-02 = 80 of 120 (the first group, largest first by VCPU);
    // MEMORY_MB: compute-01 + compute-02 = 40,960 of 61,440 MiB, another set: its own group.
    expect(r.plan.domains.filter((d) => d.kind === 'hosts').map((d) => [d.id, d.hostsLost])).toEqual([
      ['hosts:2 compute hosts', ['wide-01', 'wide-02']],
      ['hosts:2 compute hosts by MEMORY_MB', ['compute-01', 'compute-02']],
    ]);
  });
});
