import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { openSource, readAllRows } from '../../src/adapters/sources/index.js';
import { tempDir } from '../helpers/cli.js';
import { problemOf, readAll, readFails, writeTemp } from './util.js';

describe('CSV problems', () => {
  it('skips ragged rows with a warning naming line and row, counting them', async () => {
    const f = writeTemp('r.csv', 'a,b,c\n1,2,3\n4,5\n"x\ny",7,8\n9,10,11,12\n13,14,15\n');
    const { reader, rows } = await readAll(f);
    expect(rows).toEqual([
      { a: '1', b: '2', c: '3' },
      { a: 'x\ny', b: '7', c: '8' },
      { a: '13', b: '14', c: '15' },
    ]);
    expect(reader.warningCount()).toBe(2);
    expect(reader.warnings()).toEqual([
      expect.objectContaining({
        code: 'input.csv_ragged_row',
        severity: 'warning',
        params: { found: 2, expected: 3 },
        location: { file: f, line: 3, row: 2 },
      }),
      expect.objectContaining({
        code: 'input.csv_ragged_row',
        params: { found: 4, expected: 3 },
        location: { file: f, line: 6, row: 4 },
      }),
    ]);
  });

  it('caps the warning list but counts every warning', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 300; i++) lines.push(i % 2 ? `${i},x` : `${i}`);
    const reader = await openSource(writeTemp('many.csv', lines.join('\n')), { maxWarnings: 5 });
    const rows = await readAllRows(reader);
    expect(rows.length).toBe(150);
    expect(reader.warnings().length).toBe(5);
    expect(reader.warningCount()).toBe(150);
  });

  it('fails on a quote left open to the end, naming the line where the field started', async () => {
    const f = writeTemp('q.csv', 'a,b\n1,2\n3,"open\nstill open\n4,5\n');
    const p = await readFails(f);
    expect(p.code).toBe('input.csv_unclosed_quote');
    expect(p.location).toEqual({ file: f, line: 3, byte: 8 });
  });

  it('fails on invalid UTF-8 after the sniffed prefix with the byte offset and line', async () => {
    const head = 'id,name\n';
    const line = '1,张伟\n';
    const n = Math.ceil(200_000 / Buffer.byteLength(line));
    const good = Buffer.from(head + line.repeat(n));
    const f = writeTemp(
      'bad.csv',
      Buffer.concat([good, Buffer.from('2,'), Buffer.from([0xe5, 0x28]), Buffer.from('\n')]),
    );
    const p = await readFails(f);
    expect(p.code).toBe('input.not_utf8');
    expect(p.location).toEqual({ file: f, byte: good.length + 2, line: n + 2 });
  });

  it('fails on invalid UTF-8 when UTF-8 is declared, even in the first bytes', async () => {
    const f = writeTemp('bad2.csv', Buffer.concat([Buffer.from('a,b\nx,'), Buffer.from([0xff]), Buffer.from('\n')]));
    const p = await readFails(f, { encoding: 'utf-8' });
    expect(p.code).toBe('input.not_utf8');
    expect(p.location).toEqual({ file: f, byte: 6, line: 2 });
  });

  it('fails on an unknown --encoding', async () => {
    const p = await readFails(writeTemp('e.csv', 'a\n1\n'), { encoding: 'klingon-8' });
    expect(p.code).toBe('input.unknown_encoding');
  });

  it('fails fast and clearly on a 100 MB single line (CSV and NDJSON), without a hang', async () => {
    const dir = tempDir('dp-src-');
    const csv = join(dir, 'long.csv');
    const nd = join(dir, 'long.ndjson');
    const block = Buffer.alloc(1 << 20, 0x61);
    for (const [file, start] of [
      [csv, 'a,b\n1,'],
      [nd, '{"a":"'],
    ] as const) {
      const fd = openSync(file, 'w');
      writeSync(fd, start);
      for (let i = 0; i < 100; i++) writeSync(fd, block);
      writeSync(fd, file === nd ? '"}\n' : '\n');
      closeSync(fd);
    }
    const p1 = await readFails(csv);
    expect(p1.code).toBe('input.line_too_long');
    expect(p1.params.limit).toBe(64 * 1024 * 1024);
    expect(p1.location).toEqual({ file: csv, line: 2, byte: 4 });
    const p2 = await readFails(nd);
    expect(p2.code).toBe('input.line_too_long');
    expect(p2.location).toEqual({ file: nd, line: 1, byte: 0 });
    const p3 = await readFails(csv, { maxLineBytes: 1 << 20 });
    expect(p3.code).toBe('input.line_too_long');
    expect(p3.params.limit).toBe(1 << 20);
  });

  it('reports a quote that stays open longer than the line limit as such', async () => {
    const f = writeTemp('q2.csv', `a,b\n1,"${'x\n'.repeat(600_000)}`);
    const p = await readFails(f, { maxLineBytes: 1 << 20 });
    expect(p.code).toBe('input.line_too_long');
    expect(String(p.params.detail)).toContain('line 2');
  });
});

