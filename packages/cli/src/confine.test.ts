/**
 * Files a scenario names are read only inside the scenario's folder (or an --allow-path
 * folder), only when they are regular files of at most 64 MiB, and a file in no known format
 * is never quoted. Through run() on a real temporary folder (symbolic links, a FIFO, a sparse
 * file), with the real core from source. Each case is one of issue 15's reproducers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../test/helpers/memory-io.js';
import { realText } from '../../../test/helpers/real-fixtures.js';
import { inspectPath, readFileBounded } from './io.js';
import { run, type CliDeps } from './main.js';

const deps: Partial<CliDeps> = {
  loadVersion: async () => '9.8.7',
  loadCore: () => import('../../core/src/index.js'),
  loadInventoryApi: () => import('../../core/src/index.js'),
  loadHardware: () => import('../../core/src/hardware/index.js'),
};

let tmp: string;
const SECRET = 'API_TOKEN=s3cr3t-do-not-print';

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'headroom-confine-'));
  mkdirSync(join(tmp, 'cloud/inv'), { recursive: true });
  mkdirSync(join(tmp, 'elsewhere'), { recursive: true });
  writeFileSync(join(tmp, 'cloud/inv/r7615.json'), realText('ironic', 'understack-dell-r7615-inventory.json'));
  writeFileSync(join(tmp, 'elsewhere/r7615.json'), realText('ironic', 'understack-dell-r7615-inventory.json'));
  writeFileSync(join(tmp, 'elsewhere/secret.env'), `${SECRET}\n`);
  writeFileSync(join(tmp, 'cloud/secret.env'), `${SECRET}\n`);
  writeFileSync(join(tmp, 'cloud/keys.json'), `{"${SECRET}": 1, "password": "hunter2"}\n`);
  writeFileSync(join(tmp, 'cloud/not-json.json'), `${SECRET}\n`);
  symlinkSync(join(tmp, 'elsewhere/secret.env'), join(tmp, 'cloud/link-out.json'));
  symlinkSync(join(tmp, 'cloud/inv/r7615.json'), join(tmp, 'cloud/link-in.json'));
  symlinkSync('/dev/zero', join(tmp, 'cloud/zero'));
  execFileSync('mkfifo', [join(tmp, 'cloud/pipe')]);
  // 64 MiB + 1 byte, sparse: nothing is written to disk
  writeFileSync(join(tmp, 'cloud/huge.json'), '');
  truncateSync(join(tmp, 'cloud/huge.json'), 64 * 1024 * 1024 + 1);
  mkdirSync(join(tmp, 'cloud/state'));
  writeFileSync(join(tmp, 'cloud/state/config.json'), `${SECRET}\n`);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A scenario naming `path` as its one inventory (line 5, the value at col 22). */
const scenario = (path: string, extra = '') => `schemaVersion: 1
name: s
start: 2027-01
hardware:
  node: { inventory: "${path}", heightRu: 2 }
nodes:
  - { role: compute, hardware: node, count: 2 }
${extra}`;

async function validate(path: string, ...flags: string[]) {
  writeFileSync(join(tmp, 'cloud/s.yaml'), scenario(path));
  const io = { ...memoryIo({}, { cwd: tmp }), readFile: readFileBounded, inspect: inspectPath };
  const code = await run(['validate', 'cloud/s.yaml', ...flags], io, deps);
  return { code, out: io.out() + io.err() };
}

