import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileBounded, writeFileAtomic } from './io.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'headroom-io-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file', async () => {
    await writeFileAtomic(join(dir, 'r.html'), '<!doctype html>');
    expect(await readFile(join(dir, 'r.html'), 'utf8')).toBe('<!doctype html>');
    expect(await readdir(dir)).toEqual(['r.html']);
  });

  it('replaces an existing file', async () => {
    await writeFile(join(dir, 'r.html'), 'old');
    await writeFileAtomic(join(dir, 'r.html'), 'new');
    expect(await readFile(join(dir, 'r.html'), 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['r.html']);
  });

  it('creates the parent directory', async () => {
    await writeFileAtomic(join(dir, 'out', 'deep', 'r.html'), 'x');
    expect(await readFile(join(dir, 'out', 'deep', 'r.html'), 'utf8')).toBe('x');
  });

  it('removes the temporary file when the rename fails and leaves the target alone', async () => {
    // The target is a non-empty directory: rename(file, dir) fails after the data was written.
    await mkdir(join(dir, 'r.html'));
    await writeFile(join(dir, 'r.html', 'keep'), 'k');
    await expect(writeFileAtomic(join(dir, 'r.html'), 'new')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(await readdir(dir)).toEqual(['r.html']);
    expect(await readdir(join(dir, 'r.html'))).toEqual(['keep']);
  });
});

describe('readFileBounded', () => {
  it('reads a regular file', async () => {
    await writeFile(join(dir, 'a.yaml'), 'name: x\n');
    expect(await readFileBounded(join(dir, 'a.yaml'))).toBe('name: x\n');
  });

  it('refuses a FIFO without blocking (ENOTREG), /dev/zero (ENOTREG), a directory (EISDIR)', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await expect(readFileBounded(join(dir, 'pipe'))).rejects.toMatchObject({ code: 'ENOTREG' });
    await expect(readFileBounded('/dev/zero')).rejects.toMatchObject({ code: 'ENOTREG' });
    await expect(readFileBounded(dir)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('refuses a file over 64 MiB without reading it (EFBIG)', async () => {
    await writeFile(join(dir, 'big'), '');
    await truncate(join(dir, 'big'), 64 * 1024 * 1024 + 1); // sparse
    await expect(readFileBounded(join(dir, 'big'))).rejects.toMatchObject({ code: 'EFBIG' });
  });
});
