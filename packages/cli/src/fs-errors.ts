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
  ENOTREG: 'not a regular file (a FIFO, device or socket), which headroom does not read',
  EFBIG: 'larger than the 64 MiB headroom reads',
  ELOOP: 'too many levels of symbolic links',
};

export function describeFsError(error: NodeJS.ErrnoException & { code: string }): string {
  const text = FS_ERROR_TEXT[error.code];
  return text ? `${text} (${error.code})` : error.message;
}
