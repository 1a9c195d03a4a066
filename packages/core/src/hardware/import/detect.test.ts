/**
 * Format detection and broken input: every problem is a coded diagnostic at file:line:col
 * (columns counted by hand in the strings below), never a throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realText } from '../../../../../test/helpers/real-fixtures.js';
import { importInventory } from './detect.js';
import { findJsonError, lineCol } from './json-text.js';

const at = (text: string, fileName = 'x') => importInventory(text, { fileName }).diagnostics.map((d) => [d.code, d.location.line, d.location.col] as const);

describe('lineCol', () => {
  it('1-based line and column of an offset', () => {
    const text = 'ab\ncde\n\nf';
    expect(lineCol(text, 0)).toEqual({ line: 1, col: 1 });
    expect(lineCol(text, 4)).toEqual({ line: 2, col: 2 }); // "d"
    expect(lineCol(text, 8)).toEqual({ line: 4, col: 1 }); // "f"
    expect(lineCol(text, 9)).toEqual({ line: 4, col: 2 }); // the end
  });
});

describe('broken JSON', () => {
  it('a trailing comma in an object: at the "}" (the comma named in the hint)', () => {
    // l. 2 `  "a": 1,` (comma at col 9); l. 3 `}` at col 1
    const text = '{\n  "a": 1,\n}\n';
    expect(at(text)).toEqual([['inventory.invalid_json', 3, 1]]);
    expect(importInventory(text).diagnostics[0]!.hint).toContain('line 2, column 9');
  });

  it('a missing comma between members: at the second member', () => {
    // l. 1 `{"a": 1 "b": 2}`: "b" starts at col 9
    expect(at('{"a": 1 "b": 2}')).toEqual([['inventory.invalid_json', 1, 9]]);
  });

  it('a string broken by a line end: at the line end', () => {
    // `{"a": "x` is 8 characters, the line break at col 9
    expect(at('{"a": "x\n"}')).toEqual([['inventory.invalid_json', 1, 9]]);
  });

  it('a document cut inside a value: inventory.truncated at the end', () => {
    // the real R7615 inventory cut after its first 1,000 characters: they hold 30 line ends
    // (`head -c 1000 | wc -l`), so the cut is on line 31, inside the `[` opened on line 30,
    // after 22 spaces of indentation: the end is col 23
    const cut = realText('ironic', 'understack-dell-r7615-inventory.json').slice(0, 1000);
    const r = importInventory(cut, { fileName: 'r7615.json' });
    expect(r.facts).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['inventory.truncated', 31, 23]]);
    expect(at('{"cpu": {"count": 3')).toEqual([['inventory.truncated', 1, 20]]); // 19 characters: the end is col 20
    expect(at('{"flags": [tru')).toEqual([['inventory.truncated', 1, 15]]);
  });

  it('text after the document', () => {
    expect(at('{"a": 1}\n{"b": 2}')).toEqual([['inventory.invalid_json', 2, 1]]);
  });

  it('the scanner agrees that valid JSON has no error', () => {
    expect(findJsonError('{"a": [1, -2.5e3, true, null, "\\u00e9\\n"], "b": {}}')).toBeUndefined();
    expect(findJsonError(realText('ironic', 'understack-dell-r7615-inventory.json'))).toBeUndefined();
  });
});

describe('format detection', () => {
  it('detects each format from the content', () => {
    const format = (text: string) => importInventory(text).format;
    expect(format('{"lscpu": []}')).toBe('lscpu-json');
    expect(format('{"inventory": {"cpu": {"count": 2}}}')).toBe('ironic');
    expect(format('{"cpu": {"count": 2}, "memory": {"physical_mb": 1024}}')).toBe('ironic');
    expect(format('[{"id": "x", "class": "system"}]')).toBe('lshw');
    expect(format('Architecture: x86_64\nCPU(s): 4\n')).toBe('lscpu');
    expect(format('processor\t: 0\nflags\t\t: fpu vmx\n')).toBe('cpuinfo');
    expect(format('# dmidecode 3.3\nHandle 0x0001, DMI type 1, 27 bytes\nSystem Information\n\tManufacturer: X\n')).toBe('dmidecode');
  });

  it("the wrong tool's output is inventory.unknown_format, naming the tool", () => {
    const lsblk = 'NAME        MAJ:MIN RM   SIZE RO TYPE MOUNTPOINTS\nnvme0n1     259:0    0 953.9G  0 disk\n';
    const r = importInventory(lsblk, { fileName: 'lsblk.txt' });
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['inventory.unknown_format', 1, 1]]);
    expect(r.diagnostics[0]!.message).toContain('`lsblk`');
    expect(importInventory('<?xml version="1.0"?>\n<list>\n').diagnostics[0]!.message).toContain('lshw -json');
    expect(at('{"hello": "world"}')).toEqual([['inventory.unknown_format', 1, 1]]);
    expect(at('just some words\n')).toEqual([['inventory.unknown_format', 1, 1]]);
  });

  it('an empty file is inventory.empty', () => {
    expect(at('')).toEqual([['inventory.empty', 1, 1]]);
    expect(at('  \n\n')).toEqual([['inventory.empty', 1, 1]]);
  });

  it('an explicit format that the content contradicts is inventory.wrong_format', () => {
    const r = importInventory(realText('lscpu', 'redhat-cip-hardware-lscpu-7302.txt'), { fileName: 'a.txt', format: 'dmidecode' });
    expect(r.facts).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['inventory.wrong_format', 1, 1]]);
    expect(r.diagnostics[0]!.hint).toContain('format: lscpu');
    expect(importInventory(realText('lscpu', 'redhat-cip-hardware-lscpu-7302.txt'), { format: 'lscpu' }).facts).toBeDefined();
  });

  it('a byte order mark and CRLF line ends are accepted', () => {
    const r = importInventory('\uFEFFArchitecture: x86_64\r\nCPU(s): 4\r\nSocket(s): 1\r\n', { fileName: 'w.txt' });
    expect(r.format).toBe('lscpu');
    expect(r.facts?.cpu.logicalCpus).toEqual({ known: true, value: 4, evidence: 'w.txt:2: CPU(s)' });
  });

  it('never throws on odd input', () => {
    for (const text of [
      '{',
      '[',
      '"',
      '{"inventory": null}',
      '{"inventory": {"cpu": "x", "disks": 7}}',
      '[{"id":"a","class":"disk","children":"x"}]',
      'Handle 0x0001, DMI type 4, 1 bytes\n',
      '{"lscpu": [null, {"field": 1}]}',
    ]) {
      expect(() => importInventory(text)).not.toThrow();
    }
  });
});

describe('issue 15: values no server has are rejected (inventory.implausible), never "Infinity GiB"', () => {
  const sample = readFileSync(join(import.meta.dirname, '../../../../../scenarios/inventories/understack-dell-r7615-inventory.json'), 'utf8');

  it('Ironic memory.physical_mb 1e308: an error at the field, the memory left unknown', () => {
    const text = sample.replace('"physical_mb": 98304', '"physical_mb": 1e308');
    const r = importInventory(text, { fileName: 'inv.json' });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.location.line])).toEqual([['inventory.implausible', 'error', 410]]);
    expect(r.facts!.memory.installedBytes.known).toBe(false);
    expect(JSON.stringify(r)).not.toMatch(/Infinity|NaN/);
  });

  it('a disk of 1e300 bytes is rejected the same way; a plausible inventory gets no diagnostic', () => {
    expect(importInventory(sample, { fileName: 'inv.json' }).diagnostics).toEqual([]);
    const text = sample.replace(/"size": \d+/, '"size": 1e300');
    const r = importInventory(text, { fileName: 'inv.json' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['inventory.implausible']);
  });
});
