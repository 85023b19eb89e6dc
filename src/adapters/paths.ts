/**
 * @module adapters/paths
 * Where DataPass finds what it ships (lists, rules) and where it keeps its data.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataPassError, problem } from '../core/problems.js';

/** The package root: two levels above this module, in src/ and in dist/ alike. */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The shipped list documents. `DATAPASS_LISTS_DIR` replaces them (e.g. with official lists only). */
export function shippedListsDir(): string {
  return process.env.DATAPASS_LISTS_DIR ?? join(PACKAGE_ROOT, 'lists');
}

/** Words for the file-system errors a user can fix (a file in the way, no permission, …). */
export function fsReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file is in the way where a directory should be';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'the directory does not exist';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e?.code ?? String(e?.message ?? err);
  }
}

/**
 * Creates a directory (and its parents) unless it exists.
 * @throws DataPassError `output.write_failed` (exit 2) naming the directory, e.g. when a file is in the way.
 */
export function ensureDir(path: string, mode?: number): string {
  const dir = resolve(path);
  try {
    mkdirSync(dir, { recursive: true, ...(mode !== undefined ? { mode } : {}) });
  } catch (err) {
    throw new DataPassError(problem('output.write_failed', { target: path, reason: fsReason(err) }), { cause: err });
  }
  return dir;
}

/** The data directory, created on first use. */
/**
 * For commands that only read the data directory (and create nothing): a file where it should be is bad input
 * that names the path; a directory that does not exist is fine (nothing has been stored yet).
 */
export function checkDataDirReadable(dataDir: string): void {
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory())
    throw new DataPassError(
      problem('input.file_unreadable', { reason: 'a file, not a data directory' }, [], { location: { file: dataDir } }),
    );
}

export function ensureDataDir(dataDir: string): string {
  return ensureDir(dataDir);
}
