/**
 * @module adapters/gateway/parquet
 * Parquet output, in bounded memory. A Parquet file states its column types in the footer-side schema before any
 * row group, and a column is DOUBLE only if all its values are numbers — known only at the end. So the transformed
 * NDJSON lines go to a domestic spool file while each column's value kinds are noted (pass 1); then the spool is
 * read back and written as Parquet, 100,000 rows per row group, each group handed to the sink as soon as it is
 * encoded (pass 2). Memory holds one row group, whatever the batch size. A column whose non-null values are all
 * JSON numbers becomes DOUBLE, all booleans BOOLEAN, anything else STRING (objects and arrays as JSON text); every
 * column is optional (nullable).
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { ByteWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';

const ROWS_PER_GROUP = 100_000;
const K_NUMBER = 1;
const K_BOOLEAN = 2;
const K_OTHER = 4;

type ColumnType = 'DOUBLE' | 'BOOLEAN' | 'STRING';

export interface ParquetSink {
  /** Spools transformed NDJSON bytes (whole lines) and notes each column's value kinds. */
  add(ndjsonBytes: Uint8Array): void;
  /** Writes the Parquet file through `emit`, one row group at a time, then removes the spool. */
  finish(emit: (bytes: Uint8Array) => Promise<void>): Promise<void>;
  /** Removes the spool (the batch failed). */
  discard(): void;
}

/** The value at a path (its segments) of a parsed record, or null. */
function valueAt(o: unknown, segs: readonly string[]): unknown {
  let cur = o;
  for (let i = 0; i < segs.length; i++) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return null;
    cur = (cur as Record<string, unknown>)[segs[i] as string];
  }
  return cur === undefined ? null : cur;
}

/** Calls `onLine` for every line of the NDJSON bytes (complete lines; the last may lack its newline). */
function eachLine(bytes: Uint8Array, onLine: (text: string) => void): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  for (const line of text.split('\n')) if (line !== '') onLine(line);
}

/**
 * A Parquet sink for `columns` (output paths, in order) that spools to `spoolPath` (created, mode 0600).
 * `rowsPerGroup`: rows per row group (tests use small ones).
 */
export function parquetSink(columns: string[], spoolPath: string, rowsPerGroup = ROWS_PER_GROUP): ParquetSink {
  const kinds = new Uint8Array(columns.length);
  // Split once: splitting every path of every record was a seventh of a Parquet batch's time.
  const segs = columns.map((c) => c.split('.'));
  let fd: number | undefined = openSync(spoolPath, 'wx', 0o600);
  const closeSpool = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    add(bytes) {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd as number, bytes, off, bytes.length - off);
      eachLine(bytes, (line) => {
        const rec = JSON.parse(line) as unknown;
        for (let i = 0; i < columns.length; i++) {
          const v = valueAt(rec, segs[i] as string[]);
          if (v === null) continue;
          kinds[i] =
            (kinds[i] as number) | (typeof v === 'number' ? K_NUMBER : typeof v === 'boolean' ? K_BOOLEAN : K_OTHER);
        }
      });
    },

    async finish(emit) {
      closeSpool();
      const types: ColumnType[] = columns.map((_, i) =>
        kinds[i] === K_NUMBER ? 'DOUBLE' : kinds[i] === K_BOOLEAN ? 'BOOLEAN' : 'STRING',
      );
      const schema = schemaFromColumnData({
        columnData: columns.map((name, i) => ({ name, data: [], type: types[i] as ColumnType })),
      });
      // Each row group (and the footer) leaves as soon as it is encoded: the writer keeps only the current group.
      const writer: ByteWriter & { flush?: () => Promise<void> } = new ByteWriter(1 << 20);
      const drain = (): Promise<void> => {
        const chunk = writer.getBytes().slice();
        writer.index = 0;
        return chunk.length > 0 ? emit(chunk) : Promise.resolve();
      };
      writer.flush = drain;
      writer.finish = drain;
      const pw = new ParquetWriter({ writer, schema });
      let cols: unknown[][] = columns.map(() => []);
      let rows = 0;
      const writeGroup = async () => {
        if (rows === 0) return;
        const columnData = columns.map((name, i) => {
          const data = cols[i] as unknown[];
          return {
            name,
            data:
              types[i] === 'STRING'
                ? data.map((v) => (v === null || typeof v === 'string' ? v : JSON.stringify(v)))
                : data,
          };
        });
        await pw.write({ columnData, rowGroupSize: rows });
        cols = columns.map(() => []);
        rows = 0;
      };
      const rfd = openSync(spoolPath, 'r');
      try {
        const buf = Buffer.allocUnsafe(1 << 20);
        let carry = Buffer.alloc(0);
        let pos = 0;
        for (;;) {
          const n = readSync(rfd, buf, 0, buf.length, pos);
          pos += n;
          const data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
          const cut = n === 0 ? data.length : data.lastIndexOf(0x0a) + 1;
          const lines: string[] = [];
          eachLine(data.subarray(0, cut), (line) => lines.push(line));
          carry = Buffer.from(data.subarray(cut));
          for (const line of lines) {
            const rec = JSON.parse(line) as unknown;
            for (let i = 0; i < columns.length; i++) (cols[i] as unknown[]).push(valueAt(rec, segs[i] as string[]));
            if (++rows === rowsPerGroup) await writeGroup();
          }
          if (n === 0) break;
        }
        await writeGroup();
        await pw.finish();
      } finally {
        closeSync(rfd);
        rmSync(spoolPath, { force: true });
      }
    },

    discard() {
      closeSpool();
      rmSync(spoolPath, { force: true });
    },
  };
}
