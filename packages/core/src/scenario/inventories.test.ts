/**
 * `hardware.<key>: { inventory: path }` in a scenario: the texts come from the caller; every
 * problem is a diagnostic at the `inventory:` value (columns counted by hand in SCENARIO).
 */
import { describe, expect, it } from 'vitest';
import { realCatalogue, realText } from '../../../../test/helpers/real-fixtures.js';
import { evaluate } from '../evaluate/evaluate.js';
import { scenarioInventoryPaths } from './inventories.js';
import { parseScenario, type ParseOptions } from './parse.js';

/** A scenario whose hardware entry `node` is `entry` (indented 4 spaces), from line 6. */
const scenario = (entry: string) => `schemaVersion: 1
name: inventory test
start: 2027-01
hardware:
  node:
${entry}
nodes:
  - { role: compute, hardware: node, count: 2 }
`;
// line 6 is `    inventory: r7615.json`: 4 spaces + "inventory: " = 15 characters, the value at col 16
const R7615 = scenario('    inventory: r7615.json\n    heightRu: 2');
const r7615Text = realText('ironic', 'understack-dell-r7615-inventory.json');
const withR7615: ParseOptions = { fileName: 's.yaml', inventories: { 'r7615.json': r7615Text }, cpuCatalogue: realCatalogue() };
const codes = (r: { diagnostics: { code: string; location: { file: string; line: number; col: number } }[] }) =>
  r.diagnostics.map((d) => [d.code, d.location.file, d.location.line, d.location.col]);

describe('scenarioInventoryPaths', () => {
  it('lists each path once, in file order; tolerant of anything', () => {
    const text = 'hardware:\n  a: { inventory: x/a.json, heightRu: 1 }\n  b: { model: M }\n  c: { inventory: "b.txt" }\n  d: { inventory: x/a.json }\n';
    expect(scenarioInventoryPaths(text)).toEqual(['x/a.json', 'b.txt']);
    expect(scenarioInventoryPaths('not: [valid')).toEqual([]);
    expect(scenarioInventoryPaths('hardware: 3')).toEqual([]);
  });
});

