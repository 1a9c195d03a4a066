/**
 * `headroom hw check|facts` and scenarios with inventories, through run() with an in-memory
 * file system and the real core (from source).
 */
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../../test/helpers/memory-io.js';
import { realText } from '../../../test/helpers/real-fixtures.js';
import { run, type CliDeps } from './main.js';

const files = {
  'r7615.json': realText('ironic', 'understack-dell-r7615-inventory.json'),
  'vm/lshw.json': realText('local-vm', 'lshw.json'),
  'bad.json': realText('ironic', 'inspector-api-v1-continue-request.INVALID-trailing-comma.json'),
  'dmi.txt': realText('dmidecode', 'unknown.txt'),
  '/data/quattor-cpus.csv': realText('catalogue', 'quattor-cpus.csv'),
};

const deps: Partial<CliDeps> = {
  loadVersion: async () => '9.8.7',
  loadCore: () => import('../../core/src/index.js'),
  loadInventoryApi: () => import('../../core/src/index.js'),
  loadHardware: () => import('../../core/src/hardware/index.js'),
  cataloguePath: () => '/data/quattor-cpus.csv',
};

async function hw(args: string[], extra: Record<string, string> = {}) {
  const io = memoryIo({ ...files, ...extra });
  const code = await run(['hw', ...args], io, deps);
  return { code, out: io.out(), err: io.err() };
}

