/**
 * The CLI's window on the world, injectable so that `run()` can be tested without a
 * process, a terminal or a disk.
 */
import { randomBytes } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { lstat, mkdir, open, readdir, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
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
  /**
   * Writes `data` to `path` (absolute) so that readers see the old file or the whole new one,
   * never a part. Writes through a symbolic link; rejects with EISDIR (a folder) or ENOTREG (a
   * device, FIFO or socket) without writing.
   */
  writeFileAtomic(path: string, data: string): Promise<void>;
  /**
   * Replaces the folder `path` (absolute) as a whole by `files`: readers see the old files or
   * the new ones, never a mix. Rejects with ENOTDIR or ENOTEMPTY (a folder holding more than
   * .yaml files) without writing.
   */
  writeDirAtomic(path: string, files: readonly DirEntryToWrite[]): Promise<void>;
  /**
   * Reads standard input to its end as UTF-8 (the `-` file argument), bounded like readFile
   * (EFBIG past MAX_READ_BYTES, EILSEQ when not UTF-8). Absent: `-` is refused.
   */
  readStdin?(): Promise<string>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Environment: NO_COLOR, HEADROOM_DEBUG. */
  env: Readonly<Record<string, string | undefined>>;
}

/** Temporary files and folders being written, removed on SIGINT, SIGTERM and SIGHUP (see installTempCleanup). */
const liveTemps = new Set<string>();

/** Removes every temporary file or folder still being written (synchronously: called from a signal handler). */
export function removeLiveTemps(): void {
  for (const temp of liveTemps) {
    try {
      rmSync(temp, { recursive: true, force: true });
    } catch {
      // best effort: the process is ending
    }
  }
  liveTemps.clear();
}

/** The temporary paths being written now (tests). */
export function liveTempPaths(): string[] {
  return [...liveTemps];
}

let cleanupInstalled = false;

/**
 * On SIGINT, SIGTERM and SIGHUP: remove the temporary files being written, then exit with
 * 128 + the signal number, as the default action would. SIGKILL cannot be caught: a temporary
 * file (`.<name>.<pid>.<hex>.tmp`) may then stay behind, never the target half-written.
 */
export function installTempCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      removeLiveTemps();
      process.exit(128 + (osConstants.signals[signal] ?? 0));
    });
  }
}

/** Options of the write functions (tests). */
export interface WriteOptions {
  /** Milliseconds to wait after the data is written and before the rename (tests of signal clean-up). */
  holdBeforeRenameMs?: number;
}

/**
 * Where a write to `path` must go: a symbolic link is followed to its target (also a dangling
 * one, up to 40 links), as write-file-atomic does, so the link stays a link. Relative link
 * targets are resolved against the link's folder.
 */