describe('hardware from an inventory', () => {
  it('builds the model from the R7615 facts: 1 × 16 cores (catalogue) × 2 threads, 96 GiB, AMD-V, ECC unknown', () => {
    const r = parseScenario(R7615, withR7615);
    expect(r.diagnostics).toEqual([]);
    const hw = r.scenario!.hardware.node!;
    expect(hw.cpu).toEqual({ model: 'AMD EPYC 9124 16-Core Processor', sockets: 1, coresPerSocket: 16, threadsPerCore: 2, virtualization: 'amd-v' });
    expect(hw.memory).toEqual({ sizeBytes: 96 * 2 ** 30, ecc: 'unknown' });
    // 2 × 1 Gbit/s + 4 × 25 Gbit/s, grouped by speed; no disks (an inventory does not say what they are for)
    expect(hw.nics).toEqual([
      { ports: 2, speedBitsPerSecond: 1e9 },
      { ports: 4, speedBitsPerSecond: 25e9 },
    ]);
    expect(hw.disks).toEqual([]);
    expect(hw.model).toBe('Dell Inc. PowerEdge R7615 (SKU=0AF7;ModelName=PowerEdge R7615)');
    expect(hw.inventory).toEqual({ path: 'r7615.json', format: 'ironic' });
  });

  it('the plan checks it with the inventory as evidence; ECC unknown is a warning, never a pass', () => {
    const plan = evaluate(parseScenario(R7615, withR7615).scenario!);
    const ecc = plan.roleChecks.find((c) => c.requirement === 'requireEcc')!;
    expect(ecc).toMatchObject({ status: 'unknown', hardware: 'node' });
    expect(ecc.evidence).toContain('r7615.json: no plugin_data.dmi data');
    expect(plan.roleChecks.find((c) => c.requirement === 'requireVirtualization')).toMatchObject({ status: 'pass', evidence: 'r7615.json: inventory.cpu.flags[svm]' });
    expect(plan.findings.filter((f) => f.code.startsWith('role.')).map((f) => [f.code, f.severity])).toEqual([['role.requirement_unknown', 'warning']]);
    // Placement: VCPU total = 1 × 16 × 2 = 32; MEMORY_MB total = 98304; DISK_GB 0 (ephemeral
    // disks are local by default and the entry states no disk with use: ephemeral)
    expect(plan.compute.hosts[0]!.inventories.map((i) => [i.resourceClass, i.total])).toEqual([
      ['VCPU', 32],
      ['MEMORY_MB', 98304],
      ['DISK_GB', 0],
    ]);
  });

  it('overrides replace single facts, with their scenario path as evidence', () => {
    const text = scenario('    inventory: r7615.json\n    heightRu: 2\n    model: Dell PowerEdge R7615\n    memory: { ecc: true }\n    cpu: { coresPerSocket: 16 }');
    const r = parseScenario(text, { ...withR7615, cpuCatalogue: undefined });
    expect(r.diagnostics).toEqual([]);
    const hw = r.scenario!.hardware.node!;
    expect(hw.model).toBe('Dell PowerEdge R7615');
    expect(hw.facts!.memory.ecc).toEqual({ known: true, value: true, evidence: 'hardware.node.memory.ecc' });
    expect(hw.facts!.cpu.coresPerSocket).toEqual({ known: true, value: 16, evidence: 'hardware.node.cpu.coresPerSocket' });
    expect(hw.cpu.threadsPerCore).toBe(2); // 32 / (1 × 16), derived after the override
    const plan = evaluate(r.scenario!);
    expect(plan.roleChecks.find((c) => c.requirement === 'requireEcc')).toMatchObject({ status: 'pass', evidence: 'hardware.node.memory.ecc' });
  });

  it('without a catalogue, the cores an Ironic inventory lacks are a missing fact, with the override as the hint', () => {
    const r = parseScenario(R7615, { ...withR7615, cpuCatalogue: undefined });
    expect(r.scenario).toBeUndefined();
    // one diagnostic per entry, every missing fact in it (threads per core follow from the cores)
    expect(codes(r)).toEqual([['inventory.missing_fact', 's.yaml', 6, 16]]);
    expect(r.diagnostics[0]!.message.split(':')[0]).toBe('the inventory does not give cpu.coresPerSocket, cpu.threadsPerCore');
    expect(r.diagnostics[0]!.hint).toContain('cpu: { coresPerSocket: <n> }');
  });

  it('lscpu has no memory: memory.size is missing until the entry gives it', () => {
    const lscpu = realText('lscpu', 'redhat-cip-hardware-lscpu-7302.txt');
    const text = scenario('    inventory: lscpu.txt\n    heightRu: 1');
    const r = parseScenario(text, { fileName: 's.yaml', inventories: { 'lscpu.txt': lscpu } });
    expect(codes(r)).toEqual([['inventory.missing_fact', 's.yaml', 6, 16]]);
    const ok = parseScenario(scenario('    inventory: lscpu.txt\n    heightRu: 1\n    memory: { size: 256 GiB }'), { fileName: 's.yaml', inventories: { 'lscpu.txt': lscpu } });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.scenario!.hardware.node!.cpu).toMatchObject({ sockets: 1, coresPerSocket: 16, threadsPerCore: 2 }); // lscpu l. 6-8
  });

  it('interfaces without a speed are left out of the planned NICs, with a warning', () => {
    const text = scenario('    inventory: vm.json\n    heightRu: 1\n    cpu: { sockets: 1, coresPerSocket: 2, threadsPerCore: 1 }');
    const r = parseScenario(text, { fileName: 's.yaml', inventories: { 'vm.json': realText('ironic', 'inspector-api-v1-data-introspection-response.json') } });
    expect(codes(r)).toEqual([['inventory.partial', 's.yaml', 6, 16]]);
    expect(r.diagnostics[0]!.message).toContain('eth1, eth0');
    expect(r.scenario!.hardware.node!.nics).toEqual([]);
  });

  it('a text the caller did not provide: inventory.not_provided at the value', () => {
    expect(codes(parseScenario(R7615, { fileName: 's.yaml' }))).toEqual([['inventory.not_provided', 's.yaml', 6, 16]]);
  });

  it('a file the caller could not read: inventory.unreadable at the value', () => {
    const r = parseScenario(R7615, { fileName: 's.yaml', inventories: { 'r7615.json': { error: 'no such file or directory (ENOENT)' } } });
    expect(codes(r)).toEqual([['inventory.unreadable', 's.yaml', 6, 16]]);
    expect(r.diagnostics[0]!.message).toContain('ENOENT');
  });

  it("a broken inventory: its own diagnostic in the file (under the caller's name) and one at the value", () => {
    const bad = realText('ironic', 'inspector-api-v1-continue-request.INVALID-trailing-comma.json');
    const r = parseScenario(R7615, { fileName: 's.yaml', inventories: { 'r7615.json': { text: bad, fileName: 'dir/r7615.json' } } });
    expect(r.scenario).toBeUndefined();
    // the "]" after "sse2", at l. 66 col 9 of the file (see the Ironic importer's test)
    expect(codes(r)).toEqual([
      ['inventory.invalid_json', 'dir/r7615.json', 66, 9],
      ['inventory.invalid', 's.yaml', 6, 16],
    ]);
    expect(r.diagnostics[1]!.hint).toBe('see dir/r7615.json:66:9');
  });

  it('an explicit format the content contradicts', () => {
    const text = scenario('    inventory: r7615.json\n    format: lshw\n    heightRu: 2');
    expect(codes(parseScenario(text, withR7615))).toEqual([
      ['inventory.wrong_format', 'r7615.json', 1, 1],
      ['inventory.invalid', 's.yaml', 6, 16],
    ]);
  });

  it('a typo in an inventory entry reads as a typo of that shape', () => {
    // l. 6 `    inventry: r7615.json`: the key at col 5; heightRu is there, inventory is missing
    const r = parseScenario(scenario('    inventry: r7615.json\n    heightRu: 2'), withR7615);
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col, d.hint])).toEqual([
      ['schema.required', 5, 3, 'add the key (see `headroom schema` for what it takes)'],
      ['schema.unknown_key', 6, 5, 'did you mean "inventory"?'],
    ]);
  });

  it('heightRu is required: inventories do not carry it', () => {
    const r = parseScenario(scenario('    inventory: r7615.json'), withR7615);
    expect(r.diagnostics.map((d) => [d.code, d.path.join('.')])).toEqual([['schema.required', 'hardware.node.heightRu']]);
  });
});
