import { describe, expect, it } from 'vitest';
import type { HardwareModel } from '../model/scenario.js';
import { expandHosts } from '../fleet/hosts.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { scenarioJsonSchema } from '../scenario/json-schema.js';
import { checkHardware, checkRoles, daemonLoad, REQUIREMENT_KEYS, requirementKey, withDaemons } from './requirements.js';

const GIB = 2 ** 30;
const hw = baseHardware();
const status = (checks: { requirement: string; status: string }[]) => Object.fromEntries(checks.map((c) => [c.requirement, c.status]));

describe('role requirements', () => {
  it('controller ctl-r660 passes the control requirements', () => {
    const req = makeScenario().requirements.control;
    const checks = checkHardware('control', hw['ctl-r660']!, req);
    expect(status(checks)).toEqual({
      requireEcc: 'pass',
      requireNvmeDatabase: 'pass',
      minPhysicalCores: 'pass', // 2 × 32 = 64 >= 16
      minMemoryBytes: 'pass', // 256 GiB >= 64 GiB
      minNicPorts: 'pass', // 2 + 2 = 4 >= 2
    });
    const mem = checks.find((c) => c.requirement === 'minMemoryBytes')!;
    expect(mem).toMatchObject({ expected: '≥ 64 GiB', actual: '256 GiB', evidence: 'hardware.ctl-r660.memory.size' });
    expect(mem.source).toContain('production guidance: controllers 16+ cores, 64-128 GB RAM');
    expect(checks.find((c) => c.requirement === 'minPhysicalCores')!.actual).toBe('64 physical cores (2 × 32)');
  });

  it('ECC: true pass, false fail, unknown is never a pass', () => {
    const with_ = (ecc: HardwareModel['memory']['ecc']) => checkHardware('compute', { ...hw['cmp-r760']!, memory: { sizeBytes: 512 * GIB, ecc } }, { requireEcc: true })[0]!;
    expect(with_(true).status).toBe('pass');
    expect(with_(false)).toMatchObject({ status: 'fail', actual: 'non-ECC', evidence: 'hardware.cmp-r760.memory.ecc' });
    expect(with_('unknown')).toMatchObject({ status: 'unknown', actual: 'unknown' });
  });

  it('virtualization: vt-x / amd-v pass, none fail, unknown unknown', () => {
    const v = (virtualization: HardwareModel['cpu']['virtualization']) =>
      checkHardware('compute', { ...hw['cmp-r760']!, cpu: { ...hw['cmp-r760']!.cpu, virtualization } }, { requireVirtualization: true })[0]!;
    expect(v('vt-x').status).toBe('pass');
    expect(v('amd-v').status).toBe('pass');
    expect(v('none').status).toBe('fail');
    expect(v('unknown').status).toBe('unknown');
    expect(v('none').source).toContain('hypervisor-kvm.html');
    expect(v('none').evidence).toBe('hardware.cmp-r760.cpu.virtualization');
  });

  it('NVMe database disk: nvme pass; ssd or missing fail', () => {
    const db = (disks: HardwareModel['disks']) => checkHardware('control', { ...hw['ctl-r660']!, disks }, { requireNvmeDatabase: true })[0]!;
    expect(db([{ count: 2, sizeBytes: 3.84e12, kind: 'nvme', use: 'database' }]).status).toBe('pass');
    expect(db([{ count: 2, sizeBytes: 3.84e12, kind: 'ssd', use: 'database' }])).toMatchObject({ status: 'fail', actual: '2 × 3.84 TB ssd' });
    expect(db([{ count: 2, sizeBytes: 960e9, kind: 'nvme', use: 'os' }])).toMatchObject({ status: 'fail', actual: 'no database disk' });
  });

  it('memory per OSD: OSDs × osd_memory_target', () => {
    // sto-r760xd2: 10 OSDs × 4 GiB = 40 GiB <= 128 GiB: pass
    const ok = checkHardware('storage', hw['sto-r760xd2']!, { memoryPerOsdBytes: 4 * GIB })[0]!;
    expect(ok).toMatchObject({ status: 'pass', expected: '≥ 40 GiB (10 OSDs × 4 GiB osd_memory_target)', actual: '128 GiB' });
    expect(ok.evidence).toContain('osd_memory_target');
    // 24 OSDs × 4 GiB = 96 GiB > 64 GiB: fail
    const dense: HardwareModel = { ...hw['sto-r760xd2']!, memory: { sizeBytes: 64 * GIB, ecc: true }, disks: [{ count: 24, sizeBytes: 8e12, kind: 'hdd', use: 'osd' }] };
    expect(checkHardware('storage', dense, { memoryPerOsdBytes: 4 * GIB })[0]).toMatchObject({
      status: 'fail',
      expected: '≥ 96 GiB (24 OSDs × 4 GiB osd_memory_target)',
      actual: '64 GiB',
    });
  });

  it('minimums fail below the requirement', () => {
    const small = hw['small-r250']!; // 1 × 4 cores, 32 GiB, 2 NIC ports
    const checks = checkHardware('control', small, { minPhysicalCores: 16, minMemoryBytes: 64 * GIB, minNicPorts: 4 });
    expect(checks.map((c) => [c.requirement, c.status, c.expected, c.actual])).toEqual([
      ['minPhysicalCores', 'fail', '≥ 16 physical cores', '4 physical cores (1 × 4)'],
      ['minMemoryBytes', 'fail', '≥ 64 GiB', '32 GiB'],
      ['minNicPorts', 'fail', '≥ 4 NIC ports', '2 NIC ports'],
    ]);
  });

  it('checkRoles: one check set per (role, hardware) pair, failures and unknowns become findings', () => {
    const h = baseHardware();
    h['cmp-r760']!.memory.ecc = 'unknown';
    h['ctl-r660']!.disks = [{ count: 2, sizeBytes: 960e9, kind: 'ssd', use: 'database' }];
    const s = makeScenario({ hardware: h });
    const r = checkRoles(s, expandHosts(s).hosts);
    const ecc = r.checks.find((c) => c.role === 'compute' && c.requirement === 'requireEcc')!;
    expect(ecc.hosts).toEqual(['compute-01', 'compute-02', 'compute-03']);
    expect(r.findings.map((f) => [f.code, f.severity, f.subject])).toEqual([
      ['role.requirement_failed', 'error', 'role control / hardware ctl-r660'],
      ['role.requirement_unknown', 'warning', 'role compute / hardware cmp-r760'],
    ]);
  });
});

