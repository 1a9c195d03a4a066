/**
 * importInventory: one inventory file's text -> HardwareFacts, the format detected from the
 * content (or checked against an explicit one). Pure; never throws for any input: broken
 * input is a coded Diagnostic positioned at file:line:col, with a hint.
 *
 *   JSON: `{"lscpu": [...]}`                          -> lscpu-json
 *         `{inventory: ...}` or `{cpu, memory, ...}`   -> ironic
 *         a node `{id, class, ...}` or an array of them -> lshw (`lshw -json`)
 *   text: `Handle 0x..., DMI type N` / `# dmidecode`   -> dmidecode
 *         `CPU(s):` with `Architecture:`/`Model name:` -> lscpu
 *         `processor :` / `flags :` lines              -> cpuinfo (/proc/cpuinfo)
 *
 * Codes: inventory.empty, inventory.invalid_json, inventory.truncated,
 * inventory.unknown_format (including another tool's output), inventory.wrong_format (an
 * explicit format that the content contradicts), inventory.inconsistent (warning).
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import type { HardwareFacts, InventoryFormat } from '../../model/hardware-facts.js';
import { cleanText, isObj } from './common.js';
import { cpuinfoFacts } from './cpuinfo.js';
import { dmidecodeFacts } from './dmidecode.js';
import { ironicFacts, looksLikeIronic } from './ironic.js';
import { parseJsonText } from './json-text.js';
import { looksLikeLscpuJson, lscpuJsonFacts, lscpuTextFacts } from './lscpu.js';
import { looksLikeLshw, lshwFacts } from './lshw.js';

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
};

const SUPPORTED = 'Ironic inventory JSON, `lshw -json`, `dmidecode`, `lscpu`, `lscpu --json`, /proc/cpuinfo';

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

type Detected =
  | { kind: 'json'; format: InventoryFormat; value: unknown }
  | { kind: 'text'; format: InventoryFormat }
  | { kind: 'error'; diagnostic: Diagnostic };

function detect(text: string, file: string): Detected {
  const body = text.trimStart();
  const at1 = { file, line: 1, col: 1 };
  if (body === '') {
    return { kind: 'error', diagnostic: { code: 'inventory.empty', severity: 'error', message: 'the file is empty', path: [], location: at1, hint: `expected one of: ${SUPPORTED}` } };
  }
  if (body.startsWith('{') || body.startsWith('[')) {
    const parsed = parseJsonText(text, file);
    if (!parsed.ok) return { kind: 'error', diagnostic: parsed.diagnostic };
    const v = parsed.value;
    if (looksLikeLscpuJson(v)) return { kind: 'json', format: 'lscpu-json', value: v };
    if (looksLikeIronic(v)) return { kind: 'json', format: 'ironic', value: v };
    if (looksLikeLshw(v)) return { kind: 'json', format: 'lshw', value: v };
    // The message describes the shape, never the content: a file that is not an inventory may
    // hold anything (a secret's key names included), and diagnostics are printed in CI logs.
    const shape = isObj(v) ? `an object of ${Object.keys(v).length} member(s)` : Array.isArray(v) ? `an array of ${v.length} item(s)` : `a ${v === null ? 'null' : typeof v}`;
    return {
      kind: 'error',
      diagnostic: {
        code: 'inventory.unknown_format', severity: 'error', path: [], location: at1,
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
      code: 'inventory.unknown_format', severity: 'error', path: [], location: at1,
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
      diagnostics: [{
        code: 'inventory.wrong_format', severity: 'error', path: [], location: { file, line: 1, col: 1 },
        message: `expected ${FORMAT_NAMES[options.format]} (format: ${options.format}), but this is ${FORMAT_NAMES[d.format]}`,
        hint: `write format: ${d.format}, or leave format out: it is detected from the content`,
      }],
    };
  }
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
  }
}
