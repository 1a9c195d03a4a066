/**
 * Every file of test/fixtures/real/lscpu and test/fixtures/real/local-vm imported, the facts
 * read by hand in each file (line numbers in the comments); and the VM capture checked
 * against the compute role: it fails on virtualization and leaves ECC unknown.
 */
import { describe, expect, it } from 'vitest';
import { factsOf, GIB, importReal, realFiles, v } from '../../../../../test/helpers/real-fixtures.js';
import { DEFAULT_REQUIREMENTS } from '../../model/requirements.js';
import { checkFacts } from '../checks.js';

const cpu = (dir: string, file: string) => {
  const c = factsOf(dir, file).cpu;
  return {
    model: v(c.model),
    sockets: v(c.sockets),
    coresPerSocket: v(c.coresPerSocket),
    threadsPerCore: v(c.threadsPerCore),
    logicalCpus: v(c.logicalCpus),
    virtualization: v(c.virtualization),
    guest: v(c.guest),
  };
};

describe('lscpu captures (test/fixtures/real/lscpu)', () => {
  it('covers every file of the directory', () => {
    expect(realFiles('lscpu')).toEqual([
      'redhat-cip-hardware-lscpu-7302.txt',
      'redhat-cip-hardware-lscpu-vmx.txt',
      'redhat-cip-hardware-lscpu.txt',
      'redhat-cip-hardware-lscpux.txt',
    ]);
  });

  it('lscpu-7302: 1 × 16 cores × 2 threads = 32, AMD-V (svm flag)', () => {
    // l. 4 CPU(s) 32, l. 6 Thread(s) per core 2, l. 7 Core(s) per socket 16, l. 8 Socket(s) 1,
    // l. 13 Model name, l. 19 "Virtualization: AMD-V", l. 32 Flags with svm, no hypervisor
    expect(cpu('lscpu', 'redhat-cip-hardware-lscpu-7302.txt')).toEqual({
      model: 'AMD EPYC 7302P 16-Core Processor',
      sockets: 1,
      coresPerSocket: 16,
      threadsPerCore: 2,
      logicalCpus: 32,
      virtualization: 'amd-v',
      guest: false,
    });
    expect(factsOf('lscpu', 'redhat-cip-hardware-lscpu-7302.txt').cpu.virtualization.evidence).toBe('redhat-cip-hardware-lscpu-7302.txt:32: Flags[svm]');
    expect(importReal('lscpu', 'redhat-cip-hardware-lscpu-7302.txt').diagnostics).toEqual([]);
  });

  it('lscpu-vmx: a KVM guest without vmx despite the name; "Virtualization type: full" is not VT-x', () => {
    // l. 4 CPU(s) 2, l. 6 threads 1, l. 7 cores 2, l. 8 sockets 1, l. 17 Hypervisor vendor KVM,
    // l. 18 Virtualization type full, l. 24 Flags: "hypervisor", no vmx, no svm
    expect(cpu('lscpu', 'redhat-cip-hardware-lscpu-vmx.txt')).toEqual({
      model: 'Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz',
      sockets: 1,
      coresPerSocket: 2,
      threadsPerCore: 1,
      logicalCpus: 2,
      virtualization: 'none',
      guest: true,
    });
    const f = factsOf('lscpu', 'redhat-cip-hardware-lscpu-vmx.txt');
    expect(f.cpu.guest.evidence).toBe('redhat-cip-hardware-lscpu-vmx.txt:18: Virtualization type full (a guest: this is not VT-x)');
  });

  it('lscpu: CPU(s) 1 contradicts 2 × 24 × 2 = 96: a warning at l. 4 and the logical CPU count unknown', () => {
    // l. 4 "CPU(s): 1" (l. 5 says 0-95 are online), l. 6 threads 2, l. 7 cores 24, l. 8 sockets 2
    const r = importReal('lscpu', 'redhat-cip-hardware-lscpu.txt');
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.location.line, d.location.col])).toEqual([['inventory.inconsistent', 'warning', 4, 1]]);
    expect(cpu('lscpu', 'redhat-cip-hardware-lscpu.txt')).toEqual({
      model: 'AMD: EPYC 7451 24-Core Processor',
      sockets: 2,
      coresPerSocket: 24,
      threadsPerCore: 2,
      logicalCpus: 'unknown',
      virtualization: 'amd-v',
      guest: false,
    });
  });

  it('lscpux (hex masks): 2 × 24 × 2 = 96 agrees with CPU(s) 96', () => {
    // l. 4 CPU(s) 96, l. 6-8: 2 threads, 24 cores, 2 sockets; l. 32 Flags with svm
    expect(cpu('lscpu', 'redhat-cip-hardware-lscpux.txt')).toEqual({
      model: 'AMD: EPYC 7451 24-Core Processor',
      sockets: 2,
      coresPerSocket: 24,
      threadsPerCore: 2,
      logicalCpus: 96,
      virtualization: 'amd-v',
      guest: false,
    });
    expect(importReal('lscpu', 'redhat-cip-hardware-lscpux.txt').diagnostics).toEqual([]);
  });

  it('lscpu reports no memory, disks or NICs: unknown, not zero', () => {
    const f = factsOf('lscpu', 'redhat-cip-hardware-lscpu-7302.txt');
    expect([v(f.memory.installedBytes), v(f.memory.ecc), v(f.disks), v(f.nics)]).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });
});

