import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, splitQuoted } from '../../src/adapters/sources/csv.js';
import { openSource, readAllRows, sampleRows } from '../../src/adapters/sources/index.js';
import { plain, writeTemp } from './util.js';

/** A correct CSV writer: quotes a field when it holds the delimiter, a quote, CR or LF, or is empty. */
function writeCsv(rows: string[][], delim: string, eol: string): string {
  const needs = new RegExp(`[${delim === '\t' ? '\\t' : `\\${delim}`}"\\r\\n]`);
  return (
    rows
      .map((r) => r.map((f) => (f === '' || needs.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(delim))
      .join(eol) + eol
  );
}

const fieldChars = fc.constantFrom(
  'a',
  'Z',
  '0',
  ' ',
  ',',
  ';',
  '\t',
  '|',
  '"',
  '\n',
  '\r\n',
  '张',
  '伟',
  '😀',
  "'",
  '\\',
);
const field = fc.array(fieldChars, { maxLength: 8 }).map((a) => a.join(''));

function parseAll(text: string, delim: string, chunk: number): (string | null)[][] {
  const out: (string | null)[][] = [];
  const parser = new CsvParser(delim, 1 << 20, {
    ragged: () => {
      throw new Error('ragged');
    },
    unclosed: () => {
      throw new Error('unclosed');
    },
    tooLong: () => {
      throw new Error('too long');
    },
  });
  for (let i = 0; i < text.length; i += chunk) {
    parser.feed(text.slice(i, i + chunk));
    out.push(...parser.out);
    parser.out = [];
  }
  parser.feed('', true);
  out.push(...parser.out);
  return [parser.header ?? [], ...out];
}

describe('CSV fast split of quoted lines', () => {
  it('agrees with the exact parser on arbitrary single lines (including malformed quoting)', () => {
    const piece = fc.constantFrom('a', '"', ',', ' ', 'b', '""', '张');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (ps) => {
        const line = ps.join('').replace(/\n/g, '');
        if (!line.includes('"')) return;
        const fast = splitQuoted(line, ',');
        if (fast === undefined) return;
        const exact = parseAll(`${line}\n`, ',', 1000)[0];
        expect(fast.map((f) => f ?? '')).toEqual(exact);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('CSV round trip', () => {
  it('any CSV from a correct writer parses back to the same rows, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((w) =>
            fc.tuple(
              fc.array(fc.array(field, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 12 }),
              fc.constantFrom(',', ';', '\t', '|'),
              fc.constantFrom('\n', '\r\n'),
              fc.integer({ min: 1, max: 40 }),
            ),
          ),
        ([rows, delim, eol, chunk]) => {
          // A header of distinct non-empty names; data rows that are not blank lines.
          const header = rows[0]?.map((_, i) => `c${i}`) ?? [];
          const text = writeCsv([header, ...rows], delim, eol);
          const parsed = parseAll(text, delim, chunk);
          expect(parsed[0]).toEqual(header);
          expect(parsed.slice(1)).toEqual(rows.map((r) => r.map((f) => (f === '' ? null : f))));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('round trips through a file and openSource (with sniffing)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 20 }), async (rows) => {
        const text = writeCsv([['name', 'phone', 'note'], ...rows], ',', '\n');
        const reader = await openSource(writeTemp('rt.csv', text), { delimiter: ',' });
        const got = plain(await readAllRows(reader));
        expect(got).toEqual(rows.map(([a, b, c]) => ({ name: a || null, phone: b || null, note: c || null })));
      }),
      { numRuns: 60 },
    );
  });
});

function ndjsonSource(n: number): Promise<import('../../src/adapters/sources/types.js').SourceReader> {
  const text = Array.from({ length: n }, (_, i) => JSON.stringify({ i, v: `v${i}` })).join('\n');
  return openSource('-', { stdin: Readable.from([Buffer.from(text)]), format: 'ndjson' });
}

describe('reservoir sampling', () => {
  it('returns min(n, N) distinct input rows, in input order, deterministically for a seed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer(),
        async (total, n, seed) => {
          const a = await sampleRows(await ndjsonSource(total), n, seed);
          const b = await sampleRows(await ndjsonSource(total), n, seed);
          expect(a.rowsRead).toBe(total);
          expect(a.rows.length).toBe(Math.min(n, total));
          const idx = a.rows.map((r) => Number(r.i));
          expect(new Set(idx).size).toBe(idx.length);
          for (const r of a.rows) expect(r.v).toBe(`v${r.i}`);
          expect(idx).toEqual([...idx].sort((x, y) => x - y));
          expect(b.rows.map((r) => ({ ...r }))).toEqual(a.rows.map((r) => ({ ...r })));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is uniform: every row is chosen about n/N of the time', async () => {
    const total = 50;
    const n = 10;
    const runs = 2000;
    const hits = new Array(total).fill(0);
    for (let s = 0; s < runs; s++) {
      const { rows } = await sampleRows(await ndjsonSource(total), n, s);
      for (const r of rows) hits[Number(r.i)]++;
    }
    // Expected 400 hits per row; binomial sd ≈ 17.9. Allow 5 sd.
    for (const h of hits) expect(Math.abs(h - (runs * n) / total)).toBeLessThan(90);
  });
});
