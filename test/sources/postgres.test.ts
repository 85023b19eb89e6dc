import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource, readAllRows, sampleRows } from '../../src/adapters/sources/index.js';
import { type RunningPostgres, startPostgres } from '../helpers/postgres.js';
import { plain, problemOf } from './util.js';

describe('PostgreSQL source (real server)', () => {
  let server: RunningPostgres;

  beforeAll(async () => {
    server = await startPostgres();
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    await c.query(`
      CREATE SCHEMA crm;
      CREATE TABLE crm."Repair Orders" (
        id bigint PRIMARY KEY, owner_name text, phone text, visited date, total numeric(10,2),
        tags text[], meta jsonb, note text
      );
      INSERT INTO crm."Repair Orders"
        SELECT i, '车主' || i, '138' || lpad(i::text, 8, '0'), date '2024-01-01' + i, i * 1.5,
               ARRAY['a', 'b'], jsonb_build_object('vin', 'LSV' || i), CASE WHEN i % 2 = 0 THEN '' END
        FROM generate_series(1, 12345) AS i;
      CREATE TABLE public.people (name text);
      INSERT INTO public.people VALUES ('张伟'), (NULL);
      ANALYZE;
    `);
    await c.end();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('streams a table through a cursor, values as PostgreSQL text', async () => {
    const reader = await openSource(`${server.url}#crm.Repair Orders`);
    expect(reader.format).toBe('postgres');
    expect(reader.columns()).toEqual(['id', 'owner_name', 'phone', 'visited', 'total', 'tags', 'meta', 'note']);
    expect(reader.progress().totalRows).toBe(12345);
    let n = 0;
    let first: (string | null)[] | undefined;
    for await (const batch of reader.rowsAsArrays()) {
      first ??= batch[0];
      n += batch.length;
    }
    expect(n).toBe(12345);
    expect(reader.progress().rowsRead).toBe(12345);
    expect(first).toEqual(['1', '车主1', '13800000001', '2024-01-02', '1.50', '{a,b}', '{"vin": "LSV1"}', null]);
  });

  it('defaults to schema public and samples', async () => {
    const rows = plain(await readAllRows(await openSource(`${server.url}#people`)));
    expect(rows).toEqual([{ name: '张伟' }, { name: null }]);
    const s = await sampleRows(
      await openSource(`${server.url.replace('postgres://', 'postgresql://')}#crm.Repair Orders`),
      100,
      7,
    );
    expect(s.rowsRead).toBe(12345);
    expect(s.rows.length).toBe(100);
  });

  it('refuses an unknown table (no SQL injection through the name)', async () => {
    const p = await problemOf(() => openSource(`${server.url}#crm.repair orders"; DROP TABLE people; --`));
    expect(p.code).toBe('input.table_not_found');
    const p2 = await problemOf(() => openSource(`${server.url}#peple`));
    expect(p2).toMatchObject({ code: 'input.table_not_found', help: 'did you mean `people`?' });
    const rows = await readAllRows(await openSource(`${server.url}#people`));
    expect(rows.length).toBe(2);
  });
});
