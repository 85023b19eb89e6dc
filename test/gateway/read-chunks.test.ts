/**
 * `readChunks`: the input is cut into chunks of whole records, read straight into the chunk buffers. Whatever the
 * read sizes, chunk target and buffer reuse: the chunks put together are the input, every chunk but the last ends
 * at a record boundary (for CSV: a newline outside quotes, where a `"` opens quotes only at a cell start, as in
 * the CSV scanners), and an over-long record is dropped up to its end with one `toolong` piece. Through the CSV
 * transform, any chunking gives the records, line numbers and rejects of the input as one chunk.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ByteReader,
  csvRecordEnd,
  fileRanges,
  type Piece,
  type RunStats,
  readChunks,
  runPipeline,
  sharesMain,
  workersFor,
} from '../../src/adapters/gateway/pipeline.js';
import type { TransformInit } from '../../src/adapters/gateway/transform.js';
import type { Reject } from '../../src/adapters/gateway/types.js';
import { KEY_A, manifestWith, SUBJECT_KEY } from './helpers.js';

/** A reader over `data` that returns at most `step` bytes a call (sync or async). */
function reader(data: Buffer, step: number, async: boolean): ByteReader {
  let at = 0;
  return (buf, off, len) => {
    const n = Math.min(len, step, data.length - at);
    data.copy(buf, off, at, at + n);
    at += n;
    return async ? Promise.resolve(n) : n;
  };
}

async function collect(gen: AsyncGenerator<Piece>): Promise<Array<Buffer | 'toolong'>> {
  const out: Array<Buffer | 'toolong'> = [];
  // Copy each chunk before asking for the next one: with `reuse`, its buffer is then overwritten.
  for await (const p of gen) out.push(p.kind === 'data' ? Buffer.from(p.buf) : 'toolong');
  return out;
}

/** Quote parity is even at the end of `b` (a CSV record boundary when `b` ends with a newline). */
function evenQuotes(b: Buffer): boolean {
  let n = 0;
  for (const c of b) if (c === 0x22) n++;
  return n % 2 === 0;
}

