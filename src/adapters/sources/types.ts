/**
 * @module adapters/sources/types
 * The contract between the dataset source readers and `datapass scan`. See `index.ts` for the entry points.
 */
import type { Problem } from '../../core/problems.js';

/** Every format a source can be read as. */
export type SourceFormat = 'csv' | 'tsv' | 'ndjson' | 'json' | 'parquet' | 'xlsx' | 'sqlite' | 'postgres';

export interface SourceOptions {
  /** Forces a format instead of detecting it from the extension, the URL prefix, or (stdin) the first byte. */
  format?: SourceFormat;
  /**
   * Text encoding of CSV/TSV/NDJSON/JSON input (`utf-8`, `gbk`, `gb18030`, `utf-16le`, anything iconv-lite knows).
   * Default: a BOM decides; else UTF-8 if the first 64 KiB are valid UTF-8; else chardet's guess (GB18030 for GBK text).
   */
  encoding?: string;
  /** CSV field delimiter (one character). Default: sniffed among `,` `\t` `;` `|` on the first lines; `.tsv` → tab. */
  delimiter?: string;
  /** XLSX worksheet name. Default: the first worksheet. */
  sheet?: string;
  /**
   * Longest CSV record / NDJSON line accepted, in bytes (measured as decoded UTF-16 code units, which equals bytes
   * for ASCII and is never more than the UTF-8 byte count). Longer → fatal `input.line_too_long`. Default 64 MiB.
   */
  maxLineBytes?: number;
  /** Most warnings kept in `warnings()`; the total is still counted in `warningCount()`. Default 100. */
  maxWarnings?: number;
  /** Largest JSON-array file read (it is read whole). Default 256 MiB → `input.file_too_large`. */
  maxJsonBytes?: number;
  /** Stream to read when the spec is `-` (tests pass their own). Default `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
}

/**
 * One row: column name → value as text. Numbers and booleans are stringified, `null`, missing and empty
 * values are `null`. Nested JSON objects are flattened to dotted paths (`owner.name`, `owner.address.city`);
 * arrays are NOT flattened: they are JSON-stringified into one value (`tags` → `["a","b"]`), so the column set
 * stays bounded. Rows are created with `Object.create(null)`: a `__proto__` column is an ordinary own key.
 * For NDJSON/JSON, a row has the keys of the columns known when it was read: a column first seen in a later
 * row is absent from earlier rows (treat absent as null).
 */
export type Row = Record<string, string | null>;

/**
 * A batch of rows as arrays, the fast path: value `i` of a row belongs to column `columns()[i]` (as
 * `columns()` stands once the batch has been yielded). A row array may be SHORTER than `columns()` when later
 * rows introduced new JSON keys: missing trailing values are `null`. Same value rules as {@link Row}.
 * The arrays are fresh for each batch; a consumer may keep them.
 */
export type RowBatch = (string | null)[][];

export interface SourceProgress {
  /** Bytes consumed from the file or stdin so far (0 for databases). */
  bytesRead: number;
  /** File size when known (not for stdin or databases). */
  totalBytes?: number;
  /** Data rows produced so far (skipped bad rows not included). */
  rowsRead: number;
  /** Total rows when the format knows it up front (Parquet, XLSX, SQLite; PostgreSQL's estimate). */
  totalRows?: number;
}

export interface SourceReader {
  /** The spec as the user gave it (`data.csv`, `sqlite:a.db#t`, `-`). */
  readonly source: string;
  readonly format: SourceFormat;
  /** The text encoding used, for text formats (`utf-8`, `gb18030`, …). */
  readonly encoding?: string;
  /** The CSV delimiter used (csv/tsv only). */
  readonly delimiter?: string;
  /**
   * Column names. Known after `openSource` for CSV/TSV/Parquet/XLSX/SQLite/PostgreSQL (headers: trimmed,
   * BOM stripped, duplicates renamed `name_2`, `name_3` with a warning, blanks → `column_N`).
   * For NDJSON/JSON: the union of flattened keys seen so far, in first-seen order (grows while reading).
   */
  columns(): string[];
  /** All rows as objects. Streaming, one pass: call either `rows()` or `rowsAsArrays()`, once. */
  rows(): AsyncIterable<Row>;
  /** All rows as batches of arrays (see {@link RowBatch}); the fastest way to read. One pass, like `rows()`. */
  rowsAsArrays(): AsyncIterable<RowBatch>;
  /** Cheap to call often (e.g. every batch, for a progress bar). */
  progress(): SourceProgress;
  /**
   * Non-fatal problems (severity `warning`), e.g. ragged CSV rows or bad NDJSON lines that were skipped, each
   * with `location` {file, line, row, byte} where known. Capped at `maxWarnings`; see `warningCount()`.
   */
  warnings(): Problem[];
  /** Total number of warnings, including those beyond the cap. */
  warningCount(): number;
  /** Releases the file handle / database connection. Idempotent; also called when iteration ends or breaks. */
  close(): Promise<void>;
}