export async function resolveWriteTarget(path: string): Promise<string> {
  let current = path;
  for (let i = 0; i < 40; i++) {
    let s: import('node:fs').Stats;
    try {
      s = await lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    if (!s.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw errno('ELOOP', 'too many levels of symbolic links', path);
}

/**
 * What is at `target` (not a link): undefined when nothing, the Stats of a regular file;
 * a directory is refused with EISDIR, a device, FIFO or socket with ENOTREG, so that `-o
 * /dev/full` never replaces the device and `-o <folder>` says what is wrong.
 */
async function existingRegularFile(target: string): Promise<import('node:fs').Stats | undefined> {
  let s: import('node:fs').Stats;
  try {
    s = await stat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (s.isDirectory()) throw errno('EISDIR', 'is a directory', target);
  if (!s.isFile()) throw errno('ENOTREG', 'not a regular file', target);
  return s;
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Writes `data` to `path` atomically, like write-file-atomic: a symbolic link is written
 * through (its target is replaced, the link stays); a directory (EISDIR), a device, FIFO or
 * socket (ENOTREG) at the path is refused before anything is written. The data goes into a
 * temporary file in the target's folder (so the rename stays on one file system), is flushed,
 * takes the mode of the file it replaces, and is renamed over the target. On any failure, and
 * on SIGINT/SIGTERM/SIGHUP once installTempCleanup ran, the temporary file is removed and the
 * target is left as it was. Creates the parent folder when missing.
 */
export async function writeFileAtomic(path: string, data: string, options: WriteOptions = {}): Promise<void> {
  const target = await resolveWriteTarget(path);
  const existing = await existingRegularFile(target);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  liveTemps.add(temp);
  try {
    handle = await open(temp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
    if (existing) await handle.chmod(existing.mode & 0o7777);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.holdBeforeRenameMs) await sleep(options.holdBeforeRenameMs);
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    liveTemps.delete(temp);
  }
}

/** One file of a folder written by writeDirAtomic. */
export interface DirEntryToWrite {
  /** A plain file name (no folder part). */
  name: string;
  data: string;
}

/**
 * Replaces the folder `path` as a whole with `files` (netplan -o): the files are written into
 * a new sibling folder, flushed, then swapped in with two renames (old folder aside, new folder
 * in), and the old folder is removed. Readers see the old set of files or the new one, never a
 * mix; a missing `path` is created. A symbolic link is followed to its target. Refused, with
 * nothing written: a path that is not a folder (ENOTDIR), and a folder holding anything but
 * regular `.yaml` files (ENOTEMPTY), so that `-o .` or `-o ~` cannot delete someone's files.
 */
export async function writeDirAtomic(path: string, files: readonly DirEntryToWrite[], options: WriteOptions = {}): Promise<void> {
  for (const f of files) {
    if (f.name !== basename(f.name) || f.name === '.' || f.name === '..' || f.name === '') throw errno('EINVAL', `not a plain file name: ${f.name}`, path);
  }
  const target = await resolveWriteTarget(path);
  let exists = false;
  try {
    const s = await stat(target);
    if (!s.isDirectory()) throw errno('ENOTDIR', 'not a directory', target);
    exists = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (exists) {
    for (const entry of await readdir(target, { withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.yaml')) {
        throw errno(
          'ENOTEMPTY',
          `holds ${entry.name}, not a .yaml file: headroom replaces the folder as a whole, so it writes only to a new folder or one holding .yaml files`,
          target,
        );
      }
    }
  }
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const stamp = `${process.pid}.${randomBytes(6).toString('hex')}`;
  const fresh = join(parent, `.${basename(target)}.${stamp}.tmp`);
  const old = join(parent, `.${basename(target)}.${stamp}.old.tmp`);
  liveTemps.add(fresh);
  try {
    await mkdir(fresh);
    for (const f of files) {
      const handle = await open(join(fresh, f.name), 'wx', 0o666);
      try {
        await handle.writeFile(f.data, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    if (options.holdBeforeRenameMs) await sleep(options.holdBeforeRenameMs);
    if (exists) {
      liveTemps.add(old);
      await rename(target, old);
      try {
        await rename(fresh, target);
      } catch (error) {
        await rename(old, target).catch(() => undefined);
        throw error;
      }
      await rm(old, { recursive: true, force: true });
      liveTemps.delete(old);
    } else {
      await rename(fresh, target);
    }
  } catch (error) {
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  } finally {
    liveTemps.delete(fresh);
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

/** Where the first byte that is not UTF-8 is: byte offset, 1-based line and column (characters before it on its line + 1). */
export function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; col: number } | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n = 0;
    let min = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, b === 0xe0 ? 0xa0 : 0x80];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, b === 0xf0 ? 0x90 : 0x80];
    else return position(bytes, i);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      const lo = k === 1 && min ? min : 0x80;
      const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
      if (c === undefined || c < lo || c > hi) return position(bytes, i);
    }
    i += n + 1;
  }
  return undefined;
}

function position(bytes: Uint8Array, offset: number): { offset: number; line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const col = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
  return { offset, line, col };
}

/** An EILSEQ error: the file is not UTF-8, with where and why (`line`, `col`, `detail`). */
export interface EncodingError extends NodeJS.ErrnoException {
  code: 'EILSEQ';
  line: number;
  col: number;
  detail: string;
}

/**
 * UTF-8 text from bytes, or an EILSEQ error (EncodingError): a UTF-16 byte order mark
 * (FF FE, FE FF) and a byte sequence that is not UTF-8 are refused, never replaced by U+FFFD
 * silently (TextDecoder with fatal: true).
 */
export function decodeUtf8(bytes: Uint8Array, path: string): string {
  const fail = (line: number, col: number, detail: string): never => {
    throw Object.assign(new Error(`EILSEQ: ${detail}, '${path}'`), { code: 'EILSEQ', path, line, col, detail });
  };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail(1, 1, `UTF-16 text (byte order mark ${bytes[0] === 0xff ? 'FF FE' : 'FE FF'}): headroom reads UTF-8`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes) ?? { offset: 0, line: 1, col: 1 };
    return fail(at.line, at.col, `byte 0x${(bytes[at.offset] ?? 0).toString(16).padStart(2, '0')} at offset ${at.offset} is not UTF-8`);
  }
}

/**
 * Reads a regular file of at most MAX_READ_BYTES as UTF-8. The file is opened non-blocking and
 * checked with fstat before anything is read, so a FIFO or a device is refused (ENOTREG)
 * instead of blocking or never ending, and an oversized file (EFBIG) is not read at all. Text
 * that is not UTF-8 is refused with EILSEQ (decodeUtf8).
 */
export async function readFileBounded(path: string): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = await handle.stat();
    if (s.isDirectory()) throw errno('EISDIR', 'is a directory', path);
    if (!s.isFile()) throw errno('ENOTREG', 'not a regular file', path);
    if (s.size > MAX_READ_BYTES) throw errno('EFBIG', 'file too large', path);
    return decodeUtf8(await handle.readFile(), path);
  } finally {
    await handle.close();
  }
}

/**
 * The real process: stdout/stderr, the file system, process.cwd() and process.env.
 * A closed stdout pipe (`headroom plan x.yaml | head`) ends the process quietly.
 */
/** Standard input to its end, at most MAX_READ_BYTES, as UTF-8 (decodeUtf8). */
async function readStdinBounded(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_READ_BYTES) throw errno('EFBIG', 'standard input too large', '<stdin>');
    chunks.push(chunk);
  }
  return decodeUtf8(Buffer.concat(chunks), '<stdin>');
}

export function nodeIo(): CliIo {
  installTempCleanup();
  const hold = Number(process.env['HEADROOM_TEST_HOLD_WRITE_MS'] ?? 0);
  const writeOptions: WriteOptions = Number.isFinite(hold) && hold > 0 ? { holdBeforeRenameMs: Math.min(hold, 60_000) } : {};
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readFile: readFileBounded,
    readStdin: readStdinBounded,
    inspect: inspectPath,
    writeFileAtomic: (path, data) => writeFileAtomic(path, data, writeOptions),
    writeDirAtomic: (path, files) => writeDirAtomic(path, files, writeOptions),
    cwd: process.cwd(),
    env: process.env,
  };
}