const csvRecord = fc
  .array(
    fc.oneof(fc.string({ unit: fc.constantFrom('a', '王', ',', ' ') }), fc.constantFrom('"x\ny"', '"a""b"', '"\n\n"')),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((cells) => `${cells.join(',')}\n`);

describe('readChunks', () => {
  it('chunks put together are the input; every chunk ends at a record boundary (NDJSON and CSV)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(csvRecord, { maxLength: 60 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 8, max: 200 }),
        fc.boolean(),
        fc.boolean(),
        async (csv, records, step, target, reuse, async) => {
          // NDJSON records: no newline inside a record.
          const text = csv ? records.join('') : records.map((r) => `${r.replace(/\n/g, ' ').slice(0, -1)}\n`).join('');
          const data = Buffer.from(text);
          const pieces = await collect(readChunks(reader(data, step, async), csv, 1 << 20, { target, reuse }));
          expect(pieces).not.toContain('toolong');
          const bufs = pieces as Buffer[];
          expect(Buffer.concat(bufs).equals(data)).toBe(true);
          for (const b of bufs.slice(0, -1)) {
            expect(b.length).toBeGreaterThan(0);
            expect(b[b.length - 1]).toBe(0x0a);
            if (csv) expect(evenQuotes(b)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('drops a record longer than the limit up to the next newline, once, and goes on', async () => {
    const long = `{"a":"${'x'.repeat(5000)}"}\n`;
    const data = Buffer.from(`{"a":1}\n{"a":2}\n${long}{"a":3}\n`);
    for (const reuse of [false, true]) {
      const pieces = await collect(readChunks(reader(data, 100, false), false, 1000, { target: 64, reuse }));
      expect(pieces.filter((p) => p === 'toolong')).toHaveLength(1);
      const kept = Buffer.concat(pieces.filter((p): p is Buffer => p !== 'toolong')).toString();
      expect(kept).toBe('{"a":1}\n{"a":2}\n{"a":3}\n');
    }
  });

  it('an unclosed CSV quote runs to the end of the input: past the limit, it is all one dropped record', async () => {
    const data = Buffer.from(`a,b\n"open,${'y'.repeat(3000)}\nc,d\n`);
    for (const reuse of [false, true]) {
      const pieces = await collect(readChunks(reader(data, 512, true), true, 1000, { target: 64, reuse }));
      expect(pieces.filter((p) => p === 'toolong')).toHaveLength(1);
      const kept = Buffer.concat(pieces.filter((p): p is Buffer => p !== 'toolong')).toString();
      expect(kept).toBe('a,b\n');
    }
  });

  it('drops an over-long quoted record whole, across its quoted newlines, with the lines it spans', async () => {
    const long = `7,"${'x\n'.repeat(3000)}a ""q"" b",tail\n`;
    for (const sep of [',', ';']) {
      const text = `1,a${sep}5"inch\n${long.replace(/,/g, sep)}2,b\n`;
      for (const reuse of [false, true]) {
        const pieces: Piece[] = [];
        for await (const p of readChunks(reader(Buffer.from(text), 300, false), true, 1000, {
          target: 64,
          reuse,
          delimiter: sep.charCodeAt(0),
        }))
          pieces.push(p.kind === 'data' ? { ...p, buf: Buffer.from(p.buf) } : p);
        expect(pieces.filter((p) => p.kind === 'toolong')).toEqual([{ kind: 'toolong', lines: 3001 }]);
        const kept = pieces.map((p) => (p.kind === 'data' ? p.buf.toString() : '|')).join('');
        expect(kept).toBe(`1,a${sep}5"inch\n|2,b\n`);
      }
    }
  });

  it('a quote opens a cell only at a cell start: a stray one does not join records', async () => {
    const records = ['5,5"inch\n', '6,6\n', '7,"a\nb"\n', '8,"x""y"z\n', '9,"\n"x\r\n', '10,""\n'];
    const ends = new Set(records.map((_, i) => records.slice(0, i + 1).join('').length));
    for (const step of [1, 3, 7, 64]) {
      const pieces = await collect(
        readChunks(reader(Buffer.from(records.join('')), step, false), true, 1 << 20, { target: 8 }),
      );
      const bufs = pieces as Buffer[];
      expect(Buffer.concat(bufs).toString()).toBe(records.join(''));
      let at = 0;
      for (const b of bufs) {
        at += b.length;
        expect(ends.has(at), `cut at ${at}`).toBe(true);
      }
    }
    // The header's end follows the same rule.
    expect(csvRecordEnd(Buffer.from('id,size"in\n1,2\n'))).toBe(11);
    expect(csvRecordEnd(Buffer.from('id;"a\nb";c\n1\n'), 0x3b)).toBe(11);
    expect(csvRecordEnd(Buffer.from('id,"a\nb'))).toBe(-1);
    expect(csvRecordEnd(Buffer.from('"id"x\r\n1\n'))).toBe(7);
  });
});

/** One CSV cell of the kinds the scanners tell apart (`d`: the delimiter, kept out of unquoted cells). */
const csvCellText = (lineEnds: boolean) =>
  fc.oneof(
    // Unquoted, with stray quotes inside (a cell starting with `"` is a quoted cell, unclosed or not).
    fc
      .array(fc.constantFrom('a', '王', '"', ' ', '5', ...(lineEnds ? ['\r'] : [])), { maxLength: 6 })
      .map((a) => a.join('')),
    // Quoted, with escaped quotes, newlines and the delimiters inside.
    fc
      .array(fc.constantFrom('x', '""', '\n', '\r\n', ',', ';', '\t', '王'), { maxLength: 6 })
      .map((a) => `"${a.join('')}"`),
    // Quoted, then text after the closing quote (malformed), quotes included.
    fc
      .tuple(
        fc.array(fc.constantFrom('y', '""', '\n'), { maxLength: 3 }),
        fc.array(fc.constantFrom('t', '"', ...(lineEnds ? ['\r'] : [])), { minLength: 1, maxLength: 3 }),
      )
      .map(([a, b]) => `"${a.join('')}"${b.join('')}`),
  );

/** CSV text: records of 1–4 cells joined by `d`, ended by `\n` or `\r\n` (the last maybe not), blank lines. */
const csvText = (lineEnds: boolean) =>
  fc.constantFrom(',', ';', '\t').chain((d) =>
    fc.record({
      d: fc.constant(d),
      text: fc
        .array(
          fc.tuple(
            fc.array(csvCellText(lineEnds), { minLength: 1, maxLength: 4 }),
            fc.constantFrom('\n', '\r\n', '\n', ''),
          ),
          { maxLength: 30 },
        )
        .map((recs) =>
          recs
            .map(([cells, end], i) =>
              cells
                .map((c) => (c.startsWith('"') ? c : c.replaceAll(d, '')))
                .join(d)
                .concat(end === '' && i < recs.length - 1 ? '\n' : end),
            )
            .join(''),
        ),
    }),
  );

interface Outcome {
  out: string;
  rejects: [number, string][];
  stats: Pick<RunStats, 'recordsIn' | 'recordsOut' | 'rejected' | 'lines'>;
}

/** The CSV batch of `body` (after a 2-line header) through the pipeline in the main thread. */
async function throughPipeline(
  pieces: AsyncIterable<Piece> | Piece[],
  d: string,
  maxLineBytes: number,
): Promise<Outcome> {
  const manifest = manifestWith([
    { path: 'sid', operator: 'keep' },
    { path: 'a', operator: 'keep' },
    { path: 'b', operator: 'hash' },
  ]);
  const init: TransformInit = {
    manifest,
    inputFormat: 'csv',
    outputFormat: 'csv',
    header: ['sid', 'a', 'b'],
    delimiter: d,
    hashKey: KEY_A,
    subjectKey: SUBJECT_KEY,
    maxLineBytes,
  };
  const out: Buffer[] = [];
  const rejects: Reject[] = [];
  const stats = await runPipeline({
    init,
    pieces: Array.isArray(pieces)
      ? (async function* () {
          yield* pieces;
        })()
      : pieces,
    lineOffset: 2,
    workers: 0,
    write: (b, release) => {
      out.push(Buffer.from(b));
      release();
    },
    onReject: (r) => {
      rejects.push(r);
    },
    onSubjects: () => {},
  });
  return {
    out: Buffer.concat(out).toString(),
    rejects: rejects.map((r) => [r.line, r.code]),
    stats: { recordsIn: stats.recordsIn, recordsOut: stats.recordsOut, rejected: stats.rejected, lines: stats.lines },
  };
}

describe('fileRanges (NDJSON files read by workers)', () => {
  it('cuts a file into ranges of whole lines; a line over the limit at a cut is one `toolong`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dp-ranges-'));
    try {
      // Lines around the 4 KiB first window and the 64 KiB window, some over the limit, cuts every ~10 KiB.
      const line = fc.oneof(
        { weight: 6, arbitrary: fc.nat({ max: 300 }) },
        { weight: 2, arbitrary: fc.integer({ min: 3_900, max: 4_300 }) },
        { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 140_000 }) },
      );
      await fc.assert(
        fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), fc.boolean(), async (lens, lastNl) => {
          const limit = 100_000;
          const lines = lens.map((n, i) => `${String(i).padStart(4, '0')}${'x'.repeat(n)}`);
          const text = lines.join('\n') + (lastNl ? '\n' : '');
          const file = join(dir, 'in.ndjson');
          writeFileSync(file, text);
          const ranges: string[] = [];
          let toolong = 0;
          for await (const p of fileRanges(file, Buffer.byteLength(text), 0, limit, 10_000)) {
            if (p.kind === 'toolong') toolong++;
            else if (p.kind === 'range') ranges.push(text.slice(p.start, p.end));
          }
          for (const r of ranges.slice(0, -1)) expect(r.endsWith('\n')).toBe(true);
          // Every line comes out whole, in order, except over-long lines that crossed a cut (each one `toolong`).
          const out = ranges
            .join('')
            .split('\n')
            .filter((l) => l !== '');
          const dropped = lines.filter((l) => !out.includes(l));
          expect(dropped.every((l) => l.length > limit)).toBe(true);
          expect(toolong).toBe(dropped.length);
          expect(out).toEqual(lines.filter((l) => !dropped.includes(l)));
        }),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readChunks + the CSV transform: chunking changes nothing', () => {
  it('any chunking gives the records, line numbers and rejects of the whole input as one chunk', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText(true),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 8, max: 120 }),
        fc.boolean(),
        async ({ d, text }, step, target, reuse) => {
          const body = Buffer.from(text);
          const whole = await throughPipeline(body.length > 0 ? [{ kind: 'data', buf: body }] : [], d, 1 << 20);
          const pieces = readChunks(reader(body, step, false), true, 1 << 20, {
            target,
            reuse,
            delimiter: d.charCodeAt(0),
          });
          expect(await throughPipeline(pieces, d, 1 << 20)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with records over the limit dropped while reading: the same records, lines and reject lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText(false),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 8, max: 64 }),
        fc.integer({ min: 8, max: 40 }),
        async ({ d, text }, step, target, maxLineBytes) => {
          const body = Buffer.from(text);
          const whole = await throughPipeline(body.length > 0 ? [{ kind: 'data', buf: body }] : [], d, maxLineBytes);
          const pieces = readChunks(reader(body, step, true), true, maxLineBytes, {
            target,
            delimiter: d.charCodeAt(0),
          });
          const cut = await throughPipeline(pieces, d, maxLineBytes);
          expect(cut.out).toBe(whole.out);
          expect(cut.stats).toEqual(whole.stats);
          expect(cut.rejects.map(([line]) => line)).toEqual(whole.rejects.map(([line]) => line));
          // A record dropped while reading is `record_too_long`; as one chunk, it may be rejected for another flaw.
          cut.rejects.forEach(([, code], i) => {
            if (code !== 'gateway.record_too_long') expect(code).toBe(whole.rejects[i]?.[1]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readChunks with a pool of returned buffers', () => {
  it('reads into pooled buffers of the chunk size, never into one that grew for a long record', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `{"i":${i},"t":"${'x'.repeat(i % 7 === 0 ? 90 : 20)}"}`);
    const data = Buffer.from(`${lines.join('\n')}\n`);
    const target = 1024;
    const small = Buffer.allocUnsafeSlow(target);
    const grown = Buffer.allocUnsafeSlow(8 * target);
    // The grown one on top: the reader takes it first.
    const pool: Buffer[] = [small, grown];
    const chunks: Buffer[] = [];
    for await (const p of readChunks(reader(data, 300, false), false, 1 << 20, { target, pool })) {
      if (p.kind !== 'data') throw new Error('unexpected piece');
      chunks.push(Buffer.from(p.buf));
      // The consumer hands every chunk's buffer back, as the pipeline does.
      pool.push(Buffer.from(p.buf.buffer));
    }
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    // Chunks stay at the target size: the grown buffer was passed over, not read into.
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(target);
    expect(chunks.length).toBeGreaterThan(data.length / target);
  });
});

describe('workersFor: how many workers a batch gets by default', () => {
  const MiB = 1024 * 1024;
  const cores = availableParallelism();
  it('none for standard input, small files and one core; one per 256 MiB, at most min(4, cores - 1)', () => {
    expect(workersFor(undefined)).toBe(0);
    expect(workersFor(64 * MiB)).toBe(0);
    expect(workersFor(65 * MiB)).toBe(cores > 1 ? 1 : 0);
    expect(workersFor(256 * MiB)).toBe(cores > 1 ? 1 : 0);
    expect(workersFor(257 * MiB)).toBe(cores > 1 ? Math.max(1, Math.min(2, cores - 1)) : 0);
    expect(workersFor(10_000 * MiB)).toBe(cores > 1 ? Math.max(1, Math.min(4, cores - 1)) : 0);
    // The default always leaves the main thread a core to transform on.
    if (cores > 1) expect(sharesMain(workersFor(10_000 * MiB))).toBe(true);
  });
  it('as asked, whatever the size', () => {
    expect(workersFor(10 * MiB, 3)).toBe(3);
    expect(workersFor(10_000 * MiB, 0)).toBe(0);
    expect(workersFor(undefined, 2)).toBe(2);
  });
});
