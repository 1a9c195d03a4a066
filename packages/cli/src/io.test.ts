import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstInvalidUtf8, liveTempPaths, readFileBounded, writeDirAtomic, writeFileAtomic } from './io.js';

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

describe('issue 15: write like write-file-atomic', () => {
  it('writes through a symbolic link to its target; the link stays a link', async () => {
    await writeFile(join(dir, 'real.html'), 'old');
    await symlink('real.html', join(dir, 'link.html'));
    await writeFileAtomic(join(dir, 'link.html'), 'new');
    expect((await lstat(join(dir, 'link.html'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, 'real.html'), 'utf8')).toBe('new');
    expect((await readdir(dir)).sort()).toEqual(['link.html', 'real.html']);
  });

  it('writes through a dangling symbolic link, creating its target', async () => {
    await symlink(join(dir, 'sub', 'target.html'), join(dir, 'dangling.html'));
    await writeFileAtomic(join(dir, 'dangling.html'), 'x');
    expect(await readFile(join(dir, 'sub', 'target.html'), 'utf8')).toBe('x');
    expect((await lstat(join(dir, 'dangling.html'))).isSymbolicLink()).toBe(true);
  });

  it('keeps the mode of the file it replaces', async () => {
    await writeFile(join(dir, 'r.csv'), 'old');
    await chmod(join(dir, 'r.csv'), 0o640);
    await writeFileAtomic(join(dir, 'r.csv'), 'new');
    expect((await stat(join(dir, 'r.csv'))).mode & 0o777).toBe(0o640);
  });

  it('-o /dev/full: refuses a device (ENOTREG) and leaves it a device', async () => {
    await expect(writeFileAtomic('/dev/full', 'x')).rejects.toMatchObject({ code: 'ENOTREG' });
    expect((await stat('/dev/full')).isCharacterDevice()).toBe(true);
    await symlink('/dev/null', join(dir, 'to-null'));
    await expect(writeFileAtomic(join(dir, 'to-null'), 'x')).rejects.toMatchObject({ code: 'ENOTREG' });
    expect((await readdir(dir)).sort()).toEqual(['to-null']);
  });

  it('refuses a FIFO (ENOTREG) and a directory (EISDIR) without writing', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    await expect(writeFileAtomic(join(dir, 'pipe'), 'x')).rejects.toMatchObject({ code: 'ENOTREG' });
    await mkdir(join(dir, 'folder'));
    await expect(writeFileAtomic(join(dir, 'folder'), 'x')).rejects.toMatchObject({ code: 'EISDIR' });
    expect((await readdir(dir)).sort()).toEqual(['folder', 'pipe']);
    expect(await readdir(join(dir, 'folder'))).toEqual([]);
  });

  it('tracks the temporary file while writing and forgets it after', async () => {
    const writing = writeFileAtomic(join(dir, 'r.html'), 'x', { holdBeforeRenameMs: 50 });
    await new Promise((done) => setTimeout(done, 20));
    expect(liveTempPaths()).toHaveLength(1);
    expect(liveTempPaths()[0]).toMatch(/\.r\.html\.\d+\.[0-9a-f]+\.tmp$/);
    await writing;
    expect(liveTempPaths()).toEqual([]);
  });
});

describe('issue 15: writeDirAtomic (netplan -o)', () => {
  it('creates a new folder with the files', async () => {
    await writeDirAtomic(join(dir, 'np'), [
      { name: 'a.yaml', data: 'a' },
      { name: 'b.yaml', data: 'b' },
    ]);
    expect((await readdir(join(dir, 'np'))).sort()).toEqual(['a.yaml', 'b.yaml']);
    expect(await readdir(dir)).toEqual(['np']);
  });

  it('replaces the old set of files as a whole: no old file stays beside the new ones', async () => {
    await mkdir(join(dir, 'np'));
    await writeFile(join(dir, 'np', 'old-host.yaml'), 'old');
    await writeFile(join(dir, 'np', 'a.yaml'), 'old a');
    await writeDirAtomic(join(dir, 'np'), [{ name: 'a.yaml', data: 'new a' }]);
    expect(await readdir(join(dir, 'np'))).toEqual(['a.yaml']);
    expect(await readFile(join(dir, 'np', 'a.yaml'), 'utf8')).toBe('new a');
    expect(await readdir(dir)).toEqual(['np']);
  });

  it('refuses a folder holding other files (ENOTEMPTY) and a file (ENOTDIR), writing nothing', async () => {
    await mkdir(join(dir, 'home'));
    await writeFile(join(dir, 'home', 'notes.txt'), 'mine');
    await expect(writeDirAtomic(join(dir, 'home'), [{ name: 'a.yaml', data: 'a' }])).rejects.toMatchObject({ code: 'ENOTEMPTY' });
    expect(await readdir(join(dir, 'home'))).toEqual(['notes.txt']);
    await writeFile(join(dir, 'file'), 'f');
    await expect(writeDirAtomic(join(dir, 'file'), [{ name: 'a.yaml', data: 'a' }])).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect((await readdir(dir)).sort()).toEqual(['file', 'home']);
  });

  it('refuses a file name with a folder part (EINVAL)', async () => {
    await expect(writeDirAtomic(join(dir, 'np'), [{ name: '../escape.yaml', data: 'x' }])).rejects.toMatchObject({ code: 'EINVAL' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('issue 15: readFileBounded reads bytes and refuses what is not UTF-8 (EILSEQ), never replacing silently', () => {
  it('UTF-16 with a byte order mark (FF FE, FE FF)', async () => {
    await writeFile(join(dir, 'le.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: x\n', 'utf16le')]));
    await expect(readFileBounded(join(dir, 'le.yaml'))).rejects.toMatchObject({ code: 'EILSEQ', line: 1, col: 1, detail: expect.stringContaining('UTF-16') });
    await writeFile(join(dir, 'be.yaml'), Buffer.from([0xfe, 0xff, 0, 0x6e]));
    await expect(readFileBounded(join(dir, 'be.yaml'))).rejects.toMatchObject({ code: 'EILSEQ', detail: expect.stringContaining('FE FF') });
  });

  it('an invalid byte: EILSEQ at its line and column', async () => {
    await writeFile(join(dir, 'bad.yaml'), Buffer.concat([Buffer.from('name: x\nmodel: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]));
    await expect(readFileBounded(join(dir, 'bad.yaml'))).rejects.toMatchObject({ code: 'EILSEQ', line: 2, col: 12, detail: 'byte 0xe9 at offset 19 is not UTF-8' });
  });

  it('firstInvalidUtf8 agrees with TextDecoder on overlong, surrogate and truncated sequences', () => {
    for (const bytes of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82, 0xac, 0x41],
    ]) {
      const u8 = Uint8Array.from(bytes);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(u8);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(u8) === undefined).toBe(valid);
    }
  });
});
