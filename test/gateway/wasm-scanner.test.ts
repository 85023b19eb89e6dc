/**
 * The WebAssembly NDJSON scanner (wasm/ndjson-scan.ts) against the TypeScript scanner it replaces
 * (`NdjsonTransform.scan`, the reference): same output bytes, same rejects with the same reasons, same subjects,
 * on random records with random damage, long keys, many keys, and records longer than the scanner's memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { LOOP_INPUT } from '../../src/adapters/gateway/loop-wasm.js';
import { compileScanner } from '../../src/adapters/gateway/wasm.js';
import { SubjectHashSet } from '../../src/adapters/ledger/subject-set.js';
import { PACKAGE_ROOT } from '../../src/adapters/paths.js';
import type { FieldRule } from '../../src/core/enforce/manifest.js';
import { byteRule, damagedLines, KEY_A, manifestWith, ndjson, run } from './helpers.js';

/** Keys around the scanner's 16-byte compare width, one with a non-ASCII name. */
const KEYS = ['sid', 'a', 'b', 'key_of_sixteen_b', 'a_key_of_seventeen', 'k'.repeat(40), '车架号', 'z'];
/** Keys no manifest names: the `__proto__` guard and its near misses, and unknown keys that may repeat. */
const OTHER = ['__proto__', '__proto_x', '__proto__x', '_proto__', 'q', 'qq'];
const scalar = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', '"', '\\', '中', '\u0001', ' ', 'é'), maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof({ weight: 6, arbitrary: scalar }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
const record = fc.dictionary(fc.oneof(fc.constantFrom(...KEYS, ...OTHER), fc.string({ maxLength: 6 })), value, {
  maxKeys: 10,
});
const manifest = fc.tuple(...KEYS.map(byteRule)).map((rules) => {
  const fields = rules.filter((f): f is FieldRule => f !== undefined);
  return manifestWith(fields.length > 0 ? fields : [{ path: 'a', operator: 'keep' }]);
});
const edit = fc.tuple(
  fc.nat(),
  fc.constantFrom(
    ...['"', '\\', '\r', '\n', ' ', '\t', '{', '}', '[', ']', ':', ',', 'u', '0', '1', '-', '+', '.', 'e', 'E'],
    ...['t', 'f', 'n', 'true', 'null', '\u0000', '\u001f', '\u007f', '中', '\\u12', '\\"', '"q":1,', '"sid":', ''],
  ),
  fc.boolean(),
);
const line = fc.tuple(record, fc.array(edit, { maxLength: 3 }), fc.constantFrom('\n', '\r\n', ' \n', '\n\n'));

function both(m: ReturnType<typeof manifestWith>, text: string | Buffer) {
  const wasm = ndjson(m, KEY_A, { scanner: 'wasm' });
  const js = ndjson(m, KEY_A, { scanner: 'js' });
  expect(wasm.scanner).toBe('wasm');
  expect(js.scanner).toBe('js');
  return { w: run(wasm, text), j: run(js, text) };
}

function expectSame(r: ReturnType<typeof both>): void {
  expect(r.w.text).toBe(r.j.text);
  expect(r.w.rejects).toEqual(r.j.rejects);
  expect(r.w.suppressed).toBe(r.j.suppressed);
  expect(r.w.recordsIn).toBe(r.j.recordsIn);
  expect(Buffer.from(r.w.subjects)).toEqual(Buffer.from(r.j.subjects));
}

