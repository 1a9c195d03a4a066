/** An in-memory CliIo for unit tests of the CLI: files by path, captured stdout/stderr. */
import { resolve } from 'node:path';
import type { CliIo } from '../../packages/cli/src/io.js';

export interface MemoryIo extends CliIo {
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
  /** Files written with writeFileAtomic or writeDirAtomic, by absolute path. */
  written: Map<string, string>;
}

export interface MemoryIoOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Pretend stdout and stderr are terminals. */
  tty?: boolean;
  writeFileAtomic?: CliIo['writeFileAtomic'];
  /** Standard input (`-`); absent: readStdin is not provided. */
  stdin?: string;
  writeDirAtomic?: CliIo['writeDirAtomic'];
}

/** A Node-style errno error, as fs/promises rejects with. */
export function errnoError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

/** `files` maps paths (relative to `cwd`, default /project) to contents. */
export function memoryIo(files: Record<string, string> = {}, options: MemoryIoOptions = {}): MemoryIo {
  const cwd = options.cwd ?? '/project';
  const byPath = new Map(Object.entries(files).map(([path, text]) => [resolve(cwd, path), text]));
  let out = '';
  let err = '';
  const written = new Map<string, string>();
  return {
    stdout: { write: (chunk: string) => (out += chunk), isTTY: options.tty ?? false },
    stderr: { write: (chunk: string) => (err += chunk), isTTY: options.tty ?? false },
    readFile: async (path) => {
      const text = byPath.get(path);
      if (text === undefined) throw errnoError('ENOENT', 'open', path);
      return text;
    },
    ...(options.stdin !== undefined ? { readStdin: async () => options.stdin! } : {}),
    inspect: async (path) => {
      const text = byPath.get(path);
      if (text !== undefined) return { realPath: path, kind: 'file', sizeBytes: Buffer.byteLength(text) };
      if (path === cwd || [...byPath.keys()].some((p) => p.startsWith(`${path}/`))) return { realPath: path, kind: 'directory', sizeBytes: 0 };
      throw errnoError('ENOENT', 'stat', path);
    },
    writeFileAtomic:
      options.writeFileAtomic ??
      (async (path, data) => {
        written.set(path, data);
      }),
    writeDirAtomic:
      options.writeDirAtomic ??
      (async (path, entries) => {
        for (const key of [...written.keys()]) if (key.startsWith(`${path}/`)) written.delete(key);
        for (const e of entries) written.set(`${path}/${e.name}`, e.data);
      }),
    cwd,
    env: options.env ?? {},
    out: () => out,
    err: () => err,
    written,
  };
}
