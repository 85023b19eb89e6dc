/**
 * The WebAssembly CSV scanner (wasm/csv-scan.ts) against the TypeScript record loop it replaces (the reference,
 * in `CsvTransform.records`): same output bytes, same rejects with the same reasons and lines, same counts, same
 * subjects, on random CSV text (quotes, `""`, quoted newlines, CR/LF/CRLF, ragged rows, text after closing quotes,
 * unclosed quotes, blank lines, Chinese text) cut into random chunks, with `,` `;` `\t` and now and then an odd
 * delimiter; also at chunk ends, at the line limit, after a chunk that left quotes behind the current one in its
 * memory, on records longer than its memory (and a chunk it cannot grow to hold) and on the widest header its
 * tables hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTransform } from '../../src/adapters/gateway/csv.js';
import { MAX_COLS } from '../../src/adapters/gateway/csv-wasm.js';
import { LOOP_INPUT } from '../../src/adapters/gateway/loop-wasm.js';
import { subjectDigester } from '../../src/adapters/gateway/subjects.js';
import { compileManifest } from '../../src/core/enforce/compile.js';
import type { ExportManifest, FieldRule, SuppressRule } from '../../src/core/enforce/manifest.js';
import { byteRule, csv, ctxFor, KEY_A, manifestWith, run, SUBJECT_KEY } from './helpers.js';

/** Column names around the scanner's 16-byte width, one of them Chinese. */
const HEADER = ['sid', 'a', 'b', 'key_of_sixteen_b', '车架号'];

function transform(
  m: ExportManifest,
  header: string[],
  delimiter: string,
  scanner: 'wasm' | 'js' | undefined,
  output: 'csv' | 'ndjson' = 'csv',
  maxLineBytes = 1 << 20,
) {
  const { hmac, ctx } = ctxFor(KEY_A);
  return new CsvTransform({
    ...(scanner ? { scanner } : {}),
    compiled: compileManifest(m),
    header,
    delimiter: delimiter.charCodeAt(0),
    hmac,
    subjects: subjectDigester(SUBJECT_KEY),
    ctx,
    maxLineBytes,
    output,
  });
}

/** Runs `chunks` through the transform one after the other (each in a buffer of its own); the results. */
function runChunks(t: CsvTransform, chunks: readonly Buffer[]) {
  return chunks.map((b) => {
    const r = t.process(b, 0, b.length);
    return {
      text: Buffer.from(r.out).toString('utf8'),
      rejects: r.rejects,
      lines: r.lines,
      recordsIn: r.recordsIn,
      recordsOut: r.recordsOut,
      suppressed: r.suppressed,
      subjects: Buffer.from(r.subjects),
    };
  });
}

/** Both scanners on the same chunks: every result equal; the wasm scanner's results. */
function expectSame(
  m: ExportManifest,
  chunks: readonly Buffer[],
  opts: { header?: string[]; delimiter?: string; output?: 'csv' | 'ndjson'; maxLineBytes?: number } = {},
) {
  const header = opts.header ?? HEADER;
  const delimiter = opts.delimiter ?? ',';
  const w = transform(m, header, delimiter, 'wasm', opts.output, opts.maxLineBytes);
  const j = transform(m, header, delimiter, 'js', opts.output, opts.maxLineBytes);
  expect(w.scanner).toBe('wasm');
  expect(j.scanner).toBe('js');
  const rw = runChunks(w, chunks);
  const rj = runChunks(j, chunks);
  expect(rw).toEqual(rj);
  return rw;
}

const cut = (text: string, at: readonly number[]): Buffer[] => {
  const b = Buffer.from(text);
  const points = [...new Set(at.map((x) => x % (b.length + 1)))].sort((x, y) => x - y);
  const chunks: Buffer[] = [];
  let p = 0;
  for (const x of [...points, b.length]) {
    if (x > p) chunks.push(Buffer.from(b.subarray(p, x)));
    p = x;
  }
  return chunks.length > 0 ? chunks : [b];
};

