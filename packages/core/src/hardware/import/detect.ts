/**
 * importInventory: one inventory file's text -> HardwareFacts, the format detected from the
 * content (or checked against an explicit one). Pure; never throws for any input: broken
 * input is a coded Diagnostic positioned at file:line:col, with a hint.
 *
 *   JSON: `{"lscpu": [...]}`                          -> lscpu-json
 *         `{inventory: ...}` or `{cpu, memory, ...}`   -> ironic
 *         a node `{id, class, ...}` or an array of them -> lshw (`lshw -json`)
 *         `{"@odata.type": "#ComputerSystem..."}`     -> redfish (interop/redfish/import.ts)
 *   text: `Handle 0x..., DMI type N` / `# dmidecode`   -> dmidecode
 *         `CPU(s):` with `Architecture:`/`Model name:` -> lscpu
 *         `processor :` / `flags :` lines              -> cpuinfo (/proc/cpuinfo)
 *
 * Codes: inventory.empty, inventory.invalid_json, inventory.truncated,
 * inventory.unknown_format (including another tool's output), inventory.wrong_format (an
 * explicit format that the content contradicts), inventory.inconsistent (warning).
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import { unknown, type Fact, type HardwareFacts, type InventoryFormat } from '../../model/hardware-facts.js';
import { cleanText, isObj } from './common.js';
import { cpuinfoFacts } from './cpuinfo.js';
import { dmidecodeFacts } from './dmidecode.js';
import { ironicFacts, looksLikeIronic } from './ironic.js';
import { parseJsonText } from './json-text.js';
import { looksLikeLscpuJson, lscpuJsonFacts, lscpuTextFacts } from './lscpu.js';
import { looksLikeLshw, lshwFacts } from './lshw.js';
import { looksLikeRedfish, redfishFacts } from '../../interop/redfish/import.js';

export interface ImportOptions {
  /** Name used in evidence and diagnostics (default `inventory`). */
  fileName?: string;
  /** The expected format; the content must agree. Default: detected. */
  format?: InventoryFormat;
}

export interface ImportResult {
  /** Present unless an error-severity diagnostic stopped the import. */
  facts?: HardwareFacts;
  /** The detected format, when one was recognised. */
  format?: InventoryFormat;
  diagnostics: Diagnostic[];
}

const FORMAT_NAMES: Record<InventoryFormat, string> = {
  ironic: 'Ironic introspection data (inventory)',
  lshw: '`lshw -json` output',
  dmidecode: '`dmidecode` output',
  lscpu: '`lscpu` output',
  'lscpu-json': '`lscpu --json` output',
  cpuinfo: '/proc/cpuinfo',
  redfish: 'a Redfish ComputerSystem (expanded)',
};

const SUPPORTED = 'Ironic inventory JSON, a Redfish ComputerSystem (expanded), `lshw -json`, `dmidecode`, `lscpu`, `lscpu --json`, /proc/cpuinfo';

/** Output of tools headroom does not import, recognised to say so. */
const OTHER_TOOLS: readonly [RegExp, string][] = [
  [/^NAME\s+MAJ:MIN\s+RM/m, '`lsblk`'],
  [/^\d+: [\w@.-]+: <[A-Z,_]*>/m, '`ip address`'],
  [/^[0-9a-f]{2,4}:[0-9a-f]{2}\.[0-9a-f] /m, '`lspci`'],
  [/^\s+total\s+used\s+free/m, '`free`'],
  [/^MemTotal:\s+\d+ kB/m, '/proc/meminfo'],
  [/^<\?xml|^<list>|^<node /m, 'XML (`lshw -xml`? use `lshw -json`)'],
  [/^Smartctl|^smartctl \d/m, '`smartctl`'],
];

type Detected = { kind: 'json'; format: InventoryFormat; value: unknown } | { kind: 'text'; format: InventoryFormat } | { kind: 'error'; diagnostic: Diagnostic };

