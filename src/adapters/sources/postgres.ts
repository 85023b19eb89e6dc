/**
 * @module adapters/sources/postgres
 * `postgres://user@host:port/db#schema.table` (or `postgresql://…`; `#table` alone → schema `public`).
 * The table (or view) must exist in `information_schema.tables`; identifiers are quoted. Rows stream through
 * a server-side cursor (`DECLARE … NO SCROLL CURSOR`, `FETCH 5000`) in a read-only transaction, so memory
 * stays flat. Every value comes in PostgreSQL's own text form (no client-side type parsing): dates
 * `2024-01-31`, timestamps `2024-01-31 08:00:00+00`, json as its text, arrays `{a,b}`, bytea `\x…`.
 */
import pg from 'pg';
import { DataPassError, didYouMean, problem } from '../../core/problems.js';
import { BaseReader, cleanHeaders, fatal, reasonOf } from './base.js';
import { quoteIdent } from './sqlite.js';
import type { RowBatch, SourceOptions } from './types.js';

const FETCH_ROWS = 5000;

/** Splits a PostgreSQL source spec into a connection URL, schema and table. */
export function parsePostgresSpec(spec: string): { url: string; schema: string; table: string } {
  const hash = spec.lastIndexOf('#');
  if (hash < 0 || hash === spec.length - 1) {
    fatal('input.invalid_source', {
      source: redact(spec),
      reason: 'expected `postgres://USER@HOST:PORT/DB#SCHEMA.TABLE`',
    });
  }
  const url = spec.slice(0, hash);
  let target: string;
  try {
    target = decodeURIComponent(spec.slice(hash + 1));
  } catch {
    fatal('input.invalid_source', { source: redact(spec), reason: 'bad %-escape in the table name' });
  }
  try {
    new URL(url);
  } catch {
    fatal('input.invalid_source', {
      source: redact(spec),
      reason: 'not a valid URL; expected `postgres://USER@HOST:PORT/DB#SCHEMA.TABLE`',
    });
  }
  const dot = target.indexOf('.');
  const schema = dot < 0 ? 'public' : target.slice(0, dot);
  const table = dot < 0 ? target : target.slice(dot + 1);
  if (schema === '' || table === '') {
    fatal('input.invalid_source', { source: redact(spec), reason: 'empty schema or table name' });
  }
  return { url, schema, table };
}

/** The spec without a password, for messages. */
export function redact(spec: string): string {
  return spec.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

const textOnly = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

class PostgresReader extends BaseReader {
  readonly format = 'postgres' as const;
  constructor(
    source: string,
    private readonly client: pg.Client,
    private readonly from: string,
    cols: string[],
    estimate: number | undefined,
    maxWarnings: number | undefined,
  ) {
    super(source, maxWarnings);
    this.cols = cols;
    if (estimate !== undefined) this.totalRowsKnown = estimate;
  }

  protected async *batches(): AsyncGenerator<RowBatch> {
    const c = this.client;
    const where = { file: redact(this.source) };
    try {
      await c.query('BEGIN READ ONLY');
      await c.query(`DECLARE datapass_cursor NO SCROLL CURSOR FOR SELECT * FROM ${this.from}`);
      for (;;) {
        const res = await c.query({ text: `FETCH ${FETCH_ROWS} FROM datapass_cursor`, rowMode: 'array' });
        const rows = res.rows as (string | null)[][];
        if (rows.length === 0) break;
        for (const r of rows) for (let i = 0; i < r.length; i++) if (r[i] === '') r[i] = null;
        this.rowCount += rows.length;
        yield rows;
      }
      await c.query('COMMIT');
    } catch (err) {
      if (err instanceof DataPassError) throw err;
      fatal('input.database_error', { reason: reasonOf(err) }, { ...where, row: this.rowCount + 1 });
    }
  }

  protected async release(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

export async function openPostgres(spec: string, opts: SourceOptions): Promise<BaseReader> {
  const { url, schema, table } = parsePostgresSpec(spec);
  const where = { file: redact(spec) };
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, types: textOnly, connectionTimeoutMillis: 15_000 });
  } catch (err) {
    fatal('input.invalid_source', { source: redact(spec), reason: reasonOf(err) });
  }
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    fatal('input.database_error', { reason: reasonOf(err) }, where);
  }
  try {
    const found = await client.query(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
      [schema, table],
    );
    if (found.rowCount === 0) {
      const all = await client.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name LIMIT 50',
        [schema],
      );
      const names = (all.rows as { table_name: string }[]).map((r) => r.table_name);
      const help = didYouMean(table, names);
      throw new DataPassError(
        problem('input.table_not_found', { table: `${schema}.${table}`, known: names.join(', ') || '(none)' }, [], {
          location: where,
          ...(help ? { help } : {}),
        }),
      );
    }
    const colsRes = await client.query(
      'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
      [schema, table],
    );
    const raw = (colsRes.rows as { column_name: string }[]).map((r) => r.column_name);
    let estimate: number | undefined;
    const est = await client.query(
      'SELECT c.reltuples::bigint AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
      [schema, table],
    );
    const n = Number((est.rows[0] as { n?: string } | undefined)?.n ?? -1);
    if (Number.isFinite(n) && n > 0) estimate = n;
    const reader = new PostgresReader(
      spec,
      client,
      `${quoteIdent(schema)}.${quoteIdent(table)}`,
      [],
      estimate,
      opts.maxWarnings,
    );
    reader.setColumns(cleanHeaders(raw, (code, params) => reader.warn(code, params, where)));
    return reader;
  } catch (err) {
    await client.end().catch(() => {});
    if (err instanceof DataPassError) throw err;
    fatal('input.database_error', { reason: reasonOf(err) }, where);
  }
}
