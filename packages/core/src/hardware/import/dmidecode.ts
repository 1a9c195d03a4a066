/**
 * `dmidecode` text output -> HardwareFacts. The output is a list of blocks separated by
 * blank lines, each starting `Handle 0x1000, DMI type 16, 23 bytes`, then a title, then
 * tab-indented `Key: value` lines (lists such as `Characteristics:` continue on lines
 * indented with two tabs). Semantics (SMBIOS 3.x, dmidecode(8)):
 *
 *   - type 16 (Physical Memory Array) with `Use: System Memory`: `Error Correction Type`
 *     is the ECC fact ("Single-bit ECC", "Multi-bit ECC", "None", ...). Type 7 (cache)
 *     blocks carry a field of the same name about CPU caches: never read. Several arrays:
 *     the weakest decides.
 *   - type 17 (Memory Device): `Size` of each installed DIMM, in dmidecode's binary units
 *     ("16384 MB" is 16 GiB, "32 GB" is 32 GiB); "No Module Installed" is an empty slot.
 *   - type 4 (Processor) with `Status: Populated, ...`: one per populated socket; `Version`
 *     is the model, `Core Enabled` (else `Core Count`) the cores and `Thread Count` the
 *     threads of one socket; `Characteristics: Enhanced Virtualization` says the processor
 *     supports VT-x / AMD-V (a processor capability: firmware can still disable it).
 *   - type 1 (System Information): Manufacturer, Product Name.
 * dmidecode lists neither disks nor network interfaces: those facts stay unknown.
 *
 * A capture is truncated when the header's "N structures occupying ..." promises more
 * handles than the text holds, or the final "End Of Table" block is missing.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import { emptyFacts, known, unknown, type HardwareFacts } from '../../model/hardware-facts.js';
import { binarySizeBytes, eccFromType } from './common.js';

interface Field {
  value: string;
  line: number;
  /** Items on the following, deeper-indented lines (`Characteristics:` lists), with their lines. */
  items: { text: string; line: number }[];
}

/** One DMI structure: its type, the line of its Handle header, its fields by key. */
export interface DmiBlock {
  type: number;
  handle: string;
  line: number;
  title: string;
  fields: Map<string, Field>;
}

const HANDLE = /^Handle (0x[0-9A-Fa-f]+), DMI type (\d+), \d+ bytes/;

/** The DMI blocks of a dmidecode capture, with 1-based line numbers. */
export function dmiBlocks(lines: readonly string[]): DmiBlock[] {
  const blocks: DmiBlock[] = [];
  let current: DmiBlock | undefined;
  let last: Field | undefined;
  lines.forEach((raw, i) => {
    const m = HANDLE.exec(raw);
    if (m) {
      current = { type: Number(m[2]), handle: m[1]!, line: i + 1, title: '', fields: new Map() };
      blocks.push(current);
      last = undefined;
      return;
    }
    if (!current) return;
    if (raw.trim() === '') {
      current = undefined;
      return;
    }
    if (!current.title && !raw.startsWith('\t')) {
      current.title = raw.trim();
      return;
    }
    const depth = /^\t*/.exec(raw)![0].length;
    const text = raw.trim();
    const colon = text.indexOf(':');
    if (depth >= 2 && last) {
      last.items.push({ text, line: i + 1 });
      return;
    }
    if (colon > 0) {
      last = { value: text.slice(colon + 1).trim(), line: i + 1, items: [] };
      current.fields.set(text.slice(0, colon).trim(), last);
    }
  });
  return blocks;
}

export interface DmidecodeResult {
  facts?: HardwareFacts;
  diagnostics: Diagnostic[];
}

/**
 * Facts of the machine a dmidecode capture describes.
 * @param text the output of `dmidecode` (all types; `-t 1,4,16,17` works too)
 * @param file the file name used in evidence and diagnostics
 */