function detect(text: string, file: string): Detected {
  const body = text.trimStart();
  const at1 = { file, line: 1, col: 1 };
  if (body === '') {
    return {
      kind: 'error',
      diagnostic: { code: 'inventory.empty', severity: 'error', message: 'the file is empty', path: [], location: at1, hint: `expected one of: ${SUPPORTED}` },
    };
  }
  if (body.startsWith('{') || body.startsWith('[')) {
    const parsed = parseJsonText(text, file);
    if (!parsed.ok) return { kind: 'error', diagnostic: parsed.diagnostic };
    const v = parsed.value;
    if (looksLikeLscpuJson(v)) return { kind: 'json', format: 'lscpu-json', value: v };
    if (looksLikeIronic(v)) return { kind: 'json', format: 'ironic', value: v };
    if (looksLikeRedfish(v)) return { kind: 'json', format: 'redfish', value: v };
    if (looksLikeLshw(v)) return { kind: 'json', format: 'lshw', value: v };
    // The message describes the shape, never the content: a file that is not an inventory may
    // hold anything (a secret's key names included), and diagnostics are printed in CI logs.
    const shape = isObj(v) ? `an object of ${Object.keys(v).length} member(s)` : Array.isArray(v) ? `an array of ${v.length} item(s)` : `a ${v === null ? 'null' : typeof v}`;
    return {
      kind: 'error',
      diagnostic: {
        code: 'inventory.unknown_format',
        severity: 'error',
        path: [],
        location: at1,
        message: `a JSON document that is not an inventory headroom reads (its top level is ${shape})`,
        hint: `expected one of: ${SUPPORTED}`,
      },
    };
  }
  if (/^Handle 0x[0-9A-Fa-f]+, DMI type \d+/m.test(text) || /^# dmidecode/m.test(text)) return { kind: 'text', format: 'dmidecode' };
  if (/^CPU\(s\):/m.test(text) && /^(Architecture|Model name|Socket\(s\)):/m.test(text)) return { kind: 'text', format: 'lscpu' };
  if (/^(processor|flags|model name|vendor_id)\s*:/m.test(text)) return { kind: 'text', format: 'cpuinfo' };
  const other = OTHER_TOOLS.find(([re]) => re.test(text));
  return {
    kind: 'error',
    diagnostic: {
      code: 'inventory.unknown_format',
      severity: 'error',
      path: [],
      location: at1,
      message: other ? `this looks like ${other[1]} output, which headroom does not import` : 'not an inventory format headroom reads',
      hint: `expected one of: ${SUPPORTED}`,
    },
  };
}

/**
 * Imports one inventory file.
 * @param text the file's content (UTF-8 text; a BOM and CRLF line ends are accepted)
 * @returns facts (with evidence naming `fileName`), the format, and the diagnostics; never throws
 */
export function importInventory(text: string, options: ImportOptions = {}): ImportResult {
  const file = options.fileName ?? 'inventory';
  const clean = cleanText(text);
  const d = detect(clean, file);
  if (d.kind === 'error') return { diagnostics: [d.diagnostic] };
  if (options.format && options.format !== d.format) {
    return {
      format: d.format,
      diagnostics: [
        {
          code: 'inventory.wrong_format',
          severity: 'error',
          path: [],
          location: { file, line: 1, col: 1 },
          message: `expected ${FORMAT_NAMES[options.format]} (format: ${options.format}), but this is ${FORMAT_NAMES[d.format]}`,
          hint: `write format: ${d.format}, or leave format out: it is detected from the content`,
        },
      ],
    };
  }
  const result = importFormat(d, clean, file);
  if (result.facts) result.diagnostics.push(...rejectImplausible(result.facts, clean, file));
  return result;
}

function importFormat(d: Exclude<Detected, { kind: 'error' }>, clean: string, file: string): ImportResult {
  switch (d.format) {
    case 'ironic':
      return { format: d.format, facts: ironicFacts(d.kind === 'json' && isObj(d.value) ? d.value : {}, file), diagnostics: [] };
    case 'lshw':
      return { format: d.format, facts: lshwFacts(d.kind === 'json' ? d.value : {}, file), diagnostics: [] };
    case 'lscpu-json':
      return { format: d.format, ...lscpuJsonFacts(d.kind === 'json' ? (d.value as { lscpu: unknown[] }) : { lscpu: [] }, clean, file) };
    case 'lscpu':
      return { format: d.format, ...lscpuTextFacts(clean, file) };
    case 'cpuinfo':
      return { format: d.format, facts: cpuinfoFacts(clean, file), diagnostics: [] };
    case 'dmidecode':
      return { format: d.format, ...dmidecodeFacts(clean, file) };
    case 'redfish':
      return { format: d.format, ...redfishFacts(d.kind === 'json' && isObj(d.value) ? d.value : {}, file, clean) };
  }
}

/**
 * The largest values a server of a real cloud reports: 64 TiB of memory, a 1 PB device,
 * 32,768 logical CPUs (8 sockets x 512 cores x 8 threads, the scenario schema's limits), a
 * 1.6 Tbit/s port. Above them (1e308 MiB of memory becomes Infinity bytes) a value is a
 * corrupt or edited capture.
 */
export const PLAUSIBLE_MAX = {
  memoryBytes: 64 * 2 ** 40,
  diskBytes: 1e15,
  logicalCpus: 32_768,
  speedBitsPerSecond: 1.6e12,
} as const;

/** Line and column of the first `key` (as a JSON key, else as a word) in `text`; 1:1 when absent. */
function keyLineCol(text: string, key: string | undefined): { line: number; col: number } {
  if (!key) return { line: 1, col: 1 };
  let at = text.indexOf(`"${key}"`);
  if (at < 0) at = text.indexOf(key);
  if (at < 0) return { line: 1, col: 1 };
  const before = text.slice(0, at);
  const nl = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return { line, col: at - nl };
}

/**
 * Replaces values no real server has (non-finite, or above PLAUSIBLE_MAX) by unknown facts,
 * with an `inventory.implausible` error each, positioned at the field when it can be found:
 * the plan then never shows "Infinity GiB".
 */
function rejectImplausible(facts: HardwareFacts, text: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (fact: Fact<number>, max: number, what: string, unit: string): Fact<number> => {
    if (!fact.known || (Number.isFinite(fact.value) && fact.value <= max)) return fact;
    // evidence reads "<file>: <path> (...)": the field is the path's last name
    const key = /: (?:[\w.[\]]*\.)?([A-Za-z_][\w ]*?)(?:\s*\(|$|:)/.exec(fact.evidence)?.[1]?.trim();
    out.push({
      code: 'inventory.implausible',
      severity: 'error',
      path: [],
      message: `${what} ${Number.isFinite(fact.value) ? `${fact.value} ${unit}` : 'is not a finite number'} (${fact.evidence}) is not a value a server has (at most ${max} ${unit})`,
      hint: 'the capture is corrupt or edited: take it again on the server, or write the value in the scenario',
      location: { file, ...keyLineCol(text, key) },
    });
    return unknown(`${fact.evidence}: rejected, ${what} is not plausible`);
  };
  facts.memory.installedBytes = check(facts.memory.installedBytes, PLAUSIBLE_MAX.memoryBytes, 'installed memory', 'bytes');
  facts.cpu.logicalCpus = check(facts.cpu.logicalCpus, PLAUSIBLE_MAX.logicalCpus, 'the logical CPU count', 'CPUs');
  if (facts.disks.known) for (const disk of facts.disks.value) disk.sizeBytes = check(disk.sizeBytes, PLAUSIBLE_MAX.diskBytes, `disk ${disk.name} size`, 'bytes');
  if (facts.nics.known)
    for (const nic of facts.nics.value) nic.speedBitsPerSecond = check(nic.speedBitsPerSecond, PLAUSIBLE_MAX.speedBitsPerSecond, `interface ${nic.name} speed`, 'bit/s');
  return out;
}
