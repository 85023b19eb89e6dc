import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openSource, readAllRows } from '../../src/adapters/sources/index.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { plain, readAll, writeTemp } from './util.js';

describe('CSV', () => {
  it('reads quoted fields with delimiters, doubled quotes, newlines, CRLF and a BOM', async () => {
    const text =
      '\uFEFFid,name,note\r\n' + '1,"Zhang, Wei","said ""hi"""\r\n' + '2,李娜,"line one\r\nline two"\r\n' + '3,,""\r\n';
    const f = writeTemp('a.csv', text);
    const { reader, rows } = await readAll(f);
    expect(reader.format).toBe('csv');
    expect(reader.encoding).toBe('utf-8');
    expect(reader.delimiter).toBe(',');
    expect(reader.columns()).toEqual(['id', 'name', 'note']);
    expect(rows).toEqual([
      { id: '1', name: 'Zhang, Wei', note: 'said "hi"' },
      { id: '2', name: '李娜', note: 'line one\r\nline two' },
      { id: '3', name: null, note: null },
    ]);
    expect(reader.warningCount()).toBe(0);
    expect(reader.progress()).toMatchObject({
      rowsRead: 3,
      bytesRead: Buffer.byteLength(text),
      totalBytes: Buffer.byteLength(text),
    });
  });

  it('reads LF files without a final newline and skips blank lines', async () => {
    const f = writeTemp('b.csv', 'a,b\n1,2\n\n3,4');
    const { rows } = await readAll(f);
    expect(rows).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
  });

  it('detects GBK text and decodes it (and honours --encoding)', async () => {
    const text =
      '姓名,手机号,地址\n张伟,13800138000,北京市朝阳区建国路88号\n李娜,13900139000,上海市浦东新区世纪大道100号\n';
    const f = writeTemp('gbk.csv', iconv.encode(text, 'gbk'));
    const { reader, rows } = await readAll(f);
    expect(reader.encoding).toBe('gb18030');
    expect(reader.columns()).toEqual(['姓名', '手机号', '地址']);
    expect(rows[1]).toEqual({ 姓名: '李娜', 手机号: '13900139000', 地址: '上海市浦东新区世纪大道100号' });
    const forced = await readAll(f, { encoding: 'gbk' });
    expect(forced.reader.encoding).toBe('gbk');
    expect(forced.rows).toEqual(rows);
  });

  it('reads UTF-16LE with a BOM', async () => {
    const f = writeTemp(
      'u16.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('a,b\n甲,乙\n', 'utf-16le')]),
    );
    const { reader, rows } = await readAll(f);
    expect(reader.encoding).toBe('utf-16le');
    expect(rows).toEqual([{ a: '甲', b: '乙' }]);
  });

  it('sniffs tab, semicolon and pipe delimiters, respecting quotes', async () => {
    const tsv = await readAll(writeTemp('t.tsv', 'a\tb\n"x\ty"\t2\n'));
    expect(tsv.reader.format).toBe('tsv');
    expect(tsv.rows).toEqual([{ a: 'x\ty', b: '2' }]);
    const semi = await readAll(writeTemp('s.csv', 'name;city;note\n"Li, Na";Beijing;"a;b"\nWang;Shanghai;c\n'));
    expect(semi.reader.delimiter).toBe(';');
    expect(semi.rows).toEqual([
      { name: 'Li, Na', city: 'Beijing', note: 'a;b' },
      { name: 'Wang', city: 'Shanghai', note: 'c' },
    ]);
    const pipe = await readAll(writeTemp('p.txt', 'a|b|c\n1|2|3\n'));
    expect(pipe.reader.delimiter).toBe('|');
    expect(pipe.rows).toEqual([{ a: '1', b: '2', c: '3' }]);
    const forced = await readAll(writeTemp('f.csv', 'a;b,c\n1;2,3\n'), { delimiter: ',' });
    expect(forced.rows).toEqual([{ 'a;b': '1;2', c: '3' }]);
  });

  it('cleans headers: trims, names blanks column_N, renames duplicates with a warning', async () => {
    const f = writeTemp('h.csv', ' name ,,name,name_2,name\n1,2,3,4,5\n');
    const { reader, rows } = await readAll(f);
    expect(reader.columns()).toEqual(['name', 'column_2', 'name_3', 'name_2', 'name_4']);
    expect(rows).toEqual([{ name: '1', column_2: '2', name_3: '3', name_2: '4', name_4: '5' }]);
    expect(reader.warnings().map((w) => w.code)).toEqual([
      'input.blank_column',
      'input.duplicate_column',
      'input.duplicate_column',
    ]);
    expect(reader.warnings().every((w) => w.severity === 'warning')).toBe(true);
  });

  it('handles records that span chunk boundaries (large file, quoted newlines everywhere)', async () => {
    const lines = ['id,text,n'];
    for (let i = 0; i < 40_000; i++) lines.push(`${i},"multi\nline ""${i}"", 中文",${i * 2}`);
    const f = writeTemp('big.csv', `${lines.join('\n')}\n`);
    const reader = await openSource(f);
    let n = 0;
    let ok = true;
    for await (const batch of reader.rowsAsArrays()) {
      for (const r of batch) {
        if (r[0] !== String(n) || r[1] !== `multi\nline "${n}", 中文` || r[2] !== String(n * 2)) ok = false;
        n++;
      }
    }
    expect(ok).toBe(true);
    expect(n).toBe(40_000);
    expect(reader.progress().bytesRead).toBe(reader.progress().totalBytes);
  });
});