describe('WebAssembly NDJSON scanner = TypeScript scanner', () => {
  it('is the scanner a built package uses', () => {
    expect(ndjson(manifestWith([{ path: 'a', operator: 'keep' }]), KEY_A).scanner).toBe('wasm');
  });

  it('agrees on random records with random damage', () => {
    fc.assert(
      fc.property(manifest, fc.array(line, { minLength: 1, maxLength: 8 }), (m, lines) => {
        const text = damagedLines(lines);
        expectSame(both(m, text));
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees with its record loop on (keep, drop, hash) manifests: bytes, rejects, subjects once each', () => {
    // Only the operators the loop runs, so it is on: records it cannot take go to TypeScript one by one.
    const loopRule = (path: string) =>
      fc.option(
        fc.constantFrom<FieldRule>({ path, operator: 'keep' }, { path, operator: 'drop' }, { path, operator: 'hash' }),
        {
          nil: undefined,
        },
      );
    const loopManifest = fc.tuple(...KEYS.map(loopRule)).map((rules) => {
      const fields = rules.filter((f): f is FieldRule => f !== undefined);
      return manifestWith(fields.length > 0 ? fields : [{ path: 'sid', operator: 'hash' }]);
    });
    // Few distinct values, so subjects and digests repeat across records the loop and TypeScript handle.
    const small = fc.oneof(
      fc.constantFrom('s1', 's2', 'a\\u0062', 'ab', '', '中'),
      fc.integer({ min: 0, max: 3 }),
      fc.constant(null),
    );
    const rec = fc.dictionary(fc.constantFrom(...KEYS, 'q'), fc.oneof({ weight: 3, arbitrary: small }, value), {
      maxKeys: 8,
    });
    const loopLine = fc.tuple(rec, fc.array(edit, { maxLength: 1 }), fc.constantFrom('\n', '\r\n', '\n\n'));
    fc.assert(
      fc.property(loopManifest, fc.array(loopLine, { minLength: 1, maxLength: 12 }), (m, lines) => {
        const t = ndjson(m, KEY_A, { scanner: 'wasm' });
        expect((t as unknown as { loop: boolean }).loop).toBe(true);
        const text = damagedLines(
          lines.map(([r, e, sep]) => [r, e.length > 0 && lines.length % 3 === 0 ? e : [], sep]),
        );
        const r = { w: run(t, text), j: run(ndjson(m, KEY_A, { scanner: 'js' }), text) };
        expectSame(r);
        const digests = Buffer.from(r.w.subjects).toString('hex').match(/.{64}/g) ?? [];
        expect(new Set(digests).size).toBe(digests.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('computes the digests of values and subjects of every length as FastHmac does (1, 2 and more blocks)', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'v', operator: 'hash' },
    ]);
    // Around the block edges of SHA-256 (55/56/64 bytes with the key block: one or two tail blocks, full blocks).
    const lens = [1, 2, 17, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 129, 200, 1000];
    const text = lens.map((n) => `{"sid":"${'s'.repeat(n)}","v":"${'中'.repeat(n).slice(0, n)}${n}"}\n`).join('');
    const t = ndjson(m, KEY_A, { scanner: 'wasm' });
    expect((t as unknown as { loop: boolean }).loop).toBe(true);
    const w = run(t, text);
    const j = run(ndjson(m, KEY_A, { scanner: 'js' }), text);
    expect(w.text).toBe(j.text);
    expect(Buffer.from(w.subjects)).toEqual(Buffer.from(j.subjects));
    expect(w.subjects.length).toBe(lens.length * 32);
  });

  it('starts its tables over past 256 K subjects / 128 K digests: same bytes; repeats only, which the ledger drops', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'vin', operator: 'hash' },
    ]);
    const n = 300_000;
    const text = Buffer.from(Array.from({ length: n }, (_, i) => `{"sid":"S${i}","vin":"V${i % 150_000}"}\n`).join(''));
    const t = ndjson(m, KEY_A, { scanner: 'wasm' });
    // Two chunks cut at a line end, then the whole text again: every subject and value repeats.
    const cut = text.indexOf(0x0a, text.length >> 1) + 1;
    const parts = [text.subarray(0, cut), text.subarray(cut), text];
    const set = new SubjectHashSet();
    let out = '';
    let reported = 0;
    const repeats: boolean[] = [];
    for (const part of parts) {
      const r = run(t, part);
      out += r.text;
      reported += r.subjects.length / 32;
      repeats.push(r.repeats);
      set.addPacked(r.subjects);
    }
    expect(reported).toBeGreaterThan(n);
    // The chunks say when repeats may come (the set started over in the second one): apply dedupes from then on.
    expect(repeats).toEqual([false, true, true]);
    const j = ndjson(m, KEY_A, { scanner: 'js' });
    expect(out).toBe(parts.map((part) => run(j, part).text).join(''));
    // Every subject counted once in the ledger's set, whatever the loop reported again after starting over.
    expect(set.size).toBe(n);
  });

  it('reports a subject once whether the record loop or TypeScript met it first', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'hash' },
      { path: 'v', operator: 'keep' },
    ]);
    // "s\u0031" is "s1" escaped (TypeScript handles it); {"v":[1]} a nested value (TypeScript too).
    const text =
      '{"sid":"s1","v":1}\n{"sid":"s\\u0031","v":2}\n{"sid":"s2","v":[1]}\n{"sid":"s2","v":3}\n{"sid":"s1"}\n';
    const t = ndjson(m, KEY_A, { scanner: 'wasm' });
    const r = run(t, text);
    expect(r.subjects.length).toBe(2 * 32);
    expect(r.recordsIn).toBe(5);
    expect(r.text).toBe(run(ndjson(m, KEY_A, { scanner: 'js' }), text).text);
    // A second chunk: every subject is known by now.
    expect(run(t, text).subjects.length).toBe(0);
  });

  it('keeps one record-loop subject set across growth, over thousands of subjects', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'vin', operator: 'hash' },
    ]);
    const text = Array.from({ length: 30_000 }, (_, i) => `{"sid":"S${i % 9000}","vin":"V${i % 7000}"}\n`).join('');
    const w = ndjson(m, KEY_A, { scanner: 'wasm' });
    const a = run(w, text);
    const b = run(ndjson(m, KEY_A, { scanner: 'js' }), text);
    expect(a.text).toBe(b.text);
    expect(a.subjects.length).toBe(9000 * 32);
    expect(Buffer.from(a.subjects)).toEqual(Buffer.from(b.subjects));
    expect(run(w, text).subjects.length).toBe(0);
  });

  it('gives the same reasons for each kind of broken record', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'a', operator: 'hash' },
    ]);
    const lines = [
      '[1]',
      '{"sid":1,"a"}',
      '{"sid":1 "a":2}',
      '{"sid":"x\u0001"}',
      '{"sid":"\\q"}',
      '{"sid":"\\u12g4"}',
      '{"sid":01}',
      '{"sid":-}',
      '{"sid":1.}',
      '{"sid":1e}',
      '{"sid":tru}',
      '{"sid":nul}',
      '{"sid":fals}',
      '{"sid":',
      '{"sid":@}',
      '{"sid":1,"sid":2}',
      '{"q":1,"sid":3,"q":2}',
      '{"__proto__":1,"sid":1}',
      '{"sid":1,"a\u0002":1}',
      '{"sid":1,"a',
      '{"sid":"abc',
      '{sid:1}',
      '{"sid":1}}',
      '{"sid":1]',
      '{"sid":[1]}',
      '{"sid":{"a":1}}',
      '{"sid":1e+5,"a":-0.5E-3}',
      '{"sid":1,"__proto_x":2,"__proto__x":3}',
      '{"sid":1,}',
      '   {"sid" : 1 , "a" : "x" }  ',
      '{"sid":1,"a\\u0041":2}',
    ];
    const r = both(m, `${lines.join('\n')}\n`);
    expectSame(r);
    expect(r.w.rejects.length).toBeGreaterThan(20);
  });

  it('agrees on records longer than its memory and on many keys', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'big', operator: 'keep' },
      ...Array.from({ length: 250 }, (_, i) => ({ path: `f${i}`, operator: i % 2 ? 'keep' : 'drop' }) as FieldRule),
    ]);
    const wide = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${i}`, i]));
    // Three records of ~0.9 MB in one chunk: more than the scanner's first memory holds.
    const big = JSON.stringify({ sid: 1, big: '车'.repeat(300_000), tail: 1 });
    const text = `${JSON.stringify({ sid: 2, ...wide })}\n${big}\n${big.slice(0, -5)}\n${big}\n{"sid":3}\n`;
    const r = both(m, text);
    expectSame(r);
    expect(r.w.recordsOut).toBe(4);
    expect(r.w.rejects.map((x) => x.code)).toEqual(['gateway.record_bad_json']);
  });

  it('leaves manifests with more keys than its tables hold to the TypeScript scanner', () => {
    const m = manifestWith(Array.from({ length: 300 }, (_, i) => ({ path: `f${i}`, operator: 'keep' }) as FieldRule));
    expect(ndjson(m, KEY_A, { scanner: 'wasm' }).scanner).toBe('js');
  });

  it('keeps working across chunks after its memory grew', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'v', operator: 'drop' },
    ]);
    const t = ndjson(m, KEY_A, { scanner: 'wasm' });
    const small = Buffer.from('{"sid":1,"v":"x"}\n{"sid":2,"v":"y"}\n');
    const line = `${JSON.stringify({ sid: 9, v: 'x'.repeat(900_000) })}\n`;
    const big = Buffer.from(line.repeat(3));
    expect(run(t, small).text).toBe('{"sid":1}\n{"sid":2}\n');
    expect(run(t, big).text).toBe('{"sid":9}\n'.repeat(3));
    expect(run(t, small).text).toBe('{"sid":1}\n{"sid":2}\n');
  });

  it('scans a chunk its memory cannot grow to hold in TypeScript, then goes on', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'v', operator: 'drop' },
    ]);
    const t = ndjson(m, KEY_A, { scanner: 'wasm', wasmMaxBytes: LOOP_INPUT + (2 << 20) });
    const line = `${JSON.stringify({ sid: 9, v: 'x'.repeat(900_000) })}\n`;
    const bad = '{"sid":1,"sid":2}\n{"sid":"\u0001"}\n';
    const small = `{"sid":1,"v":"x"}\n${bad}`;
    const js = ndjson(m, KEY_A, { scanner: 'js' });
    for (const text of [small, line.repeat(3) + bad, small]) {
      const r = run(t, text);
      const ref = run(js, text);
      expect(r.text).toBe(ref.text);
      expect(r.rejects).toEqual(ref.rejects);
    }
  });

  it('hands a record with more unknown keys than its table holds to the TypeScript scanner', () => {
    const m = manifestWith([{ path: 'sid', operator: 'keep' }]);
    const many = Array.from({ length: 600 }, (_, i) => `"u${i}":${i}`).join(',');
    const text = `{"sid":1,${many}}\n{"sid":2,${many},"u3":0}\n{"sid":3,${many},}\n`;
    const r = both(m, text);
    expectSame(r);
    expect(r.w.text).toBe('{"sid":1}\n');
    expect(r.w.rejects.map((x) => x.code)).toEqual(['gateway.record_duplicate_key', 'gateway.record_bad_json']);
    expect(r.w.slow).toBe(0);
  });

  it('ends a chunk at `end` for both scanners, also inside a bigger buffer', () => {
    const m = manifestWith([{ path: 'sid', operator: 'keep' }]);
    const b = Buffer.from('{"sid":1}\n{"sid":2}\n');
    const w = ndjson(m, KEY_A, { scanner: 'wasm' }).process(b, 0, b.length - 2);
    const j = ndjson(m, KEY_A, { scanner: 'js' }).process(b, 0, b.length - 2);
    expect(Buffer.from(j.out).toString()).toBe('{"sid":1}\n');
    expect(Buffer.from(w.out).toString()).toBe('{"sid":1}\n');
    expect(j.rejects).toEqual(w.rejects);
    expect(j.rejects.map((r) => r.code)).toEqual(['gateway.record_bad_json']);
  });

  it('starts its record generations over before the counter could wrap', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'keep' },
      { path: 'v', operator: 'drop' },
    ]);
    for (const scanner of ['wasm', 'js'] as const) {
      const t = ndjson(m, KEY_A, { scanner });
      const text = '{"sid":1,"v":2}\n{"sid":2}\n'.repeat(3);
      expect(run(t, text).text).toBe('{"sid":1}\n{"sid":2}\n'.repeat(3));
      (t as unknown as { gen: number }).gen = 2 ** 31 - 3;
      const r = run(t, text);
      expect(r.rejects).toEqual([]);
      expect(r.text).toBe('{"sid":1}\n{"sid":2}\n'.repeat(3));
    }
  });
});

describe('loading a scanner module', () => {
  const file = join(PACKAGE_ROOT, 'dist/wasm/ndjson-scan.wasm');
  const contract = { exports: ['init', 'scan', 'run'], layout: 5 };

  it('takes the built module', () => {
    expect(compileScanner(readFileSync(file), file, contract)).toBeDefined();
  });

  it('refuses damaged, foreign and stale modules with a warning that names the file, and falls back', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const cases: [Uint8Array, typeof contract, RegExp][] = [
        [Buffer.from('not a module'), contract, /ndjson-scan\.wasm is unusable/],
        [Buffer.alloc(0), contract, /unusable/],
        [readFileSync(join(PACKAGE_ROOT, 'dist/wasm/csv-scan.wasm')), contract, /lacks scan/],
        [readFileSync(file), { ...contract, layout: 6 }, /layout is version 5, this DataPass needs 6/],
      ];
      for (const [bytes, c, why] of cases) {
        warn.mockClear();
        expect(compileScanner(bytes, file, c)).toBeUndefined();
        expect(String(warn.mock.calls[0]?.[0])).toMatch(why);
        expect(String(warn.mock.calls[0]?.[0])).toContain('npm run build');
      }
    } finally {
      warn.mockRestore();
    }
  });
});