describe('files that are not what they claim', () => {
  it.each(['e.csv', 'e.tsv', 'e.ndjson', 'e.json', 'e.parquet', 'e.xlsx'])(
    'empty %s → input.file_empty',
    async (name) => {
      const f = writeTemp(name, '');
      const p = await readFails(f);
      expect(p.code).toBe('input.file_empty');
      expect(p.location?.file).toBe(f);
    },
  );

  it('a CSV with only blank lines is empty', async () => {
    expect((await readFails(writeTemp('blank.csv', '\n\r\n\n'))).code).toBe('input.file_empty');
  });

  it('a binary file named .csv → input.binary_file with the offset of the first NUL', async () => {
    const bin = Buffer.from([0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x12, 0xff, 0x00]);
    const f = writeTemp('photo.csv', bin);
    const p = await readFails(f);
    expect(p.code).toBe('input.binary_file');
    expect(p.location).toEqual({ file: f, byte: 7 });
    expect(p.params).toEqual({ byte: 7, format: 'CSV' });
  });

  it('a missing file → input.file_not_found', async () => {
    expect((await readFails('/nonexistent/dir/x.csv')).code).toBe('input.file_not_found');
    expect((await readFails('/nonexistent/x.parquet')).code).toBe('input.file_not_found');
  });

  it('a Parquet file with a corrupt footer → input.parquet_corrupt with the footer offset', async () => {
    const buf = Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'a', data: [1, 2, 3], type: 'INT32' }] }));
    const broken = Buffer.from(buf);
    broken.write('XXXX', broken.length - 4, 'latin1');
    const f = writeTemp('bad.parquet', broken);
    const p = await readFails(f);
    expect(p.code).toBe('input.parquet_corrupt');
    expect(p.location).toEqual({ file: f, byte: broken.length - 8 });
    const garbledMeta = Buffer.from(buf);
    garbledMeta.writeUInt32LE(0x7fffffff, garbledMeta.length - 8);
    const p2 = await readFails(writeTemp('bad2.parquet', garbledMeta));
    expect(p2.code).toBe('input.parquet_corrupt');
    const truncated = writeTemp('cut.parquet', buf.subarray(0, buf.length - 20));
    expect((await readFails(truncated)).code).toBe('input.parquet_corrupt');
    const notParquet = writeTemp('text.parquet', 'hello,world\n');
    expect(await readFails(notParquet)).toMatchObject({ code: 'input.parquet_corrupt', location: { byte: 0 } });
  });

  it('a non-XLSX file named .xlsx → input.xlsx_corrupt; an unknown sheet → input.sheet_not_found', async () => {
    expect((await readFails(writeTemp('x.xlsx', 'not a zip at all'))).code).toBe('input.xlsx_corrupt');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('orders').addRow(['a']);
    const f = join(tempDir('dp-src-'), 'ok.xlsx');
    await wb.xlsx.writeFile(f);
    const p = await readFails(f, { sheet: 'order' });
    expect(p).toMatchObject({ code: 'input.sheet_not_found', help: 'did you mean `orders`?' });
  });
});