describe('NDJSON and JSON', () => {
  it('flattens nested objects to dotted paths, arrays to JSON text, columns in first-seen order', async () => {
    const f = writeTemp(
      'a.ndjson',
      [
        '{"id":1,"owner":{"name":"张伟","address":{"city":"北京"}},"tags":["vip","x"],"ok":true,"n":null}',
        '',
        '{"id":2,"owner":{"name":"Li"},"extra":"e","empty":"","id_card":110101199001011234}\r',
      ].join('\n'),
    );
    const { reader, rows: raw } = await readAll(f);
    // A row holds the columns known when it was read; fill the later ones to compare.
    const rows = raw.map((r) => Object.fromEntries(reader.columns().map((c) => [c, r[c] ?? null])));
    expect(reader.format).toBe('ndjson');
    expect(reader.columns()).toEqual([
      'id',
      'owner.name',
      'owner.address.city',
      'tags',
      'ok',
      'n',
      'extra',
      'empty',
      'id_card',
    ]);
    expect(rows).toEqual([
      {
        id: '1',
        'owner.name': '张伟',
        'owner.address.city': '北京',
        tags: '["vip","x"]',
        ok: 'true',
        n: null,
        extra: null,
        empty: null,
        id_card: null,
      },
      {
        id: '2',
        'owner.name': 'Li',
        'owner.address.city': null,
        tags: null,
        ok: null,
        n: null,
        extra: 'e',
        empty: null,
        id_card: '110101199001011234',
      },
    ]);
  });

  it('does not let __proto__ keys pollute anything', async () => {
    const f = writeTemp('p.jsonl', '{"__proto__":{"polluted":"yes"},"constructor":"c","a":"1"}\n');
    const { reader, rows } = await readAll(f);
    expect(reader.columns()).toEqual(['__proto__.polluted', 'constructor', 'a']);
    expect(rows[0]).toEqual({ '__proto__.polluted': 'yes', constructor: 'c', a: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const raw = await readAllRows(await openSource(f));
    expect(Object.getPrototypeOf(raw[0])).toBeNull();
  });

  it('reads a JSON array of objects', async () => {
    const f = writeTemp(
      'a.json',
      JSON.stringify(
        [
          { a: 1, b: { c: 'x' } },
          { a: 2.5, d: false },
        ],
        null,
        2,
      ),
    );
    const { reader, rows } = await readAll(f);
    expect(reader.format).toBe('json');
    expect(reader.progress().totalRows).toBe(2);
    expect(rows).toEqual([
      { a: '1', 'b.c': 'x', d: null },
      { a: '2.5', 'b.c': null, d: 'false' },
    ]);
  });
});

describe('Parquet, XLSX, SQLite', () => {
  it('reads Parquet written by hyparquet-writer', async () => {
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: [1, 2, 3], type: 'INT32' },
        { name: 'name', data: ['张伟', null, 'Li'], type: 'STRING' },
        { name: 'big', data: [9007199254740993n, 2n, 3n], type: 'INT64' },
        { name: 'ok', data: [true, false, null], type: 'BOOLEAN' },
      ],
      rowGroupSize: 2,
    });
    const f = writeTemp('a.parquet', new Uint8Array(buf));
    const { reader, rows } = await readAll(f);
    expect(reader.format).toBe('parquet');
    expect(reader.columns()).toEqual(['id', 'name', 'big', 'ok']);
    expect(reader.progress().totalRows).toBe(3);
    expect(rows).toEqual([
      { id: '1', name: '张伟', big: '9007199254740993', ok: 'true' },
      { id: '2', name: null, big: '2', ok: 'false' },
      { id: '3', name: 'Li', big: '3', ok: null },
    ]);
  });

  it('reads XLSX: first sheet by default, --sheet, dates as ISO, formulas as results', async () => {
    const wb = new ExcelJS.Workbook();
    const s1 = wb.addWorksheet('orders');
    s1.addRow(['id', 'name', 'date', 'total']);
    s1.addRow([1, '张伟', new Date(Date.UTC(2024, 0, 31)), { formula: 'A2*2', result: 2 }]);
    s1.addRow([2, { richText: [{ text: 'Li ' }, { text: 'Na' }] }, new Date(Date.UTC(2024, 1, 1, 8, 30)), 4]);
    const s2 = wb.addWorksheet('people');
    s2.addRow(['phone']);
    s2.addRow(['13800138000']);
    const dir = tempDir('dp-src-');
    const f = join(dir, 'a.xlsx');
    await wb.xlsx.writeFile(f);
    const { reader, rows } = await readAll(f);
    expect(reader.format).toBe('xlsx');
    expect(reader.columns()).toEqual(['id', 'name', 'date', 'total']);
    expect(rows).toEqual([
      { id: '1', name: '张伟', date: '2024-01-31', total: '2' },
      { id: '2', name: 'Li Na', date: '2024-02-01T08:30:00.000Z', total: '4' },
    ]);
    const other = await readAll(f, { sheet: 'people' });
    expect(other.rows).toEqual([{ phone: '13800138000' }]);
  });

  it('reads an SQLite table read-only, exact 64-bit integers, and refuses unknown tables', async () => {
    const dir = tempDir('dp-src-');
    const f = join(dir, 'a.db');
    const db = new Database(f);
    db.exec(
      'CREATE TABLE "order items" (id INTEGER, name TEXT, amount REAL, blob BLOB); ' +
        "INSERT INTO \"order items\" VALUES (9007199254740993, '张伟', 1.5, x'0102'), (2, NULL, NULL, NULL);",
    );
    db.close();
    const { reader, rows } = await readAll(`sqlite:${f}#order items`);
    expect(reader.format).toBe('sqlite');
    expect(reader.columns()).toEqual(['id', 'name', 'amount', 'blob']);
    expect(reader.progress().totalRows).toBe(2);
    expect(rows).toEqual([
      { id: '9007199254740993', name: '张伟', amount: '1.5', blob: '\\x0102' },
      { id: '2', name: null, amount: null, blob: null },
    ]);
  });
});

