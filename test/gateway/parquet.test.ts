/**
 * Parquet output in bounded memory: the transformed lines are spooled, then written one row group at a time.
 * Whatever the records and the row-group size, reading the file back gives every row with its values; a column
 * of numbers is DOUBLE, of booleans BOOLEAN, anything else STRING (objects as JSON text); the spool is gone
 * afterwards, and a crashed run's spool is removed by the next start's recovery.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { recoverGateway } from '../../src/adapters/gateway/apply.js';
import { parquetSink } from '../../src/adapters/gateway/parquet.js';
import { openLedger } from '../../src/adapters/ledger/index.js';
import { tempDir } from '../helpers/cli.js';

const COLUMNS = ['id', 'n', 'flag', 'text', 'obj'];

const record = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 12 }),
    n: fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
      fc.constant(null),
    ),
    flag: fc.boolean(),
    text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.integer()),
    obj: fc.oneof(fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 })),
  },
  { requiredKeys: ['id', 'flag'] },
);

async function roundTrip(recs: object[], rowsPerGroup: number, pieces: number) {
  const dir = tempDir();
  const spool = join(dir, 'spool.ndjson');
  const sink = parquetSink(COLUMNS, spool, rowsPerGroup);
  const lines = recs.map((r) => `${JSON.stringify(r)}\n`);
  const per = Math.max(1, Math.ceil(lines.length / pieces));
  for (let i = 0; i < lines.length; i += per) sink.add(Buffer.from(lines.slice(i, i + per).join('')));
  const chunks: Buffer[] = [];
  await sink.finish(async (b) => {
    chunks.push(Buffer.from(b));
  });
  expect(existsSync(spool)).toBe(false);
  const file = Buffer.concat(chunks);
  const ab = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  return { chunks, meta: parquetMetadata(ab), rows: await parquetReadObjects({ file: ab }) };
}

describe('Parquet output', () => {
  it('round-trips any records, one row group at a time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 5 }),
        async (recs, rowsPerGroup, pieces) => {
          const { chunks, meta, rows } = await roundTrip(recs, rowsPerGroup, pieces);
          const groups = Math.ceil(recs.length / rowsPerGroup);
          expect(meta.row_groups.length).toBe(groups);
          // One write per row group plus the footer: the file leaves as it is made.
          expect(chunks.length).toBe(groups + 1);
          expect(rows).toHaveLength(recs.length);
          const textIsString = recs.some((r) => typeof (r as { text?: unknown }).text === 'string');
          recs.forEach((r, i) => {
            const got = rows[i] as Record<string, unknown>;
            const want = r as Record<string, unknown>;
            expect(got.id).toBe(want.id);
            expect(got.flag).toBe(want.flag);
            expect(got.n).toBe(want.n ?? null);
            const t = want.text ?? null;
            expect(got.text).toBe(t === null ? null : textIsString ? String(t) : t);
            expect(got.obj).toBe(want.obj == null ? null : JSON.stringify(want.obj));
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('types columns from all their values: DOUBLE, BOOLEAN, else STRING', async () => {
    const { meta } = await roundTrip(
      [
        { id: 'a', n: 1, flag: true, text: 2, obj: null },
        { id: 'b', n: 2.5, flag: false, text: 'x', obj: { k: 1 } },
      ],
      1,
      2,
    );
    const types = Object.fromEntries(meta.schema.slice(1).map((e) => [e.name, e.type]));
    expect(types).toEqual({ id: 'BYTE_ARRAY', n: 'DOUBLE', flag: 'BOOLEAN', text: 'BYTE_ARRAY', obj: 'BYTE_ARRAY' });
  });

  it('a STRING column holds a number as its text in the record, not reformatted', async () => {
    const dir = tempDir();
    const sink = parquetSink(['id', 'n'], join(dir, 'spool.ndjson'), 10);
    sink.add(Buffer.from('{"id":"a","n":1.0}\n{"id":"b","n":-0}\n{"id":"c","n":12345678901234567891}\n'));
    sink.add(Buffer.from('{"id":"d","n":1e400}\n{"id":"e","n":"x"}\n{"id":"f","n":true}\n{"id":"g"}\n'));
    const chunks: Buffer[] = [];
    await sink.finish(async (b) => {
      chunks.push(Buffer.from(b));
    });
    const file = Buffer.concat(chunks);
    const rows = await parquetReadObjects({
      file: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength),
    });
    expect(rows.map((r) => r.n)).toEqual(['1.0', '-0', '12345678901234567891', '1e400', 'x', 'true', null]);
  });

  it('column key paths: split at dots by default (nested NDJSON), or given whole (CSV header names)', async () => {
    const lines = '{"sid":"1","a.b":"flat","a":{"b":"nested"}}\n{"sid":"2","a.b":7}\n';
    const read = async (segments?: string[][]) => {
      const spool = join(tempDir(), 's.ndjson');
      const sink = parquetSink(['sid', 'a.b'], spool, segments ? { segments } : {});
      sink.add(Buffer.from(lines));
      const chunks: Buffer[] = [];
      await sink.finish(async (b) => {
        chunks.push(Buffer.from(b));
      });
      const file = Buffer.concat(chunks);
      return parquetReadObjects({ file: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) });
    };
    expect(await read()).toEqual([
      { sid: '1', 'a.b': 'nested' },
      { sid: '2', 'a.b': null },
    ]);
    expect(await read([['sid'], ['a.b']])).toEqual([
      { sid: '1', 'a.b': 'flat' },
      { sid: '2', 'a.b': '7' },
    ]);
    expect(() => parquetSink(['sid'], join(tempDir(), 'x.ndjson'), { segments: [] })).toThrow(/one path per column/);
  });

  it("a crashed run's spool is removed at the next start", async () => {
    const data = tempDir();
    const spool = join(data, 'gateway', 'spool', 'parquet-dead.ndjson');
    mkdirSync(join(data, 'gateway', 'spool'), { recursive: true });
    mkdirSync(join(data, 'gateway', 'inflight'), { recursive: true });
    writeFileSync(spool, '{"id":"x"}\n');
    writeFileSync(
      join(data, 'gateway', 'inflight', 'dead.json'),
      JSON.stringify({ pid: 2 ** 22 + 12345, tempPath: null, finalPath: null, spoolPath: spool }),
    );
    const ledger = openLedger(data);
    try {
      const r = await recoverGateway(ledger, data);
      expect(r.removed).toContain(spool);
    } finally {
      await ledger.close();
    }
    expect(existsSync(spool)).toBe(false);
  });

  it('discard removes the spool', () => {
    const spool = join(tempDir(), 's.ndjson');
    const sink = parquetSink(COLUMNS, spool);
    sink.add(Buffer.from('{"id":"a","flag":true}\n'));
    expect(existsSync(spool)).toBe(true);
    sink.discard();
    expect(existsSync(spool)).toBe(false);
  });
});
