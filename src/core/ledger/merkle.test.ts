import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLeaf, decodeRange, encodeLeaf, newLeafScan, rangeEquals, scanLeaf, shanghaiYear } from './leaf.js';
import {
  consistencyPath,
  inclusionPath,
  leafHash,
  MerkleAccumulator,
  merkleRoot,
  type NodeSource,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
import { createWordNodeHasher, digestToWords, wordsToDigest } from './sha256.js';
import type { LedgerLeaf } from './types.js';

const sha = (b: Uint8Array): Uint8Array => createHash('sha256').update(b).digest();

/** A tree of n leaves with every perfect subtree hash, as the store keeps them. */
function build(n: number): { leaves: Uint8Array[]; nodes: NodeSource; roots: Uint8Array[] } {
  const leaves = Array.from({ length: n }, (_, i) => leafHash(sha, new TextEncoder().encode(`leaf ${i}`)));
  const map = new Map<string, Uint8Array>();
  const acc = new MerkleAccumulator(sha, (l, i, h) => map.set(`${l}/${i}`, h));
  const roots: Uint8Array[] = [sha(new Uint8Array(0))];
  leaves.forEach((h, i) => {
    map.set(`0/${i}`, h);
    acc.push(h);
    roots.push(acc.root());
  });
  return { leaves, roots, nodes: (l, i) => map.get(`${l}/${i}`) as Uint8Array };
}

const flip = (b: Uint8Array, at: number): Uint8Array => {
  const c = Uint8Array.from(b);
  c[at % c.length] = (c[at % c.length] as number) ^ 1;
  return c;
};

describe('RFC 9162 Merkle tree', () => {
  const big = build(300);

  it('matches the known root of the RFC 6962 test vectors for the empty tree', () => {
    expect(Buffer.from(merkleRoot(sha, [])).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('streaming root equals the recursive MTH for every size up to 300', () => {
    for (let n = 1; n <= 300; n++) {
      expect(Buffer.from(big.roots[n] as Uint8Array)).toEqual(Buffer.from(merkleRoot(sha, big.leaves.slice(0, n))));
    }
  });

  it('inclusion proofs verify for every size and index, and a flipped byte fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), async (n, m0, f) => {
        const m = m0 % n;
        const path = await inclusionPath(sha, big.nodes, m, n);
        const root = big.roots[n] as Uint8Array;
        const leaf = big.leaves[m] as Uint8Array;
        expect(path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect(verifyInclusion(sha, m, n, leaf, path, root)).toBe(true);
        expect(verifyInclusion(sha, m, n, flip(leaf, f), path, root)).toBe(false);
        expect(verifyInclusion(sha, m, n, leaf, path, flip(root, f))).toBe(false);
        if (path.length > 0) {
          const k = f % path.length;
          const bad = path.map((p, i) => (i === k ? flip(p, f) : p));
          expect(verifyInclusion(sha, m, n, leaf, bad, root)).toBe(false);
        }
        if (n > 1)
          expect(verifyInclusion(sha, (m + 1) % n, n, leaf, path, root)).toBe(leaf === big.leaves[(m + 1) % n]);
      }),
      { numRuns: 400 },
    );
  });

  it('exhaustively verifies inclusion for all sizes up to 64', async () => {
    const t = build(64);
    for (let n = 1; n <= 64; n++) {
      for (let m = 0; m < n; m++) {
        const path = await inclusionPath(sha, t.nodes, m, n);
        expect(verifyInclusion(sha, m, n, t.leaves[m] as Uint8Array, path, t.roots[n] as Uint8Array)).toBe(true);
      }
    }
  });

  it('consistency proofs verify for all pairs, and a flipped byte or a wrong root fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        async (a, b, f) => {
          const m = Math.min(a, b);
          const n = Math.max(a, b);
          const proof = await consistencyPath(sha, big.nodes, m, n);
          const r1 = big.roots[m] as Uint8Array;
          const r2 = big.roots[n] as Uint8Array;
          expect(verifyConsistency(sha, m, n, r1, r2, proof)).toBe(true);
          expect(verifyConsistency(sha, m, n, flip(r1, f), r2, proof)).toBe(false);
          expect(verifyConsistency(sha, m, n, r1, flip(r2, f), proof)).toBe(false);
          if (proof.length > 0) {
            const k = f % proof.length;
            expect(
              verifyConsistency(
                sha,
                m,
                n,
                r1,
                r2,
                proof.map((p, i) => (i === k ? flip(p, f) : p)),
              ),
            ).toBe(false);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('rejects out-of-range indices and sizes', async () => {
    expect(verifyInclusion(sha, 5, 5, big.leaves[0] as Uint8Array, [], big.roots[5] as Uint8Array)).toBe(false);
    expect(verifyConsistency(sha, 0, 5, big.roots[0] as Uint8Array, big.roots[5] as Uint8Array, [])).toBe(false);
    expect(verifyConsistency(sha, 6, 5, big.roots[6] as Uint8Array, big.roots[5] as Uint8Array, [])).toBe(false);
    await expect(inclusionPath(sha, big.nodes, 3, 3)).rejects.toThrow(RangeError);
  });
});

describe('leaf encoding and the Shanghai year', () => {
  const leaf: LedgerLeaf = {
    v: 1,
    batchId: 'b-1',
    exporter: '上海某车企',
    manifest: { id: 'm', version: '1' },
    lists: [{ id: 'lingang-icv', version: '2024.1' }],
    recipient: 'Acme GmbH',
    country: 'DE',
    time: '2026-01-01T00:00:00.000Z',
    year: 2026,
    records: 3,
    fields: ['a', 'b'],
    subjects: { sensitiveNew: 1, sensitiveSeen: 0, personalNew: 2, personalSeen: 1 },
    sha256: 'ab'.repeat(32),
    bytes: 10,
    gateway: 'gw-1',
  };

  it('round-trips and rejects non-canonical bytes', () => {
    const bytes = encodeLeaf(leaf);
    const d = decodeLeaf(bytes);
    expect(d.ok && d.leaf).toEqual(leaf);
    const spaced = new TextEncoder().encode(JSON.stringify(leaf, null, 1));
    expect(decodeLeaf(spaced).ok).toBe(false);
    const { v, batchId, ...rest } = leaf;
    const reordered = new TextEncoder().encode(JSON.stringify({ batchId, v, ...rest }));
    expect(decodeLeaf(reordered).ok).toBe(false);
    const { gateway: _g, ...missing } = leaf;
    expect(decodeLeaf(new TextEncoder().encode(JSON.stringify(missing))).ok).toBe(false);
  });

  it('counts the year in Asia/Shanghai (UTC+8): 1 January starts at 16:00 UTC on 31 December', () => {
    expect(shanghaiYear(Date.parse('2025-12-31T15:59:59.999Z'))).toBe(2025);
    expect(shanghaiYear(Date.parse('2025-12-31T16:00:00.000Z'))).toBe(2026);
  });
});

describe('JS SHA-256 node hash and the leaf scanner used by verify', () => {
  it('the word node hasher equals SHA-256(0x01 ‖ left ‖ right)', () => {
    const node = createWordNodeHasher();
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (l, r) => {
          const x = new Int32Array(24);
          digestToWords(l, 0, x, 0);
          digestToWords(r, 0, x, 8);
          node(x, 0, 8, 16);
          const out = new Uint8Array(32);
          wordsToDigest(x, 16, out, 0);
          expect(Buffer.from(out)).toEqual(sha(Uint8Array.from([1, ...l, ...r])));
        },
      ),
      { numRuns: 500 },
    );
  });

  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('a"b', 'c\\d', 'e\nf', '上海'));
  const leafArb = fc.record({
    v: fc.constant(1 as const),
    batchId: text,
    exporter: text,
    manifest: fc.record({ id: text, version: text }),
    lists: fc.array(fc.record({ id: text, version: text }), { maxLength: 3 }),
    recipient: text,
    country: text,
    time: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    year: fc.nat(9999),
    records: fc.nat(),
    fields: fc.array(text, { maxLength: 4 }),
    subjects: fc.record({
      sensitiveNew: fc.nat(),
      sensitiveSeen: fc.nat(),
      personalNew: fc.nat(),
      personalSeen: fc.nat(),
    }),
    sha256: text,
    bytes: fc.nat(),
    gateway: text,
  });

  it('scanLeaf reads what decodeLeaf reads from any encoded leaf, or defers to it', () => {
    const scan = newLeafScan();
    fc.assert(
      fc.property(leafArb, (leaf) => {
        const bytes = encodeLeaf(leaf);
        if (!scanLeaf(bytes, scan)) {
          // Only strings with escapes make it defer.
          expect(JSON.stringify([leaf.batchId, leaf.exporter, leaf.time])).toMatch(/\\/);
          return;
        }
        expect(decodeRange(bytes, scan.batchId[0], scan.batchId[1])).toBe(leaf.batchId);
        expect(rangeEquals(bytes, scan.batchId[0], scan.batchId[1], leaf.batchId)).toBe(true);
        expect(decodeRange(bytes, scan.exporter[0], scan.exporter[1])).toBe(leaf.exporter);
        expect(decodeRange(bytes, scan.time[0], scan.time[1])).toBe(leaf.time);
        expect([scan.year, scan.records, scan.sensitiveNew, scan.personalNew]).toEqual([
          leaf.year,
          leaf.records,
          leaf.subjects.sensitiveNew,
          leaf.subjects.personalNew,
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it('scanLeaf never throws on arbitrary bytes, and refuses truncated leaves', () => {
    const scan = newLeafScan();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => void scanLeaf(b, scan)));
    const bytes = encodeLeaf({
      v: 1,
      batchId: 'b-1',
      exporter: 'acme',
      manifest: { id: 'm', version: '1' },
      lists: [],
      recipient: 'r',
      country: 'DE',
      time: '2026-01-01T00:00:00.000Z',
      year: 2026,
      records: 1,
      fields: [],
      subjects: { sensitiveNew: 1, sensitiveSeen: 2, personalNew: 3, personalSeen: 4 },
      sha256: 'ab',
      bytes: 1,
      gateway: 'g',
    });
    expect(scanLeaf(bytes, scan)).toBe(true);
    for (let n = 0; n < bytes.length; n++) expect(scanLeaf(bytes.subarray(0, n), scan)).toBe(false);
  });
});