// Cells are built from tokens; `,` `;` `\t` appear in the messy alphabets (a delimiter in one run is text in
// another). Most cells are well formed, so that most records reach the output.
const SAFE = ['a', 'b', 'x1', ' ', '中', '文本', 'é', '0', '12345678'];
const PLAIN = [...SAFE, ',', ';', '\t', '\r', '"'];
const QUOTED = [...SAFE, ',', ';', '\t', '\r', '""', '\n', '\r\n', '中\n文'];
const JUNK = ['"', '""', ',', ';', '\t', '\r', '\n', '\r\n', 'a', '中', ' '];
const tokens = (alphabet: string[], max: number) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength: max }).map((a) => a.join(''));
const goodCell = fc.oneof(
  { weight: 5, arbitrary: tokens(SAFE, 24) },
  { weight: 3, arbitrary: tokens(QUOTED, 24).map((inner) => `"${inner}"`) },
  { weight: 1, arbitrary: fc.nat({ max: 80 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.nat({ max: 60 }).map((n) => `"${'中'.repeat(n)}"`) },
);
const badCell = fc.oneof(
  tokens(PLAIN, 24),
  fc
    .tuple(tokens([...QUOTED, '"'], 24), fc.constantFrom('x', ' ', '"', '中', '\r'))
    .map(([inner, after]) => `"${inner}"${after}`),
  tokens(JUNK, 12),
);
const cell = fc.oneof({ weight: 30, arbitrary: goodCell }, { weight: 1, arbitrary: badCell });
const row = fc.record({
  cells: fc.oneof(
    { weight: 8, arbitrary: fc.array(cell, { minLength: HEADER.length, maxLength: HEADER.length }) },
    { weight: 1, arbitrary: fc.array(cell, { maxLength: HEADER.length + 3 }) },
  ),
  end: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('\n', '\r\n') },
    { weight: 1, arbitrary: fc.constantFrom('\r', '', '\n\n', '\r\n\r\n') },
  ),
});
const csvText = fc
  .tuple(
    fc.array(row, { minLength: 1, maxLength: 8 }),
    // Now and then a delimiter that is also a quote, a line end, a letter or a byte inside UTF-8 (`©`: 0xA9).
    fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(',', ';', '\t') },
      { weight: 1, arbitrary: fc.constantFrom('"', '\r', '\n', 'a', '©') },
    ),
    fc.constantFrom('', '', '"unclosed 中\n', '"', 'tail'),
  )
  .map(([rows, delim, tail]) => ({ delim, text: rows.map((r) => r.cells.join(delim) + r.end).join('') + tail }));

const manifest = fc
  .record({
    rules: fc.tuple(...HEADER.map(byteRule)),
    subject: fc.constantFrom(...HEADER),
    suppress: fc.option(
      fc.constantFrom<SuppressRule>(
        { path: 'a', equals: 'x1' },
        { path: 'b', matches: '^中' },
        { path: 'key_of_sixteen_b', exists: false },
      ),
    ),
  })
  .map((r) => {
    const fields = r.rules.filter((f): f is FieldRule => f !== undefined);
    return manifestWith(fields.length > 0 ? fields : [{ path: 'a', operator: 'keep' }], {
      subjectKeys: [r.subject],
      suppress: r.suppress ? [r.suppress] : [],
    });
  });

