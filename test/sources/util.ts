/** Shared helpers for the source reader tests. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openSource, readAllRows } from '../../src/adapters/sources/index.js';
import type { Row, SourceOptions, SourceReader } from '../../src/adapters/sources/types.js';
import { DataPassError, type Problem } from '../../src/core/problems.js';
import { tempDir } from '../helpers/cli.js';

export function writeTemp(name: string, content: string | Buffer | Uint8Array, dir = tempDir('dp-src-')): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Plain objects (rows are prototype-less) for toEqual. */
export function plain(rows: Row[]): Record<string, string | null>[] {
  return rows.map((r) => ({ ...r }));
}

export async function readAll(
  spec: string,
  opts: SourceOptions = {},
): Promise<{ reader: SourceReader; rows: Record<string, string | null>[] }> {
  const reader = await openSource(spec, opts);
  const rows = plain(await readAllRows(reader));
  return { reader, rows };
}

/** Runs `fn`, expects a DataPassError, returns its first problem. */
export async function problemOf(fn: () => Promise<unknown>): Promise<Problem> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataPassError);
    return (err as DataPassError).problems[0] as Problem;
  }
  throw new Error('expected a DataPassError, got none');
}

/** Opens and reads everything; the fatal problem from either step. */
export function readFails(spec: string, opts: SourceOptions = {}): Promise<Problem> {
  return problemOf(async () => {
    const r = await openSource(spec, opts);
    await readAllRows(r);
  });
}
