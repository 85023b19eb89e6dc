/**
 * @module adapters/sources
 * Dataset source readers for `datapass scan`: open a source, stream its rows, sample them.
 *
 * ```ts
 * const reader = await openSource('orders.csv');            // throws DataPassError (exit 2) on fatal input problems
 * const { rows, rowsRead } = await sampleRows(reader, 10_000, 42); // reservoir sample, input order kept
 * // or, for `--full`, the fast path without one object per row:
 * for await (const batch of reader.rowsAsArrays()) {         // batch: (string | null)[][], column order = reader.columns()
 *   for (const values of batch) { ... }                      // reader.progress() for a progress bar
 * }
 * reader.warnings(); reader.warningCount();                  // skipped ragged rows, bad NDJSON lines, renamed headers
 * ```
 *
 * Specs (`SOURCE`):
 * - a file: format by extension: `.csv` `.txt` → csv, `.tsv` `.tab` → tsv, `.ndjson` `.jsonl` → ndjson, `.json` → json
 *   (an array of objects), `.parquet` `.parq` → parquet, `.xlsx` → xlsx. Other extensions: sniffed from the content
 *   (Parquet/ZIP/SQLite magic bytes; `[` → json, `{` → ndjson, else csv).
 * - `-`: standard input; `[` → json, `{` → ndjson, else csv (or `opts.format`).
 * - `sqlite:path/to.db#table` (read-only; the table or view must exist).
 * - `postgres://user@host:port/db#schema.table` or `postgresql://…` (`#table` alone means schema `public`).
 *
 * Values are text or null (see {@link Row}); nested JSON objects become dotted columns, arrays are JSON text.
 * Text formats: a BOM picks UTF-8/UTF-16; else the first 64 KiB decide between UTF-8 and (chardet) GB18030/GBK;
 * `encoding` overrides. Invalid UTF-8 later in a UTF-8 file is fatal `input.not_utf8` with byte offset and line.
 * NUL bytes in the first 8 KiB of a text format → `input.binary_file`. Empty input → `input.file_empty`.
 * Limits: CSV records / NDJSON lines up to `maxLineBytes` (64 MiB); a `.json` array file is read whole, up to
 * `maxJsonBytes` (256 MiB). XLSX workbooks are loaded whole (exceljs).
 */
import { extname } from 'node:path';
import { DataPassError, problem } from '../../core/problems.js';
import { fatal, toRow } from './base.js';
import { openByteInput } from './bytes.js';
import type { Row, SourceFormat, SourceOptions, SourceReader } from './types.js';

export type { Row, RowBatch, SourceFormat, SourceOptions, SourceProgress, SourceReader } from './types.js';

const FORMATS: readonly SourceFormat[] = ['csv', 'tsv', 'ndjson', 'json', 'parquet', 'xlsx', 'sqlite', 'postgres'];

const EXTENSIONS: Record<string, SourceFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'json',
  '.parquet': 'parquet',
  '.parq': 'parquet',
  '.xlsx': 'xlsx',
};

/** True when `s` names a format this module reads. */
export function isSourceFormat(s: string): s is SourceFormat {
  return (FORMATS as readonly string[]).includes(s);
}

/** The format a spec would be read as without looking at the content (`undefined`: sniff the content). */
export function formatFromSpec(spec: string): SourceFormat | undefined {
  if (spec.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(spec)) return 'postgres';
  if (spec === '-') return undefined;
  return EXTENSIONS[extname(spec).toLowerCase()];
}

/**
 * Opens a source for reading. Reads headers (CSV/TSV/XLSX), schema (Parquet, SQLite, PostgreSQL) and
 * sniffs encoding and delimiter before it returns, so `columns()` is ready (for JSON formats it grows).
 * @throws DataPassError with one problem (`input.*`, exit 2) and a location {file, line, byte} when the
 *   source cannot be read at all: not found, empty, binary, bad encoding, corrupt Parquet, unknown table, …
 */
