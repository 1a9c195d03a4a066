/**
 * Text output of `headroom hw check` and `headroom hw facts`: one table per server (file),
 * the sources of the requirements as numbered notes at the end. Formatting only: statuses,
 * values and evidence come from core; bytes and bits/s are converted for display.
 */
import type { CheckCore, Diagnostic, Fact, HardwareFacts, InventoryFormat } from '@headroom/core';
import { createStyle, type Style } from './style.js';

/** One requirement checked on one server, with its label ("ECC memory"). */
export type HwCheck = CheckCore & { label: string };

/** The outcome for one inventory file. */
export interface NodeResult {
  file: string;
  format?: InventoryFormat;
  /** Worst check status, or `error` when the file could not be read or imported. */
  status: 'pass' | 'fail' | 'unknown' | 'error';
  facts?: HardwareFacts;
  checks?: HwCheck[];
  diagnostics: Diagnostic[];
  /** Why the file could not be read. */
  error?: string;
}

const GIB = 2 ** 30;

function num(value: number, maxDecimals = 2): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: maxDecimals }).format(value);
}

function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => (indent + row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')).trimEnd());
}

function statusText(style: Style, status: NodeResult['status']): string {
  const text = status.toUpperCase();
  if (status === 'pass') return style.green(text);
  if (status === 'fail' || status === 'error') return style.bold(style.red(text));
  return style.yellow(text);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Evidence inside a server's own table, without repeating its file name:
 * `r7615.json: inventory.cpu.flags[svm]` -> `inventory.cpu.flags[svm]`,
 * `dmidecode.txt:429: DMI type 16 ...` -> `line 429: DMI type 16 ...`. (JSON output keeps it whole.)
 */
export function shortEvidence(evidence: string, file: string): string {
  return evidence.split(`${file}: `).join('').split(`${file}:`).join('line ');
}

export interface HwRenderOptions {
  color?: boolean;
}

/**
 * The checks of every server: a header line with the overall status and counts, a table
 * (status, requirement, expected, actual, evidence, [source note]), then the notes and a
 * summary line.
 */
export function renderChecksText(nodes: readonly NodeResult[], role: string, options: HwRenderOptions = {}): string {
  const style = createStyle(options.color ?? false);
  const notes: string[] = [];
  const note = (source: string): string => {
    let i = notes.indexOf(source);
    if (i < 0) i = notes.push(source) - 1;
    return `[${i + 1}]`;
  };
  const lines: string[] = [];
  for (const node of nodes) {
    const format = node.format ? ` (${node.format})` : '';
    if (!node.checks) {
      lines.push(`${style.bold(node.file)}${format}: ${statusText(style, 'error')}, not checked: ${node.error ?? 'the file cannot be imported (see the errors above)'}`, '');
      continue;
    }
    const count = (s: string): number => node.checks!.filter((c) => c.status === s).length;
    lines.push(`${style.bold(node.file)}${format}, role ${role}: ${statusText(style, node.status)} (${count('pass')} pass, ${count('fail')} fail, ${count('unknown')} unknown)`);
    const rows = [['status', 'requirement', 'expected', 'actual', 'evidence', 'source']];
    for (const c of node.checks) rows.push([c.status, c.label, c.expected, c.actual, shortEvidence(c.evidence, node.file), note(c.source)]);
    const rendered = table(rows);
    lines.push(style.dim(rendered[0]!));
    node.checks.forEach((c, i) => {
      const line = rendered[i + 1]!;
      const colour = c.status === 'pass' ? style.green : c.status === 'fail' ? style.red : style.yellow;
      lines.push(line.replace(c.status, colour(c.status)));
    });
    lines.push('');
  }
  if (notes.length > 0) {
    lines.push('Sources:');
    notes.forEach((n, i) => lines.push(`  [${i + 1}] ${n}`));
    lines.push('');
  }
  const by = (s: NodeResult['status']): number => nodes.filter((n) => n.status === s).length;
  const parts = [`${by('pass')} pass`, `${by('fail')} fail`, `${by('unknown')} unknown`];
  if (by('error') > 0) parts.push(`${by('error')} not checked`);
  lines.push(`${plural(nodes.length, 'server')} checked for role ${role}: ${parts.join(', ')} (unknown is never a pass)`);
  return `${lines.join('\n')}\n`;
}

function value(fact: Fact<unknown>, show: (v: never) => string = (v) => String(v)): string {
  return fact.known ? show(fact.value as never) : 'unknown';
}

const gib = (bytes: number): string => `${num(bytes / GIB)} GiB`;
const tb = (bytes: number): string => (bytes >= 1e12 ? `${num(bytes / 1e12)} TB` : `${num(bytes / 1e9)} GB`);
const bitrate = (bps: number): string => (bps >= 1e9 ? `${num(bps / 1e9)} Gbit/s` : `${num(bps / 1e6)} Mbit/s`);

/** The facts of every server, one table each: fact, value, evidence. */
export function renderFactsText(nodes: readonly NodeResult[], options: HwRenderOptions = {}): string {
  const style = createStyle(options.color ?? false);
  const lines: string[] = [];
  for (const node of nodes) {
    const format = node.format ? ` (${node.format})` : '';
    if (!node.facts) {
      lines.push(`${style.bold(node.file)}${format}: ${statusText(style, 'error')}, ${node.error ?? 'the file cannot be imported (see the errors above)'}`, '');
      continue;
    }
    const f = node.facts;
    const rows: string[][] = [['fact', 'value', 'evidence']];
    const add = (name: string, fact: Fact<unknown>, show?: (v: never) => string): void => {
      rows.push([name, value(fact, show), shortEvidence(fact.evidence, node.file)]);
    };
    add('system.manufacturer', f.system.manufacturer);
    add('system.product', f.system.product);
    add('cpu.model', f.cpu.model);
    add('cpu.sockets', f.cpu.sockets);
    add('cpu.coresPerSocket', f.cpu.coresPerSocket);
    add('cpu.threadsPerCore', f.cpu.threadsPerCore);
    add('cpu.logicalCpus', f.cpu.logicalCpus);
    add('cpu.virtualization', f.cpu.virtualization);
    add('cpu.guest', f.cpu.guest);
    add('memory.installed', f.memory.installedBytes, gib);
    add('memory.ecc', f.memory.ecc);
    add('memory.eccType', f.memory.eccType);
    if (!f.disks.known) add('disks', f.disks);
    else {
      rows.push(['disks', plural(f.disks.value.length, 'disk'), shortEvidence(f.disks.evidence, node.file)]);
      for (const d of f.disks.value) {
        rows.push([
          `  ${d.name}`,
          `${d.count > 1 ? `${d.count} × ` : ''}${value(d.sizeBytes, tb)}, ${value(d.kind)}, use ${value(d.use)}`,
          shortEvidence(d.kind.evidence, node.file),
        ]);
      }
    }
    if (!f.nics.known) add('nics', f.nics);
    else {
      rows.push([
        'nics',
        plural(
          f.nics.value.reduce((s, n) => s + n.ports, 0),
          'port',
        ),
        shortEvidence(f.nics.evidence, node.file),
      ]);
      for (const n of f.nics.value)
        rows.push([`  ${n.name}`, `${n.ports > 1 ? `${n.ports} × ` : ''}${value(n.speedBitsPerSecond, bitrate)}`, shortEvidence(n.speedBitsPerSecond.evidence, node.file)]);
    }
    lines.push(`${style.bold(node.file)}${format}`);
    const rendered = table(rows);
    lines.push(style.dim(rendered[0]!), ...rendered.slice(1), '');
  }
  return `${lines.join('\n')}\n`;
}
