/**
 * Issue 15 regressions on the built binary: where -o writes (symlinks, devices, folders),
 * temporary files removed on SIGTERM, netplan's folder replaced as a whole.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, headroom, root } from './helpers/run-cli.js';

let tmp: string;
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'headroom-robust-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CEPH = 'test/fixtures/real/cluster-state/ceph/siphon-tentacle';

/** Starts the binary with a write held before its rename; resolves when a temporary path appears in `watchDir`. */
function startHeld(
  args: string[],
  watchDir: string,
): { exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>; tempSeen: Promise<string>; kill(signal: NodeJS.Signals): void } {
  const env: NodeJS.ProcessEnv = { ...process.env, HEADROOM_TEST_HOLD_WRITE_MS: '30000' };
  delete env['HEADROOM_DEBUG'];
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) => child.on('exit', (code, signal) => done({ code, signal, stderr })));
  const tempSeen = new Promise<string>((done, fail) => {
    const started = Date.now();
    const poll = (): void => {
      const temp = existsSync(watchDir) ? readdirSync(watchDir).find((n) => n.endsWith('.tmp')) : undefined;
      if (temp) done(temp);
      else if (Date.now() - started > 20_000) fail(new Error(`no temporary file in ${watchDir}: ${stderr}`));
      else setTimeout(poll, 20);
    };
    poll();
  });
  return { exited, tempSeen, kill: (signal) => child.kill(signal) };
}

describe('issue 15: -o refuses what it must not replace (exit 2, clear message)', () => {
  it('report -o /dev/full: exit 2, the device is not replaced', () => {
    const r = headroom('report', 'scenarios/reference-pilot.yaml', '-o', '/dev/full');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('headroom: cannot write /dev/full: not a regular file (a FIFO, device or socket), which headroom neither reads nor replaces (ENOTREG)');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('import -o <a directory>: exit 2 (not 3) with a message naming the folder', () => {
    const out = join(tmp, 'import-dir');
    mkdirSync(out);
    const r = headroom('import', '--ceph', CEPH, '-o', out, '--start', '2027-01');
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain(`headroom: cannot write ${out}: is a directory; name a file to write`);
    expect(r.code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });

  it('report -o <symlink>: writes through the link to its target', () => {
    const target = join(tmp, 'target.html');
    const link = join(tmp, 'link.html');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    const r = headroom('report', 'scenarios/reference-pilot.yaml', '-o', link);
    expect(r.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^<!doctype html>/i);
  });
});

describe('issue 15: temporary files are removed on SIGTERM / SIGINT', () => {
  it('report killed with SIGTERM while writing: no .tmp remains, the old report is untouched', async () => {
    const dir = join(tmp, 'sigterm');
    mkdirSync(dir);
    writeFileSync(join(dir, 'report.html'), 'old report');
    const run = startHeld(['report', 'scenarios/reference-pilot.yaml', '-o', join(dir, 'report.html')], dir);
    expect(await run.tempSeen).toMatch(/^\.report\.html\.\d+\.[0-9a-f]+\.tmp$/);
    run.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code).toBe(143);
    expect(readdirSync(dir)).toEqual(['report.html']);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('old report');
  }, 30_000);

  it('netplan -o killed with SIGINT before the swap: the old folder is whole, no temporary folder remains', async () => {
    const out = join(tmp, 'np');
    mkdirSync(out);
    writeFileSync(join(out, 'old-host.yaml'), 'old');
    const run = startHeld(['netplan', 'scenarios/reference-pilot.yaml', '-o', out], tmp);
    expect(await run.tempSeen).toMatch(/^\.np\.\d+\.[0-9a-f]+\.tmp$/);
    run.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    expect(readdirSync(out)).toEqual(['old-host.yaml']);
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 30_000);
});

describe('issue 15: netplan -o replaces the folder as a whole', () => {
  it('old host files do not stay beside the new ones', () => {
    const out = join(tmp, 'np-swap');
    mkdirSync(out);
    writeFileSync(join(out, 'retired-host.yaml'), 'old');
    const r = headroom('netplan', 'scenarios/reference-pilot.yaml', '--role', 'storage', '-o', out);
    expect(r.code).toBe(0);
    const names = readdirSync(out);
    expect(names).not.toContain('retired-host.yaml');
    expect(names.every((n) => n.startsWith('storage-'))).toBe(true);
  });

  it('refuses a folder holding other files than .yaml: exit 2, nothing touched', () => {
    const out = join(tmp, 'np-mixed');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = headroom('netplan', 'scenarios/reference-pilot.yaml', '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the folder holds other files than .yaml');
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });
});

describe('issue 15: messages for hostile and careless files (built binary)', () => {
  it('invalid UTF-8: exit 2, input.encoding at the byte, nothing replaced silently', () => {
    const file = join(tmp, 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('schemaVersion: 1\nname: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
    const r = headroom('validate', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:2:11: error input.encoding: byte 0xe9 at offset 27 is not UTF-8`);
    expect(r.stderr).toContain('hint: save the file as UTF-8');
  });

  it('1,500 levels of nesting: exit 2, yaml.too_deep, no "Maximum call stack size exceeded"', () => {
    const file = join(tmp, 'deep.yaml');
    writeFileSync(file, `schemaVersion: 1\nname: ${'['.repeat(1500)}${']'.repeat(1500)}\n`);
    const r = headroom('validate', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/deep\.yaml:2:\d+: error yaml\.too_deep/);
    expect(r.stdout + r.stderr).not.toContain('call stack');
  });
});
