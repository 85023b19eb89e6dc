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
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(64),
      '患者-甲'.repeat(40),
    ]) {
      expect(h(s)).toEqual(createHmac('sha256', key).update(s, 'utf8').digest());
    }
  });
});

describe('exact subject hash set', () => {
  it('counts distinct and new members exactly, across growth', () => {
    const set = new SubjectHashSet(4);
    const a = Array.from({ length: 5000 }, () => randomBytes(32));
    const r1 = set.addPacked(Buffer.concat([...a.slice(0, 3000), ...a.slice(0, 10)]));
    expect(r1).toEqual({ distinct: 3000, added: 3000 });
    const r2 = set.addPacked(Buffer.concat([...a.slice(2000), ...a.slice(2000, 2100)]));
    expect(r2).toEqual({ distinct: 3000, added: 2000 });
    expect(set.size).toBe(5000);
    expect(Buffer.from(set.bytesFrom(4999))).toEqual(a[4999]);
  });

  it('handles unaligned input', () => {
    const set = new SubjectHashSet();
    const buf = Buffer.concat([Buffer.alloc(1), randomBytes(64)]).subarray(1);
    expect(set.addPacked(buf)).toEqual({ distinct: 2, added: 2 });
  });
});
