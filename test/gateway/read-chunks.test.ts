/**
 * `readChunks`: the input is cut into chunks of whole records, read straight into the chunk buffers. Whatever the
 * read sizes, chunk target and buffer reuse: the chunks put together are the input, every chunk but the last ends
 * at a record boundary (for CSV: a newline outside quotes), and an over-long record is dropped up to the next
 * newline with one `toolong` piece.
 */

import { availableParallelism } from 'node:os';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ByteReader, type Piece, readChunks, workersFor } from '../../src/adapters/gateway/pipeline.js';

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

  it('an unclosed CSV quote runs to the limit and is dropped; parity restarts at the next newline', async () => {
    const data = Buffer.from(`a,b\n"open,${'y'.repeat(3000)}\nc,d\n`);
    const pieces = await collect(readChunks(reader(data, 512, true), true, 1000, { target: 64 }));
    expect(pieces).toContain('toolong');
    const kept = Buffer.concat(pieces.filter((p): p is Buffer => p !== 'toolong')).toString();
    expect(kept).toBe('a,b\nc,d\n');
  });
});

describe('workersFor: how many workers a batch gets by default', () => {
  const MiB = 1024 * 1024;
  const cores = availableParallelism();
  it('none for standard input, small files and one core; one per 256 MiB, at most min(4, cores)', () => {
    expect(workersFor(undefined)).toBe(0);
    expect(workersFor(64 * MiB)).toBe(0);
    expect(workersFor(65 * MiB)).toBe(cores > 1 ? 1 : 0);
    expect(workersFor(256 * MiB)).toBe(cores > 1 ? 1 : 0);
    expect(workersFor(257 * MiB)).toBe(cores > 1 ? Math.min(2, cores) : 0);
    expect(workersFor(10_000 * MiB)).toBe(cores > 1 ? Math.min(4, cores) : 0);
  });
  it('as asked, whatever the size', () => {
    expect(workersFor(10 * MiB, 3)).toBe(3);
    expect(workersFor(10_000 * MiB, 0)).toBe(0);
    expect(workersFor(undefined, 2)).toBe(2);
  });
});