describe('requirement messages name the YAML key', () => {
  it('a controller with 32 GiB against minMemory 64 GiB: "does not meet minMemory", not minMemoryBytes', () => {
    const h = baseHardware();
    h['ctl-r660']!.memory = { sizeBytes: 32 * 2 ** 30, ecc: true };
    const s = makeScenario({ hardware: h });
    const r = checkRoles(s, expandHosts(s).hosts);
    const mem = r.findings.find((f) => f.code === 'role.requirement_failed' && f.message.includes('minMemory'))!;
    expect(mem.message).toContain('does not meet minMemory for role control');
    expect(mem.message).not.toContain('minMemoryBytes');
  });

  it('every normalized field maps to a key of the scenario schema', () => {
    expect(requirementKey('minMemoryBytes')).toBe('minMemory');
    expect(requirementKey('minNicSpeedBitsPerSecond')).toBe('minNicSpeed');
    expect(requirementKey('memoryPerOsdBytes')).toBe('memoryPerOsd');
    expect(requirementKey('osdMemoryBaseBytes')).toBe('osdMemoryBase');
    expect(requirementKey('minMemoryPerCoreBytes')).toBe('minMemoryPerCore');
    type Props = { properties: Record<string, Props> };
    const schemaKeys = Object.keys((scenarioJsonSchema() as unknown as Props).properties.requirements!.properties.control!.properties);
    expect(Object.values(REQUIREMENT_KEYS).sort()).toEqual(schemaKeys.sort());
  });
});

