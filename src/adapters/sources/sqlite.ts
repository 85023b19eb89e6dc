/**
 * @module adapters/sources/sqlite
 * `sqlite:path/to.db#table`: a table or view of an SQLite database, opened read-only (better-sqlite3).
 * The name is checked against `sqlite_master` before use and quoted as an identifier, so it cannot inject
 * SQL. INTEGER values come as exact decimal text (64-bit), REAL as JS number text, BLOB as `\x` hex.
 */
import { stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { DataPassError, didYouMean, problem } from '../../core/problems.js';
import { BATCH_ROWS, BaseReader, cleanHeaders, fatal, reasonOf, scalarToText } from './base.js';
import type { RowBatch, SourceOptions } from './types.js';

/** Splits `sqlite:PATH#TABLE` (or, with `format: 'sqlite'`, `PATH#TABLE`). */
export function parseSqliteSpec(spec: string): { path: string; table: string } {
  const body = spec.startsWith('sqlite:') ? spec.slice('sqlite:'.length) : spec;
  const hash = body.lastIndexOf('#');
  const path = hash < 0 ? body : body.slice(0, hash);
  const table = hash < 0 ? '' : body.slice(hash + 1);
  if (path === '' || table === '') {
    fatal('input.invalid_source', { source: spec, reason: 'expected `sqlite:PATH#TABLE`' });
  }
  return { path, table };
}

/** `"name"` with inner quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

class SqliteReader extends BaseReader {
  readonly format = 'sqlite' as const;
  constructor(
    source: string,
    private readonly db: Database.Database,
    private readonly stmt: Database.Statement,
    cols: string[],
    total: number | undefined,
    private readonly path: string,
    maxWarnings: number | undefined,
  ) {
    super(source, maxWarnings);
    this.cols = cols;
    if (total !== undefined) this.totalRowsKnown = total;
  }

  protected async *batches(): AsyncGenerator<RowBatch> {
    const it = this.stmt.iterate() as IterableIterator<unknown[]>;
    try {
      let batch: RowBatch = [];
      for (;;) {
        let r: IteratorResult<unknown[]>;
        try {
          r = it.next();
        } catch (err) {
          fatal(
            'input.database_error',
            { reason: reasonOf(err) },
            { file: this.path, row: this.rowCount + batch.length + 1 },
          );
        }
        if (r.done) break;
        const vals = r.value;
        const out: (string | null)[] = new Array(vals.length);
        for (let i = 0; i < vals.length; i++) out[i] = scalarToText(vals[i]);
        batch.push(out);
        if (batch.length >= BATCH_ROWS) {
          this.rowCount += batch.length;
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) {
        this.rowCount += batch.length;
        yield batch;
      }
    } finally {
      it.return?.();
    }
  }

  protected async release(): Promise<void> {
    try {
      this.db.close();
    } catch {
      // already closed
    }
  }
}

export async function openSqlite(spec: string, opts: SourceOptions): Promise<BaseReader> {
  const { path, table } = parseSqliteSpec(spec);
  try {
    const st = await stat(path);
    if (st.isDirectory()) fatal('input.file_unreadable', { reason: 'is a directory' }, { file: path });
    if (st.size === 0) fatal('input.file_empty', {}, { file: path });
  } catch (err) {
    if (err instanceof DataPassError) throw err;
    fatal('input.file_not_found', { file: path }, { file: path });
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    fatal('input.database_error', { reason: reasonOf(err) }, { file: path });
  }
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    if (!tables.includes(table)) {
      const help = didYouMean(table, tables);
      throw new DataPassError(
        problem('input.table_not_found', { table, known: tables.join(', ') || '(none)' }, [], {
          location: { file: path },
          ...(help ? { help } : {}),
        }),
      );
    }
    const q = quoteIdent(table);
    const stmt = db.prepare(`SELECT * FROM ${q}`).raw(true).safeIntegers(true);
    let total: number | undefined;
    try {
      total = Number((db.prepare(`SELECT count(*) AS n FROM ${q}`).get() as { n: number }).n);
    } catch {
      total = undefined;
    }
    const reader = new SqliteReader(spec, db, stmt, [], total, path, opts.maxWarnings);
    const cols = cleanHeaders(
      stmt.columns().map((c) => c.name),
      (code, params) => reader.warn(code, params, { file: path }),
    );
    reader.setColumns(cols);
    return reader;
  } catch (err) {
    db.close();
    if (err instanceof DataPassError) throw err;
    fatal('input.database_error', { reason: reasonOf(err) }, { file: path });
  }
}