describe('files a scenario names stay inside its folder', () => {
  it('a path inside the folder is read, also through a symbolic link that stays inside', async () => {
    expect((await validate('inv/r7615.json')).code).toBe(0);
    expect((await validate('link-in.json')).code).toBe(0);
  });

  it('an absolute path is refused: file.outside_folder at the value (col 22 = 2 + "node: { inventory: " + the quote)', async () => {
    const r = await validate('/proc/self/environ');
    expect(r.code).toBe(2);
    expect(r.out).toContain('cloud/s.yaml:5:22: error file.outside_folder: inventory "/proc/self/environ" is an absolute path outside the scenario\'s folder');
    expect(r.out).toContain('--allow-path');
    expect(r.out).not.toContain('PATH=');
  });

  it('/etc/shadow through .. is refused', async () => {
    const r = await validate('../../../../../../../../etc/shadow');
    expect(r.code).toBe(2);
    expect(r.out).toContain('error file.outside_folder:');
    expect(r.out).toContain('(it leaves it)');
  });

  it('a symbolic link that leads out is refused, and the file is not printed', async () => {
    const r = await validate('link-out.json');
    expect(r.code).toBe(2);
    expect(r.out).toContain('error file.outside_folder: inventory "link-out.json" is outside the scenario\'s folder (a symbolic link leads out of it)');
    expect(r.out).not.toContain('s3cr3t');
  });

  it('--allow-path lets a folder in; /proc stays refused even under --allow-path /', async () => {
    expect((await validate('../elsewhere/r7615.json')).code).toBe(2);
    expect((await validate('../elsewhere/r7615.json', '--allow-path', 'elsewhere')).code).toBe(0);
    const r = await validate('/proc/self/environ', '--allow-path', '/');
    expect(r.code).toBe(2);
    expect(r.out).toContain('error file.system_path: inventory "/proc/self/environ" is under /proc, which headroom never reads');
  });

  it('a FIFO is refused without opening it (no hang): file.not_regular', async () => {
    const r = await validate('pipe');
    expect(r.code).toBe(2);
    expect(r.out).toContain('error file.not_regular: inventory "pipe" is a FIFO (named pipe), not a regular file');
  });

  it('a link to /dev/zero is refused as a system path', async () => {
    const r = await validate('zero');
    expect(r.code).toBe(2);
    expect(r.out).toContain('error file.system_path: inventory "zero" leads to /dev/zero');
  });

  it('a file over 64 MiB is refused without reading it: file.too_large', async () => {
    const r = await validate('huge.json');
    expect(r.code).toBe(2);
    // 64 × 1024 × 1024 + 1 = 67,108,865 bytes
    expect(r.out).toContain('error file.too_large: inventory "huge.json" has 67108865 bytes, more than the 67108864 (64 MiB) headroom reads');
  });
});

describe('a file in no known format is never quoted', () => {
  it('a text file: positioned and described, its line not printed', async () => {
    const r = await validate('secret.env');
    expect(r.code).toBe(2);
    expect(r.out).toContain('cloud/secret.env:1:1: error inventory.unknown_format: not an inventory format headroom reads');
    expect(r.out).not.toContain('s3cr3t');
  });

  it('a JSON document that is not an inventory: its shape, not its key names', async () => {
    const r = await validate('keys.json');
    expect(r.out).toContain('its top level is an object of 2 member(s)');
    expect(r.out).not.toContain('s3cr3t');
    expect(r.out).not.toContain('password');
  });

  it('a state directory file that is not JSON: positioned, not quoted', async () => {
    writeFileSync(join(tmp, 'cloud/s.yaml'), scenario('inv/r7615.json', 'demand:\n  storageFrom: state\n'));
    const io = { ...memoryIo({}, { cwd: tmp }), readFile: readFileBounded, inspect: inspectPath };
    expect(await run(['validate', 'cloud/s.yaml'], io, deps)).toBe(2);
    expect(io.out()).toContain('cloud/state/config.json:1:1: error ceph.json.invalid');
    expect(io.out()).not.toContain('s3cr3t');
  });

  it('a state directory outside the folder is refused at storageFrom (line 9, col 16 = 2 + "storageFrom: " + 1)', async () => {
    writeFileSync(join(tmp, 'cloud/s.yaml'), scenario('inv/r7615.json', 'demand:\n  storageFrom: ../elsewhere\n'));
    const io = { ...memoryIo({}, { cwd: tmp }), readFile: readFileBounded, inspect: inspectPath };
    expect(await run(['validate', 'cloud/s.yaml'], io, deps)).toBe(2);
    expect(io.out()).toContain('cloud/s.yaml:9:16: error file.outside_folder: state directory "../elsewhere" is outside the scenario\'s folder');
  });
});
