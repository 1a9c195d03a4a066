/**
 * `/proc/cpuinfo` (x86) -> HardwareFacts (CPU only). One block per logical CPU, blank-line
 * separated, with `processor`, `model name`, `physical id` (socket), `siblings` (logical
 * CPUs per socket), `cpu cores` (cores per socket) and `flags` (vmx: VT-x, svm: AMD-V,
 * hypervisor: a guest) — Linux arch/x86/kernel/cpu/proc.c. A capture of the flags line
 * alone (`grep -m1 flags /proc/cpuinfo`) gives the virtualization facts only.
 */
import { emptyFacts, known, unknown, type HardwareFacts } from '../../model/hardware-facts.js';
import { guestFromFlags, posInt, textFields, virtualizationFromFlags } from './common.js';

/**
 * Facts from /proc/cpuinfo text.
 * @param file the file name used in evidence
 */
export function cpuinfoFacts(text: string, file: string): HardwareFacts {
  const fields = textFields(text);
  const facts = emptyFacts({ kind: 'inventory', file, format: 'cpuinfo' }, (what) => `${file}: /proc/cpuinfo has no ${what}`);
  const first = (key: string) => fields.find((f) => f.key === key);
  const at = (f: { line: number }, key: string): string => `${file}:${f.line}: ${key}`;

  const processors = fields.filter((f) => f.key === 'processor');
  if (processors.length > 0) {
    facts.cpu.logicalCpus = known(processors.length, `${file}: ${processors.length} "processor" entries (lines ${processors[0]!.line}-${processors[processors.length - 1]!.line})`);
  } else {
    facts.cpu.logicalCpus = unknown(`${file}: no "processor" lines (a partial capture)`);
  }
  const model = first('model name');
  if (model) facts.cpu.model = known(model.value, at(model, 'model name'));
  const socketIds = new Set(fields.filter((f) => f.key === 'physical id').map((f) => f.value));
  if (socketIds.size > 0) facts.cpu.sockets = known(socketIds.size, `${file}: ${socketIds.size} distinct "physical id" values`);
  const cores = first('cpu cores');
  const siblings = first('siblings');
  const coreCount = cores ? posInt(cores.value) : undefined;
  const siblingCount = siblings ? posInt(siblings.value) : undefined;
  if (cores && coreCount) facts.cpu.coresPerSocket = known(coreCount, at(cores, 'cpu cores'));
  if (siblings && coreCount && siblingCount && siblingCount % coreCount === 0) {
    facts.cpu.threadsPerCore = known(siblingCount / coreCount, `${at(siblings, 'siblings')} / cpu cores`);
  }
  const flagsField = first('flags');
  const flags = flagsField ? flagsField.value.split(/\s+/).filter((x) => x.length > 0) : undefined;
  const where = flagsField ? at(flagsField, 'flags') : `${file}: no flags line`;
  facts.cpu.virtualization = virtualizationFromFlags(flags, where);
  facts.cpu.guest = guestFromFlags(flags, where);
  return facts;
}