export function dmidecodeFacts(text: string, file: string): DmidecodeResult {
  const lines = text.split('\n');
  const blocks = dmiBlocks(lines);
  const diagnostics: Diagnostic[] = [];
  const endPosition = (): { line: number; col: number } => {
    let n = lines.length;
    while (n > 1 && lines[n - 1] === '') n--;
    return { line: n, col: (lines[n - 1] ?? '').length + 1 };
  };
  if (blocks.length === 0) {
    diagnostics.push({
      code: 'inventory.empty',
      severity: 'error',
      path: [],
      message: 'dmidecode output without any DMI structure ("Handle 0x..., DMI type ..." blocks)',
      hint: 'dmidecode needs root and SMBIOS tables; run `sudo dmidecode > dmidecode.txt` on the server itself',
      location: { file, ...endPosition() },
    });
    return { diagnostics };
  }
  const promised = /^(\d+) structures occupying/m.exec(text);
  const hasEnd = blocks.some((b) => b.type === 127);
  if ((promised && blocks.length < Number(promised[1])) || (promised && !hasEnd)) {
    diagnostics.push({
      code: 'inventory.truncated',
      severity: 'error',
      path: [],
      message:
        promised && blocks.length < Number(promised[1])
          ? `the header promises ${promised[1]} DMI structures, the file holds ${blocks.length}: the capture is truncated`
          : 'no "End Of Table" structure: the capture is truncated',
      hint: 'capture the whole output again: sudo dmidecode > dmidecode.txt',
      location: { file, ...endPosition() },
    });
    return { diagnostics };
  }

  const facts = emptyFacts({ kind: 'inventory', file, format: 'dmidecode' }, (what) => `${file}: dmidecode has no ${what}`);
  const at = (line: number, what: string): string => `${file}:${line}: ${what}`;
  const field = (b: DmiBlock, key: string): Field | undefined => b.fields.get(key);

  const system = blocks.find((b) => b.type === 1);
  const manufacturer = system && field(system, 'Manufacturer');
  const product = system && field(system, 'Product Name');
  if (manufacturer) facts.system.manufacturer = known(manufacturer.value, at(manufacturer.line, 'DMI type 1 Manufacturer'));
  if (product) facts.system.product = known(product.value, at(product.line, 'DMI type 1 Product Name'));

  // Memory arrays (type 16) used as system memory: ECC. Type 7 cache blocks are not read.
  const arrays = blocks.filter((b) => b.type === 16 && field(b, 'Use')?.value === 'System Memory');
  const corrections = arrays.map((b) => field(b, 'Error Correction Type')).filter((f): f is Field => f !== undefined);
  if (corrections.length > 0) {
    const parts = corrections.map((f) => eccFromType(f.value, at(f.line, 'DMI type 16 (System Memory) Error Correction Type')));
    const noEcc = parts.find((p) => p.ecc.known && p.ecc.value === false);
    Object.assign(facts.memory, noEcc ?? parts.find((p) => !p.ecc.known) ?? parts[0]!);
  } else {
    const why = `${file}: no DMI type 16 block with "Use: System Memory" and an Error Correction Type`;
    facts.memory.ecc = unknown(why);
    facts.memory.eccType = unknown(why);
  }

  // Memory devices (type 17): installed DIMMs.
  const devices = blocks
    .filter((b) => b.type === 17)
    .map((b) => field(b, 'Size'))
    .filter((f): f is Field => f !== undefined);
  const installed = devices.filter((f) => !/^No Module Installed$/i.test(f.value));
  const sizes = installed.map((f) => binarySizeBytes(f.value));
  const bad = installed.find((_, i) => sizes[i] === undefined);
  if (installed.length > 0 && !bad) {
    const lineSpan = installed.length === 1 ? `line ${installed[0]!.line}` : `lines ${installed[0]!.line}-${installed[installed.length - 1]!.line}`;
    facts.memory.installedBytes = known(
      sizes.reduce<number>((s, x) => s + x!, 0),
      `${file}: DMI type 17 Size of ${installed.length} installed memory devices (${lineSpan})`,
    );
  } else if (bad) {
    facts.memory.installedBytes = unknown(at(bad.line, `DMI type 17 Size "${bad.value}" is not a size`));
  } else {
    facts.memory.installedBytes = unknown(`${file}: no DMI type 17 memory device with a Size`);
  }

  // Processors (type 4) in populated sockets.
  const sockets = blocks.filter((b) => b.type === 4 && /^Populated/i.test(field(b, 'Status')?.value ?? ''));
  if (sockets.length > 0) {
    const first = sockets[0]!;
    facts.cpu.sockets = known(
      sockets.length,
      `${file}: DMI type 4 Status "Populated" (${sockets.length} of ${blocks.filter((b) => b.type === 4).length} sockets, lines ${sockets.map((s) => field(s, 'Status')!.line).join(', ')})`,
    );
    const version = field(first, 'Version');
    if (version && !/^Not Specified$/i.test(version.value)) facts.cpu.model = known(version.value, at(version.line, 'DMI type 4 Version'));
    const cores = field(first, 'Core Enabled') ?? field(first, 'Core Count');
    const threads = field(first, 'Thread Count');
    const coreCount = cores && /^\d+$/.test(cores.value) ? Number(cores.value) : undefined;
    const threadCount = threads && /^\d+$/.test(threads.value) ? Number(threads.value) : undefined;
    if (coreCount && cores) facts.cpu.coresPerSocket = known(coreCount, at(cores.line, `DMI type 4 ${first.fields.has('Core Enabled') ? 'Core Enabled' : 'Core Count'}`));
    else facts.cpu.coresPerSocket = unknown(at(first.line, 'DMI type 4 without Core Count'));
    if (coreCount && threadCount && threads && threadCount % coreCount === 0) {
      facts.cpu.threadsPerCore = known(threadCount / coreCount, `${at(threads.line, 'DMI type 4 Thread Count')} / cores`);
      facts.cpu.logicalCpus = known(sockets.length * threadCount, `${at(threads.line, 'DMI type 4 Thread Count')} × ${sockets.length} sockets`);
    } else {
      const why = at(first.line, 'DMI type 4 without a Thread Count that is a multiple of the cores');
      facts.cpu.threadsPerCore = unknown(why);
      facts.cpu.logicalCpus = unknown(why);
    }
    const characteristics = field(first, 'Characteristics');
    const maker = `${field(first, 'Manufacturer')?.value ?? ''} ${version?.value ?? ''}`;
    const vendor = /intel/i.test(maker) ? 'vt-x' : /\bamd\b|authenticamd/i.test(maker) ? 'amd-v' : undefined;
    const ev = characteristics?.items.find((item) => item.text === 'Enhanced Virtualization');
    if (ev && vendor) {
      facts.cpu.virtualization = known(
        vendor,
        `${at(ev.line, 'DMI type 4 Characteristics "Enhanced Virtualization"')} (a processor capability: the firmware may still disable it)`,
      );
    } else {
      facts.cpu.virtualization = unknown(
        characteristics
          ? `${at(characteristics.line, 'DMI type 4 Characteristics')} do not list Enhanced Virtualization (SMBIOS does not say; the CPU flags vmx/svm would)`
          : `${at(first.line, 'DMI type 4')} has no Characteristics (SMBIOS < 2.5 does not say; the CPU flags vmx/svm would)`,
      );
    }
    facts.cpu.guest = unknown(`${file}: dmidecode does not show CPU flags`);
  } else {
    facts.cpu.sockets = unknown(`${file}: no DMI type 4 block with Status "Populated"`);
  }
  facts.disks = unknown(`${file}: dmidecode does not list disks`);
  facts.nics = unknown(`${file}: dmidecode does not list network interfaces`);
  return { facts, diagnostics };
}
