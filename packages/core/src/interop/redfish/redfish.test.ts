/**
 * Redfish: DMTF's public rack-mount mockup (test/fixtures/real/redfish, values read by hand
 * from its files: line numbers in the comments), expanded and imported; role checks on it
 * and on the derived copy with virtualization enabled and 25 Gbit/s NICs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFacts } from '../../hardware/checks.js';
import { importInventory } from '../../hardware/import/detect.js';
import { DEFAULT_REQUIREMENTS } from '../../model/requirements.js';
import type { Obj } from '../common.js';
import { expandRedfishSystem, redfishFacts } from './import.js';

const root = join(import.meta.dirname, '../../../../..');
const mockup = join(root, 'test/fixtures/real/redfish/dmtf-public-rackmount1');
const derived = (f: string) => readFileSync(join(root, 'test/fixtures/interop/redfish', f), 'utf8');
const GIB = 2 ** 30;

function resources(): Map<string, Obj> {
  const out = new Map<string, Obj>();
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n === 'index.json') {
        const v = JSON.parse(readFileSync(p, 'utf8')) as Obj;
        out.set(String(v['@odata.id']), v);
      }
    }
  };
  walk(mockup);
  return out;
}

describe('DMTF public-rackmount1 system 437XR1138R2', () => {
  const res = resources();
  const sys = expandRedfishSystem(res, '/redfish/v1/Systems/437XR1138R2')!;
  const { facts, diagnostics } = redfishFacts(sys, 'rf.json');

  it('reads the 19 resources of the copy', () => {
    expect(res.size).toBe(19);
  });

  it('CPU: CPU1 only (CPU2 is Absent, FPGA1 is not a CPU): 1 socket x 8 cores, 16 threads', () => {
    // Processors/CPU1/index.json:32-33 TotalCores 8, TotalThreads 16; CPU2:8 State Absent
    expect(facts.cpu.sockets).toMatchObject({ known: true, value: 1 });
    expect(facts.cpu.coresPerSocket).toMatchObject({ known: true, value: 8 });
    expect(facts.cpu.threadsPerCore).toMatchObject({ known: true, value: 2 });
    expect(facts.cpu.logicalCpus).toMatchObject({ known: true, value: 16 });
    expect(facts.cpu.model).toMatchObject({ value: 'Multi-Core Intel(R) Xeon(R) processor 7xxx Series' });
    expect(facts.cpu.guest).toMatchObject({ known: true, value: false }); // SystemType Physical
  });

  it('the summary counts 2 processors (index.json:75): reported, not used', () => {
    expect(diagnostics.map((d) => d.code)).toEqual(['redfish.inconsistent']);
    expect(diagnostics[0]!.message).toContain('ProcessorSummary.Count 2');
  });

  it("memory: DIMM1-3 of 32768 MiB (DIMM4 Absent) = 96 GiB, the summary's TotalSystemMemoryGiB 96; MultiBitECC", () => {
    expect(facts.memory.installedBytes).toMatchObject({ known: true, value: 3 * 32768 * 2 ** 20 });
    expect(facts.memory.installedBytes.known && facts.memory.installedBytes.value / GIB).toBe(96);
    expect(facts.memory.ecc).toMatchObject({ known: true, value: true });
    expect(facts.memory.eccType).toMatchObject({ value: 'MultiBitECC' });
  });

  it('disks: SimpleStorage 8e12 and 4e12 bytes, kind unknown (no media type); NICs: the two Physical ones at 1 Gbit/s', () => {
    expect(facts.disks.known && facts.disks.value.map((d) => [d.sizeBytes.known && d.sizeBytes.value, d.kind.known])).toEqual([
      [8e12, false],
      [4e12, false],
    ]);
    expect(facts.nics.known && facts.nics.value.map((n) => [n.name, n.speedBitsPerSecond.known && n.speedBitsPerSecond.value])).toEqual([
      ['12446A3B0411', 1e9],
      ['12446A3B8890', 1e9],
    ]);
  });

  it('virtualization unknown: the BIOS attributes have no virtualization switch', () => {
    expect(facts.cpu.virtualization.known).toBe(false);
    expect(facts.cpu.virtualization.evidence).toContain('Bios.Attributes has none of ProcVirtualization');
  });

  it('hw check --role compute: NIC speed fails (1 Gbit/s < 10), virtualization unknown, the rest passes', () => {
    const checks = checkFacts('compute', facts, DEFAULT_REQUIREMENTS.compute);
    const by = Object.fromEntries(checks.map((c) => [c.requirement, c.status]));
    expect(by).toEqual({
      requireVirtualization: 'unknown',
      requireEcc: 'pass',
      minPhysicalCores: 'pass',
      minMemoryBytes: 'pass',
      minNicPorts: 'pass',
      minMemoryPerCoreBytes: 'pass', // 96 GiB / 8 cores = 12 GiB >= 4
      minNicSpeedBitsPerSecond: 'fail',
    });
  });
});

describe('the expanded documents through importInventory (format detected)', () => {
  it('the as-is expansion is detected as redfish', () => {
    const r = importInventory(derived('dmtf-437XR1138R2-expanded.json'), { fileName: 'rf.json' });
    expect(r.format).toBe('redfish');
    // positioned at the summary: "ProcessorSummary" is on line 74 of the expanded document
    const text = derived('dmtf-437XR1138R2-expanded.json');
    const line = text.split('\n').findIndex((l) => l.includes('"ProcessorSummary"')) + 1;
    expect(r.diagnostics.map((d) => [d.code, d.location.line])).toEqual([['redfish.inconsistent', line]]);
    expect(line).toBe(74);
  });

  it('the derived copy (ProcVirtualization Enabled, 25 Gbit/s) passes every compute requirement', () => {
    const r = importInventory(derived('dmtf-437XR1138R2-expanded-vt-25g.json'), { fileName: 'rf.json' });
    expect(r.facts!.cpu.virtualization).toMatchObject({ known: true, value: 'vt-x' }); // ProcessorId.VendorId GenuineIntel
    const checks = checkFacts('compute', r.facts!, DEFAULT_REQUIREMENTS.compute);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('BIOS switch off, conflicting DIMMs, collections given only as links', () => {
    const sys = JSON.parse(derived('dmtf-437XR1138R2-expanded-vt-25g.json')) as Obj;
    (sys.Bios as Obj).Attributes = { ProcVirtualization: 'Disabled' };
    const off = redfishFacts(sys, 'x.json').facts;
    expect(off.cpu.virtualization).toMatchObject({ known: true, value: 'none' });
    expect(checkFacts('compute', off, DEFAULT_REQUIREMENTS.compute).find((c) => c.requirement === 'requireVirtualization')!.status).toBe('fail');
    const dimms = (sys.Memory as Obj).Members as Obj[];
    dimms[1] = { ...dimms[1]!, ErrorCorrection: 'NoECC' };
    expect(redfishFacts(sys, 'x.json').facts.memory.ecc).toMatchObject({ known: false, conflicting: true });
    const links = {
      '@odata.type': '#ComputerSystem.v1_20_0.ComputerSystem',
      Processors: { '@odata.id': '/redfish/v1/Systems/1/Processors' },
      Memory: { '@odata.id': '/redfish/v1/Systems/1/Memory' },
    };
    const r = redfishFacts(links, 'l.json');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['redfish.not_expanded', 'redfish.not_expanded']);
    expect(r.facts.cpu.sockets.known).toBe(false);
  });

  it('a truncated document is positioned', () => {
    const r = importInventory('{"@odata.type": "#ComputerSystem.v1_20_0.ComputerSystem", "Memory": {', { fileName: 't.json' });
    expect(r.diagnostics[0]).toMatchObject({ code: 'inventory.truncated' });
  });
});

describe('NetworkAdapters and Ports (test/fixtures/real/redfish/sushy, a Dell iDRAC sample of openstack/sushy)', () => {
  const j = (f: string) => JSON.parse(readFileSync(join(root, 'test/fixtures/real/redfish/sushy', f), 'utf8')) as Obj;
  const C = '/redfish/v1/Chassis/System.Embedded.1';
  const A = `${C}/NetworkAdapters/NIC.Integrated.1`;
  // the system, the chassis and the two collections are hand-written links around the two real resources
  const res = new Map<string, Obj>([
    [
      '/redfish/v1/Systems/System.Embedded.1',
      { '@odata.id': '/redfish/v1/Systems/System.Embedded.1', '@odata.type': '#ComputerSystem.v1_20_0.ComputerSystem', Links: { Chassis: [{ '@odata.id': C }] } },
    ],
    [C, { '@odata.id': C, NetworkAdapters: { '@odata.id': `${C}/NetworkAdapters` } }],
    [`${C}/NetworkAdapters`, { '@odata.id': `${C}/NetworkAdapters`, Members: [{ '@odata.id': A }] }],
    [A, j('network_adapter.json')],
    [`${A}/Ports`, { '@odata.id': `${A}/Ports`, Members: [{ '@odata.id': `${A}/Ports/NIC.Integrated.1-1` }] }],
    [`${A}/Ports/NIC.Integrated.1-1`, j('port.json')],
  ]);

  it('a 25 GbE ConnectX-4 Lx port that reports only CurrentSpeedGbps 1 reads 1 Gbit/s, and says why', () => {
    const sys = expandRedfishSystem(res, '/redfish/v1/Systems/System.Embedded.1')!;
    const { facts } = redfishFacts(sys, 'dell.json');
    expect(facts.nics.known && facts.nics.value.map((n) => [n.name, n.speedBitsPerSecond.known && n.speedBitsPerSecond.value])).toEqual([
      ['NIC.Integrated.1/NIC.Integrated.1-1', 1e9],
    ]);
    expect(facts.nics.known && facts.nics.value[0]!.speedBitsPerSecond.evidence).toContain('no MaxSpeedGbps; adapter "MLNX 25GbE 2P ConnectX4LX RNDC"');
  });

  it("MaxSpeedGbps, when given, is the port's speed", () => {
    const port = { ...j('port.json'), MaxSpeedGbps: 25 };
    const sys = expandRedfishSystem(new Map([...res, [`${A}/Ports/NIC.Integrated.1-1`, port]]), '/redfish/v1/Systems/System.Embedded.1')!;
    expect(redfishFacts(sys, 'x.json').facts.nics).toMatchObject({ known: true, value: [{ speedBitsPerSecond: { known: true, value: 25e9 } }] });
  });
});
