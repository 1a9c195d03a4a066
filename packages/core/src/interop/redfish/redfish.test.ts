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

  it('memory: DIMM1-3 of 32768 MiB (DIMM4 Absent) = 96 GiB, the summary\'s TotalSystemMemoryGiB 96; MultiBitECC', () => {
    expect(facts.memory.installedBytes).toMatchObject({ known: true, value: 3 * 32768 * 2 ** 20 });
    expect(facts.memory.installedBytes.known && facts.memory.installedBytes.value / GIB).toBe(96);
    expect(facts.memory.ecc).toMatchObject({ known: true, value: true });
    expect(facts.memory.eccType).toMatchObject({ value: 'MultiBitECC' });
  });

  it('disks: SimpleStorage 8e12 and 4e12 bytes, kind unknown (no media type); NICs: the two Physical ones at 1 Gbit/s', () => {
    expect(facts.disks.known && facts.disks.value.map((d) => [d.sizeBytes.known && d.sizeBytes.value, d.kind.known])).toEqual([[8e12, false], [4e12, false]]);
    expect(facts.nics.known && facts.nics.value.map((n) => [n.name, n.speedBitsPerSecond.known && n.speedBitsPerSecond.value])).toEqual([['12446A3B0411', 1e9], ['12446A3B8890', 1e9]]);
  });

  it('virtualization unknown: the BIOS attributes have no virtualization switch', () => {
    expect(facts.cpu.virtualization.known).toBe(false);
    expect(facts.cpu.virtualization.evidence).toContain('Bios.Attributes has none of ProcVirtualization');
  });

  it('hw check --role compute: NIC speed fails (1 Gbit/s < 10), virtualization unknown, the rest passes', () => {
    const checks = checkFacts('compute', facts, DEFAULT_REQUIREMENTS.compute);
    const by = Object.fromEntries(checks.map((c) => [c.requirement, c.status]));
    expect(by).toEqual({
      requireVirtualization: 'unknown', requireEcc: 'pass', minPhysicalCores: 'pass', minMemoryBytes: 'pass', minNicPorts: 'pass',
      minMemoryPerCoreBytes: 'pass', // 96 GiB / 8 cores = 12 GiB >= 4
      minNicSpeedBitsPerSecond: 'fail',
    });
  });
});

describe('the expanded documents through importInventory (format detected)', () => {
  it('the as-is expansion is detected as redfish', () => {
    const r = importInventory(derived('dmtf-437XR1138R2-expanded.json'), { fileName: 'rf.json' });
    expect(r.format).toBe('redfish');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['redfish.inconsistent']);
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
    const dimms = ((sys.Memory as Obj).Members as Obj[]);
    dimms[1] = { ...dimms[1]!, ErrorCorrection: 'NoECC' };
    expect(redfishFacts(sys, 'x.json').facts.memory.ecc).toMatchObject({ known: false, conflicting: true });
    const links = { '@odata.type': '#ComputerSystem.v1_20_0.ComputerSystem', Processors: { '@odata.id': '/redfish/v1/Systems/1/Processors' }, Memory: { '@odata.id': '/redfish/v1/Systems/1/Memory' } };
    const r = redfishFacts(links, 'l.json');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['redfish.not_expanded', 'redfish.not_expanded']);
    expect(r.facts.cpu.sockets.known).toBe(false);
  });

  it('a truncated document is positioned', () => {
    const r = importInventory('{"@odata.type": "#ComputerSystem.v1_20_0.ComputerSystem", "Memory": {', { fileName: 't.json' });
    expect(r.diagnostics[0]).toMatchObject({ code: 'inventory.truncated' });
  });
});
