/**
 * @module adapters/sources/parquet
 * Parquet through hyparquet (pure JS) with hyparquet-compressors (snappy, gzip, zstd, brotli, lz4). Reads
 * one row group at a time. Struct columns are flattened to dotted paths, lists become JSON text, timestamps
 * and dates ISO text, INT64 exact decimal text, binary `\x` hex. A bad magic number, footer or metadata is
 * fatal `input.parquet_corrupt` with the byte offset of the footer; a row group that cannot be decoded is
 * fatal with its byte offset and first row.
 */
import { stat } from 'node:fs/promises';
import { asyncBufferFromFile, type FileMetaData, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DataPassError } from '../../core/problems.js';
import { BATCH_ROWS, BaseReader, fatal, reasonOf } from './base.js';
import { Flattener } from './flatten.js';
import type { RowBatch, SourceOptions } from './types.js';

type AsyncBuffer = Awaited<ReturnType<typeof asyncBufferFromFile>>;

class ParquetReader extends BaseReader {
  readonly format = 'parquet' as const;
  private readonly flat = new Flattener();

  constructor(
    source: string,
    private readonly file: AsyncBuffer,
    private readonly meta: FileMetaData,
    maxWarnings: number | undefined,
  ) {
    super(source, maxWarnings);
    this.totalBytesKnown = file.byteLength;
    this.cols = this.flat.columns;
    this.totalRowsKnown = Number(meta.num_rows);
    this.flat.flatten(schemaTemplate(meta));
  }

  override columns(): string[] {
    return this.flat.columns.slice();
  }

  protected async *batches(): AsyncGenerator<RowBatch> {
    let rowStart = 0;
    for (const rg of this.meta.row_groups) {
      const n = Number(rg.num_rows);
      const rowEnd = rowStart + n;
      let rows: Record<string, unknown>[];
      try {
        rows = await parquetReadObjects({ file: this.file, metadata: this.meta, rowStart, rowEnd, compressors });
      } catch (err) {
        const first = rg.columns[0]?.meta_data;
        const byte = Number(first?.dictionary_page_offset ?? first?.data_page_offset ?? 0);
        fatal(
          'input.parquet_corrupt',
          { reason: `row group at rows ${rowStart + 1}-${rowEnd}: ${reasonOf(err)}` },
          { file: this.source, row: rowStart + 1, byte },
        );
      }
      for (let i = 0; i < rows.length; i += BATCH_ROWS) {
        const batch: RowBatch = [];
        const end = Math.min(rows.length, i + BATCH_ROWS);
        for (let j = i; j < end; j++) batch.push(this.flat.flatten(rows[j] as Record<string, unknown>));
        this.rowCount += batch.length;
        this.bytes = Math.round((this.file.byteLength * (rowStart + end)) / Math.max(1, this.totalRowsKnown ?? 1));
        yield batch;
      }
      rowStart = rowEnd;
    }
    this.bytes = this.file.byteLength;
  }

  protected async release(): Promise<void> {}
}

/** An object shaped like one row (struct fields nested), so the flattener learns columns in schema order. */
function schemaTemplate(meta: FileMetaData): Record<string, unknown> {
  const schema = meta.schema;
  let i = 1;
  const build = (count: number): Record<string, unknown> => {
    const obj: Record<string, unknown> = Object.create(null);
    for (let c = 0; c < count && i < schema.length; c++) {
      const el = schema[i++];
      if (!el) break;
      const kids = el.num_children ?? 0;
      if (kids > 0) {
        const sub = build(kids);
        const isList = el.converted_type === 'LIST' || el.converted_type === 'MAP' || el.repetition_type === 'REPEATED';
        obj[el.name] = isList ? 'x' : sub;
      } else obj[el.name] = 'x';
    }
    return obj;
  };
  return build(schema[0]?.num_children ?? 0);
}

export async function openParquet(spec: string, opts: SourceOptions): Promise<BaseReader> {
  let size: number;
  try {
    const st = await stat(spec);
    if (st.isDirectory()) fatal('input.file_unreadable', { reason: 'is a directory' }, { file: spec });
    size = st.size;
  } catch (err) {
    if (err instanceof DataPassError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') fatal('input.file_not_found', { file: spec }, { file: spec });
    fatal('input.file_unreadable', { reason: reasonOf(err) }, { file: spec });
  }
  if (size === 0) fatal('input.file_empty', {}, { file: spec });
  const file = await asyncBufferFromFile(spec);
  const head = new Uint8Array(await file.slice(0, Math.min(4, size)));
  if (size < 12 || String.fromCharCode(...head) !== 'PAR1') {
    fatal('input.parquet_corrupt', { reason: 'no `PAR1` magic number at the start' }, { file: spec, byte: 0 });
  }
  let meta: FileMetaData;
  try {
    meta = await parquetMetadataAsync(file);
  } catch (err) {
    fatal('input.parquet_corrupt', { reason: `footer: ${reasonOf(err)}` }, { file: spec, byte: Math.max(0, size - 8) });
  }
  return new ParquetReader(spec, file, meta, opts.maxWarnings);
}
