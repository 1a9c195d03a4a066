/**
 * Which files a scenario may make headroom read.
 *
 * Scenario files come from pull requests, and CI prints what headroom says about them. A
 * scenario names other files (`hardware.<key>.inventory`, `demand.storageFrom`), so without a
 * rule a scenario could make CI print any file the process can read (`/proc/self/environ`,
 * `/etc/shadow`). The rule:
 *
 *   - a path is relative to the scenario's folder, and must stay inside it once every `..`
 *     and symbolic link is resolved (`realpath`), or inside a folder the user allowed
 *     explicitly (`--allow-path <dir>`, repeatable): otherwise `file.outside_folder`;
 *   - an absolute path is refused unless it lies inside an allowed folder;
 *   - `/proc`, `/sys` and `/dev` are refused even inside an allowed folder (`file.system_path`);
 *   - the file must be a regular file (a directory for `storageFrom`), never a FIFO, device or
 *     socket (`file.not_regular`: reading those can block forever or never end);
 *   - it must be at most MAX_READ_BYTES long (`file.too_large`).
 *
 * The CLI checks the rule before reading and gives core the refusal as an input error, which
 * core turns into a diagnostic positioned at the path in the scenario (file:line:col).
 */
import { isAbsolute, resolve, sep } from 'node:path';
import { MAX_READ_BYTES, type CliIo, type FileKind } from './io.js';
import { isFsError } from './fs-errors.js';

/** Folders never read from, even when allowed: the kernel's and the devices' pseudo-files. */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

export type RefusalCode = 'file.outside_folder' | 'file.system_path' | 'file.not_regular' | 'file.too_large';

/** Why a path is not read: a coded message and a hint, for a diagnostic. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  hint: string;
}

export type Confined = { ok: true; realPath: string } | { ok: false; refusal: Refusal };

/** Where a scenario may read from: its own folder (absolute) and the folders allowed by flag (absolute). */
export interface ReadScope {
  scenarioDir: string;
  allowed: readonly string[];
}

const within = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

const KIND_TEXT: Record<FileKind, string> = {
  file: 'a regular file',
  directory: 'a directory',
  fifo: 'a FIFO (named pipe)',
  device: 'a device',
  socket: 'a socket',
  other: 'not a regular file',
};

const HINT_INSIDE =
  'files a scenario names are read relative to the scenario file and must stay inside its folder; put the file there, or allow its folder with --allow-path <dir>';

/**
 * Checks `path` as written in a scenario against the scope, and what it is on disk.
 * @param want `file` for an inventory, `directory` for a state directory
 * @returns the real path to read, or the refusal; file-system errors (ENOENT, EACCES) reject
 *   as Node errno errors, for the caller's usual "cannot read" message
 */
export async function confine(io: CliIo, scope: ReadScope, path: string, want: 'file' | 'directory'): Promise<Confined> {
  const refuse = (code: RefusalCode, message: string, hint: string): Confined => ({ ok: false, refusal: { code, message, hint } });
  const roots = await realRoots(io, scope);
  if (isAbsolute(path) && !roots.some((root) => within(resolve(path), root.real) || within(resolve(path), root.lexical))) {
    return refuse('file.outside_folder', `"${path}" is an absolute path outside the scenario's folder`, HINT_INSIDE);
  }
  const lexical = resolve(scope.scenarioDir, path);
  if (SYSTEM_ROOTS.some((r) => within(lexical, r))) {
    return refuse(
      'file.system_path',
      `"${path}" is under ${SYSTEM_ROOTS.find((r) => within(lexical, r))}, which headroom never reads`,
      "name a file saved from the command's output instead (e.g. `lscpu -J > lscpu.json`)",
    );
  }
  const info = await io.inspect(lexical);
  if (SYSTEM_ROOTS.some((r) => within(info.realPath, r))) {
    return refuse('file.system_path', `"${path}" leads to ${info.realPath}, which headroom never reads`, "name a file saved from the command's output instead");
  }
  if (!roots.some((root) => within(info.realPath, root.real))) {
    const how = info.realPath !== lexical ? 'a symbolic link leads out of' : 'it leaves';
    return refuse('file.outside_folder', `"${path}" is outside the scenario's folder (${how} it)`, HINT_INSIDE);
  }
  if (want === 'directory') {
    if (info.kind !== 'directory') throw Object.assign(new Error(`not a directory: ${lexical}`), { code: 'ENOTDIR' });
    return { ok: true, realPath: info.realPath };
  }
  if (info.kind !== 'file') {
    return refuse(
      'file.not_regular',
      `"${path}" is ${KIND_TEXT[info.kind]}, not a regular file`,
      'name a regular file: headroom does not read from pipes, devices, sockets or directories',
    );
  }
  if (info.sizeBytes > MAX_READ_BYTES) {
    return refuse(
      'file.too_large',
      `"${path}" has ${info.sizeBytes} bytes, more than the ${MAX_READ_BYTES} (64 MiB) headroom reads`,
      'an inventory or a `ceph -f json` output is a few MiB at most: is this the right file?',
    );
  }
  return { ok: true, realPath: info.realPath };
}

/** The scope's folders, resolved (`real`, symbolic links followed) and as written (`lexical`). Folders that do not exist are left out. */
async function realRoots(io: CliIo, scope: ReadScope): Promise<{ real: string; lexical: string }[]> {
  const out: { real: string; lexical: string }[] = [];
  for (const dir of [scope.scenarioDir, ...scope.allowed]) {
    const lexical = resolve(io.cwd, dir);
    try {
      out.push({ real: (await io.inspect(lexical)).realPath, lexical });
    } catch (error) {
      if (!isFsError(error)) throw error;
    }
  }
  return out;
}
