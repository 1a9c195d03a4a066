/**
 * Every file of test/fixtures/real/ironic imported, its facts asserted against values read
 * by hand in the file (the line numbers are in the comments).
 */
import { describe, expect, it } from 'vitest';
import { factsOf, GIB, importReal, realCatalogue, realFiles, v } from '../../../../../test/helpers/real-fixtures.js';
import { enrichCpuFacts } from '../enrich.js';

describe('Ironic inventories (test/fixtures/real/ironic)', () => {
  it('covers every file of the directory', () => {
    expect(realFiles('ironic')).toEqual([
      'inspector-api-v1-continue-request.INVALID-trailing-comma.json',
      'inspector-api-v1-data-introspection-response.json',
      'ironic-api-ref-node-inventory-response.json',
      'understack-dell-r7615-inventory.json',
    ]);
  });

  describe('understack-dell-r7615-inventory.json (Ironic API: inventory + plugin_data)', () => {
    const file = 'understack-dell-r7615-inventory.json';
    const facts = factsOf('ironic', file);

    it('is detected as ironic', () => expect(importReal('ironic', file)).toMatchObject({ format: 'ironic', diagnostics: [] }));

    it('CPU: model, 32 logical CPUs (cpu.count is threads), 1 socket, svm = AMD-V', () => {
      expect(v(facts.cpu.model)).toBe('AMD EPYC 9124 16-Core Processor'); // l. 223 "model_name"
      expect(v(facts.cpu.logicalCpus)).toBe(32); // l. 225 "count": 32
      expect(v(facts.cpu.sockets)).toBe(1); // l. 389 "socket_count": 1
      expect(facts.cpu.virtualization).toEqual({ known: true, value: 'amd-v', evidence: `${file}: inventory.cpu.flags[svm]` }); // l. 286 "svm"; no "vmx"
      expect(v(facts.cpu.guest)).toBe(false); // no "hypervisor" among the flags (l. 228-387)
      // IPA does not report cores: unknown until the catalogue fills them in
      expect(v(facts.cpu.coresPerSocket)).toBe('unknown');
      expect(v(facts.cpu.threadsPerCore)).toBe('unknown');
    });

    it('the catalogue fills in 16 cores and says so; threads per core = 32 / (1 × 16) = 2', () => {
      const e = enrichCpuFacts(facts, realCatalogue());
      // quattor-cpus.csv line 92: AMD EPYC 9124 16-Core Processor, 16 cores, 32 threads
      expect(v(e.cpu.coresPerSocket)).toBe(16);
      expect(e.cpu.coresPerSocket.evidence).toContain('catalogue: quattor-cpus.csv "AMD EPYC 9124 16-Core Processor"');
      expect(v(e.cpu.threadsPerCore)).toBe(2);
      expect(e.cpu.threadsPerCore.evidence).toContain('32 / (1 × 16)');
    });

    it('memory: physical_mb 98304 MiB = 96 GiB; ECC unknown (no dmi-decode collector data)', () => {
      expect(v(facts.memory.installedBytes)).toBe(98304 * 2 ** 20); // l. 410 "physical_mb": 98304
      expect(v(facts.memory.installedBytes)).toBe(96 * GIB);
      expect(facts.memory.installedBytes.evidence).toBe(`${file}: inventory.memory.physical_mb (MiB)`);
      // plugin_data (l. 431-752) has root_disk, configuration (collectors: default, logs), interfaces, macs: no dmi
      expect(v(facts.memory.ecc)).toBe('unknown');
      expect(facts.memory.ecc.evidence).toContain('dmi-decode');
    });

    it('disks: one PERC virtual disk reporting rotational false, which is not NVMe (0 NVMe)', () => {
      const disks = v(facts.disks);
      expect(disks).not.toBe('unknown');
      if (disks === 'unknown') return;
      expect(disks.map((d) => [d.name, v(d.sizeBytes), v(d.kind), v(d.use)])).toEqual([
        ['/dev/sda', 479559942144, 'unknown', 'unknown'], // l. 393-396: /dev/sda, "PERC H755 Front", size, rotational false
      ]);
      expect(disks.filter((d) => d.kind.known && d.kind.value === 'nvme')).toHaveLength(0);
      expect(disks[0]!.kind.evidence).toContain('RAID virtual disk');
    });

    it("NICs: 6 interfaces, speed_mbps 1000 / 25000 (the cards' maximum)", () => {
      const nics = v(facts.nics);
      if (nics === 'unknown') throw new Error('nics unknown');
      // l. 5/15 eno8403 1000; l. 20/75 eno3np0 25000; l. 80/131 eno4np1 25000;
      // l. 136/146 eno8303 1000; l. 151/161 ens2f0np0 25000; l. 166/217 ens2f1np1 25000
      expect(nics.map((n) => [n.name, n.ports, v(n.speedBitsPerSecond)])).toEqual([
        ['eno8403', 1, 1e9],
        ['eno3np0', 1, 25e9],
        ['eno4np1', 1, 25e9],
        ['eno8303', 1, 1e9],
        ['ens2f0np0', 1, 25e9],
        ['ens2f1np1', 1, 25e9],
      ]);
    });

    it('system vendor', () => {
      expect(v(facts.system.manufacturer)).toBe('Dell Inc.'); // l. 417
      expect(v(facts.system.product)).toBe('PowerEdge R7615 (SKU=0AF7;ModelName=PowerEdge R7615)'); // l. 415
    });
  });

  describe('inspector-api-v1-data-introspection-response.json (legacy inspector form)', () => {
    const file = 'inspector-api-v1-data-introspection-response.json';
    const facts = factsOf('ironic', file);

    it('CPU: 2 logical CPUs, flags without vmx/svm = none, no model_name, no socket_count', () => {
      expect(v(facts.cpu.logicalCpus)).toBe(2); // l. 82 inventory.cpu.count 2 (top-level "cpus": 2, l. 26, agrees)
      expect(v(facts.cpu.virtualization)).toBe('none'); // l. 84-90: fpu, mmx, fxsr, sse, sse2
      expect(v(facts.cpu.model)).toBe('unknown'); // inventory.cpu has no model_name
      expect(v(facts.cpu.sockets)).toBe('unknown');
    });

    it('memory 2 GiB from inventory.memory.physical_mb; ECC unknown', () => {
      expect(v(facts.memory.installedBytes)).toBe(2 * GIB); // l. 78 "physical_mb": 2048
      expect(v(facts.memory.ecc)).toBe('unknown'); // no dmi key at the top
    });

    it('one virtio disk (/dev/vda, kind unknown, 0 NVMe) and two interfaces without a speed', () => {
      const disks = v(facts.disks);
      const nics = v(facts.nics);
      if (disks === 'unknown' || nics === 'unknown') throw new Error('unknown');
      expect(disks.map((d) => [d.name, v(d.sizeBytes), v(d.kind)])).toEqual([['/dev/vda', 13958643712, 'unknown']]); // l. 58, 65
      expect(nics.map((n) => [n.name, v(n.speedBitsPerSecond)])).toEqual([
        ['eth1', 'unknown'], // l. 37: no speed_mbps
        ['eth0', 'unknown'], // l. 47
      ]);
    });
  });

  describe('ironic-api-ref-node-inventory-response.json (minimal: no flags, no disks)', () => {
    const file = 'ironic-api-ref-node-inventory-response.json';
    const facts = factsOf('ironic', file);

    it('unknown, not pass: no CPU flags, no disk list', () => {
      expect(v(facts.cpu.model)).toBe('QEMU Virtual CPU version 2.5+'); // l. 16
      expect(v(facts.cpu.logicalCpus)).toBe(1); // l. 18 "count": 1
      expect(v(facts.cpu.virtualization)).toBe('unknown'); // inventory.cpu has no flags (l. 15-20)
      expect(v(facts.disks)).toBe('unknown'); // inventory has no disks key
      expect(v(facts.memory.ecc)).toBe('unknown');
    });

    it("memory from plugin_data.memory_mb (2048 MiB), saying it is Ironic's processed value", () => {
      expect(v(facts.memory.installedBytes)).toBe(2 * GIB); // l. 28
      expect(facts.memory.installedBytes.evidence).toBe(`${file}: plugin_data.memory_mb (MiB, Ironic's processed value)`);
    });

    it('one interface without a speed', () => {
      const nics = v(facts.nics);
      if (nics === 'unknown') throw new Error('unknown');
      expect(nics.map((n) => [n.name, v(n.speedBitsPerSecond)])).toEqual([['eth0', 'unknown']]); // l. 5
    });
  });

  describe('inspector-api-v1-continue-request.INVALID-trailing-comma.json', () => {
    it('is a positioned error, no facts', () => {
      const r = importReal('ironic', 'inspector-api-v1-continue-request.INVALID-trailing-comma.json');
      expect(r.facts).toBeUndefined();
      // l. 65 is `        "sse2",` (the comma at column 15), l. 66 is `        ],`: the "]" that
      // cannot follow a comma is at column 9 (8 spaces before it)
      expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['inventory.invalid_json', 66, 9]]);
      expect(r.diagnostics[0]!.hint).toContain('line 65, column 15');
      expect(r.diagnostics[0]!.location.file).toBe('inspector-api-v1-continue-request.INVALID-trailing-comma.json');
    });
  });
});