describe('JSON problems', () => {
  it('skips bad NDJSON lines with a warning and line number', async () => {
    const f = writeTemp('b.ndjson', '{"a":1}\n{"a":\n[1,2]\n{"a":2}\n');
    const { reader, rows } = await readAll(f);
    expect(rows).toEqual([{ a: '1' }, { a: '2' }]);
    expect(reader.warnings().map((w) => [w.code, w.location?.line])).toEqual([
      ['input.ndjson_bad_line', 2],
      ['input.ndjson_bad_line', 3],
    ]);
    expect(JSON.stringify(reader.warnings())).not.toContain('"a":');
  });

  it('fails when no NDJSON line is an object', async () => {
    const f = writeTemp('all-bad.ndjson', 'hello\nworld\n');
    const p = await readFails(f);
    expect(p.code).toBe('input.json_syntax');
    expect(p.location).toMatchObject({ file: f, line: 1, byte: 0 });
  });

  it('fails on a JSON syntax error with line, column and byte offset, without echoing the data', async () => {
    const f = writeTemp('bad.json', '[\n  {"name": "张伟"},\n  {"name": "secret" "x": 1}\n]');
    const p = await readFails(f);
    expect(p.code).toBe('input.json_syntax');
    expect(p.location).toEqual({ file: f, line: 3, col: 21, byte: 44 });
    expect(String(p.params.reason)).not.toContain('secret');
    const p2 = await readFails(writeTemp('bad2.json', '[{"a":1},]'));
    expect(p2.code).toBe('input.json_syntax');
    expect(p2.location).toMatchObject({ line: 1, col: 10, byte: 9 });
  });

  it('fails on JSON that is not an array; skips non-object elements', async () => {
    expect((await readFails(writeTemp('o.json', '{"a":1}'))).code).toBe('input.json_not_array');
    const { reader, rows } = await readAll(writeTemp('m.json', '[{"a":1}, 5, {"a":2}]'));
    expect(rows).toEqual([{ a: '1' }, { a: '2' }]);
    expect(reader.warnings()[0]).toMatchObject({ code: 'input.json_bad_element', location: { row: 2 } });
  });

  it('refuses a JSON array file beyond the size limit', async () => {
    const p = await readFails(writeTemp('big.json', `[${'{"a":1},'.repeat(1000)}{"a":1}]`), { maxJsonBytes: 1000 });
    expect(p.code).toBe('input.file_too_large');
  });
});

describe('database problems', () => {
  it('SQLite: unknown table with a hint, bad spec, not a database', async () => {
    const dir = tempDir('dp-src-');
    const f = join(dir, 'a.db');
    const db = new Database(f);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    const p = await problemOf(() => openSource(`sqlite:${f}#customer`));
    expect(p).toMatchObject({ code: 'input.table_not_found', help: 'did you mean `customers`?' });
    const inj = await problemOf(() => openSource(`sqlite:${f}#customers; DROP TABLE customers`));
    expect(inj.code).toBe('input.table_not_found');
    expect((await problemOf(() => openSource(`sqlite:${f}`))).code).toBe('input.invalid_source');
    const notDb = writeTemp('x.db', 'just text, not sqlite');
    expect((await problemOf(() => openSource(`sqlite:${notDb}#t`))).code).toBe('input.database_error');
    expect((await problemOf(() => openSource(`sqlite:${dir}/missing.db#t`))).code).toBe('input.file_not_found');
  });

  it('PostgreSQL: an unreachable server is a clean input.database_error', async () => {
    const p = await problemOf(() => openSource('postgres://nobody:pw@127.0.0.1:1/db#t'));
    expect(p.code).toBe('input.database_error');
    expect(p.location?.file).toBe('postgres://nobody:***@127.0.0.1:1/db#t');
    expect((await problemOf(() => openSource('postgres://127.0.0.1/db'))).code).toBe('input.invalid_source');
  });
});