describe('headroom hw check', () => {
  it('exit 0 when nothing fails: the R7615 for compute (ECC unknown is reported, not a failure)', async () => {
    const r = await hw(['check', 'r7615.json', '--role', 'compute']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('r7615.json (ironic), role compute: UNKNOWN (6 pass, 0 fail, 1 unknown)');
    // the catalogue filled the cores in, and the table says so
    expect(r.out).toContain('catalogue: quattor-cpus.csv "AMD EPYC 9124 16-Core Processor"');
    expect(r.out).toMatch(/unknown +ECC memory +ECC memory +unknown +no plugin_data\.dmi data/);
    expect(r.out).toContain('[1] Nova: compute hosts need hardware virtualization');
    expect(r.err).toBe('');
  });

  it('--strict: unknown fails too (exit 1)', async () => {
    expect((await hw(['check', 'r7615.json', '--role', 'compute', '--strict'])).code).toBe(1);
  });

  it('exit 1 when a requirement fails: the VM for compute (no vmx/svm)', async () => {
    const r = await hw(['check', 'vm/lshw.json', '--role', 'compute']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/fail +Hardware virtualization +vt-x \(vmx\) or amd-v \(svm\) +none \(a virtual machine/);
  });

  it('exit 2 for a broken file among good ones; the good ones are still checked and reported', async () => {
    const r = await hw(['check', 'r7615.json', 'bad.json', 'vm/lshw.json', '--role', 'compute']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('r7615.json (ironic), role compute: UNKNOWN');
    expect(r.out).toContain('bad.json: ERROR, not checked');
    expect(r.out).toContain('vm/lshw.json (lshw), role compute: FAIL');
    expect(r.out).toContain('3 servers checked for role compute: 0 pass, 1 fail, 1 unknown, 1 not checked');
    expect(r.err).toContain('bad.json:66:9: error inventory.invalid_json: ');
    expect(r.err).toMatch(/ 66 \| {9}\],\n {4}\| {9}\^/);
  });

  it('an unreadable file: exit 2, one line, the others checked', async () => {
    const r = await hw(['check', 'missing.json', 'dmi.txt', '--role', 'deploy']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('headroom: cannot read missing.json: no such file or directory (ENOENT)');
    // unknown.txt: ECC "None" in DMI type 16 (l. 310): the deploy role needs ECC
    expect(r.out).toMatch(/fail +ECC memory +ECC memory +non-ECC \(None\) +line 310: DMI type 16/);
  });

  it('--format json: every node with its status, checks and facts', async () => {
    const r = await hw(['check', 'r7615.json', 'bad.json', '--role', 'storage', '--format', 'json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out) as {
      role: string;
      nodes: { file: string; status: string; checks?: { requirement: string; status: string }[] }[];
      summary: Record<string, number>;
    };
    expect(json.role).toBe('storage');
    expect(json.nodes.map((n) => [n.file, n.status])).toEqual([
      ['r7615.json', 'unknown'],
      ['bad.json', 'error'],
    ]);
    expect(json.summary).toEqual({ pass: 0, fail: 0, unknown: 1, error: 1 });
    expect(json.nodes[0]!.checks!.find((c) => c.requirement === 'minWalDbFlashRatio')!.status).toBe('unknown');
  });

  it('an explicit --inventory-format the content contradicts: exit 2', async () => {
    const r = await hw(['check', 'dmi.txt', '--role', 'compute', '--inventory-format', 'lshw']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('dmi.txt:1:1: error inventory.wrong_format');
  });

  it('a --catalogue that cannot be read: exit 2; without a catalogue the cores stay unknown', async () => {
    const r = await hw(['check', 'r7615.json', '--role', 'compute', '--catalogue', 'nope.csv']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read the CPU catalogue nope.csv');
    expect(r.out).toMatch(/unknown +Physical cores/);
  });

  it('the shipped catalogue is read only when a file lacks cores and names a model', async () => {
    // dmidecode gives the cores (Core Enabled): no catalogue needed, so a missing one is no error
    const io = memoryIo({ 'dmi.txt': files['dmi.txt'] });
    expect(await run(['hw', 'check', 'dmi.txt', '--role', 'deploy'], io, deps)).toBe(1); // non-ECC fails deploy
    expect(io.err()).toBe('');
    // Ironic does not: now the catalogue is read, and its absence is reported
    const io2 = memoryIo({ 'r7615.json': files['r7615.json'] });
    expect(await run(['hw', 'check', 'r7615.json', '--role', 'compute'], io2, deps)).toBe(2);
    expect(io2.err()).toContain('cannot read the CPU catalogue /data/quattor-cpus.csv');
  });

  it('--role is required and must be a role', async () => {
    expect((await hw(['check', 'r7615.json'])).code).toBe(2);
    expect((await hw(['check', 'r7615.json', '--role', 'gpu'])).code).toBe(2);
  });
});

describe('headroom hw facts', () => {
  it("prints every fact with its evidence, shortened inside the file's own table", async () => {
    const r = await hw(['facts', 'r7615.json']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cpu\.logicalCpus +32 +inventory\.cpu\.count \(logical CPUs\)/);
    expect(r.out).toMatch(/memory\.installed +96 GiB +inventory\.memory\.physical_mb \(MiB\)/);
    expect(r.out).toMatch(/\/dev\/sda +479\.56 GB, unknown, use unknown/);
  });

  it('--format json is the facts themselves', async () => {
    const r = await hw(['facts', 'dmi.txt', '--format', 'json']);
    const json = JSON.parse(r.out) as { nodes: { facts: { memory: { ecc: unknown } } }[] };
    expect(json.nodes[0]!.facts.memory.ecc).toEqual({ known: true, value: false, evidence: 'dmi.txt:310: DMI type 16 (System Memory) Error Correction Type' });
  });
});

describe('scenarios naming inventories', () => {
  const scenario = (path: string) => `schemaVersion: 1
name: s
start: 2027-01
hardware:
  node: { inventory: ${path}, heightRu: 2 }
nodes:
  - { role: compute, hardware: node, count: 2 }
`;

  it('validate reads the inventory relative to the scenario file', async () => {
    const io = memoryIo({ ...files, 'clouds/inv/node.json': files['r7615.json'], 'clouds/s.yaml': scenario('inv/node.json') });
    expect(await run(['validate', 'clouds/s.yaml'], io, deps)).toBe(0);
    expect(io.out()).toBe('1 file checked: no problems\n');
  });

  it("a broken inventory: the error in the inventory file (with its source line) and at the scenario's inventory: value", async () => {
    const io = memoryIo({ ...files, 'clouds/bad.json': files['bad.json'], 'clouds/s.yaml': scenario('bad.json') });
    expect(await run(['validate', 'clouds/s.yaml'], io, deps)).toBe(2);
    // l. 5 `  node: { inventory: bad.json, heightRu: 2 }`: the value starts at col 22
    expect(io.out()).toContain('clouds/s.yaml:5:22: error inventory.invalid: ');
    expect(io.out()).toContain('clouds/bad.json:66:9: error inventory.invalid_json: ');
    expect(io.out()).toContain(' 66 |         ],');
  });

  it('a missing inventory file: inventory.unreadable at the value, exit 2', async () => {
    const io = memoryIo({ 'clouds/s.yaml': scenario('gone.json') });
    expect(await run(['plan', 'clouds/s.yaml'], io, deps)).toBe(2);
    expect(io.err()).toContain('clouds/s.yaml:5:22: error inventory.unreadable: cannot read inventory "gone.json": clouds/gone.json: no such file or directory (ENOENT)');
  });
});

describe('issue 15: hw facts/check print no raw control character from an inventory', () => {
  it('a CPU model with ESC ] ... BEL and NUL is shown escaped, in text and JSON', async () => {
    const evil = files['r7615.json'].replace(/"model_name": "([^"]*)"/, '"model_name": "\\u001b]0;pwned\\u0007$1\\u0000\\u009b"');
    for (const args of [
      ['facts', 'evil.json'],
      ['facts', 'evil.json', '--format', 'json'],
      ['check', 'evil.json', '--role', 'compute'],
    ]) {
      const r = await hw(args, { 'evil.json': evil });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(r.out).toMatch(/\\x1b\]0;pwned|\\u001b\]0;pwned|pwned/);
    }
  });
});
