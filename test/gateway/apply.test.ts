/**
 * `datapass apply` end to end: output, rejects with line numbers, deny by default, formats, workers.
 */
import { existsSync, linkSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseManifest, orders, setup } from './cli-helpers.js';

function readRejects(file: string): Array<{ line: number; code: string }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe('datapass apply', () => {
  it('streams stdin to stdout, hashes, drops, and records the batch', async () => {
    const env = setup();
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(3) });
    expect(r.stderr).toMatch(/3 in, 3 out, 0 rejected/);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0])).toEqual(['order_id', 'vin', 'brand']);
    expect(lines[0].vin).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stdout).not.toContain('王');
    expect(await env.batches()).toBe(1);
    // Stable across batches with the same domestic key.
    const again = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(3) });
    expect(again.stdout).toBe(r.stdout);
    expect(again.stderr).toMatch(/subjects 0 new, 3 seen/);
  });

  it('--spool holds standard output until the ledger intent is written; same bytes as streaming', async () => {
    const env = setup();
    const a = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(50) });
    const b = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--spool'], {
      input: orders(50),
    });
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(await env.batches()).toBe(2);
    expect(readdirSync(join(env.dataDir, 'gateway', 'spool'))).toEqual([]);
    expect(readdirSync(join(env.dataDir, 'gateway', 'inflight'))).toEqual([]);
  });

  it('deny by default: a new field in the input never leaves', async () => {
    const env = setup();
    const input = orders(2, (i) => ({
      surprise_id_number: `11010119900307${1000 + i}`,
      nested: { phone: '13812345678' },
    }));
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('surprise');
    expect(r.stdout).not.toContain('11010119900307');
    expect(r.stdout).not.toContain('13812345678');
  });

  it('rejects malformed records to the side file with line numbers; the good ones go out', async () => {
    const env = setup();
    const good = (i: number) => JSON.stringify({ order_id: `G${i}`, vin: `V${i}`, brand: 'b' });
    const parts: Buffer[] = [
      Buffer.from(`${good(1)}\n`), // 1
      Buffer.from('{"order_id": "X", "vin":\n'), // 2 bad JSON
      Buffer.concat([Buffer.from('{"order_id":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","vin":"V"}\n')]), // 3 invalid UTF-8
      Buffer.from('{"vin":"V3","vin":"V4"}\n'), // 4 duplicate key
      Buffer.from('{"vin":"V5","__proto__":{"x":1}}\n'), // 5 __proto__
      Buffer.from(`{"vin":"V6","order_id":"${'x'.repeat(50 * 1024 * 1024)}"}\n`), // 6: 50 MB line
      Buffer.from(`${good(7)}\n`), // 7
      Buffer.from('{"order_id":"no subject"}\n'), // 8 subject key missing
      Buffer.from('{"vin":"V9","nested":{"a":1,"a":2}}\n'), // 9 nested duplicate key
      Buffer.from('[1,2]\n'), // 10 not an object
      Buffer.from(`${good(11)}`), // 11, no final newline
    ];
    const input = join(env.dir, 'in.ndjson');
    writeFileSync(input, Buffer.concat(parts));
    const out = join(env.dir, 'out.ndjson');
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--in', input, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/11 in, 3 out, 8 rejected/);
    expect(
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).order_id),
    ).toEqual(['G1', 'G7', 'G11']);
    const rej = readRejects(`${out}.rejected.ndjson`);
    expect(rej.map((x) => [x.line, x.code])).toEqual([
      [2, 'gateway.record_bad_json'],
      [3, 'gateway.record_invalid_utf8'],
      [4, 'gateway.record_duplicate_key'],
      [5, 'gateway.record_proto_key'],
      [6, 'gateway.record_too_long'],
      [8, 'gateway.record_subject_key_missing'],
      [9, 'gateway.record_duplicate_key'],
      [10, 'gateway.record_bad_json'],
    ]);
    // The reject file names reasons, never values.
    expect(readFileSync(`${out}.rejected.ndjson`, 'utf8')).not.toContain('V3');
  });

  it('--strict: one reject and nothing is sent', async () => {
    const env = setup();
    const out = join(env.dir, 'out.ndjson');
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--out', out, '--strict'], {
      input: `${orders(2)}{"order_id":"no vin"}\n`,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('strict mode');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(env.dir).filter((f) => f.includes('datapass-tmp'))).toEqual([]);
    expect(await env.batches()).toBe(0);
    const s = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--strict'], {
      input: `${orders(2)}{"order_id":"no vin"}\n`,
    });
    expect(s.code).toBe(2);
    expect(s.stdout).toBe('');
  });

  it('--delimiter: one ASCII character other than a quote or a line end, else a usage error', async () => {
    const env = setup();
    for (const d of ['；', ';;', '"', '\n', '']) {
      const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--delimiter', d], {
        input: 'vin;x\n',
      });
      expect(r.code, d).toBe(2);
      expect(r.stderr).toContain('--delimiter');
    }
    expect(await env.batches()).toBe(0);
  });

  it('refuses to write the export or the rejects over the input, or the rejects over the export (also via a link)', async () => {
    const env = setup();
    const input = join(env.dir, 'in.ndjson');
    const data = `${orders(3)}not json\n`;
    writeFileSync(input, data);
    const out = join(env.dir, 'out.ndjson');
    const link = join(env.dir, 'link.ndjson');
    linkSync(input, link);
    const cases: [string[], string][] = [
      [['--in', input, '--out', input], '--out'],
      [['--in', input, '--out', link], '--out'],
      [['--in', input, '--out', out, '--rejects', input], '--rejects'],
      [['--in', input, '--out', out, '--rejects', out], '--rejects'],
    ];
    for (const [args, flag] of cases) {
      const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(flag);
      expect(readFileSync(input, 'utf8')).toBe(data);
      expect(existsSync(out)).toBe(false);
    }
    expect(await env.batches()).toBe(0);
  });

  it('CSV to standard output: a batch that sends no record writes nothing, not even the header', async () => {
    const env = setup();
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--format', 'csv'], {
      input: 'not json\n{"order_id":"R1"}\n',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing');
    expect(r.stdout).toBe('');
    const ok = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--format', 'csv'], {
      input: orders(2),
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe('order_id,vin,brand');
    expect(ok.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('--workers: at most 32, else a usage error before any worker starts', async () => {
    const env = setup();
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--workers', '100000'], {
      input: orders(2),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected an integer from 0 to 32');
    expect(await env.batches()).toBe(0);
  });

  it('CSV: ragged rows, invalid UTF-8, quoted newlines, unclosed quote', async () => {
    const env = setup();
    const input = join(env.dir, 'in.csv');
    writeFileSync(
      input,
      Buffer.concat([
        Buffer.from('order_id,vin,brand,owner_name\n'), // 1
        Buffer.from('A1,V1,"上汽\n大众",王一\n'), // 2-3
        Buffer.from('A2,V2,b\n'), // 4 ragged
        Buffer.concat([Buffer.from('A3,V3,'), Buffer.from([0xc3, 0x28]), Buffer.from(',x\n')]), // 5 bad UTF-8
        Buffer.from('A4,,b,x\n'), // 6 subject missing
        Buffer.from('A5,V5,"b ""q""",王五\n'), // 7
        Buffer.from('A6,V6,"never closed,x\n'), // 8
      ]),
    );
    const out = join(env.dir, 'out.csv');
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--in', input, '--out', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('order_id,vin,brand');
    expect(text).toContain('"上汽\n大众"');
    expect(text).toContain('"b ""q"""');
    expect(text).not.toContain('王');
    expect(readRejects(`${out}.rejected.ndjson`).map((x) => [x.line, x.code])).toEqual([
      [4, 'gateway.record_ragged'],
      [5, 'gateway.record_invalid_utf8'],
      [6, 'gateway.record_subject_key_missing'],
      [8, 'gateway.record_unclosed_quote'],
    ]);
  });

  it('workers keep input order, and give the same bytes as the main thread (NDJSON and CSV)', async () => {
    const env = setup();
    const input = join(env.dir, 'big.ndjson');
    writeFileSync(
      input,
      orders(60_000, (i) => ({ text: '故障描述'.repeat(i % 7) })),
    );
    const outs: string[] = [];
    for (const w of ['0', '2']) {
      const out = join(env.dir, `out-${w}.ndjson`);
      const r = await env.apply(input, out, '--workers', w);
      expect(r.code).toBe(0);
      outs.push(readFileSync(out, 'utf8'));
    }
    expect(outs[1]).toBe(outs[0]);
    expect(outs[0]?.split('\n')[59_999]).toContain('"RO59999"');
    const csvIn = join(env.dir, 'big.csv');
    let csv = 'order_id,vin,brand,owner_name\n';
    for (let i = 0; i < 40_000; i++) csv += `RO${i},V${i % 99},"品牌\n${i}",王${i}\n`;
    writeFileSync(csvIn, csv);
    const csvOuts: string[] = [];
    for (const w of ['0', '2']) {
      const out = join(env.dir, `out-${w}.csv`);
      const r = await env.apply(csvIn, out, '--workers', w);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/40000 in, 40000 out, 0 rejected/);
      csvOuts.push(readFileSync(out, 'utf8'));
    }
    expect(csvOuts[1]).toBe(csvOuts[0]);
  });

  it('workers reading their own file ranges: over-long lines across a cut, line numbers, BOM', async () => {
    const env = setup();
    const input = join(env.dir, 'ranged.ndjson');
    const long = `{"vin":"L","order_id":"${'x'.repeat(3_000_000)}"}\n`;
    // 3.3 MB of orders, a 3 MB line (longer than the limit) across several chunk cuts, ~1 MB of orders, another
    // long line across more cuts, more orders.
    writeFileSync(input, `\uFEFF${orders(34_000)}${long}${orders(10_000)}${long}${orders(5)}`);
    const out = join(env.dir, 'ranged-out.ndjson');
    const args = [
      'apply',
      '--manifest',
      env.manifest,
      '--to',
      'acme-gmbh',
      '--in',
      input,
      '--max-line-bytes',
      '2000000',
    ];
    const r = await env.cli([...args, '--out', out, '--workers', '2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/44007 in, 44005 out, 2 rejected/);
    expect(readRejects(`${out}.rejected.ndjson`).map((x) => [x.line, x.code])).toEqual([
      [34_001, 'gateway.record_too_long'],
      [44_002, 'gateway.record_too_long'],
    ]);
    const ref = join(env.dir, 'ranged-ref.ndjson');
    expect((await env.cli([...args, '--out', ref, '--workers', '0'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(ref, 'utf8'));
  });

  it('converts formats: NDJSON → CSV and → Parquet', async () => {
    const env = setup();
    const csvOut = join(env.dir, 'o.csv');
    const r = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--out', csvOut], {
      input: orders(2),
    });
    expect(r.code).toBe(0);
    const lines = readFileSync(csvOut, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('order_id,vin,brand');
    expect(lines[1]).toMatch(/^RO0,[0-9a-f]{64},上汽大众$/);
    const pq = join(env.dir, 'o.parquet');
    const p = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--out', pq], {
      input: orders(5),
    });
    expect(p.code).toBe(0);
    const { parquetReadObjects } = await import('hyparquet');
    const buf = readFileSync(pq);
    const rows = await parquetReadObjects({
      file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer,
    });
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0] as object)).toEqual(['order_id', 'vin', 'brand']);
  });

  it('tokenizes through the domestic vault: same value, same token, across batches', async () => {
    const env = setup(
      (await import('./cli-helpers.js')).baseManifest({
        fields: [
          { path: 'vin', operator: 'tokenize' },
          { path: 'brand', operator: 'keep' },
        ],
      }),
    );
    const a = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(3) });
    const b = await env.cli(['apply', '--manifest', env.manifest, '--to', 'acme-gmbh'], { input: orders(3) });
    expect(a.code).toBe(0);
    const tok = a.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).vin);
    expect(tok[0]).toMatch(/^tk_[A-Za-z0-9_-]{22}$/);
    expect(new Set(tok).size).toBe(3);
    expect(b.stdout).toBe(a.stdout);
    expect(existsSync(join(env.dataDir, 'vault.db'))).toBe(true);
  });
});