describe('detection and stdin', () => {
  function viaStdin(input: string | Buffer, format?: string): Promise<{ code: number; out: string; err: string }> {
    return new Promise((resolve, reject) => {
      const args = ['--import', 'tsx', join(ROOT, 'test/sources/stdin-child.ts')];
      if (format) args.push(format);
      const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ code: code ?? -1, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() }),
      );
      child.stdin.end(input);
    });
  }

  it('reads CSV, NDJSON and a JSON array from stdin, sniffing the format', async () => {
    const csv = await viaStdin('a,b\n1,2\n');
    expect(csv.code).toBe(0);
    expect(JSON.parse(csv.out)).toEqual({ format: 'csv', columns: ['a', 'b'], rows: [{ a: '1', b: '2' }] });
    const nd = await viaStdin('{"a":{"b":1}}\n{"a":{"b":2}}\n');
    expect(JSON.parse(nd.out)).toEqual({ format: 'ndjson', columns: ['a.b'], rows: [{ 'a.b': '1' }, { 'a.b': '2' }] });
    const arr = await viaStdin(' [{"x":"y"}]');
    expect(JSON.parse(arr.out)).toEqual({ format: 'json', columns: ['x'], rows: [{ x: 'y' }] });
    const empty = await viaStdin('');
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.err)[0]).toMatchObject({ code: 'input.file_empty', location: { file: 'stdin' } });
  });

  it('reads a large stdin stream (many chunks)', async () => {
    const lines = ['n,v'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i},值${i}`);
    const r = await viaStdin(`${lines.join('\n')}\n`);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { rows: { n: string; v: string }[] };
    expect(parsed.rows.length).toBe(100_000);
    expect(parsed.rows[99_999]).toEqual({ n: '99999', v: '值99999' });
  });

  it('sniffs files with unknown extensions (JSON, NDJSON, Parquet)', async () => {
    expect((await openSource(writeTemp('x.data', '[{"a":1}]'))).format).toBe('json');
    expect((await openSource(writeTemp('x.log', '{"a":1}\n'))).format).toBe('ndjson');
    const buf = parquetWriteBuffer({ columnData: [{ name: 'a', data: [1], type: 'INT32' }] });
    expect((await openSource(writeTemp('x.bin', new Uint8Array(buf)))).format).toBe('parquet');
    const r = await openSource(writeTemp('x.dat', 'a,b\n1,2\n'), { format: 'csv' });
    expect(plain(await readAllRows(r))).toEqual([{ a: '1', b: '2' }]);
  });
});
