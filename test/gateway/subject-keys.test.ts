/**
 * Subject keys that name no one: a string that is empty or only whitespace (raw or escaped, ASCII or not: exactly
 * what `String.prototype.trim` removes) is missing, and an object or array is no value. Every path rejects such a
 * record alike — the WebAssembly record loop, the WebAssembly and TypeScript scanners, the strict parser and the
 * reference transform — and none counts it as a subject, so the legal subject counts hold only real subjects. A key
 * with whitespace around other text is hashed as it is (trimming would change every stored subject digest).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankUtf8 } from '../../src/adapters/gateway/subjects.js';
import { createSubjectHasher } from '../../src/adapters/ledger/subject-hasher.js';
import { compileManifest, transformObject } from '../../src/core/enforce/compile.js';
import type { ExportManifest, FieldRule } from '../../src/core/enforce/manifest.js';
import { baseManifest, setup } from './cli-helpers.js';
import { csv, ctxFor, KEY_A, manifestWith, ndjson, run, SUBJECT_KEY } from './helpers.js';

const MISSING = 'gateway.record_subject_key_missing';
const NOT_SCALAR = 'gateway.record_subject_key_not_scalar';

const ledgerHash = createSubjectHasher(SUBJECT_KEY);
const hexes = (packed: Uint8Array): string[] => {
  const out: string[] = [];
  for (let at = 0; at < packed.length; at += 32) out.push(Buffer.from(packed.subarray(at, at + 32)).toString('hex'));
  return out;
};
/** The ledger's digests of the distinct texts, in first-seen order. */
const expected = (texts: readonly string[]): string[] => [...new Set(texts)].map((t) => ledgerHash(t).toString('hex'));