describe('datapass apply: CSV edge cases', () => {
  it('a stray quote in an unquoted cell does not join records across chunks: every record counted, lines right', async () => {
    const env = setup();
    const input = join(env.dir, 'stray.csv');
    // About 400 KB: two 256 KiB chunks. Line 7 has `5"inch` (a quote inside an unquoted cell), line 1500 is ragged.
    const rows = ['order_id,vin,brand,owner_name'];
    for (let line = 2; line <= 2001; line++) {
      const brand = line === 7 ? '5"inch' : `b-${'x'.repeat(170)}`;
      rows.push(line === 1500 ? `R${line},V${line}` : `R${line},V${line},${brand},王${line}`);
    }
    writeFileSync(input, `${rows.join('\n')}\n`);
    const outs: string[] = [];
    for (const workers of ['0', '2']) {
      const out = join(env.dir, `stray-${workers}.csv`);
      const r = await env.apply(input, out, '--max-line-bytes', '10000', '--workers', workers);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/2000 in, 1999 out, 1 rejected/);
      expect(readRejects(`${out}.rejected.ndjson`).map((x) => [x.line, x.code])).toEqual([
        [1500, 'gateway.record_ragged'],
      ]);
      const text = readFileSync(out, 'utf8');
      const ids = text
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]);
      const want: string[] = [];
      for (let line = 2; line <= 2001; line++) if (line !== 1500) want.push(`R${line}`);
      expect(ids).toEqual(want);
      expect(text).toContain('R7,');
      expect(text).toContain(',5"inch\n');
      outs.push(text);
    }
    expect(outs[1]).toBe(outs[0]);
  });

  it('a header name with a dot is one key: NDJSON and Parquet output carry its values', async () => {
    const env = setup(
      baseManifest({
        subjectKeys: ['sid'],
        fields: [
          { path: 'sid', operator: 'keep' },
          { path: 'a.b', operator: 'keep' },
        ],
      }),
    );
    const input = join(env.dir, 'dotted.csv');
    writeFileSync(input, 'sid,a.b\n1,hello\n2,\n');
    const nd = join(env.dir, 'o.ndjson');
    const args = ['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--in', input];
    expect((await env.cli([...args, '--out', nd])).code).toBe(0);
    expect(readFileSync(nd, 'utf8')).toBe('{"sid":"1","a.b":"hello"}\n{"sid":"2"}\n');
    const pq = join(env.dir, 'o.parquet');
    const r = await env.cli([...args, '--out', pq]);
    expect(r.code, r.stderr).toBe(0);
    const { parquetReadObjects } = await import('hyparquet');
    const buf = readFileSync(pq);
    const rows = await parquetReadObjects({
      file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer,
    });
    expect(rows).toEqual([
      { sid: '1', 'a.b': 'hello' },
      { sid: '2', 'a.b': null },
    ]);
  });

  it('CSV output quotes a header name that holds the delimiter', async () => {
    const env = setup(
      baseManifest({
        fields: [
          { path: 'vin', operator: 'keep' },
          { path: 'x;y', operator: 'keep' },
          { path: 'p,q', operator: 'keep' },
        ],
      }),
    );
    const input = join(env.dir, 'semi.csv');
    writeFileSync(input, 'vin;"x;y";p,q\nV1;hello;w\n');
    const out = join(env.dir, 'semi-out.csv');
    const r = await env.apply(input, out, '--delimiter', ';');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('vin;"x;y";p,q\nV1;hello;w\n');
  });
});
