/**
 * @module adapters/sources/base
 * Shared plumbing for readers: warnings with a cap, progress counters, `rows()` built on `rowsAsArrays()`,
 * header clean-up, and value conversion.
 */
import { DataPassError, type Location, type Problem, type ProblemCode, problem } from '../../core/problems.js';
import type { Row, RowBatch, SourceFormat, SourceProgress, SourceReader } from './types.js';

export const DEFAULT_MAX_WARNINGS = 100;
export const BATCH_ROWS = 2048;

export abstract class BaseReader implements SourceReader {
  readonly source: string;
  abstract readonly format: SourceFormat;
  encoding?: string;
  delimiter?: string;
  protected cols: string[] = [];
  protected warningList: Problem[] = [];
  protected warningTotal = 0;
  protected bytes = 0;
  protected totalBytesKnown: number | undefined;
  protected rowCount = 0;
  protected totalRowsKnown: number | undefined;
  private started = false;
  private closed = false;

  constructor(
    source: string,
    protected readonly maxWarnings = DEFAULT_MAX_WARNINGS,
  ) {
    this.source = source;
  }

  columns(): string[] {
    return this.cols.slice();
  }

  /** Sets the column names (used by the openers once headers are known). */
  setColumns(cols: string[]): void {
    this.cols = cols;
  }

  progress(): SourceProgress {
    const p: SourceProgress = { bytesRead: this.bytes, rowsRead: this.rowCount };
    if (this.totalBytesKnown !== undefined) p.totalBytes = this.totalBytesKnown;
    if (this.totalRowsKnown !== undefined) p.totalRows = this.totalRowsKnown;
    return p;
  }

  warnings(): Problem[] {
    return this.warningList.slice();
  }

  warningCount(): number {
    return this.warningTotal;
  }

  /** Records a warning; keeps at most `maxWarnings` of them but counts all. */
  warn(code: ProblemCode, params: Record<string, string | number>, location: Location): void {
    this.warningTotal++;
    if (this.warningList.length < this.maxWarnings) {
      this.warningList.push(problem(code, params, [], { location, severity: 'warning' }));
    }
  }

  /** The real batch generator; subclasses yield batches and bump `rowCount`. */
  protected abstract batches(): AsyncGenerator<RowBatch>;

  protected abstract release(): Promise<void>;

  rowsAsArrays(): AsyncIterable<RowBatch> {
    if (this.started) throw new Error('a source can be read only once (rows() or rowsAsArrays())');
    this.started = true;
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        try {
          yield* self.batches();
        } finally {
          await self.close();
        }
      },
    };
  }

  rows(): AsyncIterable<Row> {
    const batches = this.rowsAsArrays();
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const batch of batches) {
          const cols = self.cols;
          for (const arr of batch) yield toRow(cols, arr);
        }
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }
}

/** Builds a prototype-less row object from an array of values in column order. */
export function toRow(cols: readonly string[], arr: readonly (string | null)[]): Row {
  const row: Row = Object.create(null);
  for (let i = 0; i < cols.length; i++) {
    const v = arr[i];
    row[cols[i] as string] = v === undefined ? null : v;
  }
  return row;
}

/**
 * Cleans header names: trims, strips a BOM, names blanks `column_N` (1-based) and renames duplicates `name_2`,
 * `name_3`, … (never colliding with an existing name). Reports each change through `warn`.
 */
export function cleanHeaders(
  raw: readonly string[],
  warn: (code: ProblemCode, params: Record<string, string | number>) => void,
): string[] {
  const out: string[] = [];
  const taken = new Set<string>();
  const trimmed = raw.map((h) => h.replace(/^\uFEFF/, '').trim());
  for (const t of trimmed) if (t !== '') taken.add(t);
  const seen = new Set<string>();
  trimmed.forEach((t, i) => {
    let name = t;
    if (name === '') {
      name = `column_${i + 1}`;
      let k = 2;
      while (taken.has(name) || seen.has(name)) name = `column_${i + 1}_${k++}`;
      warn('input.blank_column', { index: i + 1, renamed: name });
    } else if (seen.has(name)) {
      let k = 2;
      while (taken.has(`${t}_${k}`) || seen.has(`${t}_${k}`)) k++;
      name = `${t}_${k}`;
      warn('input.duplicate_column', { name: t, renamed: name });
    }
    seen.add(name);
    out.push(name);
  });
  return out;
}

/** Converts any scalar a library hands us to the row value convention (text or null). */
export function scalarToText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
      return v === '' ? null : v;
    case 'number':
      return Number.isFinite(v) ? String(v) : String(v);
    case 'bigint':
    case 'boolean':
      return String(v);
    default:
      break;
  }
  if (v instanceof Date) return dateToText(v);
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

/** A date as ISO 8601: `YYYY-MM-DD` when it is exactly midnight UTC, else the full `toISOString()`. */
export function dateToText(d: Date): string | null {
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Throws a DataPassError with one problem. */
export function fatal(code: ProblemCode, params: Record<string, string | number>, location: Location = {}): never {
  throw new DataPassError(problem(code, params, [], { location }));
}

/** Short reason text from an unknown thrown value (first line, no stack). */
export function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const line = msg.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