/** Whitespace `trim` removes, characters it keeps that look alike (U+0085, U+180E, U+200B), and some text. */
const UNITS = [
  ...[' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029'],
  ...['\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u180e', '\u200b', '\u0000', 'V', '沪', '"', ',', '\\'],
  '😀',
];
const subjectText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 6 }),
  fc.string({ unit: fc.constantFrom(' ', '\t', '\u3000', '\u00a0'), maxLength: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

/** A JSON string with every character written as `\uXXXX`. */
const escapedJson = (s: string): string =>
  `"${Array.from({ length: s.length }, (_, i) => `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`;

/** A CSV cell holding `s`: quoted when it must be or when asked. */
const csvCell = (s: string, quote: boolean): string => (quote || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The physical line each record of `records` (joined by `\n`) starts at. */
const startLines = (records: readonly string[]): number[] => {
  let line = 1;
  return records.map((r) => {
    const at = line;
    line += 1 + (r.match(/\n/g)?.length ?? 0);
    return at;
  });
};

/** The subject key hashed, `a` kept: a manifest the record loops run (NDJSON to NDJSON, CSV to CSV). */
const LOOPED = manifestWith([
  { path: 'sid', operator: 'hash' },
  { path: 'a', operator: 'keep' },
]);

/**
 * The NDJSON manifests and paths: the record loop (every field `keep` or `hash`, NDJSON out), the scanners alone
 * (a `mask` field keeps the loop off), CSV output, each with the WebAssembly and the TypeScript scanner, and the
 * strict parser for every line.
 */
const NDJSON_SETUPS: { name: string; m: ExportManifest; output: 'ndjson' | 'csv'; loop: boolean }[] = [
  { name: 'loop', m: LOOPED, output: 'ndjson', loop: true },
  {
    name: 'scan',
    m: manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'keep' },
      { path: 'b', operator: 'mask', params: { keepFirst: 1, keepLast: 1 } },
    ]),
    output: 'ndjson',
    loop: false,
  },
  { name: 'csv out', m: LOOPED, output: 'csv', loop: false },
];
const NDJSON_PATHS = [{ scanner: 'wasm' as const }, { scanner: 'js' as const }, { forceSlow: true }];

/** Runs NDJSON `text` through every setup and path; checks they agree with each other and the reference. */
function ndjsonAllPaths(text: string) {
  const results = [];
  for (const s of NDJSON_SETUPS) {
    const runs = NDJSON_PATHS.map((opts) => {
      const t = ndjson(s.m, KEY_A, { ...opts, output: s.output });
      if (opts.scanner === 'wasm') expect((t as unknown as { loop: boolean }).loop, s.name).toBe(s.loop);
      return { opts, r: run(t, text) };
    });
    const first = runs[0]?.r as ReturnType<typeof run>;
    expect(first.scanner).toBe('wasm');
    for (const { opts, r } of runs) {
      const what = `${s.name} ${JSON.stringify(opts)}`;
      expect(r.text, what).toBe(first.text);
      expect(r.rejects, what).toEqual(first.rejects);
      expect(hexes(r.subjects), what).toEqual(hexes(first.subjects));
    }
    // The reference transform over `JSON.parse` rejects the same lines for the same reasons.
    const c = compileManifest(s.m);
    const { ctx } = ctxFor(KEY_A);
    const refRejects: { line: number; code: string; params: { path: string } }[] = [];
    text.split('\n').forEach((l, i) => {
      if (l === '') return;
      const o = transformObject(c, JSON.parse(l), ctx);
      if (o.kind === 'reject') refRejects.push({ line: i + 1, code: o.code, params: { path: o.path } });
    });
    expect(first.rejects, s.name).toEqual(refRejects);
    results.push({ setup: s, r: first });
  }
  return results;
}

/** The `a` value of each output record. */
const outA = (text: string, output: 'ndjson' | 'csv'): string[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => (output === 'ndjson' ? String((JSON.parse(l) as { a: unknown }).a) : (l.split(',')[1] as string)));

describe('NDJSON subject keys', () => {
  it('rejects blank (raw and escaped, ASCII and not), object and array subject keys on every path', () => {
    const lines = [
      '{"sid":"LSVAB12345C678901","a":1}',
      '{"sid":"   ","a":2}',
      '{"sid":"\\t","a":3}',
      '{"sid":"\\u0020","a":4}',
      '{"sid":" \u3000 ","a":5}',
      '{"sid":"\\u3000\\ufeff","a":6}',
      '{"a":7,"sid":{"a":1}}',
      '{"sid":[],"a":8}',
      '{"sid":" V1 ","a":9}',
      '{"sid":123,"a":10}',
      '{"sid":"123","a":11}',
      '{"sid":"","a":12}',
      '{"a":13}',
      '{"sid":null,"a":14}',
      '{"sid":"\u2028\u00a0","a":15}',
      '{"sid":"\\n\\r \\f","a":16}',
      '{"sid":"沪A12345","a":17}',
      '{"sid":"\u0085","a":18}',
      '{"sid":{},"b":"x","a":19}',
    ];
    const text = `${lines.join('\n')}\n`;
    for (const { setup, r } of ndjsonAllPaths(text)) {
      expect(
        r.rejects.map((x) => [x.line, x.code, x.params.path]),
        setup.name,
      ).toEqual([
        [2, MISSING, 'sid'],
        [3, MISSING, 'sid'],
        [4, MISSING, 'sid'],
        [5, MISSING, 'sid'],
        [6, MISSING, 'sid'],
        [7, NOT_SCALAR, 'sid'],
        [8, NOT_SCALAR, 'sid'],
        [12, MISSING, 'sid'],
        [13, MISSING, 'sid'],
        [14, MISSING, 'sid'],
        [15, MISSING, 'sid'],
        [16, MISSING, 'sid'],
        [19, NOT_SCALAR, 'sid'],
      ]);
      expect(outA(r.text, setup.output), setup.name).toEqual(['1', '9', '10', '11', '17', '18']);
      // `123` and `"123"` are one subject; " V1 " keeps its spaces.
      expect(hexes(r.subjects), setup.name).toEqual(
        expected(['LSVAB12345C678901', ' V1 ', '123', '沪A12345', '\u0085']),
      );
    }
  });

  it('with several subject keys, the first key that names no one gives the reason', () => {
    const m = manifestWith([{ path: 'a', operator: 'keep' }], { subjectKeys: ['sid', 'site'] });
    const text = [
      '{"sid":"P-1","site":"沪","a":1}',
      '{"sid":" ","site":{},"a":2}',
      '{"sid":[1],"site":"\\t","a":3}',
      '{"sid":"P-1","site":"\u3000","a":4}',
      '{"sid":"P-1","site":[],"a":5}',
      '{"sid":"P-2","site":"京","a":6}',
    ].join('\n');
    for (const opts of NDJSON_PATHS) {
      const r = run(ndjson(m, KEY_A, opts), text);
      expect(r.rejects.map((x) => [x.line, x.code, x.params.path])).toEqual([
        [2, MISSING, 'sid'],
        [3, NOT_SCALAR, 'sid'],
        [4, MISSING, 'site'],
        [5, NOT_SCALAR, 'site'],
      ]);
      expect(hexes(r.subjects)).toEqual(expected(['P-1\u001f沪', 'P-2\u001f京']));
    }
  });

  it('property: a string subject key is rejected exactly when its trim is empty, on every path', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(subjectText, fc.boolean()), { minLength: 1, maxLength: 8 }), (sids) => {
        const lines = sids.map(([s, esc], i) => `{"sid":${esc ? escapedJson(s) : JSON.stringify(s)},"a":${i}}`);
        const text = `${lines.join('\n')}\n`;
        const blank = sids.flatMap(([s], i) => (s.trim() === '' ? [i + 1] : []));
        const good = sids.flatMap(([s], i) => (s.trim() === '' ? [] : [i]));
        for (const { setup, r } of ndjsonAllPaths(text)) {
          expect(r.rejects).toEqual(blank.map((line) => ({ line, code: MISSING, params: { path: 'sid' } })));
          expect(outA(r.text, setup.output)).toEqual(good.map(String));
          expect(hexes(r.subjects)).toEqual(expected(good.map((i) => sids[i]?.[0] as string)));
        }
      }),
      { numRuns: 200 },
    );
  });
});

const CSV_SETUPS: { name: string; m: ExportManifest; loop: boolean }[] = [
  { name: 'loop', m: LOOPED, loop: true },
  {
    name: 'records',
    m: manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'mask', params: { keepFirst: 0, keepLast: 9 } },
    ]),
    loop: false,
  },
];

/** Runs CSV `text` (columns sid, a) through every setup and both scanners; checks they agree. */
function csvAllPaths(text: string) {
  return CSV_SETUPS.map((s) => {
    const runs = (['wasm', 'js'] as const).map((scanner) => {
      const t = csv(s.m, KEY_A, ['sid', 'a'], { scanner });
      expect((t as unknown as { loop: boolean }).loop, s.name).toBe(scanner === 'wasm' && s.loop);
      return run(t, text);
    });
    const [w, j] = runs as [ReturnType<typeof run>, ReturnType<typeof run>];
    expect(w.scanner).toBe('wasm');
    expect(j.scanner).toBe('js');
    expect(j.text, s.name).toBe(w.text);
    expect(j.rejects, s.name).toEqual(w.rejects);
    expect(hexes(j.subjects), s.name).toEqual(hexes(w.subjects));
    return w;
  });
}

describe('CSV subject keys', () => {
  it('rejects cells that are empty or only whitespace after unquoting, with the line each record starts at', () => {
    const records = [
      'LSVAB12345C678901,1',
      '   ,2',
      '"\t",3',
      '\t,4',
      `" \u3000 ",5`,
      ` \u3000 ,6`,
      '"",7',
      ',8',
      '" V1 ",9',
      ' V1 ,10',
      '"a""b",11',
      `"\u2028\u00a0\ufeff",12`,
      '"\r\n \n",13',
      '沪A12345,14',
      '"\u0085",15',
    ];
    const lines = startLines(records);
    for (const r of csvAllPaths(`${records.join('\n')}\n`)) {
      expect(r.rejects.map((x) => [x.line, x.code, x.params.path])).toEqual(
        [1, 2, 3, 4, 5, 6, 7, 11, 12].map((i) => [lines[i], MISSING, 'sid']),
      );
      expect(r.text.split('\n').filter(Boolean).length).toBe(6);
      expect(hexes(r.subjects)).toEqual(expected(['LSVAB12345C678901', ' V1 ', 'a"b', '沪A12345', '\u0085']));
    }
  });

  it('property: a subject cell is rejected exactly when its text trims to nothing, on both scanners', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(subjectText, fc.boolean()), { minLength: 1, maxLength: 8 }), (sids) => {
        // A `\r` ending an unquoted cell at the line's end is the line ending's, not the cell's: `sid` comes first.
        const records = sids.map(([s, quote], i) => `${csvCell(s, quote)},${i}`);
        const lines = startLines(records);
        const blank = sids.flatMap(([s], i) => (s.trim() === '' ? [lines[i]] : []));
        const good = sids.map(([s]) => s).filter((s) => s.trim() !== '');
        for (const r of csvAllPaths(`${records.join('\n')}\n`)) {
          expect(r.rejects).toEqual(blank.map((line) => ({ line, code: MISSING, params: { path: 'sid' } })));
          expect(hexes(r.subjects)).toEqual(expected(good));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('every character', () => {
  /** Every code point of the Basic Multilingual Plane but the surrogates, and some beyond it. */
  const chars: string[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) chars.push(String.fromCodePoint(cp));
  chars.push('\u{1f600}', '\u{e0020}', '\u{10ffff}');
  const blanks = chars.flatMap((ch, i) => (ch.trim() === '' ? [i] : []));

  it('the byte test agrees with trim on each one alone and after a space', () => {
    expect(blanks.length).toBeGreaterThan(20);
    for (const ch of chars) {
      const b = Buffer.from(` ${ch}`);
      expect(blankUtf8(b, 1, b.length), ch.codePointAt(0)?.toString(16)).toBe(ch.trim() === '');
      expect(blankUtf8(b, 0, b.length)).toBe(ch.trim() === '');
    }
  });

  it('each path rejects exactly the subject keys that are one whitespace character', () => {
    const nd = `${chars.map((ch, i) => `{"sid":${JSON.stringify(ch)},"a":${i}}`).join('\n')}\n`;
    for (const { setup, r } of ndjsonAllPaths(nd))
      expect(
        r.rejects.map((x) => x.line - 1),
        setup.name,
      ).toEqual(blanks);
    const cells = chars.map((ch, i) => `${csvCell(ch, true)},${i}`);
    for (const r of csvAllPaths(`${cells.join('\n')}\n`)) {
      const lines = startLines(cells);
      expect(r.rejects.map((x) => x.line)).toEqual(blanks.map((i) => lines[i]));
    }
  });
});

describe('datapass apply', () => {
  it('rejects blank and non-scalar subject keys and counts only real subjects, with WebAssembly and without', async () => {
    const fields: FieldRule[] = [
      { path: 'order_id', operator: 'keep' },
      { path: 'vin', operator: 'hash', piClass: 'personal' },
    ];
    const nd = [
      '{"order_id":"A1","vin":"LSVAB12345C000001"}',
      '{"order_id":"A2","vin":"  "}',
      '{"order_id":"A3","vin":"\\u3000"}',
      '{"order_id":"A4","vin":{"a":1}}',
      '{"order_id":"A5","vin":[]}',
      '{"order_id":"A6","vin":"LSVAB12345C000002"}',
    ].join('\n');
    const csvText = ['order_id,vin', 'A1,LSVAB12345C000001', 'A2,"\t"', `A3, \u3000`, 'A4,LSVAB12345C000002'].join(
      '\n',
    );
    for (const wasm of ['1', '0']) {
      const env = setup(baseManifest({ fields }));
      for (const [name, text, rejects] of [
        [
          'in.ndjson',
          nd,
          [
            [2, MISSING],
            [3, MISSING],
            [4, NOT_SCALAR],
            [5, NOT_SCALAR],
          ],
        ],
        [
          'in.csv',
          csvText,
          [
            [3, MISSING],
            [4, MISSING],
          ],
        ],
      ] as const) {
        const input = join(env.dir, name);
        writeFileSync(input, text);
        const out = join(env.dir, `out-${name}`);
        const r = await env.cli(
          ['apply', '--manifest', env.manifest, '--to', 'acme-gmbh', '--in', input, '--out', out, '--json'],
          { env: { DATAPASS_WASM: wasm } },
        );
        expect(r.code, r.stderr).toBe(0);
        const summary = JSON.parse(r.stderr) as { scanner: string; rejected: number; subjects: object };
        expect(summary.scanner).toBe(wasm === '1' ? 'wasm' : 'js');
        expect(summary.rejected).toBe(rejects.length);
        // Both files carry the same two vehicles: the NDJSON batch meets them first, the CSV batch sees them again.
        expect(summary.subjects).toEqual(name === 'in.ndjson' ? { new: 2, seen: 0 } : { new: 0, seen: 2 });
        const rej = readFileSync(`${out}.rejected.ndjson`, 'utf8');
        expect(
          rej
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { line: number; code: string })
            .map((x) => [x.line, x.code]),
        ).toEqual(rejects);
      }
    }
  });
});
