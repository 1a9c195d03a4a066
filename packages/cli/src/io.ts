/**
 * The CLI's window on the world, injectable so that `run()` can be tested without a
 * process, a terminal or a disk.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { OutputStream } from './style.js';

export type { OutputStream } from './style.js';

/** What a path is on disk. */
export type FileKind = 'file' | 'directory' | 'fifo' | 'device' | 'socket' | 'other';

/** A path's real location (symbolic links and `..` resolved), kind and size. */
export interface PathInfo {
  realPath: string;
  kind: FileKind;
  sizeBytes: number;
}

/** The largest file readFile reads: 64 MiB (67,108,864 bytes). */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /**
   * Reads a UTF-8 text file (absolute path). Rejects with a Node errno error (`code`) on
   * failure, and with `ENOTREG` (a FIFO, device or socket: never opened for reading, so it
   * cannot block) or `EFBIG` (more than MAX_READ_BYTES) without reading it.
   */
  readFile(path: string): Promise<string>;
  /** Where a path really is and what it is (follows symbolic links). Rejects with a Node errno error (ENOENT, EACCES). */
  inspect(path: string): Promise<PathInfo>;
  /** Writes `data` to `path` (absolute) so that readers see the old file or the whole new one, never a part. */
  writeFileAtomic(path: string, data: string): Promise<void>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Environment: NO_COLOR, HEADROOM_DEBUG. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Writes `data` to `path` atomically: into a temporary file in the same directory (so the
 * rename stays on one file system), flushed to disk, then renamed over `path`. On any failure
 * the temporary file is removed and `path` is left as it was. Creates the parent directory
 * when missing.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

function kindOf(s: import('node:fs').Stats): FileKind {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device';
  if (s.isSocket()) return 'socket';
  return 'other';
}

/** A Node-style errno error. */
function errno(code: string, message: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}, '${path}'`), { code, path });
}

export async function inspectPath(path: string): Promise<PathInfo> {
  const realPath = await realpath(path);
  const s = await stat(realPath);
  return { realPath, kind: kindOf(s), sizeBytes: s.size };
}

/**
 * Reads a regular file of at most MAX_READ_BYTES as UTF-8. The file is opened non-blocking and
 * checked with fstat before anything is read, so a FIFO or a device is refused (ENOTREG)
 * instead of blocking or never ending, and an oversized file (EFBIG) is not read at all.
 */
export async function readFileBounded(path: string): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = await handle.stat();
    if (s.isDirectory()) throw errno('EISDIR', 'is a directory', path);
    if (!s.isFile()) throw errno('ENOTREG', 'not a regular file', path);
    if (s.size > MAX_READ_BYTES) throw errno('EFBIG', 'file too large', path);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * The real process: stdout/stderr, the file system, process.cwd() and process.env.
 * A closed stdout pipe (`headroom plan x.yaml | head`) ends the process quietly.
 */
export function nodeIo(): CliIo {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readFile: readFileBounded,
    inspect: inspectPath,
    writeFileAtomic,
    cwd: process.cwd(),
    env: process.env,
  };
}
