/**
 * `lscpu` (text) and `lscpu --json` -> HardwareFacts (CPU only: lscpu says nothing about
 * memory, disks or NICs). Fields, as util-linux lscpu(1) prints them:
 *
 *   CPU(s)                 logical CPUs          Socket(s)            populated sockets
 *   Core(s) per socket     cores of one socket   Thread(s) per core   SMT threads
 *   Model name             the model string      Flags                /proc/cpuinfo flags
 *   Virtualization         VT-x / AMD-V (host capability, printed when the flag is there)
 *   Hypervisor vendor, Virtualization type
 *                          printed on a GUEST: "Virtualization type: full" means the
 *                          machine is a fully virtualized VM, NOT that VT-x is available.
 *
 * `--json` prints `{"lscpu": [{"field": "CPU(s):", "data": "2"}, ...]}`; util-linux 2.38+
 * nests some fields under `children`. Both are flattened.
 *
 * When CPU(s) disagrees with Socket(s) × Core(s) per socket × Thread(s) per core, the logical
 * CPU count is unknown and a warning `inventory.inconsistent` points at the CPU(s) line.
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import { emptyFacts, known, unknown, type HardwareFacts } from '../../model/hardware-facts.js';
import { guestFromFlags, isObj, posInt, textFields, virtualizationFromFlags } from './common.js';
import { lineCol } from './json-text.js';

interface LscpuField {
  value: string;
  /** Evidence prefix: `lscpu.txt:13` or `lscpu.json: lscpu[7]`. */
  where: string;
  /** Position of the field in the file, for diagnostics. */
  line: number;
  col: number;
}

export interface LscpuResult {
  facts: HardwareFacts;
  diagnostics: Diagnostic[];
}

/** True when a parsed JSON value is `lscpu --json` output. */
export function looksLikeLscpuJson(v: unknown): boolean {
  return isObj(v) && Array.isArray(v.lscpu);
}

/** The fields of `lscpu` text output, by name (without the colon). */
function textLscpuFields(text: string, file: string): Map<string, LscpuField> {
  const out = new Map<string, LscpuField>();
  for (const f of textFields(text)) {
    if (!out.has(f.key)) out.set(f.key, { value: f.value, where: `${file}:${f.line}`, line: f.line, col: 1 });
  }
  return out;
}

/** The fields of `lscpu --json` output, nested children flattened. */
function jsonLscpuFields(v: { lscpu: unknown[] }, text: string, file: string): Map<string, LscpuField> {
  const out = new Map<string, LscpuField>();
  const visit = (items: unknown[], path: string): void => {
    items.forEach((item, i) => {
      if (!isObj(item)) return;
      const p = `${path}[${i}]`;
      if (typeof item.field === 'string' && (typeof item.data === 'string' || item.data === null)) {
        const key = item.field.replace(/:$/, '').trim();
        const offset = text.indexOf(JSON.stringify(item.field));
        const pos = lineCol(text, Math.max(offset, 0));
        if (!out.has(key)) out.set(key, { value: (item.data ?? '').trim(), where: `${file}: ${p}.data`, ...pos });
      }
      if (Array.isArray(item.children)) visit(item.children, `${p}.children`);
    });
  };
  visit(v.lscpu, 'lscpu');
  return out;
}

function lscpuFacts(fields: Map<string, LscpuField>, file: string, format: 'lscpu' | 'lscpu-json'): LscpuResult {
  const facts = emptyFacts({ kind: 'inventory', file, format }, (what) => `${file}: lscpu does not report ${what}`);
  const diagnostics: Diagnostic[] = [];
  const get = (key: string): LscpuField | undefined => fields.get(key);
  const ev = (f: LscpuField, key: string): string => `${f.where}: ${key}`;

  const model = get('Model name');
  if (model?.value) facts.cpu.model = known(model.value, ev(model, 'Model name'));
  else facts.cpu.model = unknown(`${file}: no "Model name" line`);

  const intField = (key: string) => {
    const f = get(key);
    const n = f ? posInt(f.value) : undefined;
    return f && n !== undefined ? known(n, ev(f, key)) : unknown(`${file}: no "${key}" line with a number`);
  };
  const cpus = intField('CPU(s)');
  facts.cpu.sockets = intField('Socket(s)');
  facts.cpu.coresPerSocket = intField('Core(s) per socket');
  facts.cpu.threadsPerCore = intField('Thread(s) per core');
  facts.cpu.logicalCpus = cpus;
  const { sockets, coresPerSocket, threadsPerCore } = facts.cpu;
  if (cpus.known && sockets.known && coresPerSocket.known && threadsPerCore.known) {
    const product = sockets.value * coresPerSocket.value * threadsPerCore.value;
    if (product !== cpus.value) {
      const f = get('CPU(s)')!;
      const message = `CPU(s) says ${cpus.value}, but Socket(s) × Core(s) per socket × Thread(s) per core = ${sockets.value} × ${coresPerSocket.value} × ${threadsPerCore.value} = ${product}`;
      facts.cpu.logicalCpus = { ...unknown(`${ev(f, 'CPU(s)')}: ${message}`), conflicting: true };
      diagnostics.push({
        code: 'inventory.inconsistent',
        severity: 'warning',
        path: [],
        message: `${message}: the logical CPU count is left unknown`,
        hint: 'an edited or partial capture? run lscpu again on the server',
        location: { file, line: f.line, col: f.col },
      });
    }
  }

  const flagsField = get('Flags');
  const flags = flagsField ? flagsField.value.split(/\s+/).filter((x) => x.length > 0) : undefined;
  const virt = get('Virtualization');
  if (flagsField) {
    facts.cpu.virtualization = virtualizationFromFlags(flags, ev(flagsField, 'Flags'));
  } else if (virt && /^VT-x$/i.test(virt.value)) {
    facts.cpu.virtualization = known('vt-x', ev(virt, 'Virtualization VT-x'));
  } else if (virt && /^AMD-V$/i.test(virt.value)) {
    facts.cpu.virtualization = known('amd-v', ev(virt, 'Virtualization AMD-V'));
  } else {
    facts.cpu.virtualization = unknown(`${file}: no Flags line and no "Virtualization: VT-x|AMD-V" line`);
  }
  const hypervisor = get('Hypervisor vendor');
  const virtType = get('Virtualization type');
  if (virtType) facts.cpu.guest = known(true, `${ev(virtType, `Virtualization type ${virtType.value}`)} (a guest: this is not VT-x)`);
  else if (hypervisor) facts.cpu.guest = known(true, ev(hypervisor, `Hypervisor vendor ${hypervisor.value}`));
  else if (flagsField) facts.cpu.guest = guestFromFlags(flags, ev(flagsField, 'Flags'));
  return { facts, diagnostics };
}

/**
 * Facts from `lscpu` text output.
 * @param file the file name used in evidence and diagnostics
 */
export function lscpuTextFacts(text: string, file: string): LscpuResult {
  return lscpuFacts(textLscpuFields(text, file), file, 'lscpu');
}

/**
 * Facts from `lscpu --json` output (already parsed; `text` is used to position warnings).
 * @param file the file name used in evidence and diagnostics
 */
export function lscpuJsonFacts(v: { lscpu: unknown[] }, text: string, file: string): LscpuResult {
  return lscpuFacts(jsonLscpuFields(v, text, file), file, 'lscpu-json');
}
