/**
 * Differential test (Zod's compile-differential idea): the byte-level NDJSON fast path, the strict path and the
 * reference transform over `JSON.parse` agree on random records and random manifests.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileManifest, transformObject } from '../../src/core/enforce/compile.js';
import type { FieldRule, SuppressRule } from '../../src/core/enforce/manifest.js';
import { ctxFor, damagedLines, KEY_A, manifestWith, ndjson, run } from './helpers.js';

const KEYS = ['a', 'b', 'c', 'sid', 'x.y', 'n'];
const value = fc.jsonValue({ maxDepth: 2 });
const record = fc.record(
  {
    sid: fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.integer(), fc.constant(null)),
    a: value,
    b: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    ),
    c: fc.oneof(fc.constantFrom('2024-03-15', '沪A12345', 'LSVAB12345C678901', '37', ''), value),
    'x.y': value,
    n: fc.oneof(value, fc.record({ x: value, y: value })),
  },
  { requiredKeys: [] },
);
const opFor = (path: string): fc.Arbitrary<FieldRule | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant<FieldRule>({ path, operator: 'keep' }),
    fc.constant<FieldRule>({ path, operator: 'drop' }),
    fc.constant<FieldRule>({ path, operator: 'hash' }),
    fc.constant<FieldRule>({ path, operator: 'tokenize' }),
    fc.constant<FieldRule>({ path, operator: 'mask', params: { keepFirst: 1, keepLast: 1 } }),
    fc.constantFrom<FieldRule>(
      { path, operator: 'generalize', params: { to: 'month' } },
      { path, operator: 'generalize', params: { to: 'province' } },
      { path, operator: 'generalize', params: { to: 'decimals', decimals: 1 } },
    ),
  );
const manifest = fc
  .record({
    a: opFor('a'),
    b: opFor('b'),
    c: opFor('c'),
    n: fc.oneof(opFor('n'), opFor('n.x')),
    suppress: fc.option(
      fc.constantFrom<SuppressRule>(
        { path: 'b', equals: 1 },
        { path: 'c', matches: '^20' },
        { path: 'a', exists: false },
      ),
    ),
  })
  .map((r) => {
    const fields = [r.a, r.b, r.c, r.n].filter((f): f is FieldRule => f !== undefined);
    return manifestWith(fields.length > 0 ? fields : [{ path: 'a', operator: 'keep' }], {
      suppress: r.suppress ? [r.suppress] : [],
    });
  });

describe('fast path = strict path = reference', () => {
  it('agrees on random records and manifests', () => {
    fc.assert(
      fc.property(
        manifest,
        fc.array(record, { minLength: 1, maxLength: 5 }),
        fc.shuffledSubarray(KEYS),
        (m, recs, _order) => {
          const lines = recs.map((r) => JSON.stringify(r));
          const text = `${lines.join('\n')}\n`;
          // `__proto__` keys are rejected by design; JSON.parse accepts them (tested in malformed.test.ts).
          fc.pre(!text.includes('"__proto__"'));
          const fast = run(ndjson(m, KEY_A), text);
          const slow = run(ndjson(m, KEY_A, { forceSlow: true }), text);
          expect(fast.text).toBe(slow.text);
          expect(fast.rejects).toEqual(slow.rejects);
          const c = compileManifest(m);
          const { ctx } = ctxFor(KEY_A);
          const expected: string[] = [];
          let suppressed = 0;
          let rejected = 0;
          for (const l of lines) {
            const r = transformObject(c, JSON.parse(l), ctx);
            if (r.kind === 'out') expected.push(JSON.stringify(r.value));
            else if (r.kind === 'suppressed') suppressed++;
            else rejected++;
          }
          const got = fast.text
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.stringify(JSON.parse(l)));
          expect(got).toEqual(expected);
          expect(fast.suppressed).toBe(suppressed);
          expect(fast.rejects.length).toBe(rejected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds line ends while scanning exactly as the line-first scan does, on broken records too', () => {
    // A chunk that is not valid UTF-8 takes the line-first path for every line: appending an invalid line gives
    // the reference for the same lines.
    const edit = fc.tuple(
      fc.nat(),
      fc.constantFrom(
        '"',
        '\\',
        '\r',
        '\n',
        ' ',
        '\t',
        '{',
        '}',
        ':',
        ',',
        'u',
        '0',
        '-',
        'e',
        '\u0000',
        '\u001f',
        '中',
        '\\u12',
        '"b":1,',
        '',
      ),
      fc.boolean(),
    );
    const line = fc.tuple(
      record,
      fc.array(edit, { maxLength: 3 }),
      fc.constantFrom('\n', '\r\n', '\n\n', ' \n', '\n \t\r\n', '\r', ' \r\n', '\r \n', '\t'),
    );
    fc.assert(
      fc.property(manifest, fc.array(line, { minLength: 1, maxLength: 6 }), fc.boolean(), (m, lines, lastNewline) => {
        let text = damagedLines(lines);
        if (!lastNewline) text = text.slice(0, -1);
        const scanned = run(ndjson(m, KEY_A), text);
        const lineFirst = run(ndjson(m, KEY_A), Buffer.concat([Buffer.from(text), Buffer.from([0x0a, 0xff, 0x0a])]));
        expect(lineFirst.text).toBe(scanned.text);
        expect(lineFirst.rejects.slice(0, -1)).toEqual(scanned.rejects);
        expect(lineFirst.rejects.at(-1)?.code).toBe('gateway.record_invalid_utf8');
        expect(lineFirst.suppressed).toBe(scanned.suppressed);
        expect(Buffer.from(lineFirst.subjects)).toEqual(Buffer.from(scanned.subjects));
      }),
      { numRuns: 500 },
    );
  });

  it('copies kept values byte for byte, escapes and all', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'keep' },
    ]);
    const line = '{"sid":"s\\u00e9","a":1.50e+3,"z":{"q":[1,2]}}\n';
    expect(run(ndjson(m, KEY_A), line).text).toBe('{"sid":"s\\u00e9","a":1.50e+3}\n');
    expect(run(ndjson(m, KEY_A, { forceSlow: true }), line).text).toBe('{"sid":"s\\u00e9","a":1.50e+3}\n');
  });
});
