import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FastHmac } from '../../src/adapters/gateway/hmac.js';

describe('FastHmac', () => {
  it('equals node:crypto HMAC-SHA256 for every length around the block boundaries', () => {
    const key = randomBytes(32);
    const h = new FastHmac(key);
    for (let n = 0; n < 300; n++) {
      const msg = randomBytes(n);
      const out = Buffer.alloc(64);
      h.hexInto(msg, 0, n, out, 0);
      expect(out.toString()).toBe(createHmac('sha256', key).update(msg).digest('hex'));
    }
  });

  it('raw digests equal node:crypto for every length, at any offset in a larger buffer', () => {
    const key = randomBytes(32);
    const h = new FastHmac(key);
    const buf = randomBytes(400);
    for (let n = 0; n < 140; n++) {
      const at = n % 7;
      const out = Buffer.alloc(40);
      h.rawInto(buf, at, at + n, out, 5);
      expect(out.subarray(5, 37).toString('hex')).toBe(
        createHmac('sha256', key)
          .update(buf.subarray(at, at + n))
          .digest('hex'),
      );
    }
  });

  it('equals node:crypto for random keys (including long ones) and strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 100 }), fc.string({ unit: 'binary' }), (key, s) => {
        expect(new FastHmac(key).hex(s)).toBe(createHmac('sha256', key).update(s, 'utf8').digest('hex'));
      }),
    );
  });
});
