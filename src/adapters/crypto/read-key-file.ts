/**
 * @module adapters/crypto/read-key-file
 * Reading a key file named on the command line (`--key`, `--trust-key`, `keys trust FILE`, evidence keys):
 * a missing file, a directory or a permission problem is `keys.key_file_unreadable` naming the file, never a
 * raw `ENOENT`/`EISDIR`. Kept apart from `key-files.ts` (which pulls in zod) so the ledger loads light.
 */
import { readFileSync, statSync } from 'node:fs';
import { DataPassError, problem } from '../../core/problems.js';
import { fsReason } from '../paths.js';

/** Key files are small; anything larger is not one. */
export const KEY_FILE_LIMIT = 64 * 1024;

function unreadable(file: string, reason: string, cause?: unknown): never {
  throw new DataPassError(
    problem('keys.key_file_unreadable', { reason }, [], { location: { file } }),
    cause === undefined ? undefined : { cause },
  );
}

/** Checks that a key file exists, is not a directory and is small enough; throws a problem naming it. */
export function checkKeyFile(file: string): void {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    unreadable(file, code === 'ENOENT' || code === 'ENOTDIR' ? 'it does not exist' : fsReason(err), err);
  }
  if (st.isDirectory()) unreadable(file, 'it is a directory, not a key file');
  if (st.isFile() && st.size > KEY_FILE_LIMIT)
    throw new DataPassError(
      problem('input.file_too_large', { size: st.size, limit: KEY_FILE_LIMIT }, [], { location: { file } }),
    );
}

/** Reads a key file's raw bytes (for keys kept as raw bytes, hex or base64) after {@link checkKeyFile}. */
export function readKeyFileBytes(file: string): Buffer {
  checkKeyFile(file);
  try {
    return readFileSync(file);
  } catch (err) {
    return unreadable(file, fsReason(err), err);
  }
}
