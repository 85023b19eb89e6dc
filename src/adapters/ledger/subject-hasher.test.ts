import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSubjectHasher } from './subject-hasher.js';
import { SubjectHashSet } from './subject-set.js';

describe('fast subject hasher', () => {
  it('equals createHmac for any string, any length (fast path matches the reference)', () => {
    const key = randomBytes(32);
    const h = createSubjectHasher(key);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.string({ minLength: 50, maxLength: 300 }),
        ),
        (s) => {
          expect(h(s).toString('hex')).toBe(createHmac('sha256', key).update(s, 'utf8').digest('hex'));
        },
      ),
      { numRuns: 2000 },
    );
    for (const s of [
      '',
      '310101199001011234',
      'LSVAU2180N2183294',
      'x'.repeat(54),
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(64),
      '\u007f'.repeat(55),
      'é'.repeat(20),
      '患者-甲'.repeat(40),
    ]) {
      expect(h(s)).toEqual(createHmac('sha256', key).update(s, 'utf8').digest());
    }
  });

  it('hashMany packs the same digests, 32 bytes each', () => {
    const key = randomBytes(32);
    const h = createSubjectHasher(key);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 80 }), { maxLength: 30 }), (values) => {
        const packed = h.hashMany(values);
        expect(packed.length).toBe(values.length * 32);
        values.forEach((v, i) => {
          expect(Buffer.from(packed.subarray(i * 32, i * 32 + 32))).toEqual(
            createHmac('sha256', key).update(v, 'utf8').digest(),
          );
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('subject hash set (128-bit members)', () => {
  const prefix = (b: Buffer): Buffer => b.subarray(0, 16);

  it('counts distinct and new members exactly, across growth', () => {
    const set = new SubjectHashSet(4);
    const a = Array.from({ length: 5000 }, () => randomBytes(32));
    const r1 = set.addPacked(Buffer.concat([...a.slice(0, 3000), ...a.slice(0, 10)]));
    expect(r1).toEqual({ distinct: 3000, added: 3000 });
    expect(Buffer.from(set.lastAdded())).toEqual(Buffer.concat(a.slice(0, 3000).map(prefix)));
    const r2 = set.addPacked(Buffer.concat([...a.slice(2000), ...a.slice(2000, 2100)]));
    expect(r2).toEqual({ distinct: 3000, added: 2000 });
    expect(set.size).toBe(5000);
    expect(Buffer.from(set.lastAdded())).toEqual(Buffer.concat(a.slice(3000).map(prefix)));
  });

  it('does not count a new member repeated after an old one as seen', () => {
    const set = new SubjectHashSet();
    const [x, y, z] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    set.addPacked(x);
    // y new, x old, y again, z new, z again, x again.
    expect(set.addPacked(Buffer.concat([y, x, y, z, z, x]))).toEqual({ distinct: 3, added: 2 });
    expect(set.addPacked(Buffer.concat([x, y, z, x]))).toEqual({ distinct: 3, added: 0 });
  });

  it('agrees with a reference Set on random batches (16-byte and 32-byte strides)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(60), { maxLength: 40 }), { maxLength: 12 }), (batches) => {
        const pool = Array.from({ length: 61 }, (_, i) => Buffer.alloc(32, i)); // pool[0] is the all-zero hash
        const set = new SubjectHashSet();
        const ref = new Set<number>();
        batches.forEach((b, k) => {
          const distinct = new Set(b);
          const added = [...distinct].filter((x) => !ref.has(x)).length;
          for (const x of b) ref.add(x);
          const packed =
            k % 2 === 0
              ? Buffer.concat(b.map((x) => pool[x] as Buffer))
              : Buffer.concat(b.map((x) => prefix(pool[x] as Buffer)));
          expect(set.addPacked(packed, k % 2 === 0 ? 32 : 16)).toEqual({ distinct: distinct.size, added });
        });
        expect(set.size).toBe(ref.size);
      }),
    );
  });

  it('round-trips through a snapshot', () => {
    const set = new SubjectHashSet(3000);
    const a = Array.from({ length: 3000 }, () => randomBytes(32));
    set.addPacked(Buffer.concat(a));
    const { table, size, hasZero } = set.snapshot();
    const back = SubjectHashSet.fromSnapshot(Int32Array.from(table), size, hasZero) as SubjectHashSet;
    expect(back.size).toBe(3000);
    expect(back.addPacked(Buffer.concat([a[0] as Buffer, randomBytes(32)]))).toEqual({ distinct: 2, added: 1 });
    expect(SubjectHashSet.fromSnapshot(new Int32Array(12), 0, false)).toBeUndefined();
  });

  it('handles unaligned input', () => {
    const set = new SubjectHashSet();
    const buf = Buffer.concat([Buffer.alloc(1), randomBytes(64)]).subarray(1);
    expect(set.addPacked(buf)).toEqual({ distinct: 2, added: 2 });
  });
});
