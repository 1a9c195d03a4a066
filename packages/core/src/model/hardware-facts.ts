/**
 * HardwareFacts: what is known about one server, from an inventory (Ironic, lshw,
 * dmidecode, lscpu, /proc/cpuinfo) or from a scenario's hardware model, where every fact is
 * either known, with the evidence that says so, or unknown, with the evidence of where it
 * was looked for. Role checks run on facts; an unknown fact is never a pass.
 *
 * Evidence names the file and the field: `r7615.json: inventory.cpu.flags[svm]` (JSON: the
 * path in the document), `dmidecode.txt:429: DMI type 16 Error Correction Type` (text: the
 * 1-based line), `hardware.cmp-r760.memory.ecc` (a scenario path), or
 * `catalogue: quattor-cpus.csv "AMD EPYC 9124 16-Core Processor"` (the CPU catalogue row).
 *
 * Plain JSON: no class, no undefined inside arrays, every number finite.
 */
import type { DiskKind, DiskUse } from './scenario.js';

/** The inventory formats headroom imports. */
export type InventoryFormat = 'ironic' | 'lshw' | 'dmidecode' | 'lscpu' | 'lscpu-json' | 'cpuinfo' | 'redfish';
export const INVENTORY_FORMATS: readonly InventoryFormat[] = ['ironic', 'lshw', 'dmidecode', 'lscpu', 'lscpu-json', 'cpuinfo', 'redfish'];

/** A known fact: its value and the evidence (file and field) that says so. */
export interface KnownFact<T> {
  known: true;
  value: T;
  evidence: string;
}

/** An unknown fact: the evidence says where it was looked for and why it is not known. */
export interface UnknownFact {
  known: false;
  evidence: string;
  /** The source contradicts itself about this fact: nothing may derive it either. */
  conflicting?: true;
}

export type Fact<T> = KnownFact<T> | UnknownFact;

export const known = <T>(value: T, evidence: string): KnownFact<T> => ({ known: true, value, evidence });
export const unknown = (evidence: string): UnknownFact => ({ known: false, evidence });

/** Hardware virtualization when known: Intel VT-x (cpu flag vmx), AMD-V (svm), or none. */
export type KnownVirtualization = 'vt-x' | 'amd-v' | 'none';

/** One disk entry: a device of an inventory (count 1), or a line of a scenario's `disks:`. */
export interface DiskFacts {
  /** Device name (`/dev/nvme0n1`), or `disks[i]` for a scenario line. */
  name: string;
  /** Identical devices this entry stands for. */
  count: number;
  /** Size of one device, bytes. */
  sizeBytes: Fact<number>;
  kind: Fact<DiskKind>;
  /** What the disk is for; an inventory never says (only a scenario's `disks:` does). */
  use: Fact<DiskUse>;
}

/** One network entry: an interface of an inventory (1 port), or a card of a scenario's `nics:`. */
export interface NicFacts {
  /** Interface name (`eno1`), or `nics[i]` for a scenario line. */
  name: string;
  ports: number;
  /** Line rate of one port, bits per second. */
  speedBitsPerSecond: Fact<number>;
}

export interface CpuFacts {
  /** Model string as the system reports it ("AMD EPYC 9124 16-Core Processor"). */
  model: Fact<string>;
  /** Populated sockets. */
  sockets: Fact<number>;
  coresPerSocket: Fact<number>;
  threadsPerCore: Fact<number>;
  /** Logical CPUs (threads) in the whole server: what Nova counts as VCPU total. */
  logicalCpus: Fact<number>;
  virtualization: Fact<KnownVirtualization>;
  /** True when the facts come from a virtual machine (cpu flag `hypervisor`, lscpu "Hypervisor vendor"). */
  guest: Fact<boolean>;
}

export interface MemoryFacts {
  /** Installed memory, bytes (DIMMs are binary: a 16384 MB DIMM is 16 GiB). */
  installedBytes: Fact<number>;
  /** ECC memory: true for single-/multi-bit ECC, false for none or parity. */
  ecc: Fact<boolean>;
  /** The error correction as the source writes it ("Multi-bit ECC", "multi-bit-ecc", "None"). */
  eccType: Fact<string>;
}

/** Where a set of facts comes from. */
export type FactsSource = { kind: 'inventory'; file: string; format: InventoryFormat } | { kind: 'scenario'; hardware: string };

export interface HardwareFacts {
  source: FactsSource;
  system: { manufacturer: Fact<string>; product: Fact<string> };
  cpu: CpuFacts;
  memory: MemoryFacts;
  /** The disks; unknown when the source does not list disks at all (dmidecode, lscpu). */
  disks: Fact<DiskFacts[]>;
  /** The network interfaces; unknown when the source does not list them. */
  nics: Fact<NicFacts[]>;
}

/** Physical cores: sockets × cores per socket, known only when both are. */
export function physicalCoresFact(cpu: CpuFacts): Fact<number> {
  const { sockets, coresPerSocket } = cpu;
  if (sockets.known && coresPerSocket.known) {
    return known(sockets.value * coresPerSocket.value, joinEvidence([sockets.evidence, coresPerSocket.evidence]));
  }
  return unknown((sockets.known ? coresPerSocket : sockets).evidence);
}

/** Evidence strings joined with "; ", each once, in order. */
export function joinEvidence(evidence: readonly string[]): string {
  return [...new Set(evidence.filter((e) => e.length > 0))].join('; ');
}

/** A fact whose every field is unknown for the same reason (a source without CPU, memory, ... data). */
export function emptyFacts(source: FactsSource, why: (field: string) => string): HardwareFacts {
  return {
    source,
    system: { manufacturer: unknown(why('system manufacturer')), product: unknown(why('system product')) },
    cpu: {
      model: unknown(why('CPU model')),
      sockets: unknown(why('CPU sockets')),
      coresPerSocket: unknown(why('cores per socket')),
      threadsPerCore: unknown(why('threads per core')),
      logicalCpus: unknown(why('logical CPUs')),
      virtualization: unknown(why('CPU flags (vmx/svm)')),
      guest: unknown(why('hypervisor flag')),
    },
    memory: {
      installedBytes: unknown(why('installed memory')),
      ecc: unknown(why('ECC')),
      eccType: unknown(why('error correction type')),
    },
    disks: unknown(why('disks')),
    nics: unknown(why('network interfaces')),
  };
}
