/**
 * The CLI's window on the world, injectable so that `run()` can be tested without a
 * process, a terminal or a disk.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { OutputStream } from './style.js';

export type { OutputStream } from './style.js';

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Reads a UTF-8 text file (absolute path). Rejects with a Node errno error (`code`) on failure. */
  readFile(path: string): Promise<string>;
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
    readFile: (path) => readFile(path, 'utf8'),
    writeFileAtomic,
    cwd: process.cwd(),
    env: process.env,
  };
}
