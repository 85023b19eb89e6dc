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
import {
  NdjsonWasmScanner,
  K_BOOL as S_BOOL,
  K_NUMBER as S_NUMBER,
  K_STRING as S_STRING,
  SCAN_OK,
} from './ndjson-wasm.js';

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

/** The last generation `SpoolRecords` uses before it clears the scanner's `seen` table (Int32). */
const GEN_MAX = 0x7fffffff - 1;

/**
 * One record of the spool at a time, as the columns' kinds (K_*, 0 for null or absent) and values. Flat records
 * (every column a top-level key) are read from the WebAssembly NDJSON scanner's spans — no `JSON.parse`, no
 * object per record; a line it does not take (a nested value) and every line without the scanner are parsed.
 */
class SpoolRecords {
  private readonly sc: NdjsonWasmScanner | undefined;
  /** The current line's generation: the scanner marks the columns it saw in `seen` with it. */
  private gen = 0;
  private rec: unknown = null;
  private b: Buffer = Buffer.alloc(0);
  /** Reading the current record from the scanner's spans (else from `rec`). */
  private spans = false;

  /** `segs`: each column's key path; flat (one segment each) takes the scanner, keyed with those segments. */
  constructor(private readonly segs: readonly string[][]) {
    this.sc = segs.every((s) => s.length === 1)
      ? NdjsonWasmScanner.create(
          segs.map((s) => Buffer.from(s[0] as string, 'utf8')),
          1 << 20,
        )
      : undefined;
  }

  /** Calls `visit` for every record of the NDJSON bytes (whole lines); `kind` and `value` read the current one. */
  each(bytes: Uint8Array, visit: () => void): void {
    const sc = this.sc;
    const end = sc === undefined ? -1 : sc.load(bytes, 0, bytes.length);
    if (sc === undefined || end < 0) {
      this.spans = false;
      eachLine(bytes, (line) => {
        this.rec = JSON.parse(line) as unknown;
        visit();
      });
      return;
    }
    const b = sc.bytes;
    this.b = b;
    let p = sc.inputAt;
    while (p < end) {
      let nl = b.indexOf(0x0a, p);
      if (nl < 0 || nl > end) nl = end;
      if (nl > p) {
        if (this.gen === GEN_MAX) {
          // The generation would overflow the scanner's Int32 `seen` table: start it over.
          sc.seen.fill(-1);
          this.gen = 0;
        }
        this.spans = sc.scan(p, nl, ++this.gen) === SCAN_OK && sc.tail === nl;
        if (!this.spans) this.rec = JSON.parse(b.toString('utf8', p, nl)) as unknown;
        visit();
      }
      p = nl + 1;
    }
  }

  /** The kind of column `i` in the current record: K_NUMBER, K_BOOLEAN, K_OTHER, or 0 (null or absent). */
  kind(i: number): number {
    if (!this.spans) {
      const v = valueAt(this.rec, this.segs[i] as string[]);
      return v === null ? 0 : typeof v === 'number' ? K_NUMBER : typeof v === 'boolean' ? K_BOOLEAN : K_OTHER;
    }
    const sc = this.sc as NdjsonWasmScanner;
    if (sc.seen[i] !== this.gen) return 0;
    const k = sc.kind[i];
    return k === S_NUMBER ? K_NUMBER : k === S_BOOL ? K_BOOLEAN : k === S_STRING ? K_OTHER : 0;
  }

  /**
   * The value of column `i` as the text a STRING column holds: a string as it is, any other value as its JSON
   * text in the record (`1.0`, `-0`, `12345678901234567891`, `1e400` unchanged: `keep` copies text, it does not
   * reformat numbers), null when absent or null. A record parsed whole (a nested value) gives `JSON.stringify`'s
   * text for its numbers (its source text is not kept).
   */
  text(i: number): string | null {
    if (this.spans) {
      const sc = this.sc as NdjsonWasmScanner;
      if (sc.seen[i] !== this.gen) return null;
      const k = sc.kind[i];
      if (k === S_NUMBER || k === S_BOOL) return this.b.latin1Slice(sc.vs[i] as number, sc.ve[i] as number);
    }
    const v = this.value(i);
    return v === null || typeof v === 'string' ? v : JSON.stringify(v);
  }

  /** The value of column `i` in the current record (null when absent), as `JSON.parse` would give it. */
  value(i: number): unknown {
    if (!this.spans) return valueAt(this.rec, this.segs[i] as string[]);
    const sc = this.sc as NdjsonWasmScanner;
    if (sc.seen[i] !== this.gen) return null;
    const vs = sc.vs[i] as number;
    const ve = sc.ve[i] as number;
    const b = this.b;
    switch (sc.kind[i]) {
      case S_STRING:
        return sc.esc[i] === 0 ? b.utf8Slice(vs + 1, ve - 1) : (JSON.parse(b.toString('utf8', vs, ve)) as string);
      case S_NUMBER:
        return Number(b.latin1Slice(vs, ve));
      case S_BOOL:
        return b[vs] === 0x74;
      default:
        return null;
    }
  }
}

export interface ParquetSinkOptions {
  /** Rows per row group (tests use small ones). */
  rowsPerGroup?: number;
  /**
   * Each column's key path in the records (its segments): by default the column name split at `.` (manifest
   * paths of NDJSON input); `[[name]]` per column for CSV input, whose keys are the header names as they are.
   */
  segments?: string[][];
}

/**
 * A Parquet sink for `columns` (output paths, in order) that spools to `spoolPath` (created, mode 0600).
 * `opts`: see `ParquetSinkOptions`; a number is `rowsPerGroup`.
 */
export function parquetSink(columns: string[], spoolPath: string, opts: ParquetSinkOptions | number = {}): ParquetSink {
  const { rowsPerGroup = ROWS_PER_GROUP, segments } = typeof opts === 'number' ? { rowsPerGroup: opts } : opts;
  if (segments !== undefined && segments.length !== columns.length) throw new Error('Parquet: one path per column');
  const kinds = new Uint8Array(columns.length);
  // Split once: splitting every path of every record was a seventh of a Parquet batch's time.
  const segs = segments ?? columns.map((c) => c.split('.'));
  let fd: number | undefined = openSync(spoolPath, 'wx', 0o600);
  const closeSpool = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  const records = new SpoolRecords(segs);
  return {
    add(bytes) {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd as number, bytes, off, bytes.length - off);
      records.each(bytes, () => {
        for (let i = 0; i < kinds.length; i++) kinds[i] = (kinds[i] as number) | records.kind(i);
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
      /** Writes the first `n` rows gathered as one row group. */
      const writeGroup = async (n: number) => {
        if (n === 0) return;
        const columnData = columns.map((name, i) => {
          const all = cols[i] as unknown[];
          const data = all.length === n ? all : all.slice(0, n);
          return {
            name,
            data:
              types[i] === 'STRING'
                ? data.map((v) => (v === null || typeof v === 'string' ? v : JSON.stringify(v)))
                : data,
          };
        });
        await pw.write({ columnData, rowGroupSize: n });
        cols = cols.map((c) => (c.length === n ? [] : c.slice(n)));
        rows -= n;
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
          records.each(data.subarray(0, cut), () => {
            for (let i = 0; i < cols.length; i++)
              (cols[i] as unknown[]).push(types[i] === 'STRING' ? records.text(i) : records.value(i));
            rows++;
          });
          carry = Buffer.from(data.subarray(cut));
          while (rows >= rowsPerGroup) await writeGroup(rowsPerGroup);
          if (n === 0) break;
        }
        await writeGroup(rows);
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
