/**
 * Shared rules of the importers: CPU flags -> virtualization, how a disk's kind is decided,
 * reading `Key: value` text with line numbers, and small type guards for parsed JSON.
 */
import type { DiskKind } from '../../model/scenario.js';
import { known, unknown, type Fact, type KnownVirtualization } from '../../model/hardware-facts.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** A positive integer from a number or a decimal string ("16"), else undefined. */
export function posInt(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : num(v);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Hardware virtualization from a CPU flag list (/proc/cpuinfo `flags`, as Ironic, lscpu
 * and lshw copy it): `vmx` is Intel VT-x, `svm` is AMD-V (Linux arch/x86 cpufeatures). A
 * list without either is `none`: the CPU, as this system sees it, cannot run KVM guests
 * (a VM without nested virtualization, or VT-x disabled in the firmware). An empty or
 * missing list is unknown.
 * @param flags the flags, or undefined when the source has none
 * @param evidence where the list is (`file: inventory.cpu.flags`); the check names the flag
 */
export function virtualizationFromFlags(flags: readonly string[] | undefined, evidence: string): Fact<KnownVirtualization> {
  if (!flags || flags.length === 0) return unknown(`${evidence}: no CPU flags`);
  if (flags.includes('vmx')) return known('vt-x', `${evidence}[vmx]`);
  if (flags.includes('svm')) return known('amd-v', `${evidence}[svm]`);
  return known('none', `${evidence}: no vmx or svm among ${flags.length} flags`);
}

/** `hypervisor` among the CPU flags: the kernel runs as a guest (CPUID leaf 1 ECX bit 31). */
export function guestFromFlags(flags: readonly string[] | undefined, evidence: string): Fact<boolean> {
  if (!flags || flags.length === 0) return unknown(`${evidence}: no CPU flags`);
  return flags.includes('hypervisor') ? known(true, `${evidence}[hypervisor]`) : known(false, `${evidence}: no hypervisor flag`);
}

/** Model strings of RAID controllers' virtual disks: the physical drives behind them are hidden. */
const RAID_VIRTUAL_DISK = /\b(PERC|RAID|LOGICAL VOLUME|MegaRAID|MR\d{4}|Smart Array|ServeRAID|Virtual Disk|Virtual_Disk)\b/i;

export interface DiskClue {
  /** Kernel name, `/dev/sda`, `/dev/nvme0n1`, `/dev/vda`. */
  name?: string;
  /** Transport as lsblk reports it (`nvme`, `sata`, `sas`, `usb`). */
  tran?: string;
  model?: string;
  /** The kernel's queue/rotational flag. */
  rotational?: boolean;
}

/**
 * A disk's kind, and why:
 *  - nvme: the device is `/dev/nvme*` or its transport is `nvme`;
 *  - unknown: a virtio disk (`/dev/vd*`, a VM), or a RAID controller's virtual disk (model
 *    PERC, RAID, LOGICAL VOLUME, ...): such a volume reports `rotational: false` whatever
 *    drives are behind it, so it is neither an SSD nor NVMe as far as we can tell;
 *  - hdd / ssd: from the rotational flag otherwise (`rotational: false` alone never makes NVMe);
 *  - unknown when nothing says.
 * @param at evidence prefix of this disk (`file: inventory.disks[0]`)
 */
export function diskKind(d: DiskClue, at: string): Fact<DiskKind> {
  if (d.name?.startsWith('/dev/nvme')) return known('nvme', `${at}.name ${d.name}`);
  if (d.tran?.toLowerCase() === 'nvme') return known('nvme', `${at}.tran nvme`);
  if (d.name && /^\/dev\/(x?vd)[a-z]/.test(d.name)) return unknown(`${at}.name ${d.name}: a virtual disk of a VM`);
  if (d.model && RAID_VIRTUAL_DISK.test(d.model)) {
    return unknown(`${at}.model "${d.model}": a RAID virtual disk, the drives behind it are hidden (rotational ${String(d.rotational)} says nothing about them)`);
  }
  if (d.rotational === true) return known('hdd', `${at}.rotational true`);
  if (d.rotational === false) return known('ssd', `${at}.rotational false (not /dev/nvme*, transport not nvme)`);
  return unknown(`${at}: neither the name, the transport nor the rotational flag says`);
}

/** One `Key: value` line of a text capture, with its 1-based line number. */
export interface TextField {
  key: string;
  value: string;
  line: number;
}

/**
 * `Key: value` lines (lscpu, /proc/cpuinfo), split at the first colon; keys and values
 * trimmed. Lines without a colon are skipped. Keys keep their case and punctuation
 * ("CPU(s)", "Thread(s) per core").
 */
export function textFields(text: string): TextField[] {
  const out: TextField[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const colon = raw.indexOf(':');
    if (colon <= 0) return;
    out.push({ key: raw.slice(0, colon).trim(), value: raw.slice(colon + 1).trim(), line: i + 1 });
  });
  return out;
}

/** Text without a leading byte order mark, with CRLF line ends made LF. */
export function cleanText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
}

/** Binary memory sizes as capture tools print them: "16384 MB" and "32 GB" are MiB and GiB (DIMMs). */
export function binarySizeBytes(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/.exec(value.trim());
  if (!m) return undefined;
  const exp = { kb: 1, kib: 1, mb: 2, mib: 2, gb: 3, gib: 3, tb: 4, tib: 4 }[m[2]!.toLowerCase()]!;
  return Number(m[1]) * 1024 ** exp;
}

/**
 * ECC from an error-correction description: "Single-bit ECC", "Multi-bit ECC" (SMBIOS type
 * 16, as dmidecode prints it) or lshw's "ecc", "multi-bit-ecc" are ECC; "None" and "Parity"
 * are not; "Other", "Unknown", "CRC" leave it unknown.
 * @param value the description as written; `evidence` says where
 */
export function eccFromType(value: string, evidence: string): { ecc: Fact<boolean>; eccType: Fact<string> } {
  const eccType = known(value, evidence);
  const v = value.toLowerCase();
  if (/\becc\b/.test(v.replace(/-/g, ' '))) return { ecc: known(true, evidence), eccType };
  if (v === 'none' || v === 'parity') return { ecc: known(false, evidence), eccType };
  return { ecc: unknown(`${evidence}: "${value}" does not say`), eccType };
}