export async function openSource(spec: string, opts: SourceOptions = {}): Promise<SourceReader> {
  if (typeof spec !== 'string' || spec === '') {
    throw new DataPassError(problem('input.invalid_source', { source: String(spec), reason: 'empty source' }));
  }
  if (opts.format !== undefined && !isSourceFormat(opts.format)) {
    fatal('input.unsupported_format', { format: String(opts.format) });
  }
  if (opts.delimiter !== undefined && [...opts.delimiter].length !== 1) {
    fatal('usage.invalid_argument', { name: '--delimiter', value: opts.delimiter, detail: ': expected one character' });
  }
  const byPrefix = formatFromSpec(spec);
  // `--sheet` names a worksheet: anything but a workbook would silently ignore it.
  const sheetOnlyForXlsx = (format: SourceFormat | undefined): void => {
    if (opts.sheet !== undefined && format !== 'xlsx')
      fatal('usage.invalid_argument', {
        name: '--sheet',
        value: opts.sheet,
        detail: `: --sheet applies to .xlsx workbooks only, and \`${spec}\` is read as ${format ?? 'text'}`,
      });
  };
  if (spec.startsWith('sqlite:') || opts.format === 'sqlite') {
    sheetOnlyForXlsx('sqlite');
    const { openSqlite } = await import('./sqlite.js');
    return openSqlite(spec, opts);
  }
  if (byPrefix === 'postgres' || opts.format === 'postgres') {
    sheetOnlyForXlsx('postgres');
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(spec, opts);
  }
  const format = opts.format ?? byPrefix;
  if (spec === '-' && (format === 'parquet' || format === 'xlsx')) {
    fatal('input.invalid_source', {
      source: spec,
      reason: `${format === 'parquet' ? 'Parquet' : 'XLSX'} cannot be read from standard input; give the file`,
    });
  }
  if (format !== undefined) sheetOnlyForXlsx(format);
  if (format === 'parquet') {
    const { openParquet } = await import('./parquet.js');
    return openParquet(spec, opts);
  }
  if (format === 'xlsx') {
    const { openXlsx } = await import('./xlsx.js');
    return openXlsx(spec, opts);
  }
  const input = await openByteInput(spec, opts);
  try {
    let fmt: SourceFormat | undefined = format;
    if (fmt === undefined) {
      const sniffed = input.sniffFormat();
      if (sniffed === 'parquet' || sniffed === 'xlsx') {
        await input.close();
        if (spec === '-')
          fatal('input.invalid_source', {
            source: spec,
            reason: `this looks like ${sniffed === 'parquet' ? 'Parquet' : 'XLSX'}, which cannot be read from standard input; give the file`,
          });
        return openSource(spec, { ...opts, format: sniffed });
      }
      if (sniffed === 'sqlite') {
        fatal(
          'input.invalid_source',
          { source: spec, reason: 'this is an SQLite database; use `sqlite:PATH#TABLE`' },
          { file: spec },
        );
      }
      fmt = sniffed;
    }
    sheetOnlyForXlsx(fmt);
    if (fmt === 'ndjson') {
      const { openNdjson } = await import('./ndjson.js');
      return await openNdjson(input, opts);
    }
    if (fmt === 'json') {
      const { openJsonArray } = await import('./json.js');
      return await openJsonArray(input, opts);
    }
    const { openCsv } = await import('./csv.js');
    return await openCsv(input, fmt === 'tsv' ? 'tsv' : 'csv', opts);
  } catch (err) {
    await input.close();
    throw err;
  }
}

/** A small, fast, seedable PRNG (mulberry32) giving doubles in [0, 1) with 53 random bits. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  const next32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

/** Default seed of {@link sampleRows}: fixed, so the same input gives the same sample run after run. */
export const DEFAULT_SAMPLE_SEED = 0x5eed;

/**
 * A uniform random sample of up to `n` rows (reservoir sampling, Algorithm R) in ONE pass over the reader,
 * without building objects for rows that are not kept. Every row has the same chance `n / N` to be chosen.
 * Deterministic for a given input and `seed`. The sampled rows come back in input order.
 * Reads the whole source (use `rowsAsArrays()` and stop early if you want a prefix instead).
 * @returns the sampled rows (length `min(n, rowsRead)`) and the number of rows read.
 */
export async function sampleRows(
  reader: SourceReader,
  n: number,
  seed: number = DEFAULT_SAMPLE_SEED,
): Promise<{ rows: Row[]; rowsRead: number }> {
  const k = Math.max(0, Math.floor(n));
  const rand = seededRandom(seed);
  const kept: (string | null)[][] = [];
  const keptAt: number[] = [];
  let i = 0;
  for await (const batch of reader.rowsAsArrays()) {
    for (const values of batch) {
      if (i < k) {
        kept.push(values);
        keptAt.push(i);
      } else if (k > 0) {
        const j = Math.floor(rand() * (i + 1));
        if (j < k) {
          kept[j] = values;
          keptAt[j] = i;
        }
      }
      i++;
    }
  }
  const order = keptAt.map((at, slot) => [at, slot] as const).sort((a, b) => a[0] - b[0]);
  const cols = reader.columns();
  return { rows: order.map(([, slot]) => toRow(cols, kept[slot] as (string | null)[])), rowsRead: i };
}

/** Reads every row into memory (tests, small sources). */
export async function readAllRows(reader: SourceReader): Promise<Row[]> {
  const out: Row[] = [];
  for await (const r of reader.rows()) out.push(r);
  return out;
}
