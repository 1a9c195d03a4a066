/** File-system errors as one-line messages for people (no stack trace). */

/** A Node file-system error (`ENOENT`, `EACCES`, ...), as opposed to a bug. */
export function isFsError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((error as NodeJS.ErrnoException).code ?? '');
}

const FS_ERROR_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a component of the path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  ENOTREG: 'not a regular file (a FIFO, device or socket), which headroom neither reads nor replaces',
  ENOTEMPTY: 'the folder holds other files than .yaml (headroom replaces an output folder as a whole, so it writes only to a new folder or one holding .yaml files)',
  EEXIST: 'already exists',
  EFBIG: 'larger than the 64 MiB headroom reads',
  ELOOP: 'too many levels of symbolic links',
  EILSEQ: 'not UTF-8 text',
};

/** Writing: a folder at an output file's path is a usage error, said plainly. */
const FS_WRITE_TEXT: Record<string, string> = {
  EISDIR: 'is a directory; name a file to write (-o <folder>/<file>)',
};

export function describeFsError(error: NodeJS.ErrnoException & { code: string }, writing = false): string {
  const extra = error as unknown as { detail?: unknown };
  const detail = typeof extra.detail === 'string' ? extra.detail : undefined;
  if (detail && error.code === 'EILSEQ') {
    const at = error as { line?: number; col?: number };
    return `${detail} (line ${at.line ?? 1}, column ${at.col ?? 1}; save it as UTF-8) (EILSEQ)`;
  }
  const text = (writing ? FS_WRITE_TEXT[error.code] : undefined) ?? FS_ERROR_TEXT[error.code];
  return text ? `${text} (${error.code})` : error.message;
}