describe('the VM capture (test/fixtures/real/local-vm)', () => {
  it('covers every file of the directory', () => {
    expect(realFiles('local-vm')).toEqual(['cpuinfo-flags.txt', 'lscpu.json', 'lscpu.txt', 'lshw.json']);
  });

  const vmCpu = { model: 'AMD EPYC', sockets: 1, coresPerSocket: 2, threadsPerCore: 1, logicalCpus: 2, virtualization: 'none', guest: true };

  it('lscpu.txt: 1 × 2 cores × 1 thread, a KVM guest, no vmx/svm', () => {
    // l. 5 CPU(s) 2, l. 8 Model name "AMD EPYC", l. 11 threads 1, l. 12 cores 2, l. 13 sockets 1,
    // l. 16 Flags (hypervisor, no svm), l. 17 Hypervisor vendor KVM, l. 18 Virtualization type full
    expect(importReal('local-vm', 'lscpu.txt').format).toBe('lscpu');
    expect(cpu('local-vm', 'lscpu.txt')).toEqual(vmCpu);
  });

  it('lscpu.json: the same facts from `lscpu --json`', () => {
    // l. 16-17 "CPU(s):" "2"; l. 25-26 Model name; l. 34-41 threads 1, cores 2, sockets 1;
    // l. 49-50 Flags; l. 55-56 "Virtualization type:" "full"
    expect(importReal('local-vm', 'lscpu.json').format).toBe('lscpu-json');
    expect(cpu('local-vm', 'lscpu.json')).toEqual(vmCpu);
    expect(factsOf('local-vm', 'lscpu.json').cpu.sockets.evidence).toBe('lscpu.json: lscpu[12].data: Socket(s)');
  });

  it('lshw.json: 24 GiB, no errordetection (ECC unknown), no vmx/svm, one virtio disk and NIC without sizes', () => {
    const f = factsOf('local-vm', 'lshw.json');
    expect(importReal('local-vm', 'lshw.json').format).toBe('lshw');
    // l. 21 "System memory", l. 24 size 25769803776 = 24 × 2^30; no configuration.errordetection
    expect(v(f.memory.installedBytes)).toBe(24 * GIB);
    expect(v(f.memory.ecc)).toBe('unknown');
    // l. 26-35 one processor node, product "AMD EPYC" (l. 30), no configuration.cores/threads;
    // capabilities l. 39-133: "hypervisor" (l. 97), no vmx, no svm
    expect(cpu('local-vm', 'lshw.json')).toEqual({ ...vmCpu, coresPerSocket: 'unknown', threadsPerCore: 'unknown', logicalCpus: 'unknown' });
    const disks = v(f.disks);
    const nics = v(f.nics);
    if (disks === 'unknown' || nics === 'unknown') throw new Error('lshw lists disks and NICs');
    // l. 212 /dev/vda (virtio, no size); l. 250 eth0 (virtio_net, no capacity, no size)
    expect(disks.map((d) => [d.name, v(d.sizeBytes), v(d.kind)])).toEqual([['/dev/vda', 'unknown', 'unknown']]);
    expect(nics.map((n) => [n.name, n.ports, v(n.speedBitsPerSecond)])).toEqual([['eth0', 1, 'unknown']]);
  });

  it('cpuinfo-flags.txt: the flags line alone: no vmx/svm, a guest, the rest unknown', () => {
    expect(importReal('local-vm', 'cpuinfo-flags.txt').format).toBe('cpuinfo');
    expect(cpu('local-vm', 'cpuinfo-flags.txt')).toEqual({
      model: 'unknown',
      sockets: 'unknown',
      coresPerSocket: 'unknown',
      threadsPerCore: 'unknown',
      logicalCpus: 'unknown',
      virtualization: 'none',
      guest: true,
    });
    expect(factsOf('local-vm', 'cpuinfo-flags.txt').cpu.virtualization.evidence).toMatch(/^cpuinfo-flags\.txt:1: flags: no vmx or svm among \d+ flags$/);
  });

  for (const file of ['cpuinfo-flags.txt', 'lscpu.json', 'lscpu.txt', 'lshw.json']) {
    it(`${file} fails the compute role on virtualization and reports ECC as unknown`, () => {
      const checks = checkFacts('compute', factsOf('local-vm', file), DEFAULT_REQUIREMENTS.compute);
      const by = Object.fromEntries(checks.map((c) => [c.requirement, c]));
      expect(by.requireVirtualization).toMatchObject({ status: 'fail', actual: 'none (a virtual machine: no nested virtualization exposed)' });
      expect(by.requireEcc).toMatchObject({ status: 'unknown', actual: 'unknown' });
      expect(checks.some((c) => c.status === 'pass' && c.actual === 'unknown')).toBe(false);
    });
  }
});
