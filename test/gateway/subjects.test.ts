/**
 * Subjects leave a transform as the ledger's keyed hashes (packed 32 bytes each), computed from the record
 * bytes. They must equal what `ledger.subjectHasher()` computes from the key's text, or the same person would
 * count twice (once per path) and the thresholds would be wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestSet } from '../../src/adapters/gateway/subjects.js';
import { createSubjectHasher } from '../../src/adapters/ledger/subject-hasher.js';
import { csv, KEY_A, manifestWith, ndjson, run, SUBJECT_KEY } from './helpers.js';

const ledgerHash = createSubjectHasher(SUBJECT_KEY);
const hexes = (packed: Uint8Array): string[] => {
  const out: string[] = [];
  for (let at = 0; at < packed.length; at += 32) out.push(Buffer.from(packed.subarray(at, at + 32)).toString('hex'));
  return out;
};
/** The ledger's digests of the distinct texts, in first-seen order. */
const expected = (texts: string[]): string[] => [...new Set(texts)].map((t) => ledgerHash(t).toString('hex'));

const sid = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 70 }),
  fc.constantFrom('LSVAB12345C678901', '沪A12345', 'a"b\\c', 'é'),
  fc.integer(),
);

describe('subject digests', () => {
  it('NDJSON fast and strict paths report the ledger hash of each new subject key text', () => {
    fc.assert(
      fc.property(fc.array(sid, { minLength: 1, maxLength: 12 }), fc.boolean(), (sids, hashed) => {
        const m = manifestWith([
          { path: 'sid', operator: hashed ? 'hash' : 'keep' },
          { path: 'a', operator: 'keep' },
        ]);
        const text = `${sids.map((s, i) => JSON.stringify({ sid: s, a: i })).join('\n')}\n`;
        const want = expected(sids.map((s) => (typeof s === 'number' ? String(s) : s)));
        expect(hexes(run(ndjson(m, KEY_A), text).subjects)).toEqual(want);
        expect(hexes(run(ndjson(m, KEY_A, { forceSlow: true }), text).subjects)).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a subject whose value another hashed field carried before (the digest memo is no subject set)', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'hash' },
      { path: 'vin', operator: 'hash' },
    ]);
    const want = expected(['1', '0', 'LSV']);
    const nd = '{"vin":0,"sid":1}\n{"sid":0}\n{"vin":"LSV","sid":"LSV"}\n';
    for (const scanner of ['wasm', 'js'] as const)
      expect(hexes(run(ndjson(m, KEY_A, { scanner }), nd).subjects), scanner).toEqual(want);
    expect(hexes(run(ndjson(m, KEY_A, { forceSlow: true }), nd).subjects)).toEqual(want);
    for (const scanner of ['wasm', 'js'] as const)
      expect(hexes(run(csv(m, KEY_A, ['vin', 'sid'], { scanner }), '0,1\n,0\nLSV,LSV\n').subjects), scanner).toEqual(
        want,
      );
  });

  it('unpaired surrogates are their own subjects and hash values, not U+FFFD (and agree with the ledger)', () => {
    const m = manifestWith([
      { path: 'sid', operator: 'hash' },
      { path: 'v', operator: 'hash' },
    ]);
    const sids = ['\\ud800', '\\udbff', '\\ufffd', '\uFFFD', 'a\\udc00b'];
    const text = sids.map((s) => `{"sid":"${s}","v":"${s}"}\n`).join('');
    const texts = sids.map((s) => JSON.parse(`"${s}"`) as string);
    // "\ufffd" escaped and the raw character are one text: four distinct subjects.
    const want = expected(texts);
    expect(want).toHaveLength(4);
    for (const opts of [{ scanner: 'wasm' as const }, { scanner: 'js' as const }, { forceSlow: true }]) {
      const r = run(ndjson(m, KEY_A, opts), text);
      expect(hexes(r.subjects), JSON.stringify(opts)).toEqual(want);
      const values = r.text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { v: string }).v);
      expect(new Set(values).size).toBe(4);
    }
  });

  it('joins several subject keys with U+001F before hashing, on both formats', () => {
    const m = manifestWith(
      [
        { path: 'sid', operator: 'keep' },
        { path: 'site', operator: 'keep' },
      ],
      { subjectKeys: ['sid', 'site'] },
    );
    const nd = run(
      ndjson(m, KEY_A),
      '{"sid":"P-1","site":"沪"}\n{"sid":"P-1","site":"京"}\n{"site":"沪","sid":"P-1"}\n',
    );
    expect(hexes(nd.subjects)).toEqual(expected(['P-1\u001f沪', 'P-1\u001f京']));
    const c = run(csv(m, KEY_A, ['sid', 'site']), 'P-1,沪\nP-1,京\n"P-1",沪\n');
    expect(hexes(c.subjects)).toEqual(expected(['P-1\u001f沪', 'P-1\u001f京']));
  });

  it('CSV: quoted and plain cells give the same subject', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 10 }),
        fc.boolean(),
        (sids, hashed) => {
          const m = manifestWith([{ path: 'sid', operator: hashed ? 'hash' : 'keep' }]);
          const cell = (s: string) => (/[",\r\n]/.test(s) || s.length % 2 === 0 ? `"${s.replace(/"/g, '""')}"` : s);
          const text = `${sids.map((s) => `${cell(s)},x`).join('\n')}\n`;
          fc.pre(!sids.some((s) => s.trim() === '' || s.includes('\r')));
          const r = run(csv(m, KEY_A, ['sid', 'other']), text);
          expect(r.rejects).toEqual([]);
          expect(hexes(r.subjects)).toEqual(expected(sids));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('DigestSet', () => {
  it('says new exactly once per digest, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 5000 }), (ids) => {
        const set = new DigestSet();
        const seen = new Set<number>();
        const packed = new Uint8Array(ids.length * 32);
        for (const [i, id] of ids.entries()) packed.set(ledgerHash(String(id)), i * 32);
        ids.forEach((id, i) => {
          expect(set.add(packed, i * 32)).toBe(!seen.has(id));
          seen.add(id);
        });
      }),
      { numRuns: 20 },
    );
  });

  it('filters packed arrays: the first of each digest, in order, whatever the split (and the all-zero digest)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1, max: 3000 }), { maxLength: 5000 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (ids, cuts) => {
          const digest = (id: number) => (id < 0 ? new Uint8Array(32) : ledgerHash(String(id)));
          const packed = new Uint8Array(ids.length * 32);
          for (const [i, id] of ids.entries()) packed.set(digest(id), i * 32);
          const set = new DigestSet();
          const points = [...new Set(cuts.map((c) => (c % (ids.length + 1)) * 32)), 0, packed.length].sort(
            (a, b) => a - b,
          );
          const kept: number[] = [];
          for (let k = 0; k + 1 < points.length; k++) {
            const part = set.filter(packed.slice(points[k], points[k + 1]));
            for (let at = 0; at < part.length; at += 32)
              kept.push(ids.find((id) => Buffer.from(digest(id)).equals(part.subarray(at, at + 32))) as number);
          }
          expect(kept).toEqual([...new Set(ids)]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
