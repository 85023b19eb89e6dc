/**
 * @module adapters/paths
 * Where DataPass finds what it ships (lists, rules) and where it keeps its data.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: two levels above this module, in src/ and in dist/ alike. */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The shipped list documents. `DATAPASS_LISTS_DIR` replaces them (e.g. with official lists only). */
export function shippedListsDir(): string {
  return process.env.DATAPASS_LISTS_DIR ?? join(PACKAGE_ROOT, 'lists');
}

/** The data directory, created on first use. */
export function ensureDataDir(dataDir: string): string {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  return dir;
}
