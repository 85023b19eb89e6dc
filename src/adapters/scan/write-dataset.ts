/**
 * @module adapters/scan/write-dataset
 * Writes a synthetic dataset (`core/synth`) as CSV (UTF-8, RFC 4180 quoting) or NDJSON, plus its labels file.
 * Streams in chunks, so hundreds of MB are fine.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { DataPassError, problem } from '../../core/problems.js';
import type { Dataset } from '../../core/synth/datasets.js';
import { fsReason } from '../paths.js';

/**
 * Writes through a temporary name and renames at the end, so a failed or interrupted run never leaves a
 * file that looks complete. Failures are `output.write_failed` (exit 2) naming the file.
 */
async function atomically<T>(file: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    const out = await write(tmp);
    await rename(tmp, file);
    return out;
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    if (err instanceof DataPassError) throw err;
    throw new DataPassError(problem('output.write_failed', { target: file, reason: fsReason(err) }), { cause: err });
  }
}

export type DatasetFileFormat = 'csv' | 'ndjson';

function csvField(v: string | null): string {
  if (v === null) return '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return `"${v.replaceAll('"', '""')}"`;
  }
  return v;
}

/** Writes the rows to `file`; returns the number of bytes written. */
export function writeDatasetFile(ds: Dataset, format: DatasetFileFormat, file: string): Promise<number> {
  return atomically(file, (tmp) => writeRows(ds, format, tmp));
}

async function writeRows(ds: Dataset, format: DatasetFileFormat, file: string): Promise<number> {
  const out = createWriteStream(file);
  let failed: Error | undefined;
  out.on('error', (err) => {
    failed = err;
  });
  await once(out, 'open').catch((err: Error) => {
    failed = err;
  });
  if (failed) throw failed;
  let bytes = 0;
  let chunk = '';
  const flush = async (): Promise<void> => {
    if (chunk === '') return;
    bytes += Buffer.byteLength(chunk);
    if (failed) throw failed;
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  };
  const keys = ds.columns.map((c) => JSON.stringify(c));
  if (format === 'csv') chunk = `${ds.columns.map(csvField).join(',')}\n`;
  let n = 0;
  for (const row of ds.rows()) {
    if (format === 'csv') {
      let line = '';
      for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : ',') + csvField(row[i] as string | null);
      chunk += `${line}\n`;
    } else {
      let line = '{';
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        line += `${i === 0 ? '' : ','}${keys[i]}:${v === null || v === undefined ? 'null' : JSON.stringify(v)}`;
      }
      chunk += `${line}}\n`;
    }
    if (++n % 2000 === 0) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  if (failed) throw failed;
  return bytes;
}

/** Writes `<dir>/<name>.labels.json`. */
export function writeLabelsFile(ds: Dataset, file: string): Promise<void> {
  return atomically(file, (tmp) => writeFile(tmp, `${JSON.stringify(ds.labels, null, 2)}\n`));
}