describe('WebAssembly CSV scanner = TypeScript scanner', () => {
  it('is the scanner a built package uses by default', () => {
    const m = manifestWith([{ path: 'sid', operator: 'keep' }]);
    expect(transform(m, HEADER, ',', undefined).scanner).toBe('wasm');
    expect(csv(m, KEY_A, HEADER).scanner).toBe('wasm');
    expect(csv(m, KEY_A, HEADER, { scanner: 'js' }).scanner).toBe('js');
  });

  it('agrees on random CSV text in random chunks', () => {
    fc.assert(
      fc.property(
        manifest,
        csvText,
        fc.oneof(fc.constant([]), fc.array(fc.nat(), { minLength: 1, maxLength: 3 })),
        fc.constantFrom<'csv' | 'ndjson'>('csv', 'csv', 'ndjson'),
        (m, { delim, text }, at, output) => {
          expectSame(m, cut(text, at), { delimiter: delim, output });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with its record loop on (keep, drop, hash) manifests: bytes, rejects, lines, subjects once each', () => {
    // Only the operators the loop runs and no suppress rule, so it is on; records it leaves go to TypeScript.
    const loopRule = (path: string) =>
      fc.option(
        fc.constantFrom<FieldRule>({ path, operator: 'keep' }, { path, operator: 'drop' }, { path, operator: 'hash' }),
        { nil: undefined },
      );
    const loopManifest = fc
      .record({ rules: fc.tuple(...HEADER.map(loopRule)), subject: fc.constantFrom(...HEADER) })
      .map((r) => {
        const fields = r.rules.filter((f): f is FieldRule => f !== undefined);
        return manifestWith(fields.length > 0 ? fields : [{ path: 'a', operator: 'hash' }], {
          subjectKeys: [r.subject],
        });
      });
    // Few distinct cells, so subjects and digests repeat across records the loop and TypeScript handle.
    const few = fc.constantFrom('s1', '"s1"', 's2', '""', '', '"a""b"', '"a"b', '中');
    const loopRow = fc
      .tuple(
        fc.oneof(
          {
            weight: 6,
            arbitrary: fc.array(fc.oneof(few, goodCell), { minLength: HEADER.length, maxLength: HEADER.length }),
          },
          { weight: 1, arbitrary: fc.array(cell, { maxLength: HEADER.length + 1 }) },
        ),
        fc.constantFrom('\n', '\r\n', '\n\n'),
      )
      .map(([cells, end]) => cells.join(',') + end);
    fc.assert(
      fc.property(
        loopManifest,
        fc.array(loopRow, { minLength: 1, maxLength: 12 }),
        fc.oneof(fc.constant([]), fc.array(fc.nat(), { minLength: 1, maxLength: 2 })),
        (m, rows, at) => {
          expect((transform(m, HEADER, ',', 'wasm') as unknown as { loop: boolean }).loop).toBe(true);
          const r = expectSame(m, cut(rows.join(''), at));
          const digests =
            Buffer.concat(r.map((x) => x.subjects))
              .toString('hex')
              .match(/.{64}/g) ?? [];
          expect(new Set(digests).size).toBe(digests.length);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('gives the same verdicts on each kind of tricky record', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'hash' },
      { path: 'b', operator: 'keep' },
    ]);
    const lines = [
      's1,a,b',
      '"s2","a""x",b',
      '"s3","line\nbreak\r\nand more",b',
      '"s4"x,a,b',
      '"s5" ,a,b',
      '"s6"\r,a,b',
      's7,a,b\r',
      's8,a\r,b\r',
      '',
      '\r',
      ',',
      's9,a',
      's10,a,b,c',
      '"s11,a,b',
      ',"s12",b',
      's13,"a"",b',
      `s14,${'x'.repeat(33)},"${'中'.repeat(20)}"`,
      's15,"",""',
      '"",a,b',
      's16,"a"b"c",b',
      '"s20",a\r,b',
      '"s17",a,"never closed\n,a,b',
    ];
    // A quoted cell after text after a closing quote, then a good record.
    const after = ['s18,"a" ,"b"', 's19,a,b', 's20,"a"x,b"', 's21,a,b'];
    for (const eol of ['\n', '\r\n']) {
      const chunks = [Buffer.from(lines.join(eol)), Buffer.from(after.join(eol))];
      const r = expectSame(m, chunks, { header: ['sid', 'a', 'b'] });
      expect(new Set(r.flatMap((c) => c.rejects.map((x) => x.code)))).toEqual(
        new Set([
          'gateway.record_bad_csv',
          'gateway.record_unclosed_quote',
          'gateway.record_ragged',
          'gateway.record_subject_key_missing',
        ]),
      );
    }
  });

  it('rejects a malformed record alone: the records after it still leave, and every line is counted', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'keep' },
    ]);
    const header = ['sid', 'a', 'b'];
    // Text after a closing quote, then a quoted cell in the same record; then good records.
    const [after] = expectSame(m, [Buffer.from('s1,"a" ,"b"\ns2,x,y\ns3,"q",z\n')], { header });
    expect(after?.rejects).toEqual([
      { line: 1, code: 'gateway.record_bad_csv', params: { reason: 'text after a closing quote' } },
    ]);
    expect(after?.text).toBe('s2,x\ns3,"q"\n');
    expect(after?.lines).toBe(3);
    // An unclosed quote after an empty first cell is a record (rejected), not a blank line; the quote runs on to
    // the end of the chunk, as a quoted cell may hold newlines.
    const [open] = expectSame(m, [Buffer.from('s0,x,y\n,"abc\ns2,x,y\n')], { header });
    expect(open?.rejects).toEqual([{ line: 2, code: 'gateway.record_unclosed_quote', params: {} }]);
    expect(open?.recordsIn).toBe(2);
    expect(open?.lines).toBe(3);
  });

  it('agrees at the chunk end: unclosed quotes, a trailing `\\r`, a trailing delimiter, a closing `"`', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'keep' },
    ]);
    const header = ['sid', 'a'];
    // Each case a chunk of its own, one after the other (each leaves its bytes behind in the scanner's memory).
    const chunks: Buffer[] = [];
    for (let k = 0; k < 34; k++) {
      const a = 'a'.repeat(k);
      const nl = '中\n'.repeat(k);
      const ends = [`s,"${a}`, `s,"${a}""`, `s,"${a}"`, `s,"${a}""b"`, `s,"${a}"b`, `s,"${nl}`, `s,"${nl}"`];
      ends.push(`s,${a}\r`, `s,${a}\r\r`, `s,${a},`, `s,${a}`, `"${a}`, `"${nl}""`, `${a}\r`, '"', '\r', ',');
      for (const e of ends)
        for (const n of [0, 1, 15, 16, 17]) {
          chunks.push(Buffer.from(`x,${'y'.repeat(n)}\n${e}`));
          chunks.push(Buffer.from(`x,"${'y'.repeat(n)}"\r\n${e}`));
        }
    }
    const r = expectSame(m, chunks, { header });
    expect(r.filter((c) => c.rejects.some((x) => x.code === 'gateway.record_unclosed_quote')).length).toBeGreaterThan(
      1000,
    );
  });

  it('measures records against the line limit alike, at the chunk end too', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'keep' },
    ]);
    const chunks: Buffer[] = [];
    for (let n = 14; n < 24; n++)
      for (const cell of ['x'.repeat(n), `"${'x'.repeat(n - 2)}"`])
        for (const eol of ['', '\n', '\r\n'])
          chunks.push(Buffer.from(`s,${cell}${eol}`), Buffer.from(`s,a\ns,${cell}${eol}`));
    const r = expectSame(m, chunks, { header: ['sid', 'a'], maxLineBytes: 20 });
    expect(r.some((c) => c.rejects.some((x) => x.code === 'gateway.record_too_long'))).toBe(true);
    expect(r.some((c) => c.recordsOut === 1 && c.lines === 1)).toBe(true);
  });

  it('ignores what an earlier, longer chunk left past the current one in its memory', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'keep' },
    ]);
    const header = ['sid', 'a'];
    const quotes = Buffer.from(`${'"'.repeat(5000)}\n`);
    const newlines = Buffer.from(`"${'\n'.repeat(5000)}"\n`);
    for (const tail of ['s,"a', 's,"a\n\nb', 's,"中', 's,a', 's,"a"', '"']) {
      const r = expectSame(m, [quotes, Buffer.from(tail), newlines, Buffer.from(tail)], { header });
      expect({ ...r[1], subjects: null }).toEqual({ ...r[3], subjects: null });
    }
  });

  it('agrees on records longer than its memory, and keeps working after it grew', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'drop' },
      { path: 'b', operator: 'keep' },
    ]);
    const header = ['sid', 'a', 'b'];
    const small = Buffer.from('1,x,y\n2,"x\n",y\n');
    // Records of 1 MB and more in one chunk: more than the scanner's first memory holds.
    const big = (k: number) =>
      `${k},"${'车\n'.repeat(100_000)}""${'a'.repeat(500_000)}",${'b'.repeat(100_000)}${k % 2 ? '\r\n' : '\n'}`;
    const huge = Buffer.from(big(1) + big(2) + big(3).slice(0, -50_000) + big(4));
    const t = csv(m, KEY_A, header);
    expect(run(t, small).text).toBe('1,y\n2,y\n');
    const r = expectSame(m, [small, huge, small, Buffer.from(huge.subarray(0, 1_000_000))], { header });
    // The third record runs into the fourth: one record of 1.5 MB.
    expect(r[1]?.recordsOut).toBe(2);
    expect(r[1]?.rejects.map((x) => x.code)).toEqual(['gateway.record_too_long']);
    expect(r[1]?.lines).toBe(400_003);
    expect(r[2]).toEqual({ ...r[0], subjects: Buffer.alloc(0) });
    expect(run(t, huge).recordsOut).toBe(2);
    expect(run(t, small).text).toBe('1,y\n2,y\n');
  });

  it('scans a chunk its memory cannot grow to hold in TypeScript, then goes on', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'drop' },
    ]);
    const header = ['sid', 'a'];
    const t = csv(m, KEY_A, header, { wasmMaxBytes: LOOP_INPUT + (2 << 20) });
    const js = csv(m, KEY_A, header, { scanner: 'js' });
    // Three records of 0.8 MB: more than the 2 MiB left after the tables.
    const line = `9,"${'x\n'.repeat(400_000)}"\n`;
    const bad = 's,"a"b\ns,"a\n\n';
    const small = `1,x\n2,"y"\r\n${bad}`;
    const inWasm = () => (t as unknown as { wasmChunk: boolean }).wasmChunk;
    for (const [text, wasm] of [
      [small, true],
      [line.repeat(3) + bad, false],
      [small, true],
    ] as const) {
      const r = run(t, text);
      expect(inWasm()).toBe(wasm);
      const ref = run(js, text);
      expect(r.text).toBe(ref.text);
      expect(r.rejects).toEqual(ref.rejects);
      expect(r.lines).toBe(ref.lines);
    }
  });

  it('takes headers as wide as its tables, and leaves wider ones and non-byte delimiters to TypeScript', () => {
    const widest = Array.from({ length: MAX_COLS - 1 }, (_, i) => `c${i}`);
    const fields = widest.map((path, i) => ({ path, operator: i % 3 ? 'keep' : 'drop' }) as FieldRule);
    const m = manifestWith(fields, { subjectKeys: ['c1'] });
    expect(transform(m, widest, ',', 'wasm').scanner).toBe('wasm');
    expect(transform(m, [...widest, 'extra'], ',', 'wasm').scanner).toBe('js');
    expect(transform(m, widest, '；', 'wasm').scanner).toBe('js');
    const line = (k: number, n: number) => `${Array.from({ length: n }, (_, i) => `"${k}${i}"`).join(',')}\n`;
    const text = line(1, widest.length) + line(2, widest.length + 1) + line(3, widest.length + 9) + line(4, 3);
    const [r] = expectSame(m, [Buffer.from(text + line(5, widest.length))], { header: widest });
    expect(r?.recordsOut).toBe(2);
    expect(r?.rejects.map((x) => x.params.found)).toEqual([MAX_COLS, MAX_COLS + 8, 3]);
  });
});