describe('role requirement overrides in a scenario', () => {
  it('the new requirement keys parse with their units and replace the defaults', async () => {
    const { parseScenario } = await import('../scenario/parse.js');
    const { DEFAULT_REQUIREMENTS } = await import('../model/requirements.js');
    const text = `schemaVersion: 1
name: r
start: 2027-01
hardware:
  h: { model: M, heightRu: 1, cpu: { model: C, sockets: 1, coresPerSocket: 8, threadsPerCore: 2 }, memory: { size: 64 GiB } }
nodes:
  - { role: compute, hardware: h, count: 1 }
requirements:
  compute: { minMemoryPerCore: 8 GiB, minNicSpeed: 25 Gbit/s }
  storage: { osdMemoryBase: 32 GiB, minCoresPerOsd: 2, minWalDbFlashRatio: 0.04 }
`;
    const r = parseScenario(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.scenario!.requirements.compute).toEqual({ ...DEFAULT_REQUIREMENTS.compute, minMemoryPerCoreBytes: 8 * GIB, minNicSpeedBitsPerSecond: 25e9 });
    expect(r.scenario!.requirements.storage).toEqual({ ...DEFAULT_REQUIREMENTS.storage, osdMemoryBaseBytes: 32 * GIB, minCoresPerOsd: 2, minWalDbFlashRatio: 0.04 });
    // a bare number where a speed belongs names the unit
    const bad = parseScenario(text.replace('minNicSpeed: 25 Gbit/s', 'minNicSpeed: 25'));
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['schema.missing_unit']);
  });

  it('defaults: the compute host of the base scenario passes RAM per core (512 GiB / 64 cores = 8 GiB) and NIC speed (2 × 25G)', () => {
    const checks = checkHardware('compute', hw['cmp-r760']!, { minNicPorts: 2, minMemoryPerCoreBytes: 4 * GIB, minNicSpeedBitsPerSecond: 10e9 });
    expect(checks.map((c) => [c.requirement, c.status, c.actual])).toEqual([
      ['minNicPorts', 'pass', '2 NIC ports'],
      ['minMemoryPerCoreBytes', 'pass', '8 GiB per core (512 GiB / 64 cores)'],
      ['minNicSpeedBitsPerSecond', 'pass', '2 ports at ≥ 10 Gbit/s (2 × 25 Gbit/s)'],
    ]);
  });

  it('the OSD memory base adds to OSDs × osd_memory_target: 16 + 10 × 4 = 56 GiB <= 128 GiB', () => {
    const c = checkHardware('storage', hw['sto-r760xd2']!, { memoryPerOsdBytes: 4 * GIB, osdMemoryBaseBytes: 16 * GIB })[0]!;
    expect(c).toMatchObject({ status: 'pass', expected: '≥ 56 GiB (16 GiB base + 10 OSDs × 4 GiB osd_memory_target)', actual: '128 GiB' });
  });
});

describe('Ceph daemons in the role checks', () => {
  // Defaults on 3 controllers: ceph-mon on control-01..03 (2 GiB, 1 core), ceph-mgr on
  // control-01..02 (4 GiB, 1 core): the heaviest controller runs both, 2 + 4 = 6 GiB, 1 + 1 = 2 cores.
  it('control: 64 GiB + 6 GiB = 70 GiB and 16 + 2 = 18 cores', () => {
    const s = makeScenario();
    const { checks } = checkRoles(s, expandHosts(s).hosts);
    const mem = checks.find((c) => c.role === 'control' && c.requirement === 'minMemoryBytes')!;
    const cores = checks.find((c) => c.role === 'control' && c.requirement === 'minPhysicalCores')!;
    expect(mem.expected).toBe('≥ 70 GiB, including ceph-mon 2 GiB + ceph-mgr 4 GiB (ceph.daemons)');
    expect(cores.expected).toBe('≥ 18 physical cores, including ceph-mon 1 + ceph-mgr 1 (ceph.daemons)');
    expect(mem.source).toContain('hardware-recommendations');
    expect(mem.status).toBe('pass'); // ctl-r660: 256 GiB, 64 cores
  });
  it('withDaemons grows the OS base of an OSD host when the monitors run on storage', () => {
    const load = daemonLoad(
      {
        mon: { role: 'storage', count: 3, memoryBytes: 2 * GIB, cores: 1 },
        mgr: { role: 'storage', count: 0, memoryBytes: 4 * GIB, cores: 1 },
        mds: { role: 'storage', count: 0, memoryBytes: 8 * GIB, cores: 2 },
        rgw: { role: 'storage', count: 1, memoryBytes: 4 * GIB, cores: 1 },
      },
      { mon: ['s1', 's2', 's3'], mgr: [], mds: [], rgw: ['s1'] },
      ['s1', 's2', 's3'],
    );
    expect(load).toEqual({ kinds: ['mon', 'rgw'], memoryBytes: 6 * GIB, cores: 2 }); // s1: 2 + 4 GiB, 1 + 1 core
    // storage: 16 GiB base + 6 GiB = 22 GiB besides the OSDs; 8 + 2 = 10 cores
    expect(withDaemons({ minPhysicalCores: 8, memoryPerOsdBytes: 4 * GIB, osdMemoryBaseBytes: 16 * GIB }, load)).toEqual({
      minPhysicalCores: 10,
      memoryPerOsdBytes: 4 * GIB,
      osdMemoryBaseBytes: 22 * GIB,
    });
  });
});
